"""Counts for `sarckg stats`, read from the built graph with SPARQL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from sarckg.namespaces import SPARQL_PREFIXES

_BY_CLASS = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?class . FILTER(STRSTARTS(STR(?e), "https://w3id.org/sarckg/entity/"))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_BY_KIND = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?s), "https://w3id.org/sarckg/statement/"))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_BY_DOC = """
SELECT ?file (COUNT(DISTINCT ?ev) AS ?n) WHERE {
  ?ev a skg:Evidence ; dcterms:source ?doc . ?doc skg:fileName ?file .
} GROUP BY ?file ORDER BY ?file"""


@dataclass(frozen=True)
class GraphStatistics:
    entities_by_class: list[tuple[str, int]]
    statements_by_kind: list[tuple[str, int]]
    evidence_by_document: list[tuple[str, int]]
    triples: int


def _rows(store: Store, query: str) -> list[tuple[str, int]]:
    rows = []
    for solution in store.query(SPARQL_PREFIXES + query):  # type: ignore[union-attr]
        name = solution[0].value.rsplit("#", 1)[-1]
        rows.append((name, int(solution[1].value)))
    return rows


def graph_statistics(graph_file: Path) -> GraphStatistics:
    store = Store()
    store.bulk_load(path=str(graph_file), format=RdfFormat.TURTLE)
    return GraphStatistics(
        entities_by_class=_rows(store, _BY_CLASS),
        statements_by_kind=_rows(store, _BY_KIND),
        evidence_by_document=_rows(store, _BY_DOC),
        triples=len(store),
    )
