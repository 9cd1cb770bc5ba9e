"""Outcome measurements from prose: ORR, DCR, medians, rates at time points, response counts.

Measures are found by the labels of the ``skg:OutcomeMeasure`` individuals of the ontology;
values by ``numbers.readings``. A measure takes the compatible values after it (or the one
just before it: "a 37% ORR"); coordinated measures ("the mPFS and mOS was 7.5 and 19.5
months, respectively") and time-point lists ("at 3, 6 and 12 months were a, b and c") pair in
order. Each value takes its regimen and population from the words right after it ("40% for
UPS", "57% (4 of 7) to nivolumab plus sunitinib"), else its clause, else its sentence, else
(for the document's own results) the document's regimen and population. ``measure_sentence``
is also used by ``tables.py`` on table cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.cues import phrase_pattern
from sarckg.extract.numbers import (
    NUMBER_WORD,
    Quantity,
    Reading,
    parse_numbers,
    readings,
    word_to_int,
)
from sarckg.model import (
    Document,
    EntityRef,
    Mention,
    OutcomeMeasurement,
    Regimen,
    RegimenComponents,
    RegimenStudied,
    Statement,
)
from sarckg.namespaces import SKG

RATE = frozenset({"ORR", "DCR", "PFSRate", "OSRate", "PathologicResponse"})
TIME = frozenset({"MedianPFS", "MedianOS", "DurationOfResponse", "MedianFollowUp"})
CATEGORY = frozenset({"CompleteResponse", "PartialResponse", "StableDisease", "ProgressiveDisease"})
TIME_UNITS = frozenset({"months", "weeks", "years", "days"})
_AS_RATE = {"MedianPFS": "PFSRate", "MedianOS": "OSRate"}

_METHODS_RE = re.compile(r"\bdefined as\b|\breferred to\b|\bwas calculated\b|\bwere calculated\b", re.IGNORECASE)
_SUBJECT_OF_RE = re.compile(r"\b(?:evaluable|assessable|evaluated|eligible|available)\s+for\s+(?:an?\s+)?$", re.IGNORECASE)
_SHARE_OF_RE = re.compile(
    r"^\s*of\s+(?:the\s+)?(?:[\w+-]+\s+){0,6}?(?:showed|achieved|had|displayed|experienced|obtained|reached)"
    r"\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_CONCESSIVE_RE = re.compile(r"^\s*(?:although|though|while|whereas|despite)\b[^,;]*,", re.IGNORECASE)
_SEGMENT_RE = re.compile(r";|,?\s+(?:while|whereas)\s|\.\s+(?=[A-Z])")
# a clause hung on a value after a comma describes something else: "an ORR of 17%, with one
# CR in angiosarcoma" (the ORR is not angiosarcoma's)
_DETACHED_RE = re.compile(r",\s*(?:with|including|where|notably|especially|particularly)\b", re.IGNORECASE)
# a sentence that goes on about the study the sentence before it described
_ANAPHORA_RE = re.compile(
    r"^\s*(?:The|These|Its|Their|Such)\s+(?:results?|findings|data|outcomes?|trial|study)\b"
    r"|^\s*(?:In|From)\s+(?:that|the)\s+(?:trial|study)\s*,",
    re.IGNORECASE,
)
# "the combination", "this regimen": the agents the sentence before named
_SAME_REGIMEN_RE = re.compile(r"\b(?:the|this|that|such)\s+(?:combination|regimen|combined treatment)s?\b", re.IGNORECASE)
_LOCAL_RE = re.compile(
    r"^[\s)\],]*(?:of patients\s+)?(?:for|in|to|among|with|of)\b", re.IGNORECASE
)
_COUNT_CUE_RE = re.compile(
    r"^\s*(?:patients?|cases?)?\s*(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}?"
    r"(?:achieved|had|showed|displayed|exhibited|experienced|obtained|attained|reached)\b[^,;]{0,25}$"
    r"|^\s*(?:(?:patients?|cases?)\s+)?(?:of|with)\s*$",  # "3 cases of CR"
    re.IGNORECASE,
)
_VERSUS_RE = re.compile(r"\s*\)?\s*,?\s*(?:vs\.?|versus|compared\s+(?:to|with))\s*", re.IGNORECASE)
_VERSUS_WORD_RE = re.compile(r"\b(?:vs\.?|versus|compared\s+(?:to|with)|than)\b", re.IGNORECASE)
_IN_GROUP_RE = re.compile(r"\s*(?:(?:was|were)\s+)?(?:(?:observed|seen|noted|reported|achieved)\s+)?(?:in|among)\s+",
                          re.IGNORECASE)
# "PFS at 24 weeks", "OS at 1 year": a survival rate read at a time point
_RATE_AT_RE = re.compile(r"\s*(?:rates?\s+)?at\s+$", re.IGNORECASE)
_NONE_CUE_RE = re.compile(r"\b(?:no|none of the)\s+(?:patients?|cases?)\s+(?:\w+\s+)?(?:achieved|had|showed)\s*$", re.IGNORECASE)
_TIMEPOINT_BEFORE_RE = re.compile(r"(?:\bat|\bat week|\bweek|\bafter|\bby|[-−–])\s*$", re.IGNORECASE)
_LINE_RE = re.compile(
    r"(?P<cmp>≤|<=|\\leq)\s*(?P<n>\d+)\s*lines?|\b(?P<ord>first|second|third|later|subsequent)"
    r"(?:[- ]line|\s+lines?)\b(?:\s+and\s+higher)?|\bsecond\s+or\s+subsequent\s+lines\b",
    re.IGNORECASE,
)
_DENOMINATOR_RE = re.compile(
    rf"\b(?:of|among|in)\s+(?:the|all)?\s*(?P<n>\d+|{NUMBER_WORD})\s+(?:[\w-]+\s+){{0,3}}?(?:patients|cases)\b",
    re.IGNORECASE,
)
_GROUP_RE = re.compile(
    r"\b(?P<n>\d+)\s+(?:[\w-]+\s+){0,3}?(?:patients\s+|cases\s+)?(?:\([^)]*\)\s+)?"
    r"(?:received|(?:who\s+)?were treated|was treated)\b|\b(?:all|for the|the)\s+(?P<m>\d+)\s+patients\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MeasureHit:
    measure: str
    start: int
    end: int


@lru_cache(maxsize=1)
def measure_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each outcome measure with the pattern of its ontology labels."""
    from sarckg.graph.ontology_files import load_ontology

    graph = load_ontology()
    found = []
    for individual in sorted({str(i) for i in graph.subjects(RDF.type, SKG.OutcomeMeasure)}):
        labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(URIRef(individual), p)
                  if isinstance(o, Literal)}
        labels |= {label + "s" for label in labels if label.endswith(("rate", "response"))}
        pattern = phrase_pattern(sorted(labels))
        if pattern is not None:
            found.append((individual.rsplit("#", 1)[-1], pattern))
    return tuple(found)


