"""What the store says about one IRI: its own triples, the triples pointing at it, labels."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDFS, BNode, Graph, Literal, URIRef

from sarckg.query.engine import from_oxigraph
from sarckg.query.store import GraphStore
from sarckg.serve.formats import triples_graph

MAX_INCOMING = 500
Term = URIRef | Literal | BNode


def to_rdflib(term: object) -> Term:
    """A pyoxigraph term as the rdflib term (the query engine's one converter)."""
    converted = from_oxigraph(term)
    if converted is None or not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        raise TypeError(f"not an RDF term: {term!r}")
    return converted


@dataclass(frozen=True)
class Description:
    iri: str
    outgoing: tuple[tuple[Term, Term], ...]
    incoming: tuple[tuple[Term, Term], ...]
    labels: dict[str, str]

    @property
    def label(self) -> str:
        return self.labels.get(self.iri, self.iri)

    def graph(self) -> Graph:
        """The description as RDF: the IRI's own triples and those pointing at it."""
        node = URIRef(self.iri)
        rows = [(node, p, o) for p, o in self.outgoing] + [(s, p, node) for s, p in self.incoming]
        return triples_graph(rows)


def label_of(store: ox.Store, node: ox.NamedNode) -> str | None:
    for quad in store.quads_for_pattern(node, ox.NamedNode(str(RDFS.label)), None, None):
        if isinstance(quad.object, ox.Literal):
            return str(quad.object.value)
    return None


def describe(store: GraphStore, iri: str) -> Description | None:
    """The description of ``iri``, or None when the store says nothing about it."""
    node = ox.NamedNode(iri)
    ox_store = store.oxigraph
    outgoing = sorted({(to_rdflib(q.predicate), to_rdflib(q.object))
                       for q in ox_store.quads_for_pattern(node, None, None, None)})
    incoming_set: set[tuple[Term, Term]] = set()
    for quad in ox_store.quads_for_pattern(None, None, node, None):
        incoming_set.add((to_rdflib(quad.subject), to_rdflib(quad.predicate)))
        if len(incoming_set) >= MAX_INCOMING:
            break
    if not outgoing and not incoming_set:
        return None
    labels: dict[str, str] = {}
    mentioned = {t for pair in outgoing for t in pair} | {t for pair in incoming_set for t in pair}
    for term in sorted({*mentioned, URIRef(iri)}):
        if isinstance(term, URIRef):
            label = label_of(ox_store, ox.NamedNode(str(term)))
            if label is not None:
                labels[str(term)] = label
    return Description(iri, tuple(outgoing), tuple(sorted(incoming_set)), labels)
