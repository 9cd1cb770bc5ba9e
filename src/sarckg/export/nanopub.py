"""Nanopublications (TriG): one per statement, with assertion, provenance and pubinfo graphs.

The assertion graph holds the statement node and the direct edges it states; the
provenance graph its evidence, each quote anchored in its document by an
``oa:TextPositionSelector`` (offsets) and an ``oa:TextQuoteSelector`` (the exact text); the
pubinfo graph the creation date (the build date, see :func:`sarckg.export.void.build_date`)
and the generator. Every IRI is derived from the statement IRI, so output is reproducible.
"""

from __future__ import annotations

from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS

from sarckg import __version__
from sarckg.export._rdf import bind_prefixes
from sarckg.export.base import Exporter
from sarckg.export.domain import _statement_edges, statement_kinds
from sarckg.export.void import build_date
from sarckg.namespaces import BASE, OA, PREFIXES, SKG, STMT

NP = Namespace("http://www.nanopub.org/nschema#")
NANOPUB = Namespace(BASE + "nanopub/")


def nanopub_iri(statement: URIRef) -> URIRef:
    return NANOPUB[str(statement).removeprefix(str(STMT))]


def add_nanopub(dataset: Dataset, graph: Graph, statement: URIRef, created: Literal | None) -> None:
    """Add the four graphs of ``statement``'s nanopublication to ``dataset``."""
    this = nanopub_iri(statement)
    head, assertion, provenance, pubinfo = (URIRef(f"{this}#{part}") for part in
                                            ("Head", "assertion", "provenance", "pubinfo"))
    h = dataset.graph(head)
    h.add((this, RDF.type, NP.Nanopublication))
    h.add((this, NP.hasAssertion, assertion))
    h.add((this, NP.hasProvenance, provenance))
    h.add((this, NP.hasPublicationInfo, pubinfo))

    a = dataset.graph(assertion)
    evidence = {e for e in graph.objects(statement, PROV.wasDerivedFrom) if isinstance(e, URIRef)}
    for p, o in graph.predicate_objects(statement):
        if p != PROV.wasDerivedFrom:
            a.add((statement, p, o))
    for kind in statement_kinds(graph, statement):
        for edge in _statement_edges(graph, statement, kind):
            if edge in graph:
                a.add(edge)

    pv = dataset.graph(provenance)
    for ev in sorted(evidence):
        pv.add((assertion, PROV.wasDerivedFrom, ev))
        pv.add((statement, PROV.wasDerivedFrom, ev))
        for p, o in graph.predicate_objects(ev):
            pv.add((ev, p, o))
        _anchor(pv, graph, ev)

    pi = dataset.graph(pubinfo)
    pi.add((this, PROV.wasGeneratedBy, Literal(f"sarckg {__version__}")))
    pi.add((this, RDFS.label, Literal(f"nanopublication of: {graph.value(statement, RDFS.label)}")))
    if created is not None:
        pi.add((this, DCTERMS.created, created))


def _anchor(pv: Graph, graph: Graph, ev: object) -> None:
    """An ``oa:Annotation`` targeting the quote's span in its document."""
    assert isinstance(ev, URIRef)
    doc = graph.value(ev, DCTERMS.source)
    start, end = graph.value(ev, SKG.startOffset), graph.value(ev, SKG.endOffset)
    if doc is None or start is None or end is None:
        return
    annotation, target = URIRef(f"{ev}#annotation"), URIRef(f"{ev}#target")
    position, quote = URIRef(f"{ev}#position"), URIRef(f"{ev}#quote")
    pv.add((annotation, RDF.type, OA.Annotation))
    pv.add((annotation, OA.hasBody, ev))
    pv.add((annotation, OA.hasTarget, target))
    pv.add((target, RDF.type, OA.SpecificResource))
    pv.add((target, OA.hasSource, doc))
    pv.add((target, OA.hasSelector, position))
    pv.add((target, OA.hasSelector, quote))
    pv.add((position, RDF.type, OA.TextPositionSelector))
    pv.add((position, OA.start, start))
    pv.add((position, OA.end, end))
    pv.add((quote, RDF.type, OA.TextQuoteSelector))
    pv.add((quote, OA.exact, graph.value(ev, SKG.quote) or Literal("")))


def nanopublications(graph: Graph) -> Dataset:
    """One nanopublication per statement (every node with ``prov:wasDerivedFrom``)."""
    dataset = Dataset()
    bind_prefixes(dataset)
    dataset.bind("np", NP)
    dataset.bind("nanopub", NANOPUB)
    created = build_date(graph)
    statements = {s for s in graph.subjects(PROV.wasDerivedFrom, None) if isinstance(s, URIRef)}
    for statement in sorted(statements):
        add_nanopub(dataset, graph, statement, created)
    return dataset


class NanopubExporter(Exporter):
    name = "nanopub"
    suffix = ".trig"

    def write(self, graph: Graph) -> None:
        self.files.open(self.path).write(to_trig(nanopublications(graph)))


def to_trig(dataset: Dataset) -> bytes:
    """TriG with the graphs in IRI order (rdflib's TriG writer orders them by hash)."""
    names = {**PREFIXES, "np": NP, "nanopub": NANOPUB}
    prefixes = sorted(f"@prefix {p}: <{ns}> ." for p, ns in names.items())
    blocks = ["\n".join(prefixes) + "\n"]
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(context) == 0:
            continue
        body = Graph(bind_namespaces="none")
        for prefix, ns in names.items():
            body.bind(prefix, ns)
        for triple in context:
            body.add(triple)
        text = body.serialize(format="turtle")
        lines = [line for line in text.splitlines() if not line.startswith("@prefix")]
        inner = "\n".join(("    " + line) if line else "" for line in lines).strip("\n")
        blocks.append(f"{context.identifier.n3()} {{\n{inner}\n}}\n")
    return "\n".join(blocks).encode("utf-8")