Aliases = tuple[tuple[str, str], ...]  # (short form the document defines, measure)
# phrasings of a measure the ontology's labels do not cover: "a confirmed response was seen
# in 33% of patients" reports the objective response rate
_PHRASED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ORR", re.compile(r"(?<![\w-])(?:confirmed|best)\s+(?:objective\s+|overall\s+)?responses?(?:\s+rates?)?(?!\w)",
                       re.IGNORECASE)),
)
_ABBR_AFTER_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]{1,7})\s*[),;]")


@lru_cache(maxsize=32)
def measure_aliases(document: Document) -> Aliases:
    """Short forms a document defines for measures the ontology names in full:
    "progression-free rate (PFR)" makes "PFR" a PFSRate in that document."""
    found: dict[str, str] = {}
    for hit in find_measures(document.text):
        m = _ABBR_AFTER_RE.match(document.text, hit.end)
        if m and not find_measures(m[1]):
            found.setdefault(m[1], hit.measure)
    return tuple(sorted(found.items()))


def find_measures(text: str, aliases: Aliases = ()) -> list[MeasureHit]:
    """Measure mentions, longest first where they overlap; "complete response (CR)" is one."""
    patterns = [*measure_patterns(), *_PHRASED, *((name, re.compile(rf"(?<![\w-]){re.escape(short)}(?!\w)"))
                                       for short, name in aliases)]
    hits = sorted(
        (MeasureHit(name, m.start(), m.end()) for name, p in patterns for m in p.finditer(text)),
        key=lambda h: (h.start, -(h.end - h.start)),
    )
    out: list[MeasureHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        if _SUBJECT_OF_RE.search(text[max(0, hit.start - 30) : hit.start]):
            continue  # "27 patients evaluable for objective response" names a group
        if out and out[-1].measure == hit.measure and re.fullmatch(r"\s*\(\s*", text[out[-1].end : hit.start]):
            close = text.find(")", hit.end)
            out[-1] = replace(out[-1], end=close + 1 if 0 <= close - hit.end < 3 else hit.end)
            continue
        out.append(hit)
    return out


def timepoints(text: str, hits: list[MeasureHit]) -> list[Quantity]:
    """Time quantities that say when a rate was read ("at 12 weeks", "6-month", "12W")."""
    found: list[Quantity] = []
    for q in parse_numbers(text):
        if not isinstance(q, Quantity) or q.unit not in TIME_UNITS:
            continue
        before = text[max(0, q.start - 10) : q.start]
        # "12-week", "6-month", "12W", "12 week" (singular: an adjective), integers only
        compound = (not re.search(r"\s", q.text) or re.search(r"(?:week|month|year|day)$", q.text)) \
            and q.value == q.value.to_integral() and "." not in q.text
        next_hit = any(0 <= h.start - q.end <= 3 and not text[q.end : h.start].strip(" -") for h in hits)
        after_hit = any(0 <= q.start - h.end <= 1 and h.measure not in TIME for h in hits)
        listed = bool(found) and re.fullmatch(r"\s*,?\s*(?:and|or)?\s*", text[found[-1].end : q.start])
        if _TIMEPOINT_BEFORE_RE.search(before) or (compound and next_hit) or after_hit or listed:
            found.append(q)
    return found


def _compatible(measure: str, r: Reading) -> bool:
    if measure in RATE:
        return r.unit == "%" or (r.value is None and r.numerator is not None)
    if measure in TIME:
        return r.unit in TIME_UNITS or r.not_reached
    return r.unit == "%" or (r.value is None and r.count is not None)


def _segments(text: str) -> list[tuple[int, int]]:
    """Clauses that carry their own group and regimen: split at ";", "while", "whereas", and
    after the concessive opening of "Although X, Y"."""
    spans, start = [], 0
    if (opening := _CONCESSIVE_RE.match(text)) is not None:
        spans, start = [(0, opening.end() - 1)], opening.end()
    for m in _SEGMENT_RE.finditer(text, start):
        spans.append((start, m.start()))
        start = m.end()
    return [*spans, (start, len(text))]


def _segment_of(text: str, pos: int) -> tuple[int, int]:
    return next((s for s in _segments(text) if s[0] <= pos <= s[1]), (0, len(text)))


@dataclass(frozen=True)
class Pairing:
    hit: MeasureHit
    reading: Reading
    timepoint: Quantity | None = None
    comparator: bool = False  # the value after "vs": the other arm's


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
    limit = min(stop, _segment_of(text, hit.end)[1])
    return [r for r in rs if hit.end <= r.start < limit and _compatible(hit.measure, r)
            and not any(_glued(text, r, h) for h in hits if h is not hit)]


def _before(text: str, hit: MeasureHit, rs: list[Reading]) -> Reading | None:
    for r in reversed([r for r in rs if r.end <= hit.start]):
        gap = text[r.end : hit.start]
        if r.unit == "%" and _SHARE_OF_RE.match(gap):
            return r  # "19% (4/21) of patients with LMS showed an objective response"
        if hit.measure in CATEGORY:
            return r if r.count is not None and _COUNT_CUE_RE.match(gap) else None
        if _compatible(hit.measure, r) and len(gap) <= 20 and not re.search(r"[,;]|\band\b", gap):
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
        if len(group) > 1 and len(after) >= len(group):
            pairs += [Pairing(h, r) for h, r in zip(group, after, strict=False)]
            i += len(group)
            continue
        hit = group[0]
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(text)
        pairs += _pair_one(text, hit, nxt, rs, tps, hits)
        i += 1
    return _with_comparators(text, pairs, rs)


def _with_comparators(text: str, pairs: list[Pairing], rs: list[Reading]) -> list[Pairing]:
    """Add the other arm's value of "18.3 months versus 12.1 months", "16% compared with 5%"."""
    taken = {p.reading for p in pairs}
    out: list[Pairing] = []
    for p in pairs:
        out.append(p)
        later = [r for r in rs if r.start >= p.reading.end and r not in taken]
        if later and _VERSUS_RE.fullmatch(text[p.reading.end : later[0].start]) and _compatible(p.hit.measure, later[0]):
            out.append(Pairing(p.hit, later[0], p.timepoint, comparator=True))
            taken.add(later[0])
    return out


def _pair_one(text: str, hit: MeasureHit, nxt: int, rs: list[Reading], tps: list[Quantity],
              hits: list[MeasureHit]) -> list[Pairing]:
    glued = [r for r in rs if _glued(text, r, hit) and _compatible(hit.measure, r)]
    if glued:
        return [Pairing(hit, glued[0])]
    after = _after(text, hit, nxt, rs, hits)
    listed = [t for t in tps if hit.end <= t.start < (after[0].start if after else nxt)]
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
        chosen = [after[0]] + [r for r in after[1:] if _LOCAL_RE.match(text[r.end : r.end + 30])]
        if len(chosen) > 1 and not _LOCAL_RE.match(text[after[0].end : after[0].end + 30]):
            chosen = chosen[:1]
        return [Pairing(hit, r) for r in chosen]
    before = _before(text, hit, rs)
    return [Pairing(hit, before)] if before is not None else []


# --------------------------------------------------------------------------- context of a value


def _local_tail(text: str, r: Reading, rs: list[Reading], hits: list[MeasureHit]) -> tuple[int, int] | None:
    if not _LOCAL_RE.match(text[r.end : r.end + 30]):
        return None
    stops = [x.start for x in rs if x.start > r.end] + [h.start for h in hits if h.start > r.end]
    comma = re.search(r"[,;]", text[r.end + 1 :])
    stops += [r.end + 1 + comma.start()] if comma else []
    end = min([*stops, _segment_of(text, r.end)[1]])
    return r.end, end


def _nearest(pops: list[tuple[Mention, EntityRef]], pos: int) -> EntityRef | None:
    if not pops:
        return None
    before = [p for p in pops if p[0].start <= pos]
    return (before[-1] if before else pops[0])[1]


def _in_parentheses(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) > text.count(")", 0, pos)


def _population(s: AnnotatedSentence, p: Pairing, tail: tuple[int, int] | None,
                hits: list[MeasureHit]) -> EntityRef | None:
    pops = [(m, ref) for m, ref in studies.populations(s)
            if not any(h.start < m.end and m.start < h.end for h in hits)]  # "OS" is a measure here
    if tail and (local := [ref for m, ref in pops if tail[0] <= m.start < tail[1]]):
        return local[0]
    outside = [x for x in pops if not _in_parentheses(s.text, x[0].start)  # "(6 with ASPS and 1 ...)"
               and not _DETACHED_RE.search(s.text, p.reading.end, max(p.reading.end, x[0].start))]
    seg = _segment_of(s.text, p.hit.start)
    in_segment = [x for x in outside if seg[0] <= x[0].start < seg[1]]
    return _nearest(in_segment, p.hit.start) or _nearest(outside, p.hit.start)


def _regimen(s: AnnotatedSentence, p: Pairing, tail: tuple[int, int] | None) -> Regimen | None:
    if tail and (local := studies.given_agents(s, *tail)):
        return studies.regimen_of(local)
    if p.comparator:
        return None  # the other arm is named after its value or not at all
    segments, end = _segments(s.text), len(s.text)
    if versus := _VERSUS_WORD_RE.search(s.text, p.reading.end):  # the arm compared with is not this value's
        end = versus.start()
        segments = [(a, min(b, end)) for a, b in segments if a < end]
    here = next((i for i, seg in enumerate(segments) if seg[0] <= p.hit.start <= seg[1]), len(segments) - 1)
    for seg in reversed(segments[: here + 1]):  # its clause, else the nearest clause before it naming agents
        if regimen := studies.regimen_of(studies.given_agents(s, *seg)):
            return regimen
    return studies.regimen_of(studies.given_agents(s, 0, end))


def _line(text: str, seg: tuple[int, int]) -> str | None:
    m = _LINE_RE.search(text, seg[0], seg[1])
    if not m:
        return None
    if m["n"]:
        return f"<={m['n']} lines"
    words = m[0].lower().replace("-", " ")
    return re.sub(r"\s+", " ", words)


def _timepoint_before(text: str, hit: MeasureHit, tps: list[Quantity]) -> Quantity | None:
    """An adjectival time point right before a measure: "12-week ORR", "18-month OS rate"."""
    return next((t for t in tps if 0 <= hit.start - t.end <= 3 and not text[t.end : hit.start].strip(" -")), None)


def _read_at(text: str, hit: MeasureHit, tps: list[Quantity]) -> bool:
    """Whether a survival measure is read at a time point: "6-month PFS", "OS at 1 year"."""
    return _timepoint_before(text, hit, tps) is not None or any(
        t.start > hit.end and _RATE_AT_RE.fullmatch(text[hit.end : t.start]) for t in tps)


def _timepoint(text: str, p: Pairing, tps: list[Quantity]) -> Quantity | None:
    """The time point of a rate: its list position, an adjective right before the measure, or
    an "at 12 weeks" in its clause before its value ends (a little after: "49.8% at 12 weeks")."""
    if p.timepoint is not None or p.hit.measure in TIME:
        return p.timepoint
    if adjective := _timepoint_before(text, p.hit, tps):
        return adjective
    seg = _segment_of(text, p.hit.start)
    lo, hi = min(p.hit.start, p.reading.start), max(p.hit.end, p.reading.end) + 16
    clause = max(seg[0], text.rfind(",", 0, lo) + 1)
    near = [t for t in tps if (clause <= t.start or t.start - seg[0] < 15) and seg[0] <= t.start
            and t.end <= min(hi, seg[1])
            and _TIMEPOINT_BEFORE_RE.search(text[max(0, t.start - 10) : t.start])]
    return near[0] if near else None


def _as_int(text: str) -> int | None:
    return int(text) if text.isdigit() else word_to_int(text)


def _sizes(text: str, p: Pairing) -> tuple[int | None, int | None]:
    """Numerator and denominator of a pairing: its fraction, else its count over a stated
    group ("Of the 27 patients ..."); for a median the size of the group it describes."""
    r = p.reading
    if r.numerator is not None:
        return r.numerator, r.denominator
    seg = _segment_of(text, p.hit.start)
    head = text[: min(p.hit.start, r.start)]
    if p.hit.measure in TIME:
        groups = list(_GROUP_RE.finditer(text, seg[0], max(p.hit.start, r.start)))
        return None, int(groups[-1]["n"] or groups[-1]["m"]) if groups else None
    denoms = [m for m in _DENOMINATOR_RE.finditer(head) if m.start() < 40 or m.start() >= seg[0]]
    denom = _as_int(denoms[-1]["n"]) if denoms else None
    return r.count, denom if denom is not None and (r.count or 0) <= denom else None


@dataclass(frozen=True)
class Continued:
    """What a sentence inherits from the cited study the sentence before described."""

    study: EntityRef | None
    population: EntityRef | None
    regimen: Regimen | None


def _continued(s: AnnotatedSentence, previous: AnnotatedSentence | None) -> Continued | None:
    """The cited study the sentence before described, when this sentence goes on about it
    ("The results showed ...", "The following trial ... the combination") and names no study
    of its own; its regimen only when this sentence names no agent but "the combination"."""
    if previous is None or studies.named_studies(s):
        return None
    same_regimen = _SAME_REGIMEN_RE.search(s.text) is not None and not studies.given_agents(s)
    same_study = _ANAPHORA_RE.match(s.text) is not None
    if not same_study and not same_regimen:
        return None
    study, secondary = studies.sentence_study(previous)
    if not secondary:
        return None
    pops = studies.populations(previous)
    regimen = studies.regimen_of(studies.given_agents(previous)) if same_regimen else None
    if not same_study:  # "The following trial ... the combination": another trial, same agents
        return Continued(None, None, regimen)
    return Continued(study, pops[0][1] if pops else None, regimen)


def _measurement(s: AnnotatedSentence, doc: AnnotatedDocument, p: Pairing, tps: list[Quantity],
                 rs: list[Reading], hits: list[MeasureHit], previous: AnnotatedSentence | None = None,
                 ) -> OutcomeMeasurement:
    text, r = s.text, p.reading
    measure = p.hit.measure
    tp = _timepoint(text, p, tps)
    if measure in _AS_RATE and r.unit == "%":
        measure = _AS_RATE[measure]
    tail = _local_tail(text, r, rs, hits)
    study, secondary = studies.sentence_study(s)
    regimen, population = _regimen(s, p, tail), _population(s, p, tail, hits)
    if (continued := _continued(s, previous)) is not None:
        study, secondary = study if study is not None and study.key != doc.context.own_study.key else continued.study, True
        population, regimen = population or continued.population, regimen or continued.regimen
    if study is not None and study.key == doc.context.own_study.key:
        regimen = regimen or (None if p.comparator else studies.document_regimen(doc))
        population = population or studies.document_population(doc)
    value, unit = r.value, r.unit
    if value is None and measure in RATE and r.count is not None and r.numerator is not None:
        value, unit = Decimal(r.count), "%"  # "the ORR was 0 (0 of 5)"
    if value is None and r.count is not None and not r.not_reached:
        value, unit = Decimal(r.count), "patients"
    numerator, denominator = _sizes(text, p)
    return OutcomeMeasurement(
        evidence=s.evidence(extractor="outcomes", secondary=secondary or s.sentence.zone == "reference",
                            cites_study=study.key if secondary and study else None),
        measure=measure, regimen=regimen, population=population, study=study,
        value=None if r.not_reached else value, unit=None if r.not_reached else unit,
        numerator=numerator, denominator=denominator,
        ci_low=r.ci.low if r.ci else None, ci_high=r.ci.high if r.ci else None,
        ci_level=r.ci.level if r.ci else None,
        timepoint=tp.value if tp else None, timepoint_unit=tp.unit if tp else None,
        not_reached=r.not_reached, line_of_therapy=_line(text, _segment_of(text, p.hit.start)),
    )


def measure_sentence(s: AnnotatedSentence, doc: AnnotatedDocument,
                     previous: AnnotatedSentence | None = None) -> list[OutcomeMeasurement]:
    """Every outcome measurement one sentence (or table cell text) states; ``previous`` is the
    sentence before it, whose cited study a sentence may go on about."""
    text = s.text
    raw = s.document.text[s.sentence.start : s.sentence.end]
    if _METHODS_RE.search(text) or (s.sentence.zone != "table" and raw.count("\t") > 1):
        return []  # methods, or prose with a table spliced into it
    hits = find_measures(text, measure_aliases(s.document))
    if not hits:
        return []
    tps = timepoints(text, hits)
    hits = [replace(h, measure=_AS_RATE[h.measure]) if h.measure in _AS_RATE and _read_at(text, h, tps) else h
            for h in hits]  # "a 6-month PFS of 32%", "PFS at 24 weeks was 30%" are rates
    rs = readings(text, skip=frozenset(t.start for t in tps))
    return [_measurement(s, doc, p, tps, rs, hits, previous) for p in pair(text, hits, rs, tps)]


def regimen_statements(outcomes: list[OutcomeMeasurement]) -> Iterator[Statement]:
    """RegimenComponents and RegimenStudied for the regimens that got outcomes (with the
    evidence of the first outcome that names each)."""
    seen: set[tuple[str, str | None, str | None]] = set()
    for o in outcomes:
        if o.regimen is None:
            continue
        key = (o.regimen.key, o.population.key if o.population else None, o.study.key if o.study else None)
        if key in seen:
            continue
        if not any(k[0] == o.regimen.key for k in seen):
            yield RegimenComponents(evidence=o.evidence, regimen=o.regimen)
        seen.add(key)
        yield RegimenStudied(evidence=o.evidence, regimen=o.regimen, population=o.population, study=o.study)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Outcome measurements of the document's prose (tables are read by ``tables.py``;
    reference lists are titles, not results)."""
    for i, s in enumerate(doc.sentences):
        if s.sentence.zone in ("table", "furniture", "reference"):
            continue
        found = measure_sentence(s, doc, doc.sentences[i - 1] if i else None)
        if doc.context.study_design == "review" and any(o.population is None for o in found):
            scope = studies.document_population(doc)  # a review's cited results are in its scope
            found = [o if o.population else replace(o, population=scope) for o in found]
        yield from found
        yield from regimen_statements(found)
