"""Which value a measure takes: the pairing of the measures ``outcome_measures`` finds with the
values ``numbers.readings`` finds.

A measure takes the compatible values after it (or the one just before it: "a 37% ORR", "16%
of patients with X in the Y arm showed an objective response"); coordinated measures ("the mPFS
and mOS was 7.5 and 19.5 months, respectively") and time-point lists ("at 3, 6 and 12 months
were a, b and c") pair in order; a measure spread over groups ("in UPS of 40% and DDLPS of 20%")
takes each value at its group. The other arm's value of "18.3 versus 12.1 months" pairs as a
comparator, unless that arm is a placebo or control (then it is only the ``versus`` of the
first); a list of such pairs gives one value per agent named before (``respective``).
``outcomes.py`` then gives each pairing its regimen, population, study and group size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from sarckg.extract.numbers import Quantity, Reading
from sarckg.extract.outcome_groups import group_phrase, share_of
from sarckg.extract.outcome_measures import (
    AS_RATE,
    CATEGORY,
    RATE,
    TIME,
    TIME_UNITS,
    TIMEPOINT_BEFORE_RE,
    Aliases,
    MeasureHit,
    compatible,
    find_measures,
    measure_aliases,
    measure_patterns,
    read_at,
    timepoint_before,
    timepoints,
)

__all__ = [
    "AS_RATE", "CATEGORY", "LOCAL_RE", "RATE", "TIME", "TIMEPOINT_BEFORE_RE", "TIME_UNITS", "Aliases",
    "MeasureHit", "Pairing", "compatible", "find_measures", "measure_aliases", "measure_patterns", "pair",
    "read_at", "segment_of", "segments", "timepoint_before", "timepoints",
]

_CONCESSIVE_RE = re.compile(r"^\s*(?:although|though|while|whereas|despite)\b[^,;]*,", re.IGNORECASE)
# "..., and with X plus Y it was 33.3%": a clause of another group that restates the measure as "it"
_RESTATED = r"(?:with|for|in|among|under|after)\s+[^,;.]{1,80}?\s+(?P<it>it|this|that|the\s+rate)\s+(?:was|were|reached)\s+"
_RESTATED_RE = re.compile(rf"\s*,?\s*(?:and|but|while|whereas)\s+{_RESTATED}", re.IGNORECASE)
_SEGMENT_RE = re.compile(rf";|,?\s+(?:while|whereas)\s|\.\s+(?=[A-Z])|,\s+and\s+(?={_RESTATED})", re.IGNORECASE)
LOCAL_RE = re.compile(
    r"^[\s)\],]*(?:of patients\s+)?(?:for|in|to|among|with|of)\b", re.IGNORECASE
)
_COUNT_CUE_RE = re.compile(
    r"^\s*(?:patients?|cases?)?\s*(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}?"
    r"(?:achieved|had|showed|displayed|exhibited|experienced|obtained|attained|reached)\b[^,;]{0,25}$"
    r"|^\s*(?:(?:patients?|cases?)\s+)?(?:of|with)\s*$",  # "3 cases of CR"
    re.IGNORECASE,
)
# the gap before the other arm's value: "18.3 months versus", "5.7 months in the X arm compared to"
_VERSUS_RE = re.compile(r"[^;]{0,60}?(?:\bvs\.?|\bversus|\bcompared\s+(?:to|with))\s*", re.IGNORECASE)
# "no objective responses were seen", "none of the 12 patients achieved an objective response"
_NO_RESPONSE_RE = re.compile(
    r"(?:\bno\s+(?:confirmed\s+)?|\bnone\s+of\s+the\s+(?P<n>\d+)?\s*(?:[\w-]+\s+){0,2}?(?:patients?|cases?)\s+"
    r"(?:\w+\s+)?(?:achieved|had|showed)\s+(?:an?\s+)?)$",
    re.IGNORECASE,
)
_VERSUS_WORD_RE = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:to|with))(?!\w)", re.IGNORECASE)
_SAMPLE_AFTER_RE = re.compile(r"^[^;.]{0,30}?\(\s*n\s*=\s*(?P<n>\d+)\s*\)")
_IN_GROUP_RE = re.compile(r"\s*(?:(?:was|were)\s+)?(?:(?:observed|seen|noted|reported|achieved)\s+)?(?:in|among)\s+",
                          re.IGNORECASE)
_NONE_CUE_RE = re.compile(r"\b(?:no|none of the)\s+(?:patients?|cases?)\s+(?:\w+\s+)?(?:achieved|had|showed)\s*$", re.IGNORECASE)
def segments(text: str) -> list[tuple[int, int]]:
    """Clauses that carry their own group and regimen: split at ";", "while", "whereas", and
    after the concessive opening of "Although X, Y"."""
    spans, start = [], 0
    if (opening := _CONCESSIVE_RE.match(text)) is not None:
        spans, start = [(0, opening.end() - 1)], opening.end()
    for m in _SEGMENT_RE.finditer(text, start):
        spans.append((start, m.start()))
        start = m.end()
    return [*spans, (start, len(text))]


def segment_of(text: str, pos: int) -> tuple[int, int]:
    return next((s for s in segments(text) if s[0] <= pos <= s[1]), (0, len(text)))


@dataclass(frozen=True)
class Pairing:
    hit: MeasureHit
    reading: Reading
    timepoint: Quantity | None = None
    comparator: bool = False  # the value after "vs": the other arm's
    versus: Reading | None = None  # on an arm's value, the value it was compared with
    # the k-th of n values listed in the order of the agents or trials named before the measure:
    # "trials of A and B ... (5.8 vs. 1.4 months, 3.7 vs. 1.8 months, respectively)"
    respective: tuple[int, int] | None = None


def _coordinated(text: str, hits: list[MeasureHit], i: int) -> list[MeasureHit]:
    group = [hits[i]]
    for h in hits[i + 1 :]:
        if not re.fullmatch(r"\s*(?:,\s*(?:and|or)?|and|or|/)\s*(?:the\s+)?", text[group[-1].end : h.start]):
            break
        group.append(h)
    return group


def _glued(text: str, r: Reading, hit: MeasureHit) -> bool:
    """Whether a value stands right before a measure: "a 37% ORR", "20.8 months median PFS"."""
    return 0 <= hit.start - r.end <= 3 and not text[r.end : hit.start].strip(" -")


def _after(text: str, hit: MeasureHit, stop: int, rs: list[Reading], hits: list[MeasureHit]) -> list[Reading]:
    limit = min(stop, segment_of(text, hit.end)[1])
    return [r for r in rs if hit.end <= r.start < limit and compatible(hit.measure, r)
            and not any(_glued(text, r, h) for h in hits if h is not hit)]


def _before(text: str, hit: MeasureHit, rs: list[Reading]) -> Reading | None:
    for r in reversed([r for r in rs if r.end <= hit.start]):
        gap = text[r.end : hit.start]
        if r.unit == "%" and share_of(gap):
            return r  # "19% (4/21) of patients with LMS showed an objective response"
        if hit.measure in CATEGORY:
            return r if r.count is not None and _COUNT_CUE_RE.match(gap) else None
        if compatible(hit.measure, r) and len(gap) <= 20 and not re.search(r"[,;]|\band\b", gap):
            return r
        return None
    return None


def pair(text: str, hits: list[MeasureHit], rs: list[Reading], tps: list[Quantity]) -> list[Pairing]:
    """Measures with their values (see the module docstring for the rules)."""
    pairs: list[Pairing] = []
    i = 0
    while i < len(hits):
        group = _coordinated(text, hits, i)
        nxt = hits[i + len(group)].start if i + len(group) < len(hits) else len(text)
        after = [r for r in _after(text, group[-1], nxt, rs, hits) if r.value is not None or r.not_reached]
        if len(group) > 1 and len(after) < len(group):
            after = _sharing_a_unit(text, group, nxt, rs) or after
        if len(group) > 1 and len(after) >= len(group):
            pairs += [Pairing(h, r) for h, r in zip(group, after, strict=False)]
            i += len(group)
            continue
        hit = group[0]
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        pairs += _pair_one(text, hit, nxt, rs, tps, hits)
        i += 1
    return _restated(text, _with_comparators(text, _per_group(text, _fraction_restated(text, pairs, rs), rs), rs), rs)


# "in UPS of 40%", "and DDLPS cohorts of 20%": a value with the group it is of named before it
_FIRST_GROUP_OF_RE = re.compile(r"\b(?:in|for|among)\s+(?:the\s+)?(?P<group>[^,;.()%\d]{1,60}?)\s+(?P<of>of)\s+$",
                                re.IGNORECASE)
_NEXT_GROUP_OF_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:in|for|among)\s+)?(?:the\s+)?"
                               r"(?P<group>[^,;.()%\d]{1,60}?)\s+(?P<of>of)\s+", re.IGNORECASE)


def _per_group(text: str, pairs: list[Pairing], rs: list[Reading]) -> list[Pairing]:
    """A measure spread over groups, each value after the group it is of: "the best activity was
    seen in UPS of 40% and DDLPS cohorts of 20%". Each value stands at its own "of" (where
    ``outcomes`` looks back for its group), and the values after the first are the measure's too."""
    taken = {p.reading for p in pairs}
    out: list[Pairing] = []
    for p in pairs:
        first = _FIRST_GROUP_OF_RE.search(text, p.hit.end, p.reading.start)
        if p.comparator or first is None or not group_phrase(first["group"]):
            out.append(p)
            continue
        listed = [replace(p, hit=replace(p.hit, start=first.start("of"), end=first.end("of")))]
        for r in (r for r in rs if r.start > p.reading.start):
            m = _NEXT_GROUP_OF_RE.fullmatch(text, listed[-1].reading.end, r.start)
            if m is None or r in taken or not compatible(p.hit.measure, r) or not group_phrase(m["group"]):
                break
            listed.append(Pairing(replace(p.hit, start=m.start("of"), end=m.end("of")), r, p.timepoint))
            taken.add(r)
        out += listed if len(listed) > 1 else [p]
    return out


