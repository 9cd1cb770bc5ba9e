"""KGX TSV (``nodes.tsv``, ``edges.tsv``) with Biolink categories and predicates where they fit.

Identifiers are CURIEs with the sarckg prefixes (``ent:drug/pembrolizumab``,
``skg:PD1Inhibitor``; see ``sarckg.namespaces.PREFIXES``). A relation with no Biolink
predicate of the same meaning is written ``biolink:related_to`` with its own predicate in
``original_predicate``; effects carry ``object_direction_qualifier``. Multivalued fields are
joined with ``|`` as KGX reads them (a ``|`` inside a quote is therefore ambiguous there;
the RDF exports keep every quote exact).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from sarckg.export.base import Exporter
from sarckg.export.domain import DomainEdge, DomainGraph, DomainNode, domain_graph, local_name
from sarckg.model import short_hash
from sarckg.namespaces import PREFIXES

#: sarckg class (local name) -> Biolink category; first match in a node's types wins.
CATEGORY_MAP: tuple[tuple[str, str], ...] = (
    ("Drug", "biolink:Drug"),
    ("Regimen", "biolink:Treatment"),
    ("Protein", "biolink:Protein"),
    ("Gene", "biolink:Gene"),
    ("Target", "biolink:GeneOrGeneProduct"),
    ("CellType", "biolink:Cell"),
    ("Process", "biolink:BiologicalProcess"),
    ("Biomarker", "biolink:ClinicalFinding"),
    ("SarcomaSubtype", "biolink:Disease"),
    ("Population", "biolink:Cohort"),
    ("AdverseEvent", "biolink:PhenotypicFeature"),
    ("Study", "biolink:Study"),
    ("Patient", "biolink:Case"),
    ("Document", "biolink:Publication"),
)

_INCREASED = ("increases", "activates", "upregulates", "promotes")
_DECREASED = ("decreases", "inhibits", "suppresses", "downregulates")

#: sarckg predicate (local name) -> Biolink predicate, where the meaning is the same.
PREDICATE_MAP: dict[str, str] = {
    "targets": "biolink:interacts_with",
    "binds": "biolink:directly_physically_interacts_with",
    **{name: "biolink:affects" for name in (*_INCREASED, *_DECREASED, "normalizes", "converts")},
    "hasComponent": "biolink:has_part",
    "studiedIn": "biolink:studied_to_treat",
    "hasAdverseEvent": "biolink:has_adverse_event",
    "associatedWith": "biolink:associated_with",
    "subtypeOf": "biolink:subclass_of",
}

NODE_COLUMNS = ("id", "category", "name", "synonym", "description", "xref", "iri", "provided_by")
EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", "original_predicate", "object_direction_qualifier",
    "knowledge_level", "agent_type", "primary_knowledge_source", "publications", "supporting_text",
)
KNOWLEDGE_SOURCE = "infores:sarckg"


def curie(iri: str) -> str:
    """``https://w3id.org/sarckg/entity/drug/x`` -> ``ent:drug/x`` (longest namespace wins)."""
    best = ("", "")
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best[1]):
            best = (prefix, str(ns))
    return f"{best[0]}:{iri[len(best[1]):]}" if best[0] else iri


def biolink_category(node: DomainNode) -> str:
    for local, category in CATEGORY_MAP:
        if local in node.types or local == node.category:
            return category
    return "biolink:NamedThing"


def node_row(graph: Graph, node: DomainNode) -> list[str]:
    iri = URIRef(node.iri)
    definition = graph.value(iri, SKOS.definition)
    xrefs = sorted(str(x) for x in graph.objects(iri, SKOS.exactMatch))
    return [
        curie(node.iri), biolink_category(node), node.label, "|".join(node.alt_labels),
        str(definition or ""), "|".join(xrefs), node.iri, KNOWLEDGE_SOURCE,
    ]


def edge_row(edge: DomainEdge) -> list[str]:
    name = local_name(edge.predicate) if edge.relation != "is a" else "type"
    predicate = PREDICATE_MAP.get(name, "biolink:related_to")
    direction = "increased" if name in _INCREASED else "decreased" if name in _DECREASED else ""
    pubs = sorted({ev.document_label for ev in edge.evidence if ev.document_label})
    texts = sorted({ev.quote for ev in edge.evidence})
    return [
        "skg-edge:" + short_hash(edge.subject, edge.predicate, edge.object),
        curie(edge.subject), predicate, curie(edge.object), curie(edge.predicate), direction,
        "knowledge_assertion" if edge.evidence else "not_provided",
        "text_mining_agent" if edge.evidence else "not_provided",
        KNOWLEDGE_SOURCE, "|".join(pubs), "|".join(texts),
    ]


def tsv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def kgx_tables(graph: Graph, domain: DomainGraph | None = None) -> tuple[bytes, bytes]:
    """The ``nodes.tsv`` and ``edges.tsv`` contents."""
    domain = domain or domain_graph(graph)
    edges = [e for e in domain.edges if e.relation != "is a"]  # classes are node types in KGX
    nodes = tsv(NODE_COLUMNS, (node_row(graph, n) for n in domain.nodes))
    return nodes, tsv(EDGE_COLUMNS, (edge_row(e) for e in edges))


class KgxExporter(Exporter):
    name = "kgx"
    suffix = ""
    multi_file = True

    def write(self, graph: Graph) -> None:
        nodes, edges = kgx_tables(graph)
        self.files.open(self.path / "nodes.tsv").write(nodes)
        self.files.open(self.path / "edges.tsv").write(edges)
