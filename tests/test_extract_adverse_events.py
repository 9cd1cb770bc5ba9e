"""Adverse events from prose lists: events, grades, shares and counts, regimen context."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.test_extract_outcomes import (
    AI,
    ICI,
    LEXICON,
    PEMBRO,
    assert_quotes_exact,
    corpus_doc,
    make_doc,
    ref,
)

from sarckg.extract import adverse_events
from sarckg.model import AdverseEventReport

HTN = ref("AdverseEvent", "hypertension")
FATIGUE = ref("AdverseEvent", "fatigue")
MYOCARDITIS = ref("AdverseEvent", "myocarditis")
NAUSEA = ref("AdverseEvent", "nausea")
CRS = ref("AdverseEvent", "cytokine release syndrome")
EVENTS = {**LEXICON, "hypertension": HTN, "fatigue": FATIGUE, "myocarditis": MYOCARDITIS,
          "nausea": NAUSEA, "cytokine release syndrome": CRS}
TITLE = ("Angiogenesis inhibitors plus ICIs in soft tissue sarcoma", "title", "")
EVENTS["Angiogenesis inhibitors"] = AI


def reports(*texts: object, design: str | None = None) -> list[AdverseEventReport]:
    doc = make_doc([TITLE, *texts], EVENTS, design=design)  # type: ignore[list-item]
    return list(adverse_events.extract(doc))


def by_label(found: list[AdverseEventReport]) -> dict[str, AdverseEventReport]:
    return {r.event.label: r for r in found}


def test_any_grade_list_with_shares_and_unseen_events() -> None:
    found = by_label(reports(
        "The most common TRAEs of any grade included hypertension (50.0%), ECG T-wave abnormality "
        "(30.0%), elevated alanine aminotransferase or aspartate aminotransferase (23.3%), and fatigue (16.7%)."
    ))
    assert set(found) == {"hypertension", "ECG T-wave abnormality",
                          "elevated alanine aminotransferase or aspartate aminotransferase", "fatigue"}
    assert found["hypertension"].event == HTN and found["hypertension"].percent == Decimal("50.0")
    ecg = found["ECG T-wave abnormality"].event
    assert ecg.key == "adverseevent/ecg-t-wave-abnormality" and not ecg.in_vocabulary
    assert {r.grade for r in found.values()} == {"any"}
    regimen = found["fatigue"].regimen
    assert regimen is not None and {c.key for c in regimen.components} == {AI.key, ICI.key}


@pytest.mark.parametrize(("text", "grade"), [
    ("The most common grade 3–4 TRAE was hypertension (27.3%).", "3-4"),
    ("The main ≥ grade 3 TRAE was hypertension (27.3%).", ">=3"),
    ("Grade III toxicity was hypertension (27.3%).", "3"),
])
def test_grades(text: str, grade: str) -> None:
    (only,) = reports(text)
    assert (only.event, only.grade, only.percent) == (HTN, grade, Decimal("27.3"))


def test_counts_with_n_and_abbreviated_items() -> None:
    found = by_label(reports(
        "Common AEs included reactive capillary hyperplasia (RCCEP) (n = 7, 17.9%), fatigue and "
        "weakness (n = 5, 12.8%), fever (n=3, 7.7%)."
    ))
    assert (found["reactive capillary hyperplasia"].count, found["reactive capillary hyperplasia"].percent) == (
        7, Decimal("17.9"))
    assert found["fatigue and weakness"].count == 5
    assert found["fever"].percent == Decimal("7.7")


def test_counted_by_number_words() -> None:
    found = by_label(reports(
        "Three serious TRAEs (two myocarditis and one rapid atrial fibrillation) were recorded."
    ))
    assert found["myocarditis"].count == 2 and found["myocarditis"].event == MYOCARDITIS
    assert found["rapid atrial fibrillation"].count == 1


def test_unnumbered_list_in_a_review_takes_the_cited_regimen() -> None:
    found = reports(
        "In a phase II trial, pembrolizumab achieved an ORR of 20% in UPS.",
        "Common adverse events included cytokine release syndrome, nausea, and fatigue.",
        design="review",
    )
    assert {r.event for r in found} == {CRS, NAUSEA, FATIGUE}
    assert all(r.regimen is not None and r.regimen.components == (PEMBRO,) for r in found)
    assert all(r.study is None and r.evidence.secondary for r in found)


@pytest.mark.parametrize("text", [
    "Most adverse events reported were mild and tolerable.",
    "AEs were collected and graded according to the CTCAE version 5.0.",
    "Out of the 51 patients included in this study, 63 (79.7%) experienced one or more AEs.",
    "Most AEs occurred after 2 or 3 cycles of treatment.",
    "We analyzed the toxicity of this strategy at three treatment centers in 2 lines versus subsequent lines.",
    "AEs caused by mono anti-PD-1 therapy were tolerated.",
])
def test_sentences_without_events_yield_nothing(text: str) -> None:
    assert reports(text) == []


def test_corpus_prose_adverse_events() -> None:
    doc = corpus_doc("002")
    found = list(adverse_events.extract(doc))
    assert_quotes_exact(doc, found)
    got = {(r.event.label.lower(), r.grade, r.percent, r.count) for r in found}
    assert ("hypertension", "any", Decimal("50.0"), None) in got
    assert ("hypertension", "3-4", Decimal("27.3"), None) in got
    assert ("myocarditis", None, None, 2) in got
    assert all(r.study == doc.context.own_study for r in found if not r.evidence.secondary)
    regimen = next(r.regimen for r in found if r.grade == "any")
    assert regimen is not None and {c.key for c in regimen.components} == {
        "class/AngiogenesisInhibitor", "class/ImmuneCheckpointInhibitor"}


def test_corpus_counts_with_n_and_abbreviated_events() -> None:
    found = list(adverse_events.extract(corpus_doc("004")))
    rccep = next(r for r in found if r.percent == Decimal("17.9"))
    assert rccep.count == 7 and "capillary" in rccep.event.label
    assert {(r.event.label, r.count) for r in found if r.percent == Decimal("5.1")} >= {("hypertension", 2), ("rash", 2)}


@pytest.mark.parametrize("text", [
    "No grade 5 adverse events occurred, and most toxicities were mild.",
    "There were no treatment-related deaths during follow-up.",
    "No fatal TRAEs were recorded in either arm.",
])
def test_no_grade_five_is_zero_treatment_related_deaths(text: str) -> None:
    found = [r for r in reports(TITLE, text) if r.event.key == "adverseevent/treatment-related-death"]
    assert [(r.grade, r.count, r.percent) for r in found] == [("5", 0, Decimal(0))]


def test_grade_five_events_that_happened_are_not_zero() -> None:
    found = reports(TITLE, "One grade 5 adverse event (myocarditis) occurred.")
    assert all(r.count != 0 for r in found)


def test_items_after_a_parenthesis_and_a_head_noun_after_words() -> None:
    found = by_label(reports(TITLE, "Grade 3 or higher TRAEs occurred in 10 patients (25%), the most common being "
                                    "hypertension (12.5%) and fatigue (5.0%)."))
    assert set(found) == {"hypertension", "fatigue"}
    assert (found["hypertension"].percent, found["fatigue"].percent) == (Decimal("12.5"), Decimal("5.0"))
    assert {r.grade for r in found.values()} == {">=3"}


def test_an_event_observed_in_a_share_of_patients_and_a_fatal_case() -> None:
    found = by_label(reports(TITLE, "Grade 3-4 nausea was observed in 3 patients (7.5%).",
                             "Two patients died of myocarditis."))
    assert (found["nausea"].grade, found["nausea"].count, found["nausea"].percent) == ("3-4", 3, Decimal("7.5"))
    assert (found["myocarditis"].grade, found["myocarditis"].count) == ("5", 2)



@pytest.mark.parametrize("clause", ["and was grade 3 in 2 patients (5.0%)", "which was grade 3 in 2 patients (5.0%)"])
def test_an_event_with_a_graded_subset_in_a_later_clause(clause: str) -> None:
    found = reports(TITLE, f"In this cohort, nausea occurred in 30 patients (75.0%) {clause}.")
    assert {(r.grade, r.count, r.percent) for r in found} == {("any", 30, Decimal("75.0")), ("3", 2, Decimal("5.0"))}


TOXICITY = ref("AdverseEvent", "toxicity")
HEPATITIS = ref("AdverseEvent", "hepatitis")
CAUSES = {**EVENTS, "toxicity": TOXICITY, "hepatitis": HEPATITIS}


def test_an_event_that_changed_this_regimen_takes_the_regimen_of_the_sentence_before() -> None:
    first = ("With axitinib plus pembrolizumab, the ORR was 30% in UPS (12).", "body", "Discussion")
    second = ("Because of severe toxicity, this combination was given at a reduced dose of axitinib.",
              "body", "Discussion")
    doc = make_doc([first, second], CAUSES, design="review")
    (r,) = adverse_events.extract(doc)
    assert r.event == TOXICITY and r.grade is None and (r.percent, r.count) == (None, None)
    assert r.regimen is not None and {c.label for c in r.regimen.components} == {"axitinib", "pembrolizumab"}
    assert r.evidence.antecedent_index == 0 and r.evidence.quote == f"{first[0]}\n{second[0]}"


def test_an_event_that_stopped_treatment_is_reported_with_its_own_grade() -> None:
    doc = make_doc(["No grade 5 AEs occurred, and two patients discontinued nivolumab due to grade 3 hepatitis."],
                   CAUSES, design="retrospective")
    found = by_label(list(adverse_events.extract(doc)))
    assert (found["hepatitis"].grade, found["hepatitis"].count) == ("3", 2)
    assert found["treatment-related death"].grade == "5"
    assert found["hepatitis"].regimen is not None and found["hepatitis"].regimen.components[0].label == "nivolumab"


@pytest.mark.parametrize("text", [
    "Patients declined nivolumab due to concerns about toxicity.",  # a worry, not an event
    "Toxicity should be monitored and any toxicities promptly addressed.",  # advice
    "Hepatitis is a known risk of nivolumab.",  # no change of treatment
])
def test_no_causal_event(text: str) -> None:
    doc = make_doc([text], CAUSES, design="retrospective")
    assert list(adverse_events.extract(doc)) == []


def test_corpus_event_behind_a_lower_dose_of_the_regimen_before() -> None:
    doc = corpus_doc("003")
    found = [r for r in adverse_events.extract(doc) if r.event.key == "adverseevent/toxicity"
             and r.evidence.antecedent_index is not None]
    assert_quotes_exact(doc, found)
    assert any(r.regimen is not None and {c.key for c in r.regimen.components} == {"drug/nivolumab", "drug/sunitinib"}
               for r in found)


IPI = ref("Drug", "ipilimumab")
NIVO_SUNI = {**EVENTS, "ipilimumab": IPI, "nivolumab": ref("Drug", "nivolumab"), "sunitinib": ref("Drug", "sunitinib")}


def test_a_restated_event_takes_no_regimen_from_another_section() -> None:
    doc = make_doc([("Pembrolizumab was compared with ipilimumab in a randomized trial.", "body", "Introduction"),
                    ("Common adverse events included nausea and fatigue.", "body", "Safety")],
                   NIVO_SUNI, design="review")
    found = list(adverse_events.extract(doc))
    assert {r.event for r in found} == {NAUSEA, FATIGUE}
    assert all(r.regimen is None and r.evidence.antecedent_index is None for r in found)


def test_this_regimen_after_alternatives_is_none_of_them() -> None:
    doc = make_doc([("In a phase II trial, patients received nivolumab or sunitinib (5).", "body", "Discussion"),
                    ("With this regimen, grade 3 hypertension was observed in 4 patients (10%).", "body", "Discussion")],
                   NIVO_SUNI, design="review")
    (r,) = adverse_events.extract(doc)
    assert (r.event, r.grade, r.count) == (HTN, "3", 4)
    assert r.regimen is None and r.evidence.antecedent_index is None


def test_a_restated_event_takes_the_one_regimen_of_the_sentence_before_and_quotes_it() -> None:
    first = ("In a phase II trial, pembrolizumab achieved an ORR of 20% in UPS.", "body", "Discussion")
    second = ("Common adverse events included nausea and fatigue.", "body", "Discussion")
    doc = make_doc([first, second], NIVO_SUNI, design="review")
    found = list(adverse_events.extract(doc))
    assert found and all(r.regimen is not None and r.regimen.components == (PEMBRO,) for r in found)
    assert all(r.evidence.quote == f"{first[0]}\n{second[0]}" for r in found)
