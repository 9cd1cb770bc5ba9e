"""The number parser: exact Decimals, units, fractions, intervals, ranges, p-values, words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarckg.extract.numbers import (
    ConfidenceInterval,
    Fraction,
    NotReached,
    PValue,
    Quantity,
    SampleSize,
    ValueRange,
    parse_numbers,
    readings,
    word_to_int,
)


def only(text: str) -> object:
    found = parse_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("48.1%", "48.1", "%"), ("8.90 months", "8.90", "months"), ("7.6 mo", "7.6", "months"),
    ("24 weeks", "24", "weeks"), ("12-week", "12", "weeks"), ("12W", "12", "weeks"),
    ("PFS: 8.1ms", "8.1", "months"), ("50 Gy", "50", "Gy"), ("39,900", "39900", None),
    ("Thirty-three patients", "33", "patients"), ("1,000 mg/m²", "1000", "mg/m²"),
])
def test_quantities_keep_the_written_value(text: str, value: str, unit: str | None) -> None:
    q = only(text)
    assert isinstance(q, Quantity)
    assert (q.value, q.unit) == (Decimal(value), unit)
    assert str(q.value) == value  # "8.90" stays "8.90": no float on the way


@pytest.mark.parametrize(("text", "comparator", "value"), [
    ("≥10", ">=", "10"), (">= 5%", ">=", "5"), ("<1%", "<", "1"), ("≤ 2 lines", "<=", "2"),
])
def test_comparators(text: str, comparator: str, value: str) -> None:
    q = only(text)
    assert isinstance(q, Quantity) and (q.comparator, q.value) == (comparator, Decimal(value))


@pytest.mark.parametrize(("text", "num", "den"), [
    ("4 of 10", 4, 10), ("6/11", 6, 11), ("(13/27)", 13, 27),
])
def test_fractions(text: str, num: int, den: int) -> None:
    f = only(text)
    assert isinstance(f, Fraction) and (f.numerator, f.denominator) == (num, den)


@pytest.mark.parametrize("text", ["n = 5", "n=6", "$n = 46$", "N = 33"])
def test_sample_sizes(text: str) -> None:
    assert isinstance(only(text), SampleSize)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("95% CI 30.7–66.0%", "30.7", "66.0", "%"), ("(95% CI: 5.98-11.82)", "5.98", "11.82", None),
    ("95% CI 8 to 68 weeks", "8", "68", "weeks"),
    ("95% confidence interval (CI), 30.7–66.0%", "30.7", "66.0", "%"),
])
def test_confidence_intervals(text: str, low: str, high: str, unit: str | None) -> None:
    ci = only(text)
    assert isinstance(ci, ConfidenceInterval)
    assert (ci.level, ci.low, ci.high, ci.unit) == (Decimal(95), Decimal(low), Decimal(high), unit)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("12-23%", "12", "23", "%"), ("range, 0.8–25.5", "0.8", "25.5", None),
    ("15 to 18 months", "15", "18", "months"), ("(range: 7–87 years)", "7", "87", "years"),
])
def test_ranges(text: str, low: str, high: str, unit: str | None) -> None:
    r = only(text)
    assert isinstance(r, ValueRange) and (r.low, r.high, r.unit) == (Decimal(low), Decimal(high), unit)


@pytest.mark.parametrize("text", ["not reached", "NR", "unreached", "not yet reached"])
def test_not_reached(text: str) -> None:
    assert isinstance(only(text), NotReached)


def test_p_values_are_kept_apart() -> None:
    found = parse_numbers("PFS ($P < 0.01$) and OS (P = 0.03) were longer.")
    assert [type(n) for n in found] == [PValue, PValue]
    assert [(p.comparator, p.value) for p in found if isinstance(p, PValue)] == [
        ("<", Decimal("0.01")), ("=", Decimal("0.03"))]


@pytest.mark.parametrize("text", ["PD-1", "PD-L1", "CD8+ T cells", "pT2N0", "clone 2B11", "IL-2", "Figure 2D"])
def test_identifiers_are_not_numbers(text: str) -> None:
    assert parse_numbers(text) == []


def test_number_words() -> None:
    assert word_to_int("Thirty-three") == 33
    assert word_to_int("two") == 2
    assert word_to_int("patients") is None
    found = parse_numbers("Three serious TRAEs (two myocarditis and one rapid atrial fibrillation)")
    assert [(q.value, q.spelled) for q in found if isinstance(q, Quantity)] == [
        (Decimal(3), True), (Decimal(2), True), (Decimal(1), True)]


def test_spans_index_the_text() -> None:
    text = "The ORR was 48.1% (95% CI 30.7–66.0%) with mPFS 8.90 months."
    for n in parse_numbers(text):
        assert text[n.start : n.end] == n.text


def test_readings_attach_parentheticals() -> None:
    text = "3 (11.1%) achieved CR; ORR 48.1% (13/27); fatigue (n = 46, 58.2%); OS of not reached (NR)."
    got = readings(text)
    assert [(r.count, r.value, r.numerator, r.denominator, r.not_reached) for r in got] == [
        (3, Decimal("11.1"), None, None, False), (None, Decimal("48.1"), 13, 27, False),
        (46, Decimal("58.2"), None, None, False), (None, None, None, None, True)]
    assert text[got[0].start : got[0].end] == "3 (11.1%)"


def test_lists_are_not_merged_into_one_reading() -> None:
    assert [r.value for r in readings("were 84.8%, 62.0%, and 27.8%, respectively")] == [
        Decimal("84.8"), Decimal("62.0"), Decimal("27.8")]


decimals = st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False, allow_infinity=False)
units = st.sampled_from([("%", "%"), (" months", "months"), (" weeks", "weeks"), (" Gy", "Gy"), ("", None)])


@given(value=decimals, unit=units, prefix=st.sampled_from(["", "an ORR of ", "(", "was "]))
def test_any_written_value_round_trips(value: Decimal, unit: tuple[str, str | None], prefix: str) -> None:
    text = f"{prefix}{value}{unit[0]} in UPS"
    q = [n for n in parse_numbers(text) if isinstance(n, Quantity)]
    assert len(q) == 1
    assert (q[0].value, q[0].unit) == (value, unit[1])
    assert text[q[0].start : q[0].end] == f"{value}{unit[0]}"


@given(a=st.integers(0, 500), b=st.integers(1, 500), sep=st.sampled_from(["/", " of ", " / "]))
def test_any_fraction_round_trips(a: int, b: int, sep: str) -> None:
    found = parse_numbers(f"({a}{sep}{b})")
    if a <= b:
        assert [(f.numerator, f.denominator) for f in found if isinstance(f, Fraction)] == [(a, b)]
    else:
        assert not any(isinstance(f, Fraction) for f in found)


@given(low=decimals, width=decimals, dash=st.sampled_from(["–", "-", " to ", "—"]),
       level=st.sampled_from(["90", "95", "99"]))
def test_any_interval_round_trips(low: Decimal, width: Decimal, dash: str, level: str) -> None:
    high = low + width
    (ci,) = parse_numbers(f"({level}% CI {low}{dash}{high}%)")
    assert isinstance(ci, ConfidenceInterval)
    assert (ci.level, ci.low, ci.high, ci.unit) == (Decimal(level), low, high, "%")


def test_a_fraction_of_patients_takes_its_share() -> None:
    (r,) = readings("responses in 7 of 28 participants (25%, 95% CI 11-45%)")
    assert (r.value, r.unit, r.numerator, r.denominator) == (Decimal(25), "%", 7, 28)
    assert r.ci is not None and (r.ci.low, r.ci.high) == (Decimal(11), Decimal(45))
    apart = readings("7 of 28 patients and later (25%)")
    assert [x.numerator for x in apart] == [7, None]


def test_an_interval_whose_upper_bound_was_not_reached() -> None:
    (r,) = readings("a median OS of 19.2 months (95% CI, 11.0-NR)")
    assert (r.value, r.unit) == (Decimal("19.2"), "months")
    assert r.ci is not None and (r.ci.level, r.ci.low, r.ci.high) == (Decimal(95), Decimal("11.0"), None)
    assert not r.not_reached  # the median itself was reached


def test_a_count_with_a_share_written_with_decimals() -> None:
    (r,) = readings("2 (20.0)")
    assert (r.count, r.value, r.unit) == (2, Decimal("20.0"), None)
    (whole,) = readings("12 (3)")
    assert (whole.count, whole.value) == (12, None)  # no decimals: not read as a share


@pytest.mark.parametrize(("text", "expected"), [
    # values listed inside one parenthesis are each their own reading
    ("(5.8 months vs. 1.4 months, 3.7 months vs. 1.8 months)",
     [(Decimal("5.8"), None), (Decimal("1.4"), None), (Decimal("3.7"), None), (Decimal("1.8"), None)]),
    ("(30%, 25% and 20%)", [(Decimal(30), None), (Decimal(25), None), (Decimal(20), None)]),
    # a value with the count or group size stated with it stays one reading
    ("(n = 46, 58.2%)", [(Decimal("58.2"), 46)]),
    ("3 (11.1%)", [(Decimal("11.1"), 3)]),
])
def test_values_listed_in_a_parenthesis_are_apart(text: str, expected: list[tuple[Decimal, int | None]]) -> None:
    assert [(r.value, r.count) for r in readings(text)] == expected


@pytest.mark.parametrize(("text", "low", "high", "unit", "span"), [
    ("TMB was low, ranging from 1.12–3.45 in all", "1.12", "3.45", None, "1.12–3.45"),
    ("values ranged between 2 and 5 months", "2", "5", "months", "2 and 5 months"),
    ("ranging from 1.2 months to 3.4 months", "1.2", "3.4", "months", "1.2 months to 3.4 months"),
    ("a median of 4.1 (IQR 2.8-6.0)", "2.8", "6.0", None, "2.8-6.0"),
    ("(interquartile range, 3–7 cycles)", "3", "7", "cycles", "3–7 cycles"),
])
def test_ranges_named_by_a_word_before_them(text: str, low: str, high: str, unit: str | None, span: str) -> None:
    ranges = [n for n in parse_numbers(text) if isinstance(n, ValueRange)]
    assert [(r.low, r.high, r.unit, r.text, r.labelled) for r in ranges] == [
        (Decimal(low), Decimal(high), unit, span, True)]
    assert text[ranges[0].start : ranges[0].end] == span
    # neither bound is left over as a value of its own
    assert not [n for n in parse_numbers(text) if isinstance(n, Quantity) and n.value in (Decimal(low), Decimal(high))]


def test_a_unit_written_on_both_bounds_makes_a_range_only_when_it_is_the_same() -> None:
    (r,) = parse_numbers("a modest mPFS of 2.5 months to 19 months")
    assert isinstance(r, ValueRange) and (r.low, r.high, r.unit, r.text) == (
        Decimal("2.5"), Decimal(19), "months", "2.5 months to 19 months")
    assert [type(n).__name__ for n in parse_numbers("from 48 weeks to 12 months")] == ["Quantity", "Quantity"]
    assert [type(n).__name__ for n in parse_numbers("in 5 cases to 10%")] == ["Quantity", "Quantity"]
