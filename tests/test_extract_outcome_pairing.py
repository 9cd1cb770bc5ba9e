"""Measures found by their labels and phrasings, time points, and which value each measure takes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sarckg.extract.numbers import readings
from sarckg.extract.outcome_pairing import find_measures, pair, read_at, timepoints


def pairs(text: str) -> list[tuple[str, Decimal | None, bool]]:
    hits = find_measures(text)
    tps = timepoints(text, hits)
    rs = readings(text, skip=frozenset(t.start for t in tps))
    return [(p.hit.measure, p.reading.value, p.comparator) for p in pair(text, hits, rs, tps)]


@pytest.mark.parametrize(("text", "measure"), [
    ("a confirmed objective response was seen in 12% of patients", "ORR"),
    ("the best overall response rate was 30%", "ORR"),
    ("the objective response rate was 9%", "ORR"),
    ("the patients achieved an objective remission of 16%", "ORR"),
    ("the objective remission rate was 21%", "ORR"),
])
def test_phrasings_of_the_response_rate(text: str, measure: str) -> None:
    assert [h.measure for h in find_measures(text)] == [measure]


def arms(text: str) -> list[tuple[Decimal | None, bool, Decimal | None, tuple[int, int] | None]]:
    """Each pairing's value, whether it is a comparator, the value it was compared with, its list place."""
    hits = find_measures(text)
    tps = timepoints(text, hits)
    rs = readings(text, skip=frozenset(t.start for t in tps))
    return [(p.reading.value, p.comparator, p.versus.value if p.versus else None, p.respective)
            for p in pair(text, hits, rs, tps)]


def test_the_other_arm_pairs_as_a_comparator() -> None:
    assert pairs("The median PFS was 6.0 months vs. 2.9 months with sunitinib.") == [
        ("MedianPFS", Decimal("6.0"), False), ("MedianPFS", Decimal("2.9"), True)]
    # a placebo arm's value is no result of its own: it is what the arm's value was compared with
    assert arms("The median PFS was 6.0 months vs. 2.9 months with placebo.") == [
        (Decimal("6.0"), False, Decimal("2.9"), None)]
    assert pairs("The ORR was 30% and the DCR was 70%.") == [("ORR", Decimal(30), False), ("DCR", Decimal(70), False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("OS at 2 years was 61%", True), ("the 12-month PFS was 40%", True), ("the median PFS was 4 months", False),
])
def test_survival_read_at_a_time_point(text: str, expected: bool) -> None:
    hits = find_measures(text)
    assert read_at(text, hits[0], timepoints(text, hits)) is expected


def test_coordinated_values_share_the_unit_written_once() -> None:
    assert pairs("Median PFS and OS were 3.9 (95% CI 2.0-5.1) and 10.4 months, respectively.") == [
        ("MedianPFS", Decimal("3.9"), False), ("MedianOS", Decimal("10.4"), False)]
    # no one unit fits both: the ORR takes nothing rather than "12 months"
    assert pairs("The ORR and median PFS were 12 and 4.5 months, respectively.") == [("MedianPFS", Decimal("4.5"), False)]


@pytest.mark.parametrize(("text", "denominator"), [
    ("No objective responses were observed (n = 9).", 9),
    ("None of the 14 evaluable patients achieved an objective response.", 14),
    ("The vaccine gave durable disease control, although no objective responses occurred.", None),
])
def test_no_responses_is_a_response_rate_of_zero(text: str, denominator: int | None) -> None:
    hits = find_measures(text)
    tps = timepoints(text, hits)
    (p,) = pair(text, hits, readings(text), tps)
    assert (p.hit.measure, p.reading.value, p.reading.numerator, p.reading.denominator) == ("ORR", 0, 0, denominator)


def test_no_response_rate_data_is_not_a_rate() -> None:
    text = "No objective response rate data were available."
    assert pair(text, find_measures(text), readings(text), []) == []


def test_values_after_compared_to_belong_to_the_other_arm() -> None:
    assert pairs("The median PFS was 5.7 months in the drug X arm compared to 2.1 months in the drug Y arm.") == [
        ("MedianPFS", Decimal("5.7"), False), ("MedianPFS", Decimal("2.1"), True)]
    assert arms("The median PFS was 5.7 months in the drug X arm compared to 2.1 months in the placebo arm.") == [
        (Decimal("5.7"), False, Decimal("2.1"), None)]


