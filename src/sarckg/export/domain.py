"""The domain view of the graph: entities and the direct edges between them, with evidence.

Reified statements, evidence and documents are folded into the edges they support, so
spreadsheet, GraphML, KGX and the network picture all show ``lenvatinib -decreases-> TAM``
with the quotes that state it. Edges are matched to statements by the table in
docs/design.md ("Triples per statement kind").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from sarckg.namespaces import BASE, DOC, ENT, SKG

#: Category classes, most telling first: an entity that is both a Target and a Biomarker is
#: drawn and exported as a Target (its other types stay in ``types``).
CATEGORIES: tuple[str, ...] = (
    "Drug", "Regimen", "Target", "CellType", "Process", "Biomarker", "SarcomaSubtype",
    "Population", "AdverseEvent", "Study", "Patient", "Document",
)

#: Categories of ontology terms used as nodes, by the predicate that points at them.
TERM_CATEGORY: dict[URIRef, str] = {
    RDF.type: "DrugClass",
    SKG.hasComponent: "DrugClass",
    SKG.associatedWith: "ClinicalOutcome",
    SKG.hasTrait: "SubtypeTrait",
}

Edge = tuple[URIRef, URIRef, URIRef]


@dataclass(frozen=True, order=True)
class EvidenceRef:
    """One quote backing an edge, with where it was read."""

    document: str  # document IRI
    start: int
    end: int
    quote: str
    document_label: str
    polarity: str  # "supports" or "disputes"
    statement: str  # statement IRI


@dataclass(frozen=True, order=True)
class DomainNode:
    iri: str
    label: str
    category: str
    types: tuple[str, ...] = ()  # local names of every skg class it has
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class DomainEdge:
    subject: str
    predicate: str
    object: str
    relation: str  # readable: "targets", "decreases", "is a"
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True)
class DomainGraph:
    """Nodes and edges sorted by IRI: the same graph always gives the same sequence."""

    nodes: tuple[DomainNode, ...]
    edges: tuple[DomainEdge, ...]

    def node(self, iri: str) -> DomainNode:
        return {n.iri: n for n in self.nodes}[iri]


def local_name(iri: str) -> str:
    """The part after the last ``#`` or ``/``."""
    return re.split(r"[#/]", iri)[-1]


def humanize(name: str) -> str:
    """``"hasAdverseEvent"`` -> ``"has adverse event"``; ``"PD1Inhibitor"`` -> ``"PD1 inhibitor"``."""
    words = re.findall(r"[A-Z0-9]+(?![a-z])|[A-Z]?[a-z0-9]+", name)
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words) or name


def relation_label(predicate: URIRef) -> str:
    """A readable relation name for an edge label."""
    if predicate == RDF.type:
        return "is a"
    return humanize(local_name(str(predicate)))


def is_entity(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(ENT))


def is_term(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(SKG))


