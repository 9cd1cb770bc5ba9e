"""Outcome measurements from prose: ORR, DCR, medians, rates at time points, response counts.

``outcome_pairing`` finds the measures and pairs each with its value. Each value takes its
regimen and population from the words right after it ("40% for UPS", "57% (4 of 7) to
nivolumab plus sunitinib"), else its clause (never the arm it is compared with), else its
sentence, else what the sentences before it say (``study_threads``: the named or cited trial
a paragraph goes on describing; ``outcome_context``: the cited study a sentence goes on about, the one regimen "the combination" stands for, the subgroup of the
document's own patients a sentence set up), else (for the document's own results) the
document's regimen and population. A review's cited results with no population are in the
review's scope. ``measure_sentence`` is also used by
``tables.py`` on table cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.numbers import NUMBER_WORD, Quantity, Reading, as_int, readings
from sarckg.extract.outcome_citations import cited_population
from sarckg.extract.outcome_context import (
    as_own_drugs,
    carried,
    cited_part,
    continued,
    own_subgroup,
    the_same_regimen,
)
from sarckg.extract.outcome_pairing import (
    AS_RATE,
    CATEGORY,
    LOCAL_RE,
    RATE,
    TIME,
    TIME_UNITS,
    TIMEPOINT_BEFORE_RE,
    Aliases,
    MeasureHit,
    Pairing,
    find_measures,
    measure_aliases,
    pair,
    read_at,
    segment_of,
    segments,
    timepoint_before,
    timepoints,
)
from sarckg.extract.study_threads import cited_thread, thread_of
from sarckg.model import (
    EntityRef,
    Mention,
    OutcomeMeasurement,
    Regimen,
    RegimenComponents,
    RegimenStudied,
    Statement,
)

__all__ = [
    "CATEGORY", "RATE", "TIME", "TIME_UNITS", "Aliases", "MeasureHit", "Pairing", "extract",
    "find_measures", "measure_aliases", "measure_sentence", "pair", "regimen_statements", "timepoints",
]

_METHODS_RE = re.compile(r"\bdefined as\b|\breferred to\b|\bwas calculated\b|\bwere calculated\b", re.IGNORECASE)
# a clause hung on a value after a comma describes something else: "an ORR of 17%, with one
# CR in angiosarcoma" (the ORR is not angiosarcoma's)
_DETACHED_RE = re.compile(r",\s*(?:with|including|where|notably|especially|particularly)\b", re.IGNORECASE)
# the arm or standard a value is compared with ("16%, which was comparable to standard chemotherapy")
_VERSUS_WORD_RE = re.compile(r"\b(?:vs\.?|versus|(?:compared|comparable|similar)\s+(?:to|with)|than)\b",
                             re.IGNORECASE)
_LINE_RE = re.compile(
    r"(?P<cmp>≤|<=|\\leq)\s*(?P<n>\d+)\s*lines?|\b(?P<ord>first|second|third|later|subsequent)"
    r"(?:[- ]line|\s+lines?)\b(?:\s+and\s+higher)?|\bsecond\s+or\s+subsequent\s+lines\b",
    re.IGNORECASE,
)
_DENOMINATOR_RE = re.compile(
    rf"\b(?:of|among|in)\s+(?:the|all)?\s*(?P<n>\d+|{NUMBER_WORD})(?!\s*(?:of|/)\s*\d)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:patients|cases)\b",
    re.IGNORECASE,
)
_GROUP_RE = re.compile(
    r"\b(?P<n>\d+)\s+(?:[\w-]+\s+){0,3}?(?:patients\s+|cases\s+)?(?:\([^)]*\)\s+)?"
    r"(?:received|(?:who\s+)?were treated|was treated)\b|\b(?:all|for the|the)\s+(?P<m>\d+)\s+patients\b",
    re.IGNORECASE,
)


def _local_tail(text: str, r: Reading, rs: list[Reading], hits: list[MeasureHit]) -> tuple[int, int] | None:
    if not LOCAL_RE.match(text[r.end : r.end + 30]):
        return None
    stops = [x.start for x in rs if x.start > r.end] + [h.start for h in hits if h.start > r.end]
    comma = re.search(r"[,;]", text[r.end + 1 :])
    stops += [r.end + 1 + comma.start()] if comma else []
    end = min([*stops, segment_of(text, r.end)[1]])
    return r.end, end


def _nearest(pops: list[tuple[Mention, EntityRef]], pos: int) -> EntityRef | None:
    if not pops:
        return None
    before = [p for p in pops if p[0].start <= pos]
    return (before[-1] if before else pops[0])[1]


def _in_parentheses(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) > text.count(")", 0, pos)


def _population(s: AnnotatedSentence, p: Pairing, tail: tuple[int, int] | None,
                hits: list[MeasureHit], start: int = 0) -> EntityRef | None:
    pops = [(m, ref) for m, ref in studies.populations(s, start)
            if not any(h.start < m.end and m.start < h.end for h in hits)]  # "OS" is a measure here
    if tail and (local := [ref for m, ref in pops if tail[0] <= m.start < tail[1]]):
        return local[0]
    outside = [x for x in pops if not _in_parentheses(s.text, x[0].start)  # "(6 with ASPS and 1 ...)"
               and not _DETACHED_RE.search(s.text, p.reading.end, max(p.reading.end, x[0].start))]
    seg = segment_of(s.text, p.hit.start)
    in_segment = [x for x in outside if seg[0] <= x[0].start < seg[1]]
    return _nearest(in_segment, p.hit.start) or _nearest(outside, p.hit.start)


def _regimen(s: AnnotatedSentence, p: Pairing, tail: tuple[int, int] | None, start: int = 0) -> Regimen | None:
    """The regimen of a value: the agents right after it, else the k-th of the regimens named
    before its measure when it is the k-th of values listed "respectively" (the one, when one
    is named), else of its clause or the nearest clause before it naming any (from ``start``
    on), never the arm it is compared with."""
    if tail and (local := studies.given_agents(s, *tail)):
        return studies.regimen_of(local)
    if p.comparator:
        return None  # the other arm is named after its value or not at all
    if p.respective is not None:  # "trials of A and B, PFS (6.1 vs. 1.5 months, 3.9 vs. 1.7 months, respectively)"
        k, n = p.respective
        listed = studies.named_regimens(s, start, p.hit.start)
        return listed[k] if len(listed) == n else listed[0] if len(listed) == 1 else None
    clauses, end = [(max(a, start), b) for a, b in segments(s.text) if b > start], len(s.text)
    if versus := _VERSUS_WORD_RE.search(s.text, p.reading.end):  # the arm compared with is not this value's
        end = versus.start()
        clauses = [(a, min(b, end)) for a, b in clauses if a < end]
    here = next((i for i, seg in enumerate(clauses) if seg[0] <= p.hit.start <= seg[1]), len(clauses) - 1)
    for seg in reversed(clauses[: here + 1]):  # its clause, else the nearest clause before it naming agents
        if regimen := studies.regimen_of(studies.given_agents(s, *seg)):
            return regimen
    return studies.regimen_of(studies.given_agents(s, start, end))


def _line(text: str, seg: tuple[int, int]) -> str | None:
    m = _LINE_RE.search(text, seg[0], seg[1])
    if not m:
        return None
    if m["n"]:
        return f"<={m['n']} lines"
    words = m[0].lower().replace("-", " ")
    return re.sub(r"\s+", " ", words)


def _timepoint(text: str, p: Pairing, tps: list[Quantity]) -> Quantity | None:
    """The time point of a rate: its list position, an adjective right before the measure, or
    an "at 12 weeks" in its clause before its value ends (a little after: "49.8% at 12 weeks")."""
    if p.timepoint is not None or p.hit.measure in TIME:
        return p.timepoint
    if adjective := timepoint_before(text, p.hit, tps):
        return adjective
    seg = segment_of(text, p.hit.start)
    lo, hi = min(p.hit.start, p.reading.start), max(p.hit.end, p.reading.end) + 16
    clause = max(seg[0], text.rfind(",", 0, lo) + 1)
    near = [t for t in tps if (clause <= t.start or t.start - seg[0] < 15) and seg[0] <= t.start
            and t.end <= min(hi, seg[1])
            and TIMEPOINT_BEFORE_RE.search(text[max(0, t.start - 10) : t.start])]
    return near[0] if near else None


def _sizes(text: str, p: Pairing) -> tuple[int | None, int | None]:
    """Numerator and denominator of a pairing: its fraction, else its count over a stated
    group ("Of the 27 patients ..."); for a median the size of the group it describes."""
    r = p.reading
    if r.numerator is not None:
        return r.numerator, r.denominator
    seg = segment_of(text, p.hit.start)
    head = text[: min(p.hit.start, r.start)]
    if p.hit.measure in TIME:
        groups = list(_GROUP_RE.finditer(text, seg[0], max(p.hit.start, r.start)))
        return None, int(groups[-1]["n"] or groups[-1]["m"]) if groups else None
    denoms = [m for m in _DENOMINATOR_RE.finditer(head) if m.start() < 40 or m.start() >= seg[0]]
    denom = as_int(denoms[-1]["n"]) if denoms else None
    return r.count, denom if denom is not None and (r.count or 0) <= denom else None


# a sentence that names its population in words the matcher did not resolve ("of patients with AS")
_OWN_POPULATION_RE = re.compile(r"\b(?:patients|cases|subjects|those)\s+with\b", re.IGNORECASE)


def _measurement(s: AnnotatedSentence, doc: AnnotatedDocument, p: Pairing, tps: list[Quantity],
                 rs: list[Reading], hits: list[MeasureHit], previous: AnnotatedSentence | None = None,
                 ) -> OutcomeMeasurement:
    text, r = s.text, p.reading
    measure = p.hit.measure
    tp = _timepoint(text, p, tps)
    if measure in AS_RATE and r.unit == "%":
        measure = AS_RATE[measure]
    tail = _local_tail(text, r, rs, hits)
    study, secondary = studies.sentence_study(s)
    start = 0
    if not secondary and (cited := cited_part(s, min(p.hit.start, r.start))) is not None:
        start, study, secondary = cited[0], cited[1], True  # "Our study ..., consistent with a previous study ..."
    regimen, population = _regimen(s, p, tail, start), _population(s, p, tail, hits, start)
    antecedent = None
    if (cont := continued(s, previous)) is not None:
        study, secondary = study if study is not None and study.key != doc.context.own_study.key else cont.study, True
        inherited = (study is not None and study == cont.study) or (population is None and cont.population) \
            or (regimen is None and cont.regimen)
        population, regimen = population or cont.population, regimen or cont.regimen
        antecedent = previous if inherited else None  # the evidence quotes where they are named
    if (thread := thread_of(doc, s)) is not None:  # "In KORVAL-2, ... . The LMS cohort achieved ..."
        study, antecedent = thread.study, thread.anchor
        secondary = study.key != doc.context.own_study.key
        population = population or thread.population()  # the trial's patients, given what it gave
        versus = _VERSUS_WORD_RE.search(s.text, r.end)  # agents named only for the arm compared with are not others
        others = studies.given_agents(s, 0, versus.start() if versus else len(s.text))
        regimen = regimen or (None if p.comparator or others else thread.regimen())
    elif (going := cited_thread(doc, s)) is not None:  # "A plus B was active in STS (78). Among the 30 enrolled ..."
        study, secondary, antecedent = going.study or study, True, going.named_in
        population = population or going.population
        regimen = regimen or (None if p.comparator else going.regimen)
    if regimen is None and not p.comparator and (same := the_same_regimen(doc, s, max(p.hit.end, r.end))):
        regimen, antecedent = same[0], antecedent or same[1]  # "the combination therapy had a 16% ORR"
    own = study is not None and study.key == doc.context.own_study.key  # the document's regimen, below
    if regimen is None and not p.comparator and not own and (given := carried(doc, s)) is not None:
        regimen, antecedent = given[0], antecedent or given[1]  # a thread's anchor comes earlier
        study, secondary = (study, secondary) if study is not None else studies.sentence_study(antecedent)
    if population is None and secondary and s.sentence.zone != "table" and not _OWN_POPULATION_RE.search(text):
        population = cited_population(doc, s)  # a restated result: the population of the entry it cites
    if study is not None and study.key == doc.context.own_study.key:
        mine = studies.document_regimen(doc)  # class words for its own drugs are those drugs
        regimen = (regimen if p.comparator else as_own_drugs(regimen, mine)) if regimen else (None if p.comparator else mine)
        if population is None and (group := own_subgroup(doc, s, [(h.start, h.end) for h in hits])) is not None:
            antecedent = antecedent or (group.anchor if group.population is not None else None)
            population = group.population  # "In the ASPS group, ... . The mPFS was ...": that subgroup
        else:
            population = population or studies.document_population(doc)
    value, unit = r.value, r.unit
    if value is None and measure in RATE and r.count is not None and r.numerator is not None:
        value, unit = Decimal(r.count), "%"  # "the ORR was 0 (0 of 5)"
    if value is None and r.count is not None and not r.not_reached:
        value, unit = Decimal(r.count), "patients"
    numerator, denominator = _sizes(text, p)
    return OutcomeMeasurement(
        evidence=s.evidence(extractor="outcomes", antecedent=antecedent, secondary=secondary or s.sentence.zone == "reference",
                            cites_study=study.key if secondary and study else None),
        measure=measure, regimen=regimen, population=population, study=study,
        value=None if r.not_reached else value, unit=None if r.not_reached else unit,
        numerator=numerator, denominator=denominator,
        ci_low=r.ci.low if r.ci else None, ci_high=r.ci.high if r.ci else None,
        ci_level=r.ci.level if r.ci else None,
        timepoint=tp.value if tp else None, timepoint_unit=tp.unit if tp else None,
        not_reached=r.not_reached, line_of_therapy=_line(text, segment_of(text, p.hit.start)),
    )


def measure_sentence(s: AnnotatedSentence, doc: AnnotatedDocument,
                     previous: AnnotatedSentence | None = None) -> list[OutcomeMeasurement]:
    """Every outcome measurement one sentence (or table cell text) states; ``previous`` is the
    sentence before it (``doc.previous(s)``), whose cited study a sentence may go on about."""
    text = s.text
    raw = s.raw
    if _METHODS_RE.search(text) or (s.sentence.zone != "table" and raw.count("\t") > 1):
        return []  # methods, or prose with a table spliced into it
    hits = find_measures(text, measure_aliases(s.document))
    if not hits:
        return []
    tps = timepoints(text, hits)
    hits = [replace(h, measure=AS_RATE[h.measure]) if h.measure in AS_RATE and read_at(text, h, tps) else h
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


# where a paper restates its results, and where it reports them first (not its background)
_RESTATING_RE = re.compile(r"discussion|conclusion", re.IGNORECASE)
_NOT_REPORTING_RE = re.compile(r"discussion|conclusion|introduction|background", re.IGNORECASE)


def _restated(doc: AnnotatedDocument, found: list[list[OutcomeMeasurement]]) -> list[list[OutcomeMeasurement]]:
    """The document's own results restated in its discussion by a sentence naming no population
    ("Our study also showed modest efficacy, with the mPFS of 6.3 months and the mOS of 15.5
    months") take the population of the results they restate: when every value of the sentence
    equals (measure, value, unit) results of the document's own reported in its results or
    abstract, and those all name one population, not the document's."""
    own_key, whole = doc.context.own_study.key, studies.document_population(doc)

    def own(o: OutcomeMeasurement) -> bool:
        return o.study is not None and o.study.key == own_key and not o.evidence.secondary

    sentences = {s.sentence.index: s for s in doc.sentences}
    reported: dict[tuple[str, Decimal | None, str | None], dict[str | None, EntityRef | None]] = {}
    for o in (o for group in found for o in group if own(o)):
        if not _NOT_REPORTING_RE.search(sentences[o.evidence.sentence_index].sentence.section):
            reported.setdefault((o.measure, o.value, o.unit), {})[o.population.key if o.population else None] = o.population
    out = []
    for group in found:
        s = sentences[group[0].evidence.sentence_index] if group else None
        if s is None or not _RESTATING_RE.search(s.sentence.section) or studies.populations(s) \
                or not all(own(o) and o.value is not None for o in group):
            out.append(group)
            continue
        pops = {k: v for o in group for k, v in reported.get((o.measure, o.value, o.unit), {None: None}).items()}
        pop = next(iter(pops.values())) if len(pops) == 1 else None
        restates = pop is not None and (whole is None or pop.key != whole.key)
        out.append([replace(o, population=pop) for o in group] if restates else group)
    return out


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Outcome measurements of the document's prose (tables are read by ``tables.py``;
    reference lists are titles, not results)."""
    found: list[list[OutcomeMeasurement]] = []
    for s in doc.sentences:
        if s.sentence.zone in ("table", "furniture", "reference"):
            continue
        measured = measure_sentence(s, doc, doc.previous(s))
        if doc.context.study_design == "review" and any(o.population is None for o in measured):
            scope = studies.document_population(doc)  # a review's cited results are in its scope
            measured = [o if o.population else replace(o, population=scope) for o in measured]
        found.append(measured)
    for group in _restated(doc, found):
        yield from group
        yield from regimen_statements(group)
