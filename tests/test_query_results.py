"""Result formats: SPARQL 1.1 JSON, CSV, TSV and the terminal table."""

from __future__ import annotations

import csv
import io
import json

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from sarckg.query.engine import QueryResult
from sarckg.query.results import compact, render

RESULT = QueryResult(
    kind="select",
    variables=("drug", "drugLabel", "n", "note"),
    rows=(
        (URIRef("https://w3id.org/sarckg/entity/drug/pembrolizumab"), Literal("pembrolizumab"),
         Literal("3", datatype=XSD.integer), Literal('tab\there, "quoted",\nnew line')),
        (URIRef("https://w3id.org/sarckg/entity/drug/x"), Literal("x", lang="en"), None, None),
    ),
)


def test_json_follows_sparql_results_json() -> None:
    data = json.loads(render(RESULT, "json"))
    assert data["head"]["vars"] == ["drug", "drugLabel", "n", "note"]
    first, second = data["results"]["bindings"]
    assert first["drug"] == {"type": "uri", "value": "https://w3id.org/sarckg/entity/drug/pembrolizumab"}
    assert first["n"] == {"type": "literal", "value": "3", "datatype": str(XSD.integer)}
    assert second["drugLabel"] == {"type": "literal", "value": "x", "xml:lang": "en"}
    assert "n" not in second  # unbound values are left out
    ask = json.loads(render(QueryResult("ask", (), (), boolean=True), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_csv_round_trips_awkward_text() -> None:
    rows = list(csv.reader(io.StringIO(render(RESULT, "csv"))))
    assert rows[0] == ["drug", "drugLabel", "n", "note"]
    assert rows[1][3] == 'tab\there, "quoted",\nnew line'
    assert rows[2][2:] == ["", ""]


def test_tsv_uses_ntriples_terms_one_line_per_row() -> None:
    lines = render(RESULT, "tsv").splitlines()
    assert lines[0] == "?drug\t?drugLabel\t?n\t?note"
    assert len(lines) == 3
    cells = lines[1].split("\t")
    assert cells[0] == "<https://w3id.org/sarckg/entity/drug/pembrolizumab>"
    assert cells[2] == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert cells[3].startswith('"tab\\there') and "\\n" in cells[3]


def test_table_shortens_iris_and_hides_labelled_columns() -> None:
    text = render(RESULT, "table")
    assert "drugLabel" in text and "pembrolizumab" in text
    assert "https://w3id.org" not in text
    assert "2 row(s)" in text
    assert compact(URIRef("https://w3id.org/sarckg/ontology#ORR")) == "skg:ORR"
    assert compact(URIRef("https://w3id.org/sarckg/entity/drug/x")) == "ent:drug/x"