def label_of(graph: Graph, term: URIRef) -> str:
    """The ``rdfs:label`` (first in sort order), else a readable local name."""
    labels = sorted(str(o) for o in graph.objects(term, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else humanize(local_name(str(term)))


def _types(graph: Graph, term: URIRef) -> tuple[str, ...]:
    return tuple(sorted(local_name(str(t)) for t in graph.objects(term, RDF.type) if is_term(t)))


def _category(types: tuple[str, ...]) -> str:
    for category in CATEGORIES:
        if category in types:
            return category
    return types[0] if types else "Entity"


def _statement_edges(graph: Graph, stmt: URIRef, kind: str) -> Iterator[Edge]:
    """Direct edges a statement of ``kind`` states (docs/design.md table)."""

    def one(p: URIRef) -> URIRef | None:
        value = graph.value(stmt, p)
        return value if isinstance(value, URIRef) else None

    regimen = one(SKG.regimen)
    if kind in ("DrugTargetStatement", "DrugClassStatement"):
        s, p, o = one(RDF.subject), one(RDF.predicate), one(RDF.object)
        if s and p and o:
            yield s, p, o
    elif kind == "Mechanism":
        agent, effect, obj = one(SKG.agent), one(SKG.effect), one(SKG.object)
        if agent and effect and obj:
            name = local_name(str(effect))
            yield agent, SKG[name[:1].lower() + name[1:]], obj
    elif kind == "RegimenStatement" and regimen:
        for component in graph.objects(regimen, SKG.hasComponent):
            if isinstance(component, URIRef):
                yield regimen, SKG.hasComponent, component
    elif kind in ("RegimenStudiedStatement", "StudyStatement"):
        population, study = one(SKG.population), one(SKG.study)
        if regimen and population:
            yield regimen, SKG.studiedIn, population
        if regimen and study:
            yield study, SKG.evaluates, regimen
    elif kind == "BiomarkerAssociation":
        biomarker, outcome = one(SKG.biomarker), one(SKG.outcome)
        if biomarker and outcome:
            yield biomarker, SKG.associatedWith, outcome
    elif kind == "AdverseEventReport":
        event = one(SKG.event)
        if regimen and event:
            yield regimen, SKG.hasAdverseEvent, event
    elif kind == "SubtypePropertyStatement":
        subtype, trait, related = one(SKG.subtype), one(SKG.trait), one(SKG.related)
        if subtype and trait:
            yield subtype, SKG.hasTrait, trait
        if subtype and related:
            yield subtype, SKG.harbours, related
    elif kind == "PatientObservation":
        patient, study = one(SKG.patient), one(SKG.study)
        if patient and study:
            yield patient, SKG.inStudy, study


def statement_kinds(graph: Graph, stmt: URIRef) -> list[str]:
    return sorted(local_name(str(t)) for t in graph.objects(stmt, RDF.type) if is_term(t))


def evidence_of(graph: Graph, stmt: URIRef) -> list[EvidenceRef]:
    """The evidence of one statement, sorted by document and offset."""
    refs = []
    for ev in graph.objects(stmt, PROV.wasDerivedFrom):
        if not isinstance(ev, URIRef):
            continue
        doc = graph.value(ev, DCTERMS.source)
        quote = graph.value(ev, SKG.quote)
        polarity = graph.value(ev, SKG.polarity)
        refs.append(EvidenceRef(
            document=str(doc or ""),
            start=_int(graph.value(ev, SKG.startOffset)),
            end=_int(graph.value(ev, SKG.endOffset)),
            quote=str(quote or ""),
            document_label=document_label(graph, doc) if isinstance(doc, URIRef) else "",
            polarity="disputes" if polarity == SKG.Disputes else "supports",
            statement=str(stmt),
        ))
    return sorted(refs)


def document_label(graph: Graph, doc: URIRef) -> str:
    """How to cite a document: its DOI, else its file name, else its IRI's id."""
    for prop in (SKG.doi, SKG.fileName):
        value = graph.value(doc, prop)
        if value is not None:
            return ("doi:" if prop == SKG.doi else "") + str(value)
    return str(doc).removeprefix(str(DOC))


def _int(value: Node | None) -> int:
    try:
        return int(value) if isinstance(value, Literal) else -1
    except (TypeError, ValueError):
        return -1


def edge_evidence(graph: Graph) -> dict[Edge, list[EvidenceRef]]:
    """Every direct edge stated by some statement, with the statements' evidence."""
    found: dict[Edge, list[EvidenceRef]] = defaultdict(list)
    statements = {s for s in graph.subjects(PROV.wasDerivedFrom, None) if isinstance(s, URIRef)}
    for stmt in sorted(statements):
        refs = evidence_of(graph, stmt)
        for kind in statement_kinds(graph, stmt):
            for edge in _statement_edges(graph, stmt, kind):
                if edge in graph:
                    found[edge].extend(refs)
    return found


def _is_domain_edge(graph: Graph, s: Node, p: Node, o: Node) -> bool:
    if not (is_entity(s) and isinstance(p, URIRef)):
        return False
    if p == RDF.type:
        return is_term(o) and o not in {SKG[c] for c in CATEGORIES}
    if not str(p).startswith(BASE) or p == SKG.reportsStudy:
        return False
    return is_entity(o) or (is_term(o) and p in TERM_CATEGORY)


def domain_graph(graph: Graph) -> DomainGraph:
    """Entities and the direct edges between them (with evidence where a statement states them).

    ``rdf:type`` edges to finer classes are kept only where a drug-class statement states
    them (a drug's class named in text); other typing is in each node's ``types``.
    """
    evidence = edge_evidence(graph)
    edges: list[DomainEdge] = []
    term_categories: dict[URIRef, str] = {}
    for s, p, o in graph:
        if not _is_domain_edge(graph, s, p, o):
            continue
        assert isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)
        refs = evidence.get((s, p, o), [])
        if p == RDF.type and not refs:
            continue
        if is_term(o):
            term_categories.setdefault(o, TERM_CATEGORY[p])
        edges.append(DomainEdge(str(s), str(p), str(o), relation_label(p), tuple(sorted(set(refs)))))
    iris = {URIRef(e.subject) for e in edges} | {URIRef(e.object) for e in edges}
    iris |= {s for s in graph.subjects(RDF.type, None) if is_entity(s)}  # type: ignore[misc]
    nodes = [_node(graph, iri, term_categories) for iri in iris]
    return DomainGraph(tuple(sorted(nodes)), tuple(sorted(edges)))


def _node(graph: Graph, iri: URIRef, term_categories: dict[URIRef, str]) -> DomainNode:
    types = _types(graph, iri)
    category = term_categories.get(iri) or _category(types)
    alt = tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel)))
    return DomainNode(str(iri), label_of(graph, iri), category, types, alt)