@pytest.mark.parametrize(("text", "expected"), [
    # pairs listed in the order of the agents named before, with or without "respectively"
    ("Trials of drug A and drug B improved PFS over placebo (5.8 months vs. 1.4 months, 3.7 months vs. "
     "1.8 months, respectively).",
     [(Decimal("5.8"), False, Decimal("1.4"), (0, 2)), (Decimal("3.7"), False, Decimal("1.8"), (1, 2))]),
    ("With A, B and C the ORR was 30% vs. 10%; 25% vs. 12% and 40% versus 20%.",
     [(Decimal(30), False, Decimal(10), (0, 3)), (Decimal(10), True, None, (0, 3)),
      (Decimal(25), False, Decimal(12), (1, 3)), (Decimal(12), True, None, (1, 3)),
      (Decimal(40), False, Decimal(20), (2, 3)), (Decimal(20), True, None, (2, 3))]),
    # a single pair is no list; a value after the pair is not a second arm's
    ("The ORR was 30% vs. 10%, 12% in the second cohort.",
     [(Decimal(30), False, Decimal(10), None), (Decimal(10), True, None, None)]),
])
def test_arm_and_comparator_pairs_listed_in_order(
        text: str, expected: list[tuple[Decimal | None, bool, Decimal | None, tuple[int, int] | None]]) -> None:
    assert arms(text) == expected


def test_time_points_listed_as_adjectives_before_the_measure() -> None:
    text = "The 3-month, 6-month and 12-month OS rates were 91%, 75% and 52%, respectively."
    hits = find_measures(text)
    tps = timepoints(text, hits)
    got = [(p.timepoint.value if p.timepoint else None, p.reading.value)
           for p in pair(text, hits, readings(text, skip=frozenset(t.start for t in tps)), tps)]
    assert got == [(3, 91), (6, 75), (12, 52)]
    lone = "A 6-month course was given; the 12-month OS rate was 40%."
    assert [t.value for t in timepoints(lone, find_measures(lone))] == [12]


def test_best_response_as_a_category_is_no_rate() -> None:
    assert [h.measure for h in find_measures("8 patients had SD as best response")] == ["StableDisease"]
    assert [h.measure for h in find_measures("a best response of 25% was reached")] == ["ORR"]


@pytest.mark.parametrize(("text", "expected"), [
    # a group with its prepositional phrases, however long, up to the verb
    ("12% of patients with uterine LMS in the doxorubicin plus olaratumab arm showed an objective response.",
     [("ORR", Decimal(12), False)]),
    ("30% (6/20) of the patients treated with drug X at the higher dose achieved a partial response.",
     [("PartialResponse", Decimal(30), False)]),
    ("8% of previously treated patients with advanced disease had an objective response.", [("ORR", Decimal(8), False)]),
    # a second clause is not the group: the share is of something else
    ("40% of patients progressed and the others showed an objective response.", []),
    ("40% of patients with LMS relapsed early and others showed an objective response.", []),
    ("40% of the tumours were PD-L1 positive and patients showed an objective response.", []),
    ("40% of patients, in whom the tumour shrank, showed an objective response.", []),
])
def test_a_share_of_a_group_that_had_the_measure(text: str, expected: list[tuple[str, Decimal, bool]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the combination showed only a 7% response", [("ORR", Decimal(7), False)]),
    ("an 18% objective response rate was seen", [("ORR", Decimal(18), False)]),
    ("a 4% response to placebo", [("ORR", Decimal(4), False)]),
    ("a response of 35% in the expansion cohort", [("ORR", Decimal(35), False)]),
    # other responses, and shares that are no response rate
    ("an immune response of 35% of baseline", []),
    ("a minor response of 12% was noted", []),
    ("a response of 30% shrinkage of the target lesions", []),
    ("a 30% response in tumour size", []),
    ("the tumour burden was reduced by 5% at week 8", []),
    ("the drug had antitumor activity in two cohorts", []),
    ("NK cell activity of 40% was measured", []),
])
def test_response_and_activity_wordings_of_the_response_rate(text: str, expected: list[tuple[str, Decimal, bool]]) -> None:
    assert pairs(text) == expected


