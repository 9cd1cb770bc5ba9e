"""Outcome shapes end to end (sentence to measurement, with regimen and population): shares of
a described group, arms listed against a comparator, response wordings, ranges that are no values."""

from __future__ import annotations

from decimal import Decimal

from sarckg.model import Regimen
from test_extract_outcomes import LEXICON, PEMBRO, SUNI, UPS, make_doc, measured, one, ref

LMS = ref("SarcomaSubtype", "leiomyosarcoma")
IPI = ref("Drug", "ipilimumab")
LEX = {**LEXICON, "LMS": LMS, "ipilimumab": IPI}


def test_a_share_of_a_group_described_at_length_is_its_response_rate() -> None:
    found = measured(make_doc(["In one trial, 16% of patients with LMS in the nivolumab plus ipilimumab arm "
                               "showed an objective response."], LEX))
    orr = one(found, "ORR", value=Decimal(16))
    assert orr.population == LMS
    assert orr.regimen is not None and {c.key for c in orr.regimen.components} == {"drug/nivolumab", IPI.key}


def test_a_share_of_a_clause_is_no_response_rate() -> None:
    assert measured(make_doc(["In one trial, 16% of patients with LMS progressed and the others showed an "
                              "objective response to nivolumab."], LEX)) == []


ANLO = ref("Drug", "anlotinib")
REGO = ref("Drug", "regorafenib")
ARMS = {**LEX, "anlotinib": ANLO, "regorafenib": REGO}
LISTED = ("In placebo-controlled trials of anlotinib and regorafenib, PFS improved over placebo "
          "(6.1 months vs. 1.5 months, 3.9 months vs. 1.7 months, respectively) in patients with LMS.")


def test_pairs_listed_against_placebo_give_each_arm_its_value_and_no_placebo_result() -> None:
    found = measured(make_doc([LISTED], ARMS))
    assert sorted(o.value for o in found if o.value is not None) == [Decimal("3.9"), Decimal("6.1")]
    assert all(o.population == LMS for o in found)


def test_a_named_comparator_arm_keeps_its_own_result() -> None:
    found = measured(make_doc(["The median OS was 14.2 months with nivolumab versus 9.0 months with sunitinib."], ARMS))
    assert one(found, "MedianOS", value=Decimal("9.0")).regimen == Regimen.of(SUNI)


DDLPS = ref("SarcomaSubtype", "dedifferentiated liposarcoma")
OSTEO = ref("SarcomaSubtype", "osteosarcoma")
COHORTS = {**LEX, "dedifferentiated liposarcoma": DDLPS, "osteosarcoma": OSTEO}


def test_activity_of_a_share_per_cohort_and_a_glued_response() -> None:
    found = measured(make_doc(["In a basket trial of pembrolizumab, the greatest activity was in UPS of 31% and "
                               "dedifferentiated liposarcoma cohorts of 14%, whereas osteosarcoma showed only a 3% "
                               "response."], COHORTS))
    assert {(o.measure, o.value, o.population) for o in found} == {
        ("ORR", Decimal(31), UPS), ("ORR", Decimal(14), DDLPS), ("ORR", Decimal(3), OSTEO)}
    assert all(o.regimen == Regimen.of(PEMBRO) for o in found)


def test_activity_without_a_share_is_no_measure() -> None:
    assert measured(make_doc(["Pembrolizumab showed antitumor activity in UPS and osteosarcoma."], COHORTS)) == []
