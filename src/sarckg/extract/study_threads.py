"""Which named trial a result sentence goes on describing when it names none itself.

"In KORVAL-2 (NCT05123456), 48 patients ... . Of these cases, ... . To confirm this, the
study opened 2 expansion cohorts ... . The LMS cohort met its primary endpoint (ORR: 21%;
...)." The last sentence names no trial, but it and every sentence between it and KORVAL-2
continue that trial's description with a definite reference ("the study", "the
trial", "the UPS cohort", "these cases", "an expansion cohort of"). Such a thread runs back a
few sentences within one paragraph; it breaks at a sentence naming another study (or two
trials), one that introduces a new study ("a randomized study", "another trial", "et al."),
one speaking of the document's own work ("we", "our study", "this study"), or one with no
definite reference to the trial. A comment calling for a future study ("X therefore deserves
further evaluation in a randomized study") neither continues nor breaks the thread: the
description may go on after it ("However, ... in the LPS cohort (ORR: 10%)").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import Document, EntityRef, Regimen

#: how many sentences back the trial may be named (not counting comments on future work)
MAX_BACK = 4
#: how many comments on future work a thread passes over
MAX_COMMENTS = 1

# what a description of a new study puts after "the trial": "the phase 2 trial evaluating X"
_DESCRIBED = (r"(?:of|by|from|on|that|which|in\s+which|where|whose|evaluating|reporting|testing|investigating|"
              r"assessing|comparing|conducted|published|reported|led)")
# a definite reference to a trial already described, or to one of its cohorts or patients
_CONTINUES_RE = re.compile(
    rf"\b(?:the|that|this|its)\s+(?:same\s+)?(?:clinical\s+)?(?:trial|study)\b(?!\s+{_DESCRIBED}\b)"
    r"|\b(?:the|that|these|those|both|each|its)\s+(?:[\w+-]+\s+){0,2}?(?:expansion\s+)?(?:cohorts?|arms?)\b"
    r"|\ban?\s+(?:\w+\s+)?expansion\s+cohorts?\b"
    r"|\b(?:of|among|in)\s+(?:these|them|those)\b|\bthese\s+(?:cases|patients|participants)\b",
    re.IGNORECASE,
)
# a study introduced afresh ("a randomized study", "another trial", "the phase 2 trial
# evaluating X"), or one named after its authors: not the trial described before
_NEW_STUDY_RE = re.compile(
    r"\b(?:an?|another|other|one|two|three|several|many|further|future|subsequent|previous|prior|earlier|"
    r"recent|later|larger|separate)\s+(?:[\w-]+\s+){0,3}?(?:trials?|stud(?:y|ies))\b|\bet\s+al\b"
    rf"|\bthe\s+(?:[\w-]+\s+){{1,4}}?(?:trials?|stud(?:y|ies))\s+{_DESCRIBED}\b"
    r"|\bthe\s+phase\s+\S+\s+(?:\w+\s+)?(?:trials?|stud(?:y|ies))\b",
    re.IGNORECASE,
)

# a call for future work on what was just described: "deserves further evaluation in a
# randomized study", "should be validated in larger trials"
_FUTURE_WORK_RE = re.compile(
    r"\b(?:deserves?|warrants?|merits?|requires?|needs?|calls?\s+for)\s+(?:further|additional|more|prospective|"
    r"larger)\s+(?:\w+\s+)?(?:evaluation|investigation|study|studies|validation|confirmation|exploration|testing)\b"
    r"|\b(?:should|must|will\s+need\s+to)\s+be\s+(?:further\s+)?(?:evaluated|investigated|validated|confirmed|"
    r"explored|tested|studied)\b",
    re.IGNORECASE,
)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?\s*%|\b\d+\s*(?:of|/)\s*\d+\b")

# "The ORCA-7 and KESTREL-3 trials": a sentence about several trials anchors none
_PLURAL_RE = re.compile(r"\b(?:trials|studies)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Thread:
    """The trial a sentence continues and the sentence that names it (its evidence's start)."""

    study: EntityRef
    anchor: AnnotatedSentence
    between: tuple[AnnotatedSentence, ...] = ()  # the sentences after the anchor, nearest first

    def regimen(self) -> Regimen | None:
        """What the nearest sentence of the thread naming agents says was given, when that is
        one regimen ("a study of nivolumab combined with ipilimumab"), not arms or alternatives."""
        for s in (*self.between, self.anchor):
            if regimens := studies.given_regimens(s):
                return regimens[0] if len(regimens) == 1 else None
        return None

    def population(self) -> EntityRef | None:
        """The one population the nearest sentence of the thread naming any names."""
        for s in (*self.between, self.anchor):
            if named := {ref.key: ref for _, ref in studies.populations(s)}:
                return next(iter(named.values())) if len(named) == 1 else None
        return None


def comments_on_future_work(text: str) -> bool:
    """Whether a sentence only calls for future study of what was described, reporting no
    result of its own ("X therefore deserves further evaluation in a randomized study")."""
    return bool(_FUTURE_WORK_RE.search(text)) and not _NUMBER_RE.search(text) and not studies.own_cue(text)


def continues_a_trial(text: str) -> bool:
    """Whether a sentence refers back definitely to a trial or its cohorts ("the study",
    "The UPS cohort", "these cases") and introduces no new study."""
    return bool(_CONTINUES_RE.search(text)) and not _NEW_STUDY_RE.search(text) and not studies.own_cue(text)


@lru_cache(maxsize=32)
def _paragraph_starts(document: Document) -> tuple[int, ...]:
    """Where the document's paragraphs, headings, rows and entries start (sorted offsets)."""
    from sarckg.corpus.sections import segment

    return tuple(sorted({u.ranges[0][0] for u in segment(document.text) if u.ranges}))


def same_paragraph(earlier: AnnotatedSentence, later: AnnotatedSentence) -> bool:
    """Whether no paragraph (or other unit) starts after ``earlier`` begins and by ``later``."""
    starts = _paragraph_starts(later.document)
    a, b = earlier.sentence.start, later.sentence.start
    return bisect_right(starts, b) == bisect_right(starts, a)


def thread_of(doc: AnnotatedDocument, s: AnnotatedSentence) -> Thread | None:
    """The named trial ``s`` goes on describing (see the module docstring), or None."""
    if s.sentence.zone not in ("body", "abstract") or studies.named_studies(s) or not continues_a_trial(s.text):
        return None  # table rows are read with their columns
    current, between, comments = s, list[AnnotatedSentence](), 0
    while len(between) < MAX_BACK and comments <= MAX_COMMENTS:
        previous = doc.previous(current)
        if previous is None or not same_paragraph(previous, current):
            return None
        if studies.named_studies(previous):
            trial = studies.one_named_trial(previous)
            several = _PLURAL_RE.search(previous.text) or studies.own_cue(previous.text)
            return Thread(trial, previous, tuple(between)) if trial is not None and not several else None
        current = previous
        if continues_a_trial(previous.text):
            between.append(previous)
        elif comments_on_future_work(previous.text):
            comments += 1  # passed over, not counted in MAX_BACK: it lends nothing
        else:
            return None
    return None
