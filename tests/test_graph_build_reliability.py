"""Bad corpora, killed builds and incremental builds lose nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

from sarckg.graph.build import EXIT_PROBLEMS, build_graph, serialize_turtle, write_outputs

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
PAPER = "002_d9d922505da5d732.txt"


def _bad_corpus(root: Path) -> Path:
    corpus = root / "bad"
    corpus.mkdir()
    good = (CORPUS / PAPER).read_bytes()
    (corpus / PAPER).write_bytes(good)
    (corpus / "same-paper-again.txt").write_bytes(good)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "latin1.txt").write_bytes("Sarcome pl\xe9omorphe indiff\xe9renci\xe9.".encode("latin-1"))
    (corpus / "one-long-line.txt").write_text("pembrolizumab was given. " * 200_000, encoding="utf-8")
    with (corpus / "fifty-megabytes.txt").open("w", encoding="utf-8") as big:  # past the 50 MiB limit
        line = "The ORR was 40% with pembrolizumab in undifferentiated pleomorphic sarcoma.\n"
        big.write(line * (51 * 1024 * 1024 // len(line)))
    (corpus / "broken-markup.md").write_text(
        "# A title\n\nThe ORR was 40% <sup>1 in $P < 0.01 and **bold with no end.\n", encoding="utf-8")
    unreadable = corpus / "unreadable.txt"
    unreadable.write_text("secret", encoding="utf-8")
    unreadable.chmod(0)
    os.symlink(corpus / "loop-b.txt", corpus / "loop-a.txt")
    os.symlink(corpus / "loop-a.txt", corpus / "loop-b.txt")
    return corpus


@pytest.mark.slow
def test_a_corpus_of_bad_files_builds_the_rest_and_names_each_problem(tmp_path):
    corpus = _bad_corpus(tmp_path)
    result = build_graph(corpus)
    problems = {p.file: p.reason for p in result.problems}
    for name in ("same-paper-again.txt", "empty.txt", "binary.txt", "loop-a.txt",
                 "fifty-megabytes.txt"):
        assert name in problems, (name, problems)
    assert "too large" in problems["fifty-megabytes.txt"]
    if os.geteuid() != 0:  # root reads any file
        assert "unreadable.txt" in problems
    read = {d.file_name for d in result.documents}
    assert PAPER in read and "same-paper-again.txt" not in read
    assert "one-long-line.txt" in read and "broken-markup.md" in read
    assert result.exit_status == EXIT_PROBLEMS
    assert all(p.reason for p in result.problems)


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_graph_intact(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / PAPER, corpus)
    out = tmp_path / "graphs"
    write_outputs(build_graph(corpus), out)
    before = (out / "sarckg.ttl").read_bytes()
    shutil.copy(CORPUS / "004_f275f513b1bd6c00.txt", corpus)
    after = serialize_turtle(build_graph(corpus).graph)
    rng = random.Random(3)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "sarckg", "build", "--corpus", str(corpus),
                                 "--out", str(out), "--no-cache"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = (out / "sarckg.ttl").read_bytes()
        assert now in (before, after), "the graph is the old one or the whole new one, never torn"
        assert len(Graph().parse(data=now, format="turtle")) > 1000


def test_incremental_build_equals_a_clean_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / PAPER, corpus)
    cache = tmp_path / "cache"
    build_graph(corpus, cache_dir=cache)
    shutil.copy(CORPUS / "000_0a7be6168aa504c2.txt", corpus)
    incremental = build_graph(corpus, cache_dir=cache)
    clean = build_graph(corpus)
    assert serialize_turtle(incremental.graph) == serialize_turtle(clean.graph)
    entries = list(cache.rglob("*.pickle"))
    assert len(entries) == 2
