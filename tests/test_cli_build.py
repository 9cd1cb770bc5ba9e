"""The build-side commands through typer's runner: build, validate, stats, extract, --help."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sarckg.cli import app

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "002_d9d922505da5d732.txt", corpus)
    result = runner.invoke(app, ["build", "--corpus", str(corpus), "--out", str(root / "graphs")])
    return root, result


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "validate", "stats", "extract"):
        assert command in result.output


@pytest.mark.parametrize("command", ["build", "validate", "stats", "extract"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_build_writes_the_graph_and_a_report(small_build):
    root, result = small_build
    assert result.exit_code == 0, result.output
    assert (root / "graphs" / "sarckg.ttl").stat().st_size > 10_000
    report = json.loads((root / "graphs" / "build-report.json").read_text())
    assert report["documents"][0]["file"] == "002_d9d922505da5d732.txt"
    assert report["problems"] == []


def test_validate_passes_on_a_fresh_build(small_build):
    root, _ = small_build
    result = runner.invoke(app, ["validate", "--graph", str(root / "graphs" / "sarckg.ttl"),
                                 "--corpus", str(root / "corpus"), "--no-reasoner"])
    assert result.exit_code == 0, result.output
    assert "quotes: ok" in result.output


def test_validate_fails_readably_on_a_tampered_quote(small_build, tmp_path):
    root, _ = small_build
    text = (root / "graphs" / "sarckg.ttl").read_text(encoding="utf-8")
    tampered = tmp_path / "tampered.ttl"
    tampered.write_text(text.replace("skg:quote \"", "skg:quote \"XX", 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--graph", str(tampered), "--corpus", str(root / "corpus"),
                                 "--no-reasoner"])
    assert result.exit_code == 1
    assert "quote not found" in result.output


def test_stats_counts_kinds_and_documents(small_build):
    root, _ = small_build
    result = runner.invoke(app, ["stats", "--graph", str(root / "graphs" / "sarckg.ttl")])
    assert result.exit_code == 0, result.output
    assert "OutcomeMeasurement" in result.output
    assert "002_d9d922505da5d732.txt" in result.output


def test_extract_prints_auditable_jsonl():
    result = runner.invoke(app, ["extract", str(CORPUS / "002_d9d922505da5d732.txt")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = (CORPUS / "002_d9d922505da5d732.txt").read_text(encoding="utf-8")
    assert {r["kind"] for r in records} >= {"outcome", "adverse_event"}
    for r in records:
        assert text[r["start"]:r["end"]] == r["quote"]
    orr = [r for r in records if r["kind"] == "outcome" and r["fields"]["measure"] == "ORR"]
    assert any(r["fields"]["value"] == "48.1" for r in orr)


def test_missing_inputs_say_what_to_do(tmp_path):
    result = runner.invoke(app, ["build", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    result = runner.invoke(app, ["stats", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 2
    assert "sarckg build" in result.output
