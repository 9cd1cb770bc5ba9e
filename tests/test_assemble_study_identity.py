"""Study identity: a trial named by its code name and by its NCT number becomes one study.

Papers written for the test (invented trials and registration numbers) go through the real
pipeline (read_document, extract_document, resolve_study_identity, merge_statements, build);
the real corpus ties SARC028 to NCT02301039 in 003's table and 004's prose.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from sarckg.assemble.merge import merge_statements
from sarckg.assemble.study_identity import EXTRACTOR, find_ties, resolve_study_identity
from sarckg.corpus import read_document
from sarckg.extract.pipeline import extract_document
from sarckg.graph.build import build_graph
from sarckg.model import (
    AliasDefinition,
    EntityRef,
    Evidence,
    OutcomeMeasurement,
    Statement,
    StudyDescription,
)
from sarckg.namespaces import ENT, SKG

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

REVIEW = """Immune checkpoint inhibitors in leiomyosarcoma and undifferentiated pleomorphic sarcoma: a narrative review

Abstract

This review summarises trials of checkpoint inhibitors in leiomyosarcoma and undifferentiated pleomorphic sarcoma.

Introduction

Leiomyosarcoma is an immunologically cold tumour. The KORVAL-2 trial reported a median progression-free survival of 6.1 months with zelbrutinib plus pembrolizumab in leiomyosarcoma (4).

Combination therapy

In KORVAL-2 (NCT05123456), 48 patients with leiomyosarcoma received zelbrutinib plus pembrolizumab, and the objective response rate was 21% (4). The BRISA-1 study showed an objective response rate of 17% with nivolumab in undifferentiated pleomorphic sarcoma (5).

TABLE 1 Key clinical trials of checkpoint inhibitors in sarcomas.

NCT number\tClinical Trial\tPhase\tStudy agent\tSarcoma subtype\tORR (%)
NCT05234567\tOkafor et al. BRISA-1, 2024 (5)\tPhase II\tnivolumab\t30 UPS\t17%
NCT05999999\tLindgren et al., 2023 (6)\tPhase II\tpembrolizumab\t22 LMS\t9%
"""

CONFLICTS = """Checkpoint inhibitors in synovial sarcoma: a narrative review

Abstract

This review summarises trials of checkpoint inhibitors in synovial sarcoma.

Introduction

The TANGO-3 trial reported an objective response rate of 12% with nivolumab in synovial sarcoma (2). The MERIDA study reported an objective response rate of 8% with pembrolizumab in synovial sarcoma (3). The LUMA-1 trial reported a median progression-free survival of 3.2 months with atezolizumab in synovial sarcoma (4).

Trials

In TANGO-3 (NCT05345678), 40 patients with synovial sarcoma received nivolumab. In MERIDA (NCT05345678), 25 patients with synovial sarcoma received pembrolizumab. In LUMA-1 (NCT05456789), 30 patients with synovial sarcoma received atezolizumab. The LUMA-1 trial (NCT05567890) also enrolled patients with myxoid liposarcoma.
"""

SHAPES = """Novel agents in epithelioid sarcoma: a narrative review

Abstract

This review summarises early trials in epithelioid sarcoma.

Introduction

The ORVIK trial reported an objective response rate of 15% with tazemetostat in epithelioid sarcoma (1). The PALOMA-7 study reported an objective response rate of 11% with nivolumab in epithelioid sarcoma (2). The SELVA trial reported a disease control rate of 40% with pembrolizumab in epithelioid sarcoma (3).

Trials