# between a fraction and the measure restating it as a percent: "31 of 42 patients (DCR 73.8%)"
_RESTATING_GAP_RE = re.compile(r"(?:\s+(?:patients|cases|subjects|participants))?\s*[(\[,;]?\s*", re.IGNORECASE)


def _fraction_restated(text: str, pairs: list[Pairing], rs: list[Reading]) -> list[Pairing]:
    """One measurement where a fraction is restated at once as a percent ("Disease control was
    achieved in 31 of 42 patients (DCR 73.8%)", "in 9 of 40 cases (ORR 22.5%)"): the percent
    takes the fraction when they agree (31/42 is 73.8%), and the fraction alone is no second result."""
    out: list[Pairing] = []
    for q in pairs:
        f = next((r for r in rs if _same_share(text, r, q)), None)
        if f is not None and out and out[-1].reading == f and out[-1].hit.measure == q.hit.measure:
            out.pop()  # the fraction was read as the same measure's value
        elif f is None or any(p.reading == f for p in pairs):
            out.append(q)  # no fraction restated, or another measure's
            continue
        out.append(Pairing(q.hit, replace(q.reading, numerator=f.numerator, denominator=f.denominator, count=None)))
    return out


def _same_share(text: str, f: Reading, percent: Pairing) -> bool:
    r = percent.reading
    if f.value is not None or f.numerator is None or not f.denominator or f.end > percent.hit.start:
        return False
    if r.unit != "%" or r.value is None or r.numerator is not None or r.start < percent.hit.end:
        return False
    if not _RESTATING_GAP_RE.fullmatch(text, f.end, percent.hit.start):
        return False
    return abs(Decimal(100 * f.numerator) / f.denominator - r.value) < Decimal("0.5")


