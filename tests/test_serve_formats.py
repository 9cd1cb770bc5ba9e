"""Content negotiation, result serializations and parameter binding for remote queries
(no server needed)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from sarckg.query.engine import QueryResult
from sarckg.query.guard import QueryRefused
from sarckg.serve.formats import NotAcceptable, negotiate, serialize_results
from sarckg.serve.remote import bind_remote

OFFERS = ["text/turtle", "text/html", "application/ld+json"]


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "text/turtle"),
    ("*/*", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/ld+json", "application/ld+json"),
    ("text/*;q=0.5, application/ld+json;q=0.4", "text/turtle"),
    ("text/html;q=0.1, text/turtle;q=0.2", "text/turtle"),
    ("application/ld+json;q=0, */*;q=0.1", "text/turtle"),
])
def test_negotiate_prefers_by_q_then_specificity_then_default(accept: str | None, expected: str) -> None:
    assert negotiate(accept, OFFERS, "text/turtle") == expected


def test_negotiate_refuses_when_nothing_fits() -> None:
    with pytest.raises(NotAcceptable, match="offers text/turtle"):
        negotiate("image/png", OFFERS, "text/turtle")


def test_results_in_four_formats_keep_terms() -> None:
    result = QueryResult("select", ("s", "n"), (
        (URIRef("https://w3id.org/sarckg/entity/drug/x"), Literal(5)),
        (URIRef("https://w3id.org/sarckg/entity/drug/y"), None),
    ))
    for fmt, oxfmt in (("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                       ("tsv", ox.QueryResultsFormat.TSV)):
        solutions = list(ox.parse_query_results(serialize_results(result, fmt), format=oxfmt))
        assert solutions[0]["n"] == ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        assert solutions[1]["n"] is None
    assert serialize_results(result, "csv").decode().splitlines() == [
        "s,n", "https://w3id.org/sarckg/entity/drug/x,5", "https://w3id.org/sarckg/entity/drug/y,"]
    ask = QueryResult("ask", (), (), boolean=True)
    assert b"true" in serialize_results(ask, "json")


def test_bindings_open_the_where_group_not_a_template_or_a_string() -> None:
    text, form = bind_remote(
        'PREFIX x: <http://e/x#>\n# a comment {\nSELECT ?a WHERE { ?a ?b "}{" . FILTER(?a < 3 && ?b > 2) }',
        {"a": Literal(1)})
    assert form == "SelectQuery"
    assert text.index("VALUES (?a)") > text.index("WHERE {") and text.count("VALUES") == 1
    text, form = bind_remote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("urn:x")})
    assert form == "ConstructQuery"
    assert text.index("VALUES (?s) { (<urn:x>) }") > text.index("WHERE")
    with pytest.raises(QueryRefused):
        bind_remote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", {"s": URIRef("urn:x")})


def test_app_in_process_answers_through_the_guard() -> None:
    from pathlib import Path

    from starlette.testclient import TestClient

    from sarckg.query.store import load_store
    from sarckg.serve.app import create_app

    fixture = Path(__file__).parent / "resources" / "export_fixture.ttl"
    client = TestClient(create_app(load_store(fixture)), base_url="http://127.0.0.1")
    ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    refused = client.post("/sparql", data={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert refused.status_code == 403
    assert client.get("/entity/drug/lenvatinib", headers={"Accept": "text/turtle"}).status_code == 200


def test_bindings_reach_filters_in_subqueries_and_union_branches_but_not_templates() -> None:
    query = """SELECT ?t ?e WHERE {
  { SELECT ?t ?e WHERE { ?e ?p ?m FILTER(CONTAINS(STR(?m), STR(?t))) } }
  { ?e ?q ?o } UNION { ?e ?r ?o FILTER(?t != "") }
  OPTIONAL { ?e ?z ?w }
  VALUES ?w { 1 2 }
}"""
    text, _ = bind_remote(query, {"t": Literal("x")})
    clause = 'VALUES (?t) { ("x") }'
    assert text.count(clause) == 3  # the WHERE group, the subquery's WHERE, the UNION branch
    assert "  { SELECT ?t ?e WHERE {" in text  # nothing was put before the subquery's SELECT
    assert "VALUES ?w { 1 2 }" in text  # a data block is left alone
    text, _ = bind_remote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o = ?x) }", {"x": Literal(1)})
    assert text.index("CONSTRUCT { ?s ?p ?o }") == 0  # the template is left alone
