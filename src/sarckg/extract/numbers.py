"""The numbers of clinical papers, parsed into typed values with spans.

``parse_numbers(text)`` finds, left to right and without overlaps: p-values (kept apart
so they are never read as results), confidence intervals ("95% CI 30.7–66.0%"), ranges
("12-23%", "range, 0.8–25.5", "ranging from 1.1–3.4", "IQR 3-7", "15 to 18 months"),
fractions ("4 of 10", "(13/27)"), sample sizes ("n = 5"), "not reached"/"NR", and quantities with an optional comparator
and unit ("≥10", "48.1%", "7.6 mo", "24 weeks", "Thirty-three patients"). Values are
``Decimal`` exactly as written; spans index the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from text_to_num import text2num

# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Quantity:
    """A number, maybe with a comparator and a unit: ``≥ 20%`` -> (20, "%", ">=")."""

    value: Decimal
    unit: str | None
    start: int
    end: int
    text: str
    comparator: str | None = None
    spelled: bool = False  # written as words ("Thirty-three")


@dataclass(frozen=True)
class Fraction:
    """``4 of 10``, ``6/11``: numerator over denominator."""

    numerator: int
    denominator: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SampleSize:
    """``n = 5``: a group size stated with n."""

    value: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ConfidenceInterval:
    """``95% CI 30.7–66.0%``: level (95), bounds and their unit."""

    level: Decimal | None
    low: Decimal
    high: Decimal | None  # None when the upper bound was not reached ("9.4-NR")
    unit: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ValueRange:
    """``12-23%``, ``range, 0.8–25.5``, ``15 to 18 months``."""

    low: Decimal
    high: Decimal
    unit: str | None
    start: int
    end: int
    text: str
    labelled: bool = False  # introduced by "range", "ranging from", "IQR"


@dataclass(frozen=True)
class PValue:
    """``P < 0.01``: a test result, never an outcome value."""

    comparator: str
    value: Decimal
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NotReached:
    """``not reached``, ``NR``, ``unreached``: a median that was not reached."""

    start: int
    end: int
    text: str


Number = Quantity | Fraction | SampleSize | ConfidenceInterval | ValueRange | PValue | NotReached

# --------------------------------------------------------------------------- patterns

_UNITS: tuple[tuple[str, str], ...] = (
    (r"%|per\s?cent\b", "%"),
    (r"months?\b|mos?\b|ms\b", "months"),
    (r"weeks?\b|wks?\b|w\b", "weeks"),
    (r"years?\b|yrs?\b", "years"),
    (r"days?\b", "days"),
    (r"hours?\b", "hours"),
    (r"Gy\b", "Gy"),
    (r"mg/m²|mg/m2\b", "mg/m²"),
    (r"mg/kg\b", "mg/kg"),
    (r"mutations?/\s?M[Bb]s?\b", "mutations/Mb"),
    (r"mg\b", "mg"),
    (r"cm\b", "cm"),
    (r"mm\b", "mm"),
    (r"patients?\b|cases?\b|subjects?\b", "patients"),
    (r"lines?\b", "lines"),
    (r"cycles?\b", "cycles"),
)
_UNIT_RE = re.compile("|".join(f"(?:{p})" for p, _ in _UNITS), re.IGNORECASE)
_UNIT_PARTS = [(re.compile(f"(?:{p})$", re.IGNORECASE), u) for p, u in _UNITS]

_NUM = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+"
_DASH = r"\s*(?:[-–—‐‑−]|to)\s*"
# a number standing alone: not inside an identifier such as PD-1, CD8, T2N0 or 2B11
_LEFT = r"(?<![\w.,/\-–])"
_RIGHT = r"(?![\d.,]\d)"
_UNIT_AFTER = r"(?:[\s-]?(?P<unit>(?i:" + _UNIT_RE.pattern + r")))?"
# a bare number is not glued to letters ("2B11"); with a unit it may be ("8.1ms", "12W")
_UNIT_OR_END = r"(?:[\s-]?(?P<unit>(?i:" + _UNIT_RE.pattern + r"))|(?![A-Za-z]))"
_CMP = r"(?P<cmp>≥|≤|>=|<=|=<|=>|\\geq|\\leq|>|<|=)?\s*"

_PVALUE_RE = re.compile(
    r"\$?\b[Pp](?:\s*-?\s*values?)?\s*(?:of\s*)?\$?\s*(?P<cmp>≥|≤|>=|<=|=|<|>|\\geq|\\leq)\s*\$?\s*"
    r"(?P<v>0?\.\d+|[01](?:\.\d+)?)(?:\s*and\s*(?P<v2>0?\.\d+))?\$?"
)
_CI_RE = re.compile(
    r"(?P<level>\d{2}(?:\.\d+)?)\s*%\s*(?:CI|confidence\s+intervals?)(?:\s*\(CI\))?\s*[:,]?\s*"
    rf"(?P<lo>{_NUM})\s*(?P<lounit>%)?{_DASH}(?:(?P<hi>{_NUM})|(?P<open>NR|NE|not\s+(?:reached|estimable)))"
    + _UNIT_AFTER,
    re.IGNORECASE,
)
# "range, 0.8–25.5", "ranging from 1.1–3.4", "ranged between 2 and 5 months", "IQR 3-7"
_LABELLED_RANGE_RE = re.compile(
    r"(?:\brang(?:e[sd]?|ing)(?:\s+(?:from|between))?|\bIQR|\binterquartile\s+range)[:,]?\s*"
    rf"(?P<lo>{_NUM})(?:[\s-]?(?P<lounit>{_UNIT_RE.pattern}))?(?:{_DASH}|\s+and\s+)(?P<hi>{_NUM}){_RIGHT}" + _UNIT_AFTER,
    re.IGNORECASE,
)
# "12-23%", "15 to 18 months", "2.5 months to 19 months" (a unit on both bounds must be the same)
_RANGE_RE = re.compile(
    rf"{_LEFT}(?P<lo>{_NUM})(?:\s?(?P<lounit>(?i:{_UNIT_RE.pattern})))?\s*(?:[-–—‐‑−]|\bto\b)\s*(?P<hi>{_NUM}){_RIGHT}"
    + _UNIT_AFTER
)
_FRACTION_RE = re.compile(rf"{_LEFT}(?P<a>\d+)\s*(?:/|\bof\b)\s*(?P<b>\d+)(?![\d.]|/)")
_SAMPLE_RE = re.compile(r"\$?\b[nN]\s*\$?\s*=\s*\$?\s*(?P<v>\d+)\b\$?")
_NOT_REACHED_RE = re.compile(
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?reached\b|\bunreached\b|\bNR\b|\bnot\s+estimable\b",
    re.IGNORECASE,
)
_QUANTITY_RE = re.compile(rf"{_CMP}{_LEFT}(?P<v>{_NUM}){_RIGHT}" + _UNIT_OR_END)

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORD = (
    r"\b(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_SMALL[1:10]) + r"))?"
    r"|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")\b"
)
_WORD_RE = re.compile(r"(?P<w>" + NUMBER_WORD + r")(?:\s+(?P<unit>" + _UNIT_RE.pattern + "))?", re.IGNORECASE)

_COMPARATORS = {"≥": ">=", "=>": ">=", "\\geq": ">=", "≤": "<=", "=<": "<=", "\\leq": "<="}

# --------------------------------------------------------------------------- helpers


def to_decimal(text: str) -> Decimal:
    """``"39,900"`` -> ``Decimal("39900")``; ``".5"`` -> ``Decimal("0.5")``."""
    text = text.replace(",", "")
    return Decimal("0" + text if text.startswith(".") else text)


def normalize_unit(text: str | None) -> str | None:
    """``"mo"`` -> ``"months"``, ``"%"`` -> ``"%"``; None when not a known unit."""
    if not text:
        return None
    text = text.strip()
    for pattern, unit in _UNIT_PARTS:
        if pattern.match(text):
            return unit
    return None


def normalize_comparator(text: str | None) -> str | None:
    """``"≥"`` -> ``">="``; ``"="`` and empty -> None."""
    if not text or text == "=":
        return None
    return _COMPARATORS.get(text, text)


def word_to_int(word: str) -> int | None:
    """``"Thirty-three"`` -> 33; None when the text is not a number word."""
    try:
        return int(text2num(word.lower().replace(" ", "-"), "en"))
    except ValueError:
        return None


def as_int(text: str) -> int | None:
    """A count written in digits or words: ``"12"`` -> 12, ``"Three"`` -> 3; else None."""
    return int(text) if text.isdigit() else word_to_int(text)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


# --------------------------------------------------------------------------- parsing


def _pvalues(text: str) -> list[Number]:
    return [
        PValue(_COMPARATORS.get(m["cmp"], m["cmp"]), to_decimal(m["v"]), m.start(), m.end(), m[0])
        for m in _PVALUE_RE.finditer(text)
    ]


def _intervals(text: str) -> list[Number]:
    found: list[Number] = []
    for m in _CI_RE.finditer(text):
        unit = normalize_unit(m["unit"]) or ("%" if m["lounit"] else None)
        found.append(
            ConfidenceInterval(
                to_decimal(m["level"]), to_decimal(m["lo"]), to_decimal(m["hi"]) if m["hi"] else None, unit,
                m.start(), m.end(), m[0],
            )
        )
    return found


def _ranges(text: str, pattern: re.Pattern[str], labelled: bool) -> list[Number]:
    found: list[Number] = []
    for m in pattern.finditer(text):
        low, high = to_decimal(m["lo"]), to_decimal(m["hi"])
        unit, low_unit = normalize_unit(m["unit"]), normalize_unit(m["lounit"])
        if low_unit not in (None, "%", unit):
            continue  # "48 weeks to 12 months", "2 cycles-3": bounds of different kinds
        unit = unit or low_unit
        if not labelled and (low > high or (unit is None and "to" not in m[0])):
            continue  # "1-2" lists and dates are not ranges without a unit
        start, end = m.start("lo"), m.end() if m["unit"] else m.end("hi")  # the label is a cue, not the range
        found.append(ValueRange(low, high, unit, start, end, text[start:end], labelled))
    return found


def _fractions(text: str) -> list[Number]:
    found: list[Number] = []
    for m in _FRACTION_RE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if b == 0 or a > b:
            continue
        found.append(Fraction(a, b, m.start(), m.end(), m[0]))
    return found


def _quantities(text: str) -> list[Number]:
    found: list[Number] = []
    for m in _QUANTITY_RE.finditer(text):
        start = m.start("cmp") if m["cmp"] else m.start("v")
        end = m.end("unit") if m["unit"] else m.end("v")
        found.append(
            Quantity(
                to_decimal(m["v"]), normalize_unit(m["unit"]), start, end, text[start:end],
                normalize_comparator(m["cmp"]),
            )
        )
    for m in _WORD_RE.finditer(text):
        value = word_to_int(m["w"])
        if value is not None:
            end = m.end("unit") if m["unit"] else m.end("w")
            found.append(
                Quantity(Decimal(value), normalize_unit(m["unit"]), m.start(), end,
                         text[m.start() : end], spelled=True)
            )
    return found


def parse_numbers(text: str) -> list[Number]:
    """Every number in ``text``, typed, without overlaps, sorted by start."""
    taken: list[tuple[int, int]] = []
    result: list[Number] = []
    stages = (
        _pvalues(text),
        _intervals(text),
        _ranges(text, _LABELLED_RANGE_RE, labelled=True),
        [SampleSize(int(m["v"]), m.start(), m.end(), m[0]) for m in _SAMPLE_RE.finditer(text)],
        _fractions(text),
        _ranges(text, _RANGE_RE, labelled=False),
        [NotReached(m.start(), m.end(), m[0]) for m in _NOT_REACHED_RE.finditer(text)],
        _quantities(text),
    )
    for stage in stages:
        for number in stage:
            span = (number.start, number.end)
            if not _overlaps(span, taken):
                taken.append(span)
                result.append(number)
    return sorted(result, key=lambda n: n.start)


def quantities(text: str) -> list[Quantity]:
    """Only the plain quantities of ``text``."""
    return [n for n in parse_numbers(text) if isinstance(n, Quantity)]


# --------------------------------------------------------------------------- readings


@dataclass(frozen=True)
class Reading:
    """A reported value with what the text attaches to it in parentheses:
    ``48.1% (13/27)``, ``3 (11.1%)``, ``8.90 months (95% CI 5.98–11.82)``, ``(n = 46, 58.2%)``."""

    start: int
    end: int
    value: Decimal | None  # the percent or time value; None for a bare count or "NR"
    unit: str | None
    count: int | None = None  # a count stated with the value ("3 (11.1%)", "n = 46")
    numerator: int | None = None
    denominator: int | None = None
    ci: ConfidenceInterval | None = None
    not_reached: bool = False


READING_UNITS = frozenset({None, "%", "months", "weeks", "years", "days", "patients"})
_OPEN = frozenset({"(", "["})
_INSIDE = frozenset({",", ";", ""})


def _depth(text: str, pos: int) -> int:
    depth = 0
    for ch in text[:pos]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth


_COUNTED_OPEN_RE = re.compile(r"(?:patients?|cases?|subjects?|participants?)\s*[(\[]", re.IGNORECASE)


def _joins(text: str, a: Number, b: Number) -> bool:
    gap = text[a.end : b.start].strip()
    if gap in _OPEN:
        return True
    if isinstance(a, Fraction) and _COUNTED_OPEN_RE.fullmatch(gap):
        return True  # "3 of 20 patients (15%)"
    if _valued(a) and _valued(b):
        return False  # "(5.8 months vs. 1.4 months, 3.7 months ...)": values listed, each its own
    return gap in _INSIDE and _depth(text, a.start) > 0 and _depth(text, a.start) == _depth(text, b.start)


def _valued(n: Number) -> bool:
    """A quantity that is a reading's value (a percent, a time), not a count stated with one."""
    return isinstance(n, Quantity) and (n.unit not in (None, "patients") or n.value != n.value.to_integral())