def _restated(text: str, pairs: list[Pairing], rs: list[Reading]) -> list[Pairing]:
    """Add the value of a later clause that restates the measure: "the ORR was 26.3% with X
    alone, and with X plus Y it was 33.3%" (the pronoun stands for the measure, in its clause)."""
    taken = {p.reading for p in pairs}
    out: list[Pairing] = []
    for p in pairs:
        out.append(p)
        last = p
        while later := [r for r in rs if r.start >= last.reading.end and r not in taken][:1]:
            m = _RESTATED_RE.fullmatch(text, last.reading.end, later[0].start)
            if m is None or not compatible(p.hit.measure, later[0]) or p.comparator:
                break
            last = Pairing(replace(p.hit, start=m.start("it"), end=m.end("it")), later[0])
            out.append(last)
            taken.add(later[0])
    return out


def _sharing_a_unit(text: str, group: list[MeasureHit], nxt: int, rs: list[Reading]) -> list[Reading]:
    """The values of "median PFS and OS were 4.2 (95% CI ...) and 11.5 months, respectively",
    the unit written once, after the last."""
    end = min(nxt, segment_of(text, group[-1].end)[1])
    if not re.search(r"\brespectively\b", text[group[-1].end : end]):
        return []
    listed = [r for r in rs if group[-1].end <= r.start < end and (r.value is not None or r.count is not None)]
    units = {r.unit for r in listed if r.unit not in (None, "patients")}
    if len(listed) != len(group) or len(units) != 1:
        return []
    unit = units.pop()
    shared = [replace(r, value=r.value if r.value is not None else Decimal(r.count or 0), unit=unit, count=None)
              if r.unit is None else r for r in listed]
    return shared if all(compatible(h.measure, r) for h, r in zip(group, shared, strict=True)) else []


