"""The query commands through typer's CliRunner, on the fixture graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sarckg.cli import app

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"
runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_graph(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SARCKG_GRAPH", str(FIXTURE))
    monkeypatch.setenv("SARCKG_ONTOLOGY_DIR", str(tmp_path))  # no ontology files: the fixture has its slice


def test_named_query_as_json_with_evidence() -> None:
    result = runner.invoke(app, ["query", "drugs_by_target", "--param", "target=PD-1",
                                 "--format", "json", "--evidence"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"quote", "document", "support", "designs"} <= set(data["head"]["vars"])
    quotes = {b["quote"]["value"] for b in data["results"]["bindings"]}
    assert "Pembrolizumab blocks PD-1." in quotes and "Nivolumab is an anti-PD-1 antibody." in quotes


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_formats(fmt: str) -> None:
    result = runner.invoke(app, ["query", "subtype_biomarkers", "-p", "subtype=UPS", "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "tertiary" in result.stdout


def test_query_from_file_and_stdin(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("PREFIX skg: <https://w3id.org/sarckg/ontology#>\n"
                     "SELECT ?drug ?target WHERE { ?drug skg:targets ?target }\n")
    result = runner.invoke(app, ["query", str(query), "-p", "target=VEGFR", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()[1:]) == [
        "https://w3id.org/sarckg/entity/drug/axitinib,https://w3id.org/sarckg/entity/target/vegfr",
        "https://w3id.org/sarckg/entity/drug/lenvatinib,https://w3id.org/sarckg/entity/target/vegfr",
    ]
    piped = runner.invoke(app, ["query", "-", "-f", "csv"], input="ASK { ?s ?p ?o }")
    assert piped.exit_code == 0 and piped.stdout.splitlines() == ["boolean", "true"]


@pytest.mark.parametrize("text, reason", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("LOAD <http://example.org/x>", "SPARQL Update"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "SPARQL Update"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM <http://example.org/g>"),
    ("SELECT * WHERE { ?s ?p }", "invalid SPARQL"),
])
def test_refused_or_invalid_queries_exit_2(text: str, reason: str) -> None:
    result = runner.invoke(app, ["query", "-"], input=text)
    assert result.exit_code == 2
    assert reason in result.stderr


def test_unknown_entity_and_query_names_say_what_to_do() -> None:
    result = runner.invoke(app, ["query", "drugs_by_target", "-p", "target=PD-L2"])
    assert result.exit_code == 2 and "did you mean: PD-L1" in result.stderr
    result = runner.invoke(app, ["query", "drugs_by_targets", "-p", "target=PD-1"])
    assert result.exit_code == 2 and "did you mean drugs_by_target" in result.stderr
    result = runner.invoke(app, ["query", "drugs_by_target"])
    assert result.exit_code == 2 and "needs --param target" in result.stderr


def test_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "drugs_by_target", "-p", "target=PD-1",
                                 "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1 and "sarckg build" in result.stderr


def test_queries_lists_every_named_query() -> None:
    result = runner.invoke(app, ["queries", "--format", "json"])
    assert result.exit_code == 0
    names = {q["name"] for q in json.loads(result.stdout)}
    assert {"subtype_biomarkers", "statement_evidence", "entity_search"} <= names
    assert len(names) >= 15


def test_paths_explain_synthesize() -> None:
    paths = runner.invoke(app, ["paths", "--from", "UPS", "--to", "TMB", "--max-hops", "2"])
    assert paths.exit_code == 0, paths.output
    assert "<-[subtype]-" in paths.stdout and "High TMB in UPS" in paths.stdout
    explained = runner.invoke(app, ["explain", "UPS", "--outcome", "response", "--format", "json"])
    assert explained.exit_code == 0, explained.output
    assert json.loads(explained.stdout)["counts"]["Subtype -> Biomarker -> Outcome"] == 3
    pooled = runner.invoke(app, ["synthesize", "--subtype", "STS", "--regimen-class",
                                 "angiogenesis inhibitors", "--format", "json"])
    assert pooled.exit_code == 0, pooled.output
    assert len(json.loads(pooled.stdout)["studies"]) == 3
    too_few = runner.invoke(app, ["synthesize", "--subtype", "ASPS"])
    assert too_few.exit_code == 2 and "fewer than 2" in too_few.stderr


@pytest.mark.parametrize("command", ["query", "queries", "paths", "explain", "synthesize"])
def test_help_has_examples(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "sarckg " + command in result.stdout


def test_evidence_for_both_sides_of_a_conflict() -> None:
    result = runner.invoke(app, ["query", "conflicting_biomarker_findings", "--evidence", "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]["bindings"]
    sides = {row["quoteA"]["value"], row["quoteB"]["value"]}
    assert sides == {"PD-L1 positive tumours responded more often.",
                     "PD-L1 expression was not associated with response."}
    assert row["documentA"]["value"] != row["documentB"]["value"]
    variables = json.loads(result.stdout)["head"]["vars"]
    assert len(variables) == len(set(variables))
