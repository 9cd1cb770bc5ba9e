"""The SPARQL endpoint as a real server on 127.0.0.1: protocol, content negotiation,
read-only and guard, limits, dereferenceable IRIs, and the HTML pages in headless Chromium."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

from sarckg.namespaces import ENT, SKG
from sarckg.query.engine import run_query
from sarckg.query.store import load_store

try:  # tests/ may or may not be a package
    from tests import browser as browser_mod
except ImportError:
    import browser as browser_mod  # type: ignore[no-redef]

pytestmark = [pytest.mark.server, pytest.mark.slow]

FIXTURE = Path(__file__).parent / "resources" / "export_fixture.ttl"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"""
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(*args: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    sarckg = str(Path(sys.executable).parent / "sarckg")
    process = subprocess.Popen(
        [sarckg, "serve", "--port", str(port), "--graph", str(FIXTURE), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):  # up to 30 s to load and bind
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, base
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}") from None
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    process, base = start_server()
    yield base
    stop(process)


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


def post_form(url: str, fields: dict[str, str], headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return get(url, {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
               urllib.parse.urlencode(fields).encode())


def declared_too_large(base: str) -> int:
    """POST headers announcing a 1.1 MB body, send none of it, and return the status."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", "1100000")
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def local_labels() -> set[tuple[str, str]]:
    result = run_query(LABELS, store=load_store(FIXTURE))
    return {(str(s), str(label)) for s, label in result.rows}


def test_sparqlwrapper_select_in_every_results_format(server: str) -> None:
    wrapper = SPARQLWrapper(f"{server}/sparql")
    wrapper.setQuery(LABELS)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.query().convert()["results"]["bindings"]  # type: ignore[index]
    assert {(r["s"]["value"], r["label"]["value"]) for r in rows} == local_labels()
    wrapper.setReturnFormat(XML)
    xml = wrapper.query().convert()
    assert len(xml.getElementsByTagName("result")) == len(rows)  # type: ignore[union-attr]
    wrapper.setReturnFormat(CSV)
    csv_text = wrapper.query().convert().decode()  # type: ignore[union-attr]
    assert csv_text.splitlines()[0] == "s,label" and len(csv_text.splitlines()) == len(rows) + 1
    wrapper.setReturnFormat(TSV)
    tsv = wrapper.query().convert().decode()  # type: ignore[union-attr]
    assert tsv.splitlines()[0] == "?s\t?label"
    assert f"<{ENT['celltype/script-alert-1-script']}>\t\"<script>alert(1)</script>\"" in tsv


def test_rdflib_sparqlstore_reads_and_cannot_write(server: str) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=f"{server}/sparql"))
    labels = {str(o) for o in graph.objects(ENT["drug/lenvatinib"], RDFS.label)}
    assert labels == {"lenvatinib"}
    ask = graph.query(f"ASK {{ <{ENT['drug/lenvatinib']}> <{SKG.targets}> <{ENT['target/vegfr']}> }}")
    assert ask.askAnswer is True
    updater = SPARQLUpdateStore(query_endpoint=f"{server}/sparql", update_endpoint=f"{server}/sparql")
    with pytest.raises(Exception, match="403"):
        updater.update(f"INSERT DATA {{ <{ENT['drug/x']}> <{RDFS.label}> 'x' }}")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, _, body = get(f"{server}/sparql?" + urllib.parse.urlencode({"query": count}))
    served = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert status == 200 and served == load_store(FIXTURE).triples  # nothing was added


def test_update_is_refused_every_way_with_a_message(server: str) -> None:
    insert = f"INSERT DATA {{ <{ENT['drug/x']}> <{RDFS.label}> 'x' }}"
    for status, _, body in (
        post_form(f"{server}/sparql", {"update": insert}),
        get(f"{server}/sparql", {"Content-Type": "application/sparql-update"}, insert.encode()),
        post_form(f"{server}/sparql", {"query": insert}),
        post_form(f"{server}/sparql", {"query": f"LOAD <{server}/entity/drug/lenvatinib>"}),
    ):
        assert status == 403
        assert b"read-only" in body or b"not allowed" in body


def test_service_and_remote_from_are_refused(server: str) -> None:
    status, _, body = post_form(f"{server}/sparql", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert status == 403 and b"SERVICE is not allowed" in body
    status, _, body = post_form(f"{server}/sparql", {"query": "SELECT * FROM <http://127.0.0.1:9/x.ttl> WHERE { ?s ?p ?o }"})
    assert status == 403 and b"FROM" in body
    status, _, body = post_form(f"{server}/sparql", {"query": "SELECT * WHERE { ?s ?p }"})
    assert status == 400 and b"invalid SPARQL" in body


def test_construct_is_negotiated(server: str) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{ENT['drug/lenvatinib']}>) }}"
    local = Graph()
    for s, p, o in run_query(query, store=load_store(FIXTURE)).rows:
        local.add((s, p, o))  # type: ignore[arg-type]
    status, headers, body = get(f"{server}/sparql", {"Content-Type": "application/sparql-query"}, query.encode())
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=body, format="turtle"), local)
    status, headers, body = get(f"{server}/sparql", {"Content-Type": "application/sparql-query",
                                                     "Accept": "application/ld+json"}, query.encode())
    assert headers["content-type"] == "application/ld+json"
    assert json.loads(body)["@context"]["skg"] == str(SKG)
    assert isomorphic(Graph().parse(data=body, format="json-ld"), local)
    status, headers, body = get(f"{server}/sparql?" + urllib.parse.urlencode({"query": query, "format": "nt"}))
    assert headers["content-type"] == "application/n-triples" and isomorphic(Graph().parse(data=body, format="nt"), local)
    status, _, body = get(f"{server}/sparql?" + urllib.parse.urlencode({"query": LABELS}), {"Accept": "image/png"})
    assert status == 406


def test_entities_dereference_by_content_negotiation(server: str) -> None:
    url = f"{server}/entity/celltype/script-alert-1-script"
    status, headers, body = get(url, {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "script-src" not in headers["content-security-policy"]  # the page runs no script at all
    page = body.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    status, headers, body = get(url, {"Accept": "text/turtle"})
    turtle = Graph().parse(data=body, format="turtle")
    assert (URIRef(ENT["celltype/script-alert-1-script"]), RDFS.label, Literal("<script>alert(1)</script>")) in turtle
    assert headers["vary"] == "Accept"
    status, headers, body = get(f"{server}/entity/drug/lenvatinib", {"Accept": "application/ld+json"})
    assert (ENT["drug/lenvatinib"], SKG.targets, ENT["target/vegfr"]) in Graph().parse(data=body, format="json-ld")
    evidence = "/evidence/0000000000000004/10-1000-test-0001-121-200"
    status, _, body = get(server + evidence, {"Accept": "text/turtle"})
    assert status == 200 and b"onerror=alert(1)" in body
    assert get(f"{server}/entity/drug/no-such-drug")[0] == 404
    assert get(f"{server}/elsewhere/x")[0] == 404


def test_host_header_and_cors_policy(server: str) -> None:
    assert get(f"{server}/sparql?query=ASK%7B%7D", {"Host": "attacker.example"})[0] == 400
    status, headers, _ = get(f"{server}/sparql?query=ASK%7B%7D", {"Origin": "https://attacker.example"})
    assert status == 200 and "access-control-allow-origin" not in {k.lower() for k in headers}
    assert headers["x-content-type-options"] == "nosniff"


def test_cors_when_asked_never_allows_credentials() -> None:
    process, base = start_server("--cors")
    try:
        status, headers, _ = get(f"{base}/sparql?query=ASK%7B%7D", {"Origin": "https://example.org"})
        lower = {k.lower(): v for k, v in headers.items()}
        assert status == 200 and lower["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in lower
    finally:
        stop(process)


def children(pid: int) -> set[int]:
    """PIDs whose parent is ``pid`` (from /proc)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


def test_time_and_row_limits() -> None:
    process, base = start_server("--timeout", "1", "--max-rows", "5", "--workers", "1")
    try:
        assert post_form(f"{base}/sparql", {"query": "ASK {}"})[0] == 200  # the worker is up
        before = children(process.pid)
        status, _, body = post_form(f"{base}/sparql", {"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert status == 400 and b"more than 5 rows" in body
        status, _, body = post_form(f"{base}/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5
        status, _, body = post_form(f"{base}/sparql", {"query": HEAVY})
        assert status == 503 and b"longer than 1 s" in body
        after = children(process.pid)
        assert before - after and after - before  # the busy worker was killed and replaced
        assert post_form(f"{base}/sparql", {"query": "ASK {}"})[0] == 200  # and the next query runs
        assert declared_too_large(base) == 413  # refused from the header, before reading the body
    finally:
        stop(process)


def test_index_page_lists_named_queries_and_runs_them(server: str) -> None:
    status, _, body = get(f"{server}/")
    page = body.decode()
    assert status == 200 and "drug_targets" in page and "<textarea" in page
    assert "http://" not in page.split("<body>")[0] and "<script" not in page
    status, _, body = get(f"{server}/?" + urllib.parse.urlencode({"named": "drug_targets", "drug": "Keytruda"}))
    assert status == 200 and 'href="/entity/target/pd-1"' in body.decode()
    status, _, body = post_form(f"{server}/", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert status == 400 and "SERVICE is not allowed" in body.decode()


@pytest.mark.browser
def test_pages_in_headless_chromium(server: str) -> None:
    if not browser_mod.available():
        pytest.skip("chromium is not installed")
    query = LABELS
    with browser_mod.Browser() as browser:
        browser.open(f"{server}/?" + urllib.parse.urlencode({"query": query}))
        expected = len(run_query(LABELS, store=load_store(FIXTURE)).rows)
        assert browser.evaluate("document.querySelectorAll('#results tr').length") == expected + 1
        cells = browser.evaluate("Array.from(document.querySelectorAll('#results td')).map(td => td.innerText)")
        assert "<script>alert(1)</script>" in cells  # shown as text
        assert browser.evaluate("document.scripts.length") == 0
        browser.screenshot(ARTIFACTS / "serve-index.png")
        browser.open(f"{server}/entity/celltype/script-alert-1-script")
        assert browser.evaluate("document.querySelector('h1').innerText") == "<script>alert(1)</script>"
        browser.open(f"{server}/evidence/0000000000000004/10-1000-test-0001-121-200")
        assert browser.evaluate("document.querySelectorAll('img').length") == 0
        browser.screenshot(ARTIFACTS / "serve-evidence.png")
        assert browser.log.dialogs == [] and browser.log.exceptions == []
        assert len(browser.log.requests) == 3  # the three pages, nothing else
        assert all(u.startswith(server + "/") for u in browser.log.requests), browser.log.requests
        net_log = browser.quit()
    from_page = [r.url for r in net_log if r.initiator != "not an origin" and r.url.startswith("http")]
    assert all(u.startswith(server + "/") for u in from_page)  # the pages load nothing themselves