def _no_response(text: str, hit: MeasureHit) -> Reading | None:
    """A response rate of none: "no objective responses were observed (n=9)"."""
    words = text[hit.start : hit.end].lower()
    m = _NO_RESPONSE_RE.search(text, 0, hit.start)
    if hit.measure != "ORR" or m is None or "respon" not in words or "rate" in words:
        return None
    size = m["n"] or ((s := _SAMPLE_AFTER_RE.match(text[hit.end :])) and s["n"])
    return Reading(hit.start, hit.end, Decimal(0), "%", numerator=0, denominator=int(size) if size else None)


def _with_comparators(text: str, pairs: list[Pairing], rs: list[Reading]) -> list[Pairing]:
    """Add the other arm's value of "18.3 months versus 12.1 months", "16% compared with 5%". A
    list of such pairs ("5.8 vs. 1.4 months, 3.7 vs. 1.8 months") gives one value per agent named
    before, in order (``respective``). A placebo or control arm's value is no result of a
    treatment: it stays only as the ``versus`` of the value it was compared with."""
    taken = {p.reading for p in pairs}
    out: list[Pairing] = []
    for p in pairs:
        chain = [] if p.comparator else _versus_chain(text, p, rs, taken)
        if not chain:
            out.append(p)
        for k, (arm, other) in enumerate(chain):
            respective = (k, len(chain)) if len(chain) > 1 else None
            out.append(Pairing(p.hit, arm, p.timepoint, versus=other, respective=respective))
            if not _control_arm(text, p.hit, other):
                out.append(Pairing(p.hit, other, p.timepoint, comparator=True, respective=respective))
            taken |= {arm, other}
    return out


# between two arm-comparator pairs of a list: "5.8 vs. 1.4 months, 3.7 vs. 1.8 months"
_PAIR_GAP_RE = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|and\s+)")


def _versus_chain(text: str, p: Pairing, rs: list[Reading], taken: set[Reading]) -> list[tuple[Reading, Reading]]:
    """The (arm, comparator) value pairs that start at a pairing's value: one for "18.3 versus
    12.1 months", several for a list of them; empty when no compared value follows."""
    later = [r for r in rs if r.start >= p.reading.end]
    chain: list[tuple[Reading, Reading]] = []
    arm, i = p.reading, 0
    while i < len(later) and _VERSUS_RE.fullmatch(text, arm.end, later[i].start):
        other = later[i]
        if other in taken or not compatible(p.hit.measure, other):
            break
        chain.append((arm, other))
        nxt = later[i + 1 : i + 3]
        if len(nxt) < 2 or not _PAIR_GAP_RE.fullmatch(text, other.end, nxt[0].start) or nxt[0] in taken \
                or not compatible(p.hit.measure, nxt[0]) or not _VERSUS_RE.fullmatch(text, nxt[0].end, nxt[1].start):
            break
        arm, i = nxt[0], i + 2
    return chain


