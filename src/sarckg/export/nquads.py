"""N-Quads with one named graph per source document.

A document's graph holds what was read in it: its evidence nodes, the statements they
support and the direct edges those statements state (a statement read in two documents is
in both graphs). Everything else (entities, documents, regimens) is in the default graph.
The union of all graphs is the original graph.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from sarckg.export._rdf import bind_prefixes
from sarckg.export.base import Exporter
from sarckg.export.domain import _statement_edges, statement_kinds

Triple = tuple[Node, Node, Node]


def document_graphs(graph: Graph) -> dict[URIRef | None, set[Triple]]:
    """Triples by the document they were read in; ``None`` holds the rest."""
    docs_of: dict[Node | Triple, set[URIRef]] = defaultdict(set)
    for stmt, ev in graph.subject_objects(PROV.wasDerivedFrom):
        doc = graph.value(ev, DCTERMS.source)
        if isinstance(doc, URIRef):
            docs_of[ev].add(doc)
            docs_of[stmt].add(doc)
    parts: dict[URIRef | None, set[Triple]] = defaultdict(set)
    statements = [s for s in docs_of if isinstance(s, URIRef)]
    for stmt in statements:
        for kind in statement_kinds(graph, stmt):
            for edge in _statement_edges(graph, stmt, kind):
                if edge in graph:
                    docs_of[edge].update(docs_of[stmt])
    for triple in graph:
        docs: set[URIRef | None] = set(docs_of.get(triple[0], set()) | docs_of.get(triple, set()))
        for doc in docs or {None}:
            parts[doc].add(triple)
    return parts


def per_document_dataset(graph: Graph) -> Dataset:
    """An rdflib Dataset with the partition of :func:`document_graphs`."""
    dataset = Dataset()
    bind_prefixes(dataset)
    for doc, triples in document_graphs(graph).items():
        target = dataset.default_graph if doc is None else dataset.graph(doc)
        for triple in triples:
            target.add(triple)
    return dataset


class NQuadsExporter(Exporter):
    name = "nq"
    suffix = ".nq"

    def write(self, graph: Graph) -> None:
        text = per_document_dataset(graph).serialize(format="nquads", encoding="utf-8")
        lines = sorted(
            re.sub(r"\s+\.$", " .", line) + "\n" for line in text.decode("utf-8").splitlines() if line.strip()
        )
        self.files.open(self.path).write("".join(lines).encode("utf-8"))