def test_a_measure_spread_over_groups_each_value_after_its_group() -> None:
    text = "The best activity was seen in cohort A of 30% and cohort B of 12%, while cohort C showed a 2% response."
    hits = find_measures(text)
    got = [(text[p.hit.start : p.hit.end], p.hit.start, p.reading.value) for p in pair(text, hits, readings(text), [])]
    # each value stands at its own "of", after the group it is of
    assert got == [("of", text.index("of 30"), 30), ("of", text.index("of 12"), 12), ("response", text.index("response"), 2)]
    # a second clause is no group: the value after it is not the measure's
    assert pairs("The best activity was seen in cohort A of 30% and the others were treated with 12% of the dose.") == [
        ("ORR", Decimal(30), False)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Disease control was achieved in 27 of 36 patients (DCR 75%).", [("DCR", Decimal(75), 27, 36)]),
    ("Responses occurred in 9 of 40 cases (objective response rate, 22.5%).", [("ORR", Decimal("22.5"), 9, 40)]),
    # a fraction that does not agree with the percent is not its share
    ("Responses occurred in 9 of 40 cases (objective response rate, 30%).", [("ORR", Decimal(30), None, None)]),
])
def test_a_fraction_restated_as_a_percent_pairs_once(text: str, expected: list[tuple[object, ...]]) -> None:
    hits = find_measures(text)
    assert [(p.hit.measure, p.reading.value, p.reading.numerator, p.reading.denominator)
            for p in pair(text, hits, readings(text), [])] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a range is no value, and no interval of the value before it
    ("The median PFS ranged from 1.2 months to 3.4 months across cohorts.", []),
    ("The median PFS was 4.1 months (IQR 2.8-6.0 months).", [("MedianPFS", Decimal("4.1"), None)]),
    ("The median PFS was 5.2 months (range, 2.8-15.1).", [("MedianPFS", Decimal("5.2"), None)]),
    # a hazard ratio and its interval are no outcome value, nor the interval of one
    ("Median PFS was longer with the combination (HR 0.42; 95% CI 0.19-0.93).", []),
    ("The median OS was 11.3 months (95% CI 8.1-14.2; HR 0.42; 95% CI 0.19-0.93).",
     [("MedianOS", Decimal("11.3"), (Decimal("8.1"), Decimal("14.2")))]),
    ("The median OS was 11.3 months (HR 0.42, 95% CI 0.19-0.93, P = 0.01).", [("MedianOS", Decimal("11.3"), None)]),
])
def test_ranges_and_hazard_ratios_are_no_values(text: str, expected: list[tuple[object, ...]]) -> None:
    hits = find_measures(text)
    tps = timepoints(text, hits)
    got = pair(text, hits, readings(text, skip=frozenset(t.start for t in tps)), tps)
    assert [(p.hit.measure, p.reading.value, p.reading.ci and (p.reading.ci.low, p.reading.ci.high)) for p in got] == expected


def test_a_range_of_medians_with_the_unit_on_both_bounds_is_no_median() -> None:
    assert pairs("Such agents give a modest mPFS of 2.5 months to 19 months.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # historical data are no arm of the study: their values stay only as what was compared with
    ("Drug X extended median PFS to 9.8 months versus 4.4 months, and OS to 24.6 months versus 13.9 months "
     "compared to historical controls.", [(Decimal("9.8"), False, Decimal("4.4"), None),
                                          (Decimal("24.6"), False, Decimal("13.9"), None)]),
    ("In a placebo-controlled trial, the median PFS was 5.0 months vs. 2.0 months in patients with LMS.",
     [(Decimal("5.0"), False, Decimal("2.0"), None)]),
    # an arm named after the compared value is its own, whatever the trial was controlled with
    ("In a placebo-controlled trial, the median PFS was 5.0 months with drug X vs. 2.0 months with drug Y.",
     [(Decimal("5.0"), False, Decimal("2.0"), None), (Decimal("2.0"), True, None, None)]),
])
def test_a_control_arm_value_is_no_result_of_its_own(
        text: str, expected: list[tuple[Decimal | None, bool, Decimal | None, tuple[int, int] | None]]) -> None:
    assert arms(text) == expected
