"""Publishing to a real Oxigraph server on 127.0.0.1 and running the named queries there:
remote answers equal local ones; the guard runs before anything is sent."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from sarckg.cli import app
from sarckg.namespaces import ENT, GRAPH_IRI, ONTOLOGY_IRI, RDFS
from sarckg.query.catalog import load_catalog
from sarckg.query.engine import run_query
from sarckg.query.guard import QueryError, QueryRefused
from sarckg.query.params import UnknownEntity, bind_params
from sarckg.query.store import load_store
from sarckg.serve.remote import RemoteEndpoint, RemoteError, bind_remote, run_remote

pytestmark = [pytest.mark.server, pytest.mark.slow]

FIXTURE = Path(__file__).parent / "resources" / "export_fixture.ttl"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_oxigraph(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            assert process.poll() is None, "oxigraph exited"
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("oxigraph did not start")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert Path(OXIGRAPH).exists(), "the oxigraph server is a test dependency: pip install -e '.[test]'"
    process, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def published(oxigraph: str) -> RemoteEndpoint:
    for _ in range(2):  # PUT replaces: publishing twice leaves the same graph
        result = CliRunner().invoke(app, ["publish", "--endpoint", f"{oxigraph}/store",
                                          "--graph-iri", GRAPH_IRI, "--graph", str(FIXTURE)])
        assert result.exit_code == 0, result.output
    assert f"({GRAPH_IRI}): HTTP 204" in result.output
    return RemoteEndpoint(f"{oxigraph}/query", default_graphs=(GRAPH_IRI, ONTOLOGY_IRI))


def test_published_store_holds_exactly_the_local_graph(published: RemoteEndpoint) -> None:
    local = run_query(DISTINCT_COUNT, store=load_store(FIXTURE)).rows[0][0]
    assert published.query(DISTINCT_COUNT).rows[0][0] == local
    only_graph = RemoteEndpoint(published.url, default_graphs=(GRAPH_IRI,))
    assert int(only_graph.query(COUNT).rows[0][0]) == len(Graph().parse(FIXTURE))  # type: ignore[arg-type]


def _examples() -> list[tuple[str, dict[str, str]]]:
    found = []
    for name, query in sorted(load_catalog().items()):
        for example in query.examples:
            words = shlex.split(example)
            params = dict(w.split("=", 1) for w, prev in zip(words[1:], words, strict=False) if prev == "--param")
            found.append((name, params))
    return found


def rows(result: object) -> list[tuple[str, ...]]:
    return sorted(tuple(repr(t) for t in row) for row in result.rows)  # type: ignore[attr-defined]


def compare_named_queries(graph_file: Path, remote: RemoteEndpoint) -> tuple[int, int]:
    """Run every named-query example locally and remotely; return (compared, non-empty)."""
    store = load_store(graph_file)
    catalog = load_catalog()
    compared, nonempty = 0, 0
    for name, raw in _examples():
        try:
            resolved = bind_params(catalog[name], raw, store)
        except UnknownEntity:
            continue  # an example naming something the fixture graph does not have
        bindings = {r.name: r.value for r in resolved}
        local = run_query(catalog[name].text, bindings, store=store)
        answer = remote.query(catalog[name].text, bindings)
        assert answer.variables == local.variables, name
        assert rows(answer) == rows(local), (name, raw)
        compared += 1
        nonempty += bool(local.rows)
    return compared, nonempty


def test_named_queries_answer_the_same_remotely_and_locally(published: RemoteEndpoint) -> None:
    compared, nonempty = compare_named_queries(FIXTURE, published)
    assert compared >= 10 and nonempty >= 5


BUILT = Path(__file__).resolve().parents[1] / "graphs" / "sarckg.ttl"


@pytest.mark.skipif(not BUILT.is_file(), reason="needs the built graph (sarckg build)")
def test_the_built_graph_answers_the_same_on_oxigraph(tmp_path: Path) -> None:
    process, base = start_oxigraph(tmp_path / "store")
    try:
        result = CliRunner().invoke(app, ["publish", "--endpoint", f"{base}/store", "--graph-iri", GRAPH_IRI,
                                          "--graph", str(BUILT)])
        assert result.exit_code == 0, result.output
        remote = RemoteEndpoint(f"{base}/query", default_graphs=(GRAPH_IRI, ONTOLOGY_IRI), timeout=120)
        compared, nonempty = compare_named_queries(BUILT, remote)
        assert compared >= 20 and nonempty >= 15
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_guard_runs_before_anything_is_sent() -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens: sending would fail differently
    with pytest.raises(QueryRefused, match="SERVICE"):
        run_remote(nowhere, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QueryRefused, match="Update"):
        run_remote(nowhere, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryRefused, match="FROM"):
        run_remote(nowhere, "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }")
    with pytest.raises(RemoteError, match="cannot reach"):
        run_remote(nowhere, "ASK {}")


def test_bad_endpoints_and_bindings_are_refused(published: RemoteEndpoint) -> None:
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/sparql", "127.0.0.1:7878"):
        with pytest.raises(RemoteError):
            RemoteEndpoint(url)
    labelled = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind_remote(labelled, {"s": URIRef("http://x> } ; DROP ALL ; <http://y")})
    with pytest.raises(QueryError, match="no variable"):
        bind_remote(labelled, {"other": Literal("x")})
    sneaky = Literal('x" } } ; DROP ALL ; #')
    assert published.query(labelled, {"label": sneaky}).rows == ()  # the quote stays inside the literal
    found = published.query(labelled, {"label": Literal("<script>alert(1)</script>")})
    assert [row[0] for row in found.rows] == [ENT["celltype/script-alert-1-script"]]
    assert RDFS  # label IRI spelled out above


def test_publish_reports_a_store_that_refuses(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(app, ["publish", "--endpoint", dead, "--graph", str(FIXTURE)])
    assert result.exit_code == 1 and "cannot reach" in result.output
    missing = CliRunner().invoke(app, ["publish", "--endpoint", dead, "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 1 and "not found" in missing.output
