"""Words naming one group of patients (a noun phrase with its prepositional phrases), not a clause."""

from __future__ import annotations

import pytest

from sarckg.extract.outcome_groups import group_phrase, share_of


@pytest.mark.parametrize(("words", "expected"), [
    ("patients with LMS in the nivolumab plus ipilimumab arm", True),
    ("the patients treated with drug X at the higher dose", True),
    ("previously treated patients with advanced disease", True),
    ("patients who received drug X", True),
    ("dedifferentiated liposarcoma cohorts", True),
    ("patients progressed and the others", False),  # a second subject
    ("patients progressed", False),  # a verb in -ed ends it
    ("the tumours were PD-L1 positive and patients", False),
    ("patients who relapsed", False),
    ("patients with very long and strangely named rare histologic subtype variants", False),  # over five words
    ("", False),
])
def test_group_phrase(words: str, expected: bool) -> None:
    assert group_phrase(words) is expected


@pytest.mark.parametrize(("gap", "expected"), [
    (" of patients with LMS in the nivolumab plus ipilimumab arm showed an ", True),
    (" (4/21) of patients showed an ", False),  # the parenthetical belongs to the reading, not the gap
    (" of patients with LMS, and later others showed an ", False),
    (" of patients with LMS were alive and showed an ", False),
])
def test_share_of(gap: str, expected: bool) -> None:
    assert share_of(gap) is expected