def _reading(group: list[Number]) -> Reading:
    value: Decimal | None = None
    unit: str | None = None
    count = numerator = denominator = None
    ci: ConfidenceInterval | None = None
    not_reached = False
    for n in group:
        if isinstance(n, Quantity) and n.unit in (None, "patients") and n.value == n.value.to_integral() \
                and (count is None or "." not in n.text):
            if count is None and value is None:
                count = int(n.value)
        elif isinstance(n, Quantity) and value is None:  # "3 (11.1%)"; "2 (20.0)" under an "n (%)" header
            value, unit = n.value, n.unit
        elif isinstance(n, SampleSize) and count is None:
            count = n.value
        elif isinstance(n, Fraction) and numerator is None:
            numerator, denominator = n.numerator, n.denominator
        elif isinstance(n, ConfidenceInterval) and ci is None:
            ci = n
        elif isinstance(n, NotReached):
            not_reached = True
    if value is None and count is not None and isinstance(group[0], Quantity):
        unit = group[0].unit
    return Reading(group[0].start, group[-1].end, value, unit, count, numerator, denominator, ci, not_reached)


def readings(text: str, skip: frozenset[int] = frozenset()) -> list[Reading]:
    """The reported values of ``text``, each with its parenthetical. Tokens starting at an
    offset in ``skip`` (time points, say) are left out; p-values, ranges and quantities in
    other units (lines, mg) never make a reading."""
    tokens = [
        n for n in parse_numbers(text)
        if n.start not in skip
        and not isinstance(n, PValue | ValueRange)
        and not (isinstance(n, Quantity) and (n.unit not in READING_UNITS or n.comparator))
    ]
    groups: list[list[Number]] = []
    for token in tokens:
        if groups and _joins(text, groups[-1][-1], token):
            groups[-1].append(token)
        else:
            groups.append([token])
    return [_closed(text, _reading(g)) for g in groups]


def _closed(text: str, reading: Reading) -> Reading:
    """Extend a reading over the brackets it opened: ``3 (11.1%`` -> ``3 (11.1%)``."""
    end = reading.end
    span = text[reading.start : end]
    open_count = span.count("(") + span.count("[") - span.count(")") - span.count("]")
    while open_count > 0:
        m = re.match(r"\s*[)\]]", text[end:])
        if not m:
            break
        end += m.end()
        open_count -= 1
    return replace(reading, end=end) if end != reading.end else reading
