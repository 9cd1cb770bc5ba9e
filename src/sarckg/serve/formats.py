"""Content negotiation and the serializations a SPARQL endpoint answers with.

SELECT/ASK results: SPARQL JSON (rdflib writes it), then XML, CSV and TSV (pyoxigraph
re-serializes the JSON). CONSTRUCT/DESCRIBE and entity descriptions: Turtle, JSON-LD (with
the sarckg context), N-Triples, RDF/XML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Variable
from rdflib.query import Result

from sarckg.export._rdf import bind_prefixes
from sarckg.export.jsonld import context
from sarckg.query.engine import QueryResult

RESULT_TYPES: dict[str, str] = {  # media type -> short name
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}
MEDIA_OF: dict[str, str] = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
    "nt": "application/n-triples", "rdfxml": "application/rdf+xml", "html": "text/html; charset=utf-8",
}
FORMAT_ALIASES: dict[str, str] = {
    "json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "jsonld": "jsonld", "json-ld": "jsonld",
    "nt": "nt", "ntriples": "nt", "rdfxml": "rdfxml", "rdf": "rdfxml",
}
_OX_RESULTS = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
               "tsv": ox.QueryResultsFormat.TSV}


class NotAcceptable(ValueError):
    """No representation the client accepts."""


@dataclass(frozen=True, order=True)
class _Range:
    q: float
    specificity: int
    media: str


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append(_Range(q, specificity, media.lower()))
    return ranges


def negotiate(accept: str | None, offered: Sequence[str], default: str) -> str:
    """The offered media type the ``Accept`` header prefers (``default`` for none or ``*/*``).

    Each offer scores the q of the most specific range matching it; the best q wins, then
    the more specific match, then ``default``, then the earlier offer.
    """
    if not accept or not accept.strip():
        return default
    ranges = _ranges(accept)
    scored = []
    for index, media in enumerate(offered):
        major = media.split("/")[0]
        matches = [r for r in ranges if r.media in (media, f"{major}/*", "*/*")]
        if not matches:
            continue
        chosen = max(matches, key=lambda r: r.specificity)
        if chosen.q > 0:
            scored.append((chosen.q, chosen.specificity, media == default, -index, media))
    if not scored:
        raise NotAcceptable(f"no acceptable representation; this resource offers {', '.join(offered)}")
    return max(scored)[-1]


def results_json(result: QueryResult) -> bytes:
    """SPARQL 1.1 Query Results JSON for a SELECT or ASK result."""
    if result.kind == "ask":
        rdf_result = Result("ASK")
        rdf_result.askAnswer = bool(result.boolean)
    else:
        rdf_result = Result("SELECT")
        names = [Variable(v) for v in result.variables]
        rdf_result.vars = names
        rdf_result.bindings = [
            {name: value for name, value in zip(names, row, strict=True) if value is not None}
            for row in result.rows
        ]
    data = rdf_result.serialize(format="json")
    assert isinstance(data, bytes)
    return data


def serialize_results(result: QueryResult, fmt: str) -> bytes:
    """A SELECT/ASK result as ``json``, ``xml``, ``csv`` or ``tsv``."""
    data = results_json(result)
    if fmt == "json":
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    out = parsed.serialize(format=_OX_RESULTS[fmt])
    assert out is not None
    return out


def triples_graph(rows: Iterable[Sequence[object]]) -> Graph:
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    for s, p, o in rows:
        graph.add((s, p, o))  # type: ignore[arg-type]
    return graph


def serialize_graph(graph: Graph, fmt: str) -> bytes:
    """A graph as ``turtle``, ``jsonld`` (compact, sarckg context), ``nt`` or ``rdfxml``."""
    if fmt == "jsonld":
        data = graph.serialize(format="json-ld", context=context(), indent=1, encoding="utf-8")
    elif fmt == "rdfxml":
        data = graph.serialize(format="xml", encoding="utf-8")
    else:
        data = graph.serialize(format={"turtle": "turtle", "nt": "nt11"}[fmt], encoding="utf-8")
    return data
