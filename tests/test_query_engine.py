"""run_query: the guard, parameter binding through the engines, limits, both engines agree."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from sarckg.namespaces import GRAPH_IRI, SKG
from sarckg.query.engine import QueryError, QueryRefused, QueryTimeout, run_query
from sarckg.query.guard import check_query
from sarckg.query.store import GraphNotFound, load_store

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"
PREFIX = "PREFIX skg: <https://w3id.org/sarckg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ENGINES = ("oxigraph", "rdflib")


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . { SELECT ?s WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <http://x/> { ?s ?p ?o } } }",
    "LOAD <http://example.org/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <http://g>",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP DEFAULT",
    "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK FROM <https://w3id.org/sarckg/other> { ?s ?p ?o }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
])
def test_guard_refuses_unsafe_queries(text: str) -> None:
    with pytest.raises(QueryRefused):
        check_query(text)


def test_guard_accepts_local_graph_names_and_reports_syntax_errors() -> None:
    check_query(f"SELECT * FROM <{GRAPH_IRI}> WHERE {{ ?s ?p ?o }}")
    with pytest.raises(QueryError, match="line 1") as info:
        check_query("SELECT * WHERE { ?s ?p }")
    assert not isinstance(info.value, QueryRefused)


def test_from_local_graph_narrows_to_the_graph_data(store) -> None:  # type: ignore[no-untyped-def]
    text = PREFIX + f"SELECT ?s FROM <{GRAPH_IRI}> WHERE {{ ?s a skg:Regimen }}"
    for engine in ENGINES:
        rows = run_query(text, engine=engine, store=store).rows
        assert len(rows) == 5, engine


@pytest.fixture()
def listener() -> Iterator[list[bytes]]:
    """A TCP server on 127.0.0.1 that records anything it receives."""
    received: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    received.append(conn.recv(4096) or b"<connected>")
                except OSError:
                    received.append(b"<connected>")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    received.append(str(server.getsockname()[1]).encode())  # the port, first
    yield received
    stop.set()
    thread.join(2)
    server.close()


def test_no_query_reaches_a_local_listener(store, listener) -> None:  # type: ignore[no-untyped-def]
    port = listener[0].decode()
    url = f"http://127.0.0.1:{port}/sparql"
    attacks = [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{url}>",
        f"SELECT * WHERE {{ ?s ?p ?o . FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ]
    for text in attacks:
        for engine in ENGINES:
            with pytest.raises(QueryRefused):
                run_query(text, engine=engine, store=store)
    # An IRI bound as a parameter is data, never fetched.
    run_query("SELECT ?x WHERE { ?s ?p ?x }", {"x": URIRef(url)}, store=store)
    assert listener[1:] == []


HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "} } SELECT * WHERE { ?s ?p ?o",
    "# comment\nUNION { ?a ?b ?c }",
    "<http://evil/> . ?s ?p ?o",
    "'; DROP ALL; '",
    "line1\nline2\r\n\"quoted\" {braces}",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("engine", ENGINES)
def test_parameters_cannot_change_the_query(store, value: str, engine: str) -> None:  # type: ignore[no-untyped-def]
    text = PREFIX + "SELECT ?text ?s WHERE { ?s rdfs:label ?text }"
    result = run_query(text, {"text": Literal(value)}, engine=engine, store=store)
    assert result.rows == ()  # no label has this text, and nothing else was matched
    echo = PREFIX + "SELECT ?text ?s WHERE { ?s rdfs:label ?l . FILTER(?l = \"axitinib\") }"
    rows = run_query(echo, {"text": Literal(value)}, engine=engine, store=store).rows
    assert [str(r[0]) for r in rows] == [value]


def test_parameter_binds_an_entity(store) -> None:  # type: ignore[no-untyped-def]
    text = PREFIX + "SELECT ?drug ?target WHERE { ?drug skg:targets ?target }"
    target = URIRef("https://w3id.org/sarckg/entity/target/pd-1")
    for engine in ENGINES:
        rows = run_query(text, {"target": target}, engine=engine, store=store).rows
        assert sorted(str(r[0]).rsplit("/", 1)[-1] for r in rows) == ["nivolumab", "pembrolizumab"]


def test_bad_bindings_are_errors(store) -> None:  # type: ignore[no-untyped-def]
    text = PREFIX + "SELECT ?s WHERE { ?s skg:targets ?t }"
    with pytest.raises(QueryError, match="no variable"):
        run_query(text, {"nothere": Literal("x")}, store=store)
    with pytest.raises(QueryError, match="SELECT list"):
        run_query(text, {"t": Literal("x")}, store=store)
    with pytest.raises(QueryError, match="unknown engine"):
        run_query(text, engine="virtuoso", store=store)


def test_row_limit_truncates(store) -> None:  # type: ignore[no-untyped-def]
    for engine in ENGINES:
        result = run_query("SELECT * WHERE { ?s ?p ?o }", engine=engine, store=store, max_rows=7)
        assert len(result.rows) == 7 and result.truncated


def test_timeout_stops_a_runaway_query(store) -> None:  # type: ignore[no-untyped-def]
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 880^3 rows on rdflib
    with pytest.raises(QueryTimeout, match="--timeout"):
        run_query(cross, engine="rdflib", store=store, timeout=0.05, max_rows=None)


def test_ask_and_construct(store) -> None:  # type: ignore[no-untyped-def]
    for engine in ENGINES:
        ask = run_query(PREFIX + "ASK { ?d skg:targets ?t }", engine=engine, store=store)
        assert ask.kind == "ask" and ask.boolean is True
        graph = run_query(PREFIX + "CONSTRUCT { ?d skg:targets ?t } WHERE { ?d skg:targets ?t }",
                          engine=engine, store=store)
        assert graph.kind == "graph" and len(graph.rows) == 5
        assert all(r[1] == SKG.targets for r in graph.rows)


def test_store_is_cached_by_content_and_missing_graph_is_clear(tmp_path: Path) -> None:
    copy = tmp_path / "copy.ttl"
    copy.write_bytes(FIXTURE.read_bytes())
    assert load_store(copy, ontology=()) is load_store(FIXTURE, ontology=())
    with pytest.raises(GraphNotFound, match="sarckg build"):
        load_store(tmp_path / "missing.ttl", ontology=())
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot parse"):
        load_store(bad, ontology=())


def test_a_triple_in_graph_and_vocabulary_counts_once(tmp_path: Path) -> None:
    triple = '<https://w3id.org/sarckg/entity/drug/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    graph, vocabulary = tmp_path / "g.nt", tmp_path / "v.nt"
    graph.write_text(triple)
    vocabulary.write_text(triple)
    store = load_store(graph, ontology=[vocabulary])
    for engine in ENGINES:
        rows = run_query("SELECT ?l WHERE { ?s ?p ?l }", engine=engine, store=store).rows
        assert rows == ((Literal("x"),),), engine


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }',
    "SELECT * WHERE { ?s ?p ?o } # a comment that says SERVICE and LOAD",
    "PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?s ex:LOAD ?service }",
    "SELECT * WHERE { ?s ?p '''two\nlines LOAD''' FILTER(?s < ?p) }",
])
def test_keywords_in_strings_comments_and_names_are_fine(text: str) -> None:
    check_query(text)


def test_keyword_check_backs_up_the_parser() -> None:
    from sarckg.query.guard import _refuse_keywords

    with pytest.raises(QueryRefused, match="SERVICE"):
        _refuse_keywords("SELECT * WHERE { service <http://x/> { ?s ?p ?o } }")
    with pytest.raises(QueryRefused, match="LOAD"):
        _refuse_keywords("Load <http://x/>")
