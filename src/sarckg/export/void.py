"""A VoID/DCAT description of the graph: version, build date, source documents, counts.

The build date is read from the input, never the clock: ``SOURCE_DATE_EPOCH`` when set (the
reproducible-builds convention), else the latest ``dcterms:date`` of the corpus documents.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, VOID, XSD

from sarckg import __version__
from sarckg.export._rdf import bind_prefixes
from sarckg.export.domain import local_name
from sarckg.model import Document
from sarckg.namespaces import BASE, DOC, GRAPH_IRI, SKG

SPDX = Namespace("http://spdx.org/rdf/terms#")


def build_date(graph: Graph, documents: Sequence[Document] = ()) -> Literal | None:
    """``SOURCE_DATE_EPOCH`` as an ``xsd:date``, else the latest document year, else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            day = datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds, got {epoch!r}") from None
        return Literal(day.isoformat(), datatype=XSD.date)
    years = [d.year for d in documents if d.year] + [
        int(str(y)[:4]) for y in graph.objects(None, DCTERMS.date) if str(y)[:4].isdigit()
    ]
    return Literal(f"{max(years):04d}", datatype=XSD.gYear) if years else None


def describe_graph(graph: Graph, documents: Sequence[Document] = ()) -> Graph:
    """A VoID ``Dataset`` (also a ``dcat:Dataset``) describing ``graph`` and its sources.

    ``documents`` are the corpus documents the graph was built from; documents already
    described in ``graph`` (``skg:Document`` nodes with ``skg:sha256``) are listed too.
    """
    out = Graph(bind_namespaces="none")
    bind_prefixes(out)
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("spdx", SPDX)):
        out.bind(prefix, ns)
    dataset = URIRef(GRAPH_IRI)
    out.add((dataset, RDF.type, VOID.Dataset))
    out.add((dataset, RDF.type, DCAT.Dataset))
    out.add((dataset, DCTERMS.title, Literal("sarckg: sarcoma immunotherapy knowledge graph")))
    out.add((dataset, URIRef(str(DCAT) + "version"), Literal(__version__)))  # DCAT 3
    out.add((dataset, VOID.uriSpace, Literal(BASE)))
    out.add((dataset, VOID.vocabulary, URIRef(str(SKG))))
    date = build_date(graph, documents)
    if date is not None:
        out.add((dataset, DCTERMS.issued, date))
    _counts(out, dataset, graph)
    _sources(out, dataset, graph, documents)
    return out


def _counts(out: Graph, dataset: URIRef, graph: Graph) -> None:
    out.add((dataset, VOID.triples, Literal(len(graph))))
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    out.add((dataset, VOID.distinctSubjects, Literal(len(subjects))))
    out.add((dataset, VOID.entities, Literal(sum(1 for s in subjects if str(s).startswith(BASE)))))
    out.add((dataset, VOID.properties, Literal(len(set(graph.predicates())))))
    classes = Counter(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))
    out.add((dataset, VOID.classes, Literal(len(classes))))
    for cls, count in sorted(classes.items()):
        part = URIRef(f"{GRAPH_IRI}/class/{local_name(str(cls))}")
        out.add((dataset, VOID.classPartition, part))
        out.add((part, VOID["class"], cls))
        out.add((part, VOID.entities, Literal(count)))


def _sources(out: Graph, dataset: URIRef, graph: Graph, documents: Sequence[Document]) -> None:
    checksums: dict[URIRef, str] = {DOC[d.doc_id]: d.sha256 for d in documents}
    for subject, value in graph.subject_objects(SKG.sha256):
        if isinstance(subject, URIRef):
            checksums.setdefault(subject, str(value))
    for doc, sha in sorted(checksums.items()):
        checksum = URIRef(f"{doc}#sha256")
        out.add((dataset, PROV.wasDerivedFrom, doc))
        out.add((dataset, DCTERMS.source, doc))
        out.add((doc, SPDX.checksum, checksum))
        out.add((checksum, RDF.type, SPDX.Checksum))
        out.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        out.add((checksum, SPDX.checksumValue, Literal(sha, datatype=XSD.hexBinary)))
    for d in documents:
        out.add((DOC[d.doc_id], SKG.fileName, Literal(d.file_name)))
