"""`sarckg query --endpoint`: the same named query answered by a real server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_serve import start_server, stop

pytestmark = [pytest.mark.server, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[1]
GRAPH = REPO / "graphs" / "sarckg.ttl"


def _query(*args: str) -> dict:
    sarckg = str(Path(sys.executable).parent / "sarckg")
    out = subprocess.run([sarckg, "query", "subtype_biomarkers", "--param", "subtype=UPS",
                          "--format", "json", "--graph", str(GRAPH), *args],
                         check=True, capture_output=True, text=True, timeout=300)
    return json.loads(out.stdout)


def _rows(answer: dict, columns: tuple[str, ...]) -> list[tuple]:
    return sorted(tuple(b.get(c, {}).get("value", "") for c in columns) for b in answer["results"]["bindings"])


def test_a_named_query_answers_the_same_on_an_endpoint_as_locally():
    process, base = start_server("--graph", str(GRAPH))
    try:
        remote = _query("--endpoint", f"{base}/sparql")
    finally:
        stop(process)
    local = _query()
    columns = ("member", "biomarker", "outcome", "direction", "statement")
    assert _rows(remote, columns) == _rows(local, columns)
    assert len(_rows(local, columns)) >= 3


def test_a_refused_query_is_never_sent(tmp_path):
    query = tmp_path / "service.rq"
    query.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    sarckg = str(Path(sys.executable).parent / "sarckg")
    out = subprocess.run([sarckg, "query", str(query), "--endpoint", "http://127.0.0.1:9/sparql",
                          "--graph", str(GRAPH)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 2
    assert "SERVICE" in out.stderr


def _cli(*args: str) -> str:
    sarckg = str(Path(sys.executable).parent / "sarckg")
    out = subprocess.run([sarckg, *args, "--format", "json"], check=True, capture_output=True,
                         text=True, timeout=300)
    return out.stdout


def test_paths_and_explain_read_the_graph_an_endpoint_serves():
    process, base = start_server("--graph", str(GRAPH), "--max-rows", "1000000")
    try:
        remote_paths = json.loads(_cli("paths", "--from", "lenvatinib", "--to", "CD8+ T cell",
                                       "--max-hops", "2", "--endpoint", f"{base}/sparql"))
        remote_explain = json.loads(_cli("explain", "UPS", "--endpoint", f"{base}/sparql"))
    finally:
        stop(process)
    local_paths = json.loads(_cli("paths", "--from", "lenvatinib", "--to", "CD8+ T cell",
                                  "--max-hops", "2", "--graph", str(GRAPH)))
    local_explain = json.loads(_cli("explain", "UPS", "--graph", str(GRAPH)))
    assert remote_paths == local_paths and remote_paths
    assert remote_explain == local_explain
