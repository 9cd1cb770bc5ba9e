"""Adverse events from prose: lists of events with their share or count, and their grade.

"The most common TRAEs of any grade were hypertension (50.0%), ECG T-wave abnormality
(30.0%) ...", "fatigue (n = 46, 58.2%)", "Three serious TRAEs (two myocarditis and one rapid
atrial fibrillation)", "Common adverse events included cytokine release syndrome, nausea,
and fatigue." An event is the ``AdverseEvent`` mention that covers the list item, else a new
entity named after the item's words (``in_vocabulary=False``). An event named as the reason a
treatment changed ("Due to high toxicity, this regimen used a lower dose") is reported without
numbers.

The regimen is the agents named in the sentence; else, for the document's own results,
``studies.document_regimen`` (the agents of the title, else the regimen the abstract names
most often); else, for a restated study, the one regimen the sentence before in its paragraph
names (``outcome_context.regimen_before``: never alternatives or arms pooled). "This regimen"
is that one regimen too. The evidence then quotes both sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.numbers import NUMBER_WORD, Reading, as_int, readings
from sarckg.extract.outcome_context import regimen_before
from sarckg.model import AdverseEventReport, EntityRef, Mention, Regimen, slugify

AE_CUE_RE = re.compile(
    r"\b(?:(?:treatment|immune)[- ]related\s+)?(?:adverse\s+(?:events?|effects?|reactions?)|"
    r"(?:TR|ir)?AEs?|toxicit(?:y|ies)|side[- ]effects?)\b",
    re.IGNORECASE,
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
_G = r"(\d|IV|V|I{1,3})"
_GRADE_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bany[- ]grade\b|\ball[- ]grades?\b", re.IGNORECASE), "any"),
    (re.compile(rf"(?:≥|>=|\\geq)\s*grade\s*{_G}\b|\bgrade\s*(?:≥|>=|\\geq)\s*{_G}\b|\bgrade\s*{_G}\s*or\s+(?:higher|above|more)\b", re.IGNORECASE), ">="),
    (re.compile(rf"\bgrades?\s*{_G}\s*(?:[-–/]|to|and|or)\s*{_G}\b", re.IGNORECASE), "range"),
    (re.compile(rf"\bgrades?\s*{_G}\b", re.IGNORECASE), "one"),
)
_LIST_START_RE = re.compile(
    r"\b(?:were|was|included|including|includes|include|consisted of|such as|namely|being)\b|:", re.IGNORECASE
)
_ITEM_SPLIT_RE = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*", re.IGNORECASE)
_LEADING_RE = re.compile(r"^(?:and|or|the|a|an|only|mainly|mostly|of|cases?\s+of)\s+", re.IGNORECASE)
_TRAILING_ABBR_RE = re.compile(r"\s*\([^()]*\)\s*$")
_COUNTED_RE = re.compile(
    rf"(?<![\w.-])(?<!grade )(?<!grade)(?P<n>\d+|{NUMBER_WORD})\s+(?:cases?\s+of\s+|patients?\s+with\s+)?"
    r"(?P<event>[a-z][\w\s-]*?)(?=\s*(?:,|\band\b|\)|\bwere\b|\bwas\b|\.|$))",
    re.IGNORECASE,
)
# "No grade 5 AEs were observed", "there were no treatment-related deaths": none died of it
_NO_DEATH_RE = re.compile(
    r"\b(?:no|none of the|without any)\s+(?:(?:grade\s*(?:5|V)|fatal)\s+(?:[\w-]+\s+)?"
    r"(?:(?:treatment|immune)[- ]related\s+)?(?:adverse\s+(?:events?|effects?|reactions?)|(?:TR|ir)?AEs?|toxicit(?:y|ies))"
    r"|(?:treatment|drug|therapy)[- ]related\s+deaths?|toxic\s+deaths?|deaths?\s+(?:related|due|attributed)\s+to\s+"
    r"(?:the\s+)?(?:treatment|therapy|toxicity))\b",
    re.IGNORECASE,
)
DEATH = EntityRef("adverseevent/treatment-related-death", "treatment-related death", "AdverseEvent",
                  ("AdverseEvent",))
_NOT_EVENTS_RE = re.compile(
    r"\b(?:patients?|cases?|grade|most|common|serious|cycles?|months?|weeks?|years?|days?|lines?|which|that|"
    r"centers?|centres?|therapy|therapies|treatments?|endpoints?|times?|doses?|versus|vs)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Item:
    """One event of a list, with its numbers."""

    event: EntityRef
    percent: Decimal | None
    count: int | None
    died: bool = False  # a fatal case: grade 5
    grade_text: str | None = None  # where its grade is read, when not the whole sentence


def grade_of(text: str) -> str | None:
    """``"grade 3–4"`` -> ``"3-4"``; ``"≥ grade 3"`` -> ``">=3"``; ``"any grade"`` -> ``"any"``."""
    for pattern, kind in _GRADE_RES:
        m = pattern.search(text)
        if not m:
            continue
        nums = [_ROMAN.get(g.upper(), g) for g in m.groups() if g]
        if kind == "any":
            return "any"
        if kind == ">=":
            return f">={nums[0]}"
        if kind == "range":
            return f"{nums[0]}-{nums[1]}"
        return nums[0]
    return None


def event_ref(phrase: str, mentions: list[Mention], offset: int) -> EntityRef | None:
    """The event a list item names: an AdverseEvent mention covering most of it, else a new
    entity from its words; None when the phrase is empty or not an event."""
    phrase_clean = _TRAILING_ABBR_RE.sub("", phrase).strip(" ,;:.)")
    phrase_clean = _LEADING_RE.sub("", phrase_clean).strip()
    if not phrase_clean or len(phrase_clean) > 80 or AE_CUE_RE.search(phrase_clean):
        return None
    start = offset + phrase.find(phrase_clean)
    end = start + len(phrase_clean)
    within = [m for m in mentions if start <= m.start and m.end <= end]
    for m in mentions:
        inside = max(0, min(m.end, end) - max(m.start, start))
        if inside and (inside >= 0.6 * len(phrase_clean) or (within == [m] and end - m.end <= 1)):
            return m.entity  # most of the item, or its one head noun: "the most common being hypertension"
    if _NOT_EVENTS_RE.search(phrase_clean) or not re.search(r"[a-z]{3}", phrase_clean):
        return None
    label = phrase_clean[0].lower() + phrase_clean[1:] if not phrase_clean[:2].isupper() else phrase_clean
    return EntityRef(f"adverseevent/{slugify(label)}", label, "AdverseEvent", ("AdverseEvent",), False)


def _list_start(text: str, first: int) -> int:
    starts = [m.end() for m in _LIST_START_RE.finditer(text, 0, first)]
    return starts[-1] if starts else 0


def _numbered_items(s: AnnotatedSentence, rs: list[Reading]) -> list[Item]:
    """Items followed by a parenthetical number: "hypertension (50.0%)", "fever (n = 3, 7.7%)"."""
    text = s.text
    events = s.of_category("AdverseEvent")
    attached = [r for r in rs if text[r.start - 1 : r.start] == "(" or text[max(0, r.start - 2) : r.start] == "( "]
    items: list[Item] = []
    prev_end = _list_start(text, attached[0].start) if attached else 0
    for r in attached:
        left = text.rfind("(", 0, r.start)
        seg_start = prev_end
        pieces = _ITEM_SPLIT_RE.split(text[seg_start:left])
        phrase = pieces[-1] if pieces else ""
        offset = left - len(phrase)
        ref = event_ref(phrase, events, offset)
        if ref is not None and (r.value is not None or r.count is not None):
            items.append(Item(ref, r.value if r.unit == "%" else None, r.count))
        closing = re.match(r"[^()]{0,20}?\)", text[r.end :])  # "(10%)": the item ends after its parenthesis
        prev_end = r.end + (closing.end() if closing else 0)
    return items


_OBSERVED_RE = re.compile(
    r"\s*(?:(?:was|were)\s+(?:observed|seen|reported|noted|recorded|documented)|occurred)\s+in\s+", re.IGNORECASE)
_DIED_RE = re.compile(rf"\b(?P<n>\d+|{NUMBER_WORD})\s+(?:patients?\s+)?died\s+(?:of|from|due\s+to)\s+$", re.IGNORECASE)
# "... occurred in 33 patients (80.5%) and was grade 3 in 2 patients (4.9%)": a graded subset
_GRADED_SUBSET_RE = re.compile(
    rf"\s*,?\s*(?:and|of\s+which|which)\s+(?:it\s+)?(?:was|were)\s+(?P<grade>(?:≥\s*)?grades?\s*{_G}"
    rf"(?:\s*(?:[-–/]|to|or)\s*{_G})?(?:\s+or\s+(?:higher|above|more))?)\s+in\s+", re.IGNORECASE)


def _graded_subset(text: str, r: Reading, rs: list[Reading]) -> tuple[str, Reading] | None:
    """The grade and reading of "... and was grade 3 in 2 patients (4.9%)" right after ``r``."""
    m = _GRADED_SUBSET_RE.match(text, r.end + (1 if text[r.end : r.end + 1] == ")" else 0))
    after = [x for x in rs if m and x.start == m.end() and (x.value is not None or x.count is not None)]
    return (m["grade"], after[0]) if m and after else None


def _observed_items(s: AnnotatedSentence, rs: list[Reading]) -> list[Item]:
    """An event and how often: "grade 3-4 hypertension was observed in 5 patients (12.5%)";
    "one patient died of myocarditis" (a count, at grade 5)."""
    items = []
    for m in s.of_category("AdverseEvent"):
        seen = _OBSERVED_RE.match(s.text, m.end)
        after = [r for r in rs if seen and r.start == seen.end()]
        if after and (after[0].value is not None or after[0].count is not None):
            r = after[0]
            subset = _graded_subset(s.text, r, rs)
            items.append(Item(m.entity, r.value if r.unit == "%" else None, r.count if r.count is not None else r.numerator,
                              grade_text="any grade" if subset else None))
            if subset is not None:
                items.append(Item(m.entity, subset[1].value if subset[1].unit == "%" else None, subset[1].count,
                                  grade_text=subset[0]))
        elif died := _DIED_RE.search(s.text, 0, m.start):
            n = as_int(died["n"])
            items.append(Item(m.entity, None, n, died=True))
    return items


# "Due to high toxicity, the dose was lowered", "discontinued because of grade 3 hepatitis",
# "limited by severe toxicity": an event named as the cause of a change of treatment
_CAUSE_RE = re.compile(r"\b(?:due\s+to|because\s+of|owing\s+to|limited\s+by|for)\s+(?:(?:the|high|severe|"
                       r"excessive|unacceptable|significant|intolerable|grade\s*\S+)\s+)*$", re.IGNORECASE)
_CHANGE_RE = re.compile(r"\b(?:lower|reduced|decreased)\s+dos\w*|\bdos(?:e|es|ing)\s+(?:reduc|modif|interrupt|delay|"
                        r"adjust)\w*|\bdiscontinu\w*|\bstopp?(?:ed|ing)?\b|\bwithdr[ae]w\w*|\binterrupt\w*|"
                        r"\blimited\b|\bterminat\w*|\bswitch\w*", re.IGNORECASE)


def _causal_items(s: AnnotatedSentence) -> list[Item]:
    """Events named as the reason a treatment was changed, without numbers."""
    if not _CHANGE_RE.search(s.text):
        return []
    items = []
    for m in s.of_category("AdverseEvent"):
        if cause := _CAUSE_RE.search(s.text, 0, m.start):
            items.append(Item(m.entity, None, None, grade_text=s.text[cause.start() : m.end]))
    return items


def _counted_items(s: AnnotatedSentence) -> list[Item]:
    """Items counted by a leading number: "two myocarditis and one rapid atrial fibrillation"."""
    events = s.of_category("AdverseEvent")
    items = []
    for m in _COUNTED_RE.finditer(s.text):
        n = as_int(m["n"])
        if n is None or AE_CUE_RE.search(m["event"]):
            continue
        ref = event_ref(m["event"], events, m.start("event"))
        if ref is not None:
            items.append(Item(ref, None, n))
    # a counted list is one of events when the vocabulary knows at least one of them
    return items if any(i.event.in_vocabulary for i in items) else []


def _listed_items(s: AnnotatedSentence) -> list[Item]:
    """Vocabulary events listed without numbers: "included cytokine release syndrome, nausea"."""
    cue = AE_CUE_RE.search(s.text)
    if cue is None:
        return []
    return [Item(m.entity, None, None) for m in s.of_category("AdverseEvent")
            if m.start > cue.end() and not AE_CUE_RE.fullmatch(m.text)]  # "any toxicities" names no event


def _regimen(doc: AnnotatedDocument, s: AnnotatedSentence, own: bool) -> tuple[Regimen | None, AnnotatedSentence | None]:
    """The regimen of a sentence's events and the sentence before that names it, if any: the
    one "this regimen" stands for (``regimen_before``), else the agents the sentence names,
    else the document's own regimen, else (for a restated study) the one regimen of the
    sentence before in its paragraph."""
    if studies.SAME_REGIMEN_RE.search(s.text) and (before := regimen_before(doc, s)) is not None:
        return before  # "Due to toxicity, this regimen used ..."
    if regimen := studies.regimen_of(studies.given_agents(s)):
        return regimen, None
    if own:
        return studies.document_regimen(doc), None
    return regimen_before(doc, s) or (None, None)


def report_sentence(doc: AnnotatedDocument, index: int) -> Iterator[AdverseEventReport]:
    """The adverse events one sentence reports."""
    s = doc.sentences[index]
    text = s.text
    has_cue = AE_CUE_RE.search(text) is not None
    no_death = _NO_DEATH_RE.search(text) is not None
    if not has_cue and not no_death and not s.of_category("AdverseEvent"):
        return
    rs = readings(text)
    items = _numbered_items(s, rs) or _observed_items(s, rs)
    items = items or (_counted_items(s) if has_cue else []) or _causal_items(s)
    if has_cue:
        items = items or _listed_items(s)
    if no_death and not any(i.event.key == DEATH.key for i in items):
        items = [*items, Item(DEATH, Decimal(0), 0)]
    if not items:
        return
    study, secondary = studies.sentence_study(s)
    own = study is not None and study.key == doc.context.own_study.key
    regimen, antecedent = _regimen(doc, s, own)
    if antecedent is not None and studies.SAME_REGIMEN_RE.search(text):
        earlier, earlier_secondary = studies.sentence_study(antecedent)
        if study is None or (own and earlier is not None):
            study, secondary = earlier, earlier_secondary
    grade = grade_of(_NO_DEATH_RE.sub("", text))  # "No grade 5 AEs occurred" grades no other event
    evidence = s.evidence("adverse_events", antecedent=antecedent,
                          secondary=secondary or s.sentence.zone == "reference",
                          cites_study=study.key if secondary and study else None)
    seen: set[tuple[str, str | None]] = set()
    for item in items:
        if (item.event.key, item.grade_text) in seen:
            continue
        seen.add((item.event.key, item.grade_text))
        yield AdverseEventReport(
            evidence=evidence, regimen=regimen, event=item.event,
            grade="5" if item.died or item.event.key == DEATH.key
            else grade if item.grade_text is None else grade_of(item.grade_text),
            percent=item.percent, count=item.count, study=study,
        )


def extract(doc: AnnotatedDocument) -> Iterator[AdverseEventReport]:
    """Adverse event reports of the document's prose (tables are read by ``tables.py``)."""
    for i, s in enumerate(doc.sentences):
        if s.sentence.zone in ("table", "furniture", "reference"):
            continue
        yield from report_sentence(doc, i)
