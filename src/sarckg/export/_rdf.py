"""Helpers shared by the RDF exporters: a deterministic copy of a graph, with prefixes."""

from __future__ import annotations

from rdflib import Dataset, Graph

from sarckg.namespaces import PREFIXES


def bind_prefixes(graph: Graph | Dataset) -> None:
    """Bind the sarckg prefixes (and nothing else) on ``graph``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def sorted_copy(graph: Graph) -> Graph:
    """The same triples inserted in sorted order, so serializers emit a stable sequence."""
    copy = Graph(bind_namespaces="none")
    bind_prefixes(copy)
    for triple in sorted(graph):
        copy.add(triple)
    return copy
