"""What a result sentence takes from the sentences before it when it does not say it itself.

The document's own results: "In the ASPS group, the ORR was 50%. The mPFS was 17.5 months."
The second sentence names no population, but goes on about the subgroup the first one set up,
so it keeps that subgroup (``own_subgroup``), not the whole cohort's population. A subgroup is
set by a sentence opening on it ("In the X group,", "Among the 20 patients with X,", "Of the
12 X patients,") or having it as its subject ("Six patients with X received ..."). "The others"
after a subject are the complement, which the text does not name: no population, rather than
a wrong one; after an opening frame they are the rest of that subgroup ("Among the 20 patients
with X, 14 received A. The others received B": the others have X too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.numbers import NUMBER_WORD
from sarckg.extract.outcome_pairing import find_measures, measure_aliases
from sarckg.extract.study_threads import same_paragraph
from sarckg.model import EntityRef, Mention

#: how many sentences back (each naming no population) the subgroup may have been set
MAX_BACK = 3

_COUNT = rf"(?:\d+|{NUMBER_WORD})"
_PEOPLE = r"(?:patients|cases|subjects|participants)"
# "In the ", "Among the 20 patients with ", "Of 20 cases with ", "For patients with "
_FRAME_BEFORE_RE = re.compile(
    rf"^\s*(?:In|Among|Of|For|Within)\s+(?:(?:the|all|these|those)\s+)?(?:{_COUNT}\s+)?"
    rf"(?:{_PEOPLE}\s+(?:with|of)\s+)?$", re.IGNORECASE)
# " group,", " patients,", " (n = 20),"
_FRAME_AFTER_RE = re.compile(
    rf"^\s*(?:\([^()]*\)\s*)?(?:(?:sub)?groups?|cohorts?|arms?|subsets?|{_PEOPLE})?\s*(?:\([^()]*\)\s*)?,",
    re.IGNORECASE)
# "Six patients with ", "The 20 patients with " ... "received", or "Six ASPS patients"
_SUBJECT_BEFORE_RE = re.compile(
    rf"^\s*(?:(?:The|All|A\s+total\s+of)\s+)?(?:{_COUNT}\s+)?(?P<with>{_PEOPLE}\s+with\s+)?$", re.IGNORECASE)
_SUBJECT_AFTER_RE = re.compile(rf"^\s*{_PEOPLE}\b", re.IGNORECASE)
# "the others", "the remaining patients", "the rest": the complement of a subgroup
_COMPLEMENT_RE = re.compile(
    rf"\b(?:the\s+)?others\b|\bthe\s+(?:other|remaining)\s+(?:{_COUNT}\s+)?{_PEOPLE}\b|\bthe\s+(?:rest|remainder)\b",
    re.IGNORECASE)
# a sentence about the whole cohort, or comparing groups: it is no longer about one subgroup
_WIDER_RE = re.compile(
    r"\b(?:overall|in\s+total|totally|(?:the\s+)?(?:total|whole|entire)\s+(?:population|cohort|patients|group)"
    rf"|all\s+(?:{_COUNT}\s+)?(?:the\s+)?{_PEOPLE}|both\s+(?:groups|cohorts|arms)|(?:two|three|these|those|the)\s+"
    r"(?:(?:treatment\s+)?(?:groups|cohorts|arms|subgroups|modalities))|between|versus|vs\.?|compared|than)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Subgroup:
    """The subgroup a result sentence goes on about (None: the unnamed complement) and the
    sentence that set it up (the evidence quotes from there)."""

    population: EntityRef | None
    anchor: AnnotatedSentence


def _named(s: AnnotatedSentence, doc: AnnotatedDocument) -> list[Mention]:
    """Population mentions of a sentence that are not measure words ("OS" read as a subtype)."""
    hits = find_measures(s.text, measure_aliases(doc.document))
    return [m for m, _ in studies.populations(s) if not any(h.start < m.end and m.start < h.end for h in hits)]


def _subgroup_set(s: AnnotatedSentence, doc: AnnotatedDocument) -> tuple[EntityRef, bool] | None:
    """The one population a sentence of the document's own results sets as its subgroup,
    and whether it opens on it as a frame ("Among the 20 patients with X,") rather than
    having it as its subject ("Six patients with X received ...")."""
    named = _named(s, doc)
    if not named or len({m.entity.key for m in named}) != 1:
        return None
    first, text = named[0], s.text
    before, after = text[: first.start], text[first.end :]
    if _FRAME_BEFORE_RE.match(before) and _FRAME_AFTER_RE.match(after):
        return first.entity, True
    subject = _SUBJECT_BEFORE_RE.match(before)
    if subject and (subject["with"] or _SUBJECT_AFTER_RE.match(after)):
        return first.entity, False
    return None


def own_subgroup(doc: AnnotatedDocument, s: AnnotatedSentence, spans: Sequence[tuple[int, int]] = ()) -> Subgroup | None:
    """The subgroup of the document's own patients that ``s`` goes on about (see the module
    docstring): set by a sentence up to ``MAX_BACK`` back in the same paragraph, every sentence
    from there on naming no population, speaking of no wider group and reporting the
    document's own results. ``spans`` are ``s``'s measure words (never populations)."""
    if s.sentence.zone not in ("body", "abstract") or _WIDER_RE.search(s.text):
        return None
    if any(not any(a < m.end and m.start < b for a, b in spans) for m, _ in studies.populations(s)):
        return None  # it names its own
    own = (doc.context.own_study, False)
    current = s
    for _ in range(MAX_BACK):
        previous = doc.previous(current)
        if previous is None or not same_paragraph(previous, current) or studies.sentence_study(previous) != own:
            return None
        if (found := _subgroup_set(previous, doc)) is not None:
            population, frame = found
            if _COMPLEMENT_RE.search(s.text) and not frame:
                return Subgroup(None, previous)  # "the others": not the subgroup, and not named
            return Subgroup(population, previous)
        if _named(previous, doc) or _WIDER_RE.search(previous.text) or _COMPLEMENT_RE.search(previous.text):
            return None
        current = previous
    return None