_CONTROL = (r"(?:placebo|(?:the\s+)?controls?(?:\s+(?:arm|group|cohort))?|observation|best\s+supportive\s+care|BSC"
            r"|(?:historical|earlier|previous|prior)\s+(?:controls?|data|cohorts?|results|series))\b")
# "PFS compared with placebo (...)", "a placebo-controlled trial", "... compared to earlier data"
_CONTROL_RE = re.compile(rf"(?:\bcompared\s+(?:with|to)|\bvs\.?|\bversus|\bover|\bthan|\bagainst)\s+{_CONTROL}"
                         r"|\bplacebo-controlled\b", re.IGNORECASE)
# "2.1 months in the placebo arm"
_CONTROL_AFTER_RE = re.compile(rf"\s*(?:with|in|for|on|among|of)\s+(?:the\s+|a\s+)?{_CONTROL}", re.IGNORECASE)
# "12.1 months with sunitinib", "5% for drug Y": an arm of its own named right after a value
_OWN_ARM_RE = re.compile(r"\s*(?:with|for|in|on|among|under|after|receiving)\s+(?!(?:all\s+|the\s+|these\s+)?"
                         r"(?:patients|cases|subjects|participants|those)\b)", re.IGNORECASE)


def _control_arm(text: str, hit: MeasureHit, other: Reading) -> bool:
    """Whether a compared value is a placebo, control or historical arm's: named so right after
    it, or, when no arm of its own is, by the comparison its clause makes."""
    if _CONTROL_AFTER_RE.match(text, other.end):
        return True
    if _OWN_ARM_RE.match(text, other.end):
        return False
    clause = segment_of(text, hit.start)
    return _CONTROL_RE.search(text, clause[0], clause[1]) is not None


def _listed_before(text: str, hit: MeasureHit, tps: list[Quantity]) -> list[Quantity]:
    """Time points listed as adjectives before a measure: "the 6-month and 12-month PFS rates"."""
    last = timepoint_before(text, hit, tps)
    if last is None:
        return []
    listed = [last]
    for t in reversed([t for t in tps if t.end <= last.start]):
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)", text[t.end : listed[0].start]):
            break
        listed.insert(0, t)
    return listed


def _pair_one(text: str, hit: MeasureHit, nxt: int, rs: list[Reading], tps: list[Quantity],
              hits: list[MeasureHit]) -> list[Pairing]:
    glued = [r for r in rs if _glued(text, r, hit) and compatible(hit.measure, r)]
    if glued:
        return [Pairing(hit, glued[0])]
    after = _after(text, hit, nxt, rs, hits)
    listed = [t for t in tps if hit.end <= t.start < (after[0].start if after else nxt)] or _listed_before(text, hit, tps)
    if len(listed) > 1 and len(after) >= len(listed):
        return [Pairing(hit, r, t) for r, t in zip(after, listed, strict=False)]
    if hit.measure in CATEGORY:
        if after and text[hit.end : after[0].start].strip() in ("(", "rate of", "rate was") and after[0].unit == "%":
            return [Pairing(hit, after[0])]
        if after and after[0].count is not None and _IN_GROUP_RE.fullmatch(text[hit.end : after[0].start]):
            return [Pairing(hit, after[0])]  # "partial responses in 4 patients (20%)"
        before = _before(text, hit, rs)
        if before is not None:
            return [Pairing(hit, before)]
        if _NONE_CUE_RE.search(text[: hit.start]):
            return [Pairing(hit, Reading(hit.start, hit.end, None, "patients", count=0))]
        return []
    if after:
        chosen = [after[0]] + [r for r in after[1:] if LOCAL_RE.match(text[r.end : r.end + 30])]
        if len(chosen) > 1 and not LOCAL_RE.match(text[after[0].end : after[0].end + 30]):
            chosen = chosen[:1]
        versus = next((k for k in range(1, len(chosen)) if _VERSUS_WORD_RE.search(text, chosen[k - 1].end, chosen[k].start)), None)
        return [Pairing(hit, r) for r in chosen[:versus]]  # after "compared to": the other arm
    before = _before(text, hit, rs)
    if before is None and (none := _no_response(text, hit)) is not None:
        return [Pairing(hit, none)]
    return [Pairing(hit, before)] if before is not None else []