Tazemetostat was combined with nivolumab in the ORVIK phase 2 trial (NCT05611111) in 20 patients. Pembrolizumab was given in a phase 2 trial (SELVA, NCT05622222) to 18 patients. A single-arm study, NCT05633333 (PALOMA-7), enrolled 25 patients with epithelioid sarcoma. Responses were also seen with ORVIK and another trial (NCT05688888) of tazemetostat. The selva trial (NCT05699999) is unrelated.
"""


def _statements(tmp_path: Path, name: str, text: str) -> list[Statement]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(extract_document(read_document(path)).statements)


def _study_keys(statement: Statement) -> set[str]:
    keys = {v.key for f in fields(statement) if isinstance(v := getattr(statement, f.name), EntityRef)
            and v.category == "Study"}
    return keys | ({statement.evidence.cites_study} if statement.evidence.cites_study else set())


def _positions(statements: list[Statement]) -> set[tuple[str, int, int]]:
    return {(s.evidence.doc_id, s.evidence.start, s.evidence.end) for s in statements}


@pytest.fixture
def review(tmp_path: Path) -> list[Statement]:
    return _statements(tmp_path, "review.txt", REVIEW)


def test_apposition_and_table_row_tie_a_name_to_its_number(review):
    ties = {(t.named, t.nct_id) for t in find_ties(review)}
    assert ties == {("study/korval-2", "NCT05123456"), ("study/brisa-1", "NCT05234567")}


def test_every_statement_about_the_number_refers_to_the_named_study(review):
    assert any("study/nct05123456" in _study_keys(s) for s in review)  # the extractor's view
    resolved = resolve_study_identity(review)
    keys = set().union(*(_study_keys(s) for s in resolved))
    assert "study/nct05123456" not in keys and "study/nct05234567" not in keys
    orr = [s for s in resolved if isinstance(s, OutcomeMeasurement) and s.value == Decimal(21)]
    assert [s.study.key for s in orr if s.study] == ["study/korval-2"]
    assert orr[0].evidence.cites_study == "study/korval-2"
    # an "Author et al., year" row is not a trial name: its number stays its own study
    assert "study/nct05999999" in keys


def test_the_named_study_gets_the_number_as_id_and_alias_with_the_tying_quote(review):
    resolved = resolve_study_identity(review)
    ids = [s for s in resolved if isinstance(s, StudyDescription) and s.evidence.extractor == EXTRACTOR]
    aliases = [s for s in resolved if isinstance(s, AliasDefinition) and s.evidence.extractor == EXTRACTOR]
    assert {(s.study.label, s.nct_id) for s in ids} == {("KORVAL-2", "NCT05123456"), ("BRISA-1", "NCT05234567")}
    assert {(s.entity.key, s.alias) for s in aliases} == {("study/korval-2", "NCT05123456"),
                                                         ("study/brisa-1", "NCT05234567")}
    korval = next(s for s in aliases if s.entity.key == "study/korval-2")
    assert korval.evidence.quote.startswith("In KORVAL-2 (NCT05123456), 48 patients")
    row = next(s for s in aliases if s.entity.key == "study/brisa-1")
    assert row.evidence.zone == "table" and "Okafor et al. BRISA-1" in row.evidence.quote


def test_every_evidence_is_kept_and_the_result_is_order_independent(review):
    resolved = resolve_study_identity(review)
    assert _positions(review) == _positions(resolved)
    forward = merge_statements(resolve_study_identity(review))
    backward = merge_statements(resolve_study_identity(list(reversed(review))))
    assert [(a.iri_id, a.evidences) for a in forward] == [(a.iri_id, a.evidences) for a in backward]


def test_the_same_result_read_twice_becomes_one_assertion(review):
    """The BRISA-1 ORR in prose and in the table row (filed under its NCT number) is one fact."""
    assertions = merge_statements(resolve_study_identity(review))
    brisa = [a for a in assertions if isinstance(a.statement, OutcomeMeasurement)
             and a.statement.study is not None and a.statement.study.key == "study/brisa-1"
             and a.statement.measure == "ORR"]
    assert len(brisa) == 1
    assert {e.zone for e in brisa[0].evidences} == {"body", "table"}


def test_a_number_with_two_names_or_a_name_with_two_numbers_stays_apart(tmp_path, caplog):
    statements = _statements(tmp_path, "conflicts.txt", CONFLICTS)
    with caplog.at_level(logging.WARNING, logger="sarckg.assemble.study_identity"):
        resolved = resolve_study_identity(statements)
    assert [_study_keys(s) for s in resolved] == [_study_keys(s) for s in statements]
    assert not any(s.evidence.extractor == EXTRACTOR for s in resolved)
    messages = [r.getMessage() for r in caplog.records]
    assert any("NCT05345678" in m and "study/merida" in m and "study/tango-3" in m for m in messages)
    assert any("study/luma-1" in m and "NCT05456789" in m and "NCT05567890" in m for m in messages)


def test_descriptor_bracket_and_number_first_shapes(tmp_path):
    ties = {(t.named, t.nct_id) for t in find_ties(_statements(tmp_path, "shapes.txt", SHAPES))}
    assert ties == {("study/orvik", "NCT05611111"), ("study/selva", "NCT05622222"),
                    ("study/paloma-7", "NCT05633333")}


def _description(study: EntityRef, nct: str | None, quote: str, start: int) -> StudyDescription:
    ev = Evidence("doc-a", 0, start, start + len(quote), quote, extractor="studies")
    return StudyDescription(evidence=ev, study=study, nct_id=nct)


def test_a_description_giving_a_named_study_a_number_is_a_tie():
    named = EntityRef("study/orca-5", "ORCA-5", "Study", ("ClinicalTrial",), False)
    number = EntityRef("study/nct05644444", "NCT05644444", "Study", ("ClinicalTrial",), False)
    statements: list[Statement] = [
        _description(named, "NCT05644444", "ORCA-5 was registered as NCT05644444.", 0),
        _description(number, "NCT05644444", "NCT05644444 enrolled 30 patients.", 100),
    ]
    resolved = resolve_study_identity(statements)
    assert {s.study.key for s in resolved if isinstance(s, StudyDescription)} == {"study/orca-5"}


def test_sarc028_and_its_registration_number_are_one_study_in_the_corpus():
    statements: list[Statement] = []
    for name in ("003_dd540da1f82d3296.txt", "004_f275f513b1bd6c00.txt"):
        statements.extend(extract_document(read_document(CORPUS / name)).statements)
    assert any("study/nct02301039" in _study_keys(s) for s in statements)
    resolved = resolve_study_identity(statements)
    assert not any("study/nct02301039" in _study_keys(s) for s in resolved)
    aliases = [s for s in resolved if isinstance(s, AliasDefinition) and s.alias == "NCT02301039"]
    assert {s.entity.key for s in aliases} == {"study/sarc028"}
    assert {s.evidence.zone for s in aliases} == {"table", "body"}  # 003's table row, 004's prose


def test_the_built_graph_labels_the_study_by_name_with_the_number(tmp_path):
    (tmp_path / "review.txt").write_text(REVIEW, encoding="utf-8")
    g = build_graph(tmp_path).graph
    study = ENT["study/korval-2"]
    assert g.value(study, RDFS.label) == Literal("KORVAL-2")
    assert (study, SKG.nctId, Literal("NCT05123456")) in g
    assert (study, SKOS.altLabel, Literal("NCT05123456")) in g
    assert not list(g.predicate_objects(ENT["study/nct05123456"]))
    assert not list(g.subject_predicates(ENT["study/nct05123456"]))


NAMED_ONCE = """Vedotin conjugates in sarcoma: a short review

Introduction

The VEDO-SARC basket study (NCT05871123) enrolled 40 patients with angiosarcoma and reported an objective response rate of 30% with sorutamab vedotin.
"""


def test_a_trial_named_only_beside_its_number_is_one_study(tmp_path: Path) -> None:
    path = tmp_path / "named_once.txt"
    path.write_text(NAMED_ONCE, encoding="utf-8")
    statements = list(extract_document(read_document(path)).statements)
    resolved = resolve_study_identity(statements)
    studies = {getattr(s, "study", None).key for s in resolved
               if isinstance(s, StudyDescription | OutcomeMeasurement) and getattr(s, "study", None)}
    assert "study/vedo-sarc" in studies and "study/nct05871123" not in studies
    (tie,) = [s for s in resolved if isinstance(s, StudyDescription) and s.evidence.extractor == EXTRACTOR]
    assert tie.study.key == "study/vedo-sarc" and tie.nct_id == "NCT05871123"
