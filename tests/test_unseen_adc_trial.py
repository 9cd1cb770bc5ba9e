"""End to end on an invented phase Ib/II trial report (tests/resources/unseen/adc_ici_phase1b2.txt):
an antibody-drug conjugate and an anti-PD-1 antibody the vocabulary has never seen, two
translocation-driven subtypes in one cohort, a structured abstract, a pipe table of adverse
events and a discussion. The tests ask what a reader would underline and that nothing is said
of the wrong group: whole-cohort results belong to neither subtype alone."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sarckg.corpus import read_document
from sarckg.extract.pipeline import DocumentExtraction, extract_document
from sarckg.model import (
    AdverseEventReport,
    BiomarkerAssociation,
    DrugClassMembership,
    DrugTarget,
    Mechanism,
    OutcomeMeasurement,
)

PAPER = Path(__file__).resolve().parent / "resources" / "unseen" / "adc_ici_phase1b2.txt"
BOTH = {"drug/retifanlimab", "drug/vobratamab-vedotin"}


@pytest.fixture(scope="module")
def read() -> DocumentExtraction:
    return extract_document(read_document(PAPER))


def outcomes(read: DocumentExtraction, measure: str) -> list[OutcomeMeasurement]:
    return [s for s in read.statements if isinstance(s, OutcomeMeasurement) and s.measure == measure]


def test_every_quote_is_the_paper_at_its_offsets(read: DocumentExtraction) -> None:
    text = read.document.text
    assert read.statements
    for s in read.statements:
        assert text[s.evidence.start:s.evidence.end] == s.evidence.quote


def test_the_new_drugs_their_classes_and_targets(read: DocumentExtraction) -> None:
    classes = {(s.drug.key, s.drug_class) for s in read.statements if isinstance(s, DrugClassMembership)}
    assert ("drug/vobratamab-vedotin", "AntibodyDrugConjugate") in classes
    assert ("drug/retifanlimab", "PD1Inhibitor") in classes
    targets = {(s.drug.key, s.target.label) for s in read.statements if isinstance(s, DrugTarget)}
    assert ("drug/vobratamab-vedotin", "B7-H3") in targets and ("drug/retifanlimab", "PD-1") in targets


def test_whole_cohort_results_are_the_titled_trials_with_no_single_subtype(read: DocumentExtraction) -> None:
    (orr,) = [o for o in outcomes(read, "ORR") if o.value == Decimal("26.2") and o.numerator is not None]
    assert (orr.numerator, orr.denominator, orr.ci_low, orr.ci_high) == (11, 42, Decimal("13.9"), Decimal("42.0"))
    assert orr.population is None  # the cohort is synovial sarcoma AND myxoid liposarcoma
    assert orr.study is not None and orr.study.key == "study/tideway-1"  # the code name the title gives
    assert orr.regimen is not None and {c.key for c in orr.regimen.components} == BOTH
    (pfs,) = outcomes(read, "MedianPFS")
    assert pfs.value == Decimal("5.6") and pfs.population is None
    assert any(o.not_reached for o in outcomes(read, "MedianOS"))


def test_per_subtype_results_keep_their_subtype(read: DocumentExtraction) -> None:
    by_value = {o.value: o.population.key if o.population else None for o in outcomes(read, "ORR")}
    assert by_value[Decimal("30.8")] == "subtype/synovial-sarcoma"
    assert by_value[Decimal("18.8")] == "subtype/myxoid-liposarcoma"


def test_a_fraction_restated_as_a_percent_is_one_result(read: DocumentExtraction) -> None:
    (dcr,) = outcomes(read, "DCR")
    assert (dcr.value, dcr.numerator, dcr.denominator) == (Decimal("73.8"), 31, 42)


def test_adverse_event_table_rows(read: DocumentExtraction) -> None:
    rows = {(s.event.key, s.grade, s.count, s.percent) for s in read.statements
            if isinstance(s, AdverseEventReport) and s.count is not None}
    assert ("adverseevent/neutropenia", ">=3", 8, Decimal(19)) in rows
    assert ("adverseevent/neutropenia", "any", 15, Decimal(36)) in rows


def test_biomarkers_with_direction_and_hedging(read: DocumentExtraction) -> None:
    found = {(s.biomarker.key, s.direction, s.evidence.hedged) for s in read.statements
             if isinstance(s, BiomarkerAssociation)}
    assert ("target/pd-l1", "none", False) in found
    assert any(b == "biomarker/tertiary-lymphoid-structure" and d == "positive" and h for b, d, h in found)


def test_a_negated_mechanism_and_a_phenotype_conversion(read: DocumentExtraction) -> None:
    mechanisms = [s for s in read.statements if isinstance(s, Mechanism)]
    tregs = [m for m in mechanisms if m.object.key == "celltype/regulatory-t-cell"]
    assert tregs and all(m.evidence.negated for m in tregs)  # "did not increase the number of Tregs"
    assert any(m.effect == "Converts" and m.object.key == "process/tumor-immune-phenotype" for m in mechanisms)
