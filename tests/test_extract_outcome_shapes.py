"""Outcome shapes end to end (sentence to measurement, with regimen and population): shares of
a described group, arms listed against a comparator, response wordings, ranges that are no values."""

from __future__ import annotations

from decimal import Decimal

from test_extract_outcomes import LEXICON, make_doc, measured, one, ref

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
