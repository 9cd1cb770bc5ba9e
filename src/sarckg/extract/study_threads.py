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

A cited study with no name goes on the same way (``cited_thread``): "A combination of A and
B exhibited efficacy in metastatic STS (78). Among the 30 enrolled patients, the ORR was
36.7%." The study is introduced by a sentence giving one regimen with a citation, its authors
or a trial name; each later sentence of the paragraph refers back to it ("the enrolled
patients", "this regimen", "the trial", "an expanded ASPS cohort"; a definite result or a
subgroup opening only right after it) and names no other agent, study or citation. Its
results take the study, the regimen and (unless they name their own) the population. "A
subsequent phase II trial (NCT...)" naming no agent is a trial of the regimen described before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.numbers import NUMBER_WORD
from sarckg.extract.outcome_citations import cited_numbers, cites, names_authors
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
    r"|\ban?\s+(?:expanded\s+(?:[\w-]+\s+)?|(?:\w+\s+)?expansion\s+)cohorts?\b"
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
PLURAL_RE = re.compile(r"\b(?:trials|studies)\b", re.IGNORECASE)
#: a count in digits or words: "30", "Thirty-two"
COUNT = rf"(?:\d+|{NUMBER_WORD})"
# a value reported: "28.1%", "7.4 months", "(9/32)"
VALUE_RE = re.compile(r"\d\s*%|\d\s+(?:months?|weeks?|years?)\b|\b\d+\s*/\s*\d+\b", re.IGNORECASE)
# a result stated definitely, as of a study already in view: "The final objective response rate was"
DEFINITE_RE = re.compile(r"^\s*(?:The|Its|Their)\b")


@dataclass(frozen=True)
class Thread:
    """The trial a sentence continues and the sentence that names it (its evidence's start)."""

    study: EntityRef
    anchor: AnnotatedSentence
    between: tuple[AnnotatedSentence, ...] = ()  # the sentences after the anchor, nearest first

    def regimen(self) -> Regimen | None:
        """What the nearest sentence of the thread naming agents says was given, when that is
        one regimen (``studies.one_regimen``: "a study of nivolumab with ipilimumab"), not arms
        or alternatives."""
        for s in (*self.between, self.anchor):
            if studies.given_agents(s):
                return studies.one_regimen(s)
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
            several = PLURAL_RE.search(previous.text) or studies.own_cue(previous.text)
            return Thread(trial, previous, tuple(between)) if trial is not None and not several else None
        current = previous
        if continues_a_trial(previous.text):
            between.append(previous)
        elif comments_on_future_work(previous.text):
            comments += 1  # passed over, not counted in MAX_BACK: it lends nothing
        else:
            return None
    return None


# --------------------------------------------------------------------------- cited studies

#: how many sentences back a cited study may have been introduced (each in between going on about it)
MAX_CITED_BACK = 3

# the patients of the study just described: "Among the 30 enrolled patients", "these patients"
_ITS_PATIENTS_RE = re.compile(
    rf"\b(?:these|those)\s+(?:{COUNT}\s+)?(?:patients|participants|subjects)\b"
    rf"|\b(?:the|all)\s+(?:{COUNT}\s+)?(?:enrolled|evaluable|treated|included|evaluated|assessable|recruited)\s+"
    rf"(?:patients|participants|subjects|cases)\b|\b(?:the|all)\s+{COUNT}\s+(?:patients|participants|subjects|cases)\b",
    re.IGNORECASE)
# weaker cues, only right after the sentence introducing the study: a result (VALUE_RE) stated
# definitely (DEFINITE_RE: "The ORR was 30.4%"), or a subgroup opening the sentence ("Notably, ASPS patients achieved ...")
_ADVERBIAL_RE = re.compile(r"^\s*(?:(?:notably|interestingly|importantly|moreover|furthermore|additionally|in\s+addition|"
                           r"in\s+particular|specifically|similarly|likewise|however)\s*,\s*)?"
                           r"(?:(?:in|among|for)\s+(?:the\s+)?)?$", re.IGNORECASE)
_GROUP_RE = re.compile(r"^\s*(?:patients|cases|subjects|participants|subgroup|group|cohort)\b", re.IGNORECASE)
# what a sentence introducing a study speaks of: a study, its patients or its results (not a
# general claim: "X is recommended as a first-line treatment for ASPS (88)")
_STUDIED_RE = re.compile(r"\b(?:trials?|study|phase|cohorts?|patients|participants|efficacy|activity|responses?|"
                         r"remissions?|survival|ORR|PFS|OS|DCR)\b|\d\s*%", re.IGNORECASE)
# a later trial of what was just described: "A subsequent phase II trial (NCT...) showed ..."
_SUBSEQUENT_RE = re.compile(r"\b(?:subsequent|follow-up|following|confirmatory)\s+(?:[\w/-]+\s+){0,3}?(?:trial|study)\b",
                            re.IGNORECASE)


@dataclass(frozen=True)
class CitedThread:
    """A cited study that sentences go on describing: its study (from the sentence introducing
    it, ``anchor``), its one regimen (named in ``named_in``, where the evidence starts) and the
    population the nearest sentence of the thread names."""

    study: EntityRef | None
    regimen: Regimen
    population: EntityRef | None
    anchor: AnnotatedSentence
    named_in: AnnotatedSentence


def _subgroup_opening(s: AnnotatedSentence) -> bool:
    """"Notably, ASPS patients achieved ...", "In the UPS subgroup, ...": a population opens the sentence."""
    named = studies.populations(s)
    if not named:
        return False
    m = named[0][0]
    return bool(_ADVERBIAL_RE.match(s.text[: m.start]) and _GROUP_RE.match(s.text[m.end :]))


def _cue(s: AnnotatedSentence) -> str | None:
    """How a sentence refers back to the study described before it: "strong" ("Among the 30
    enrolled patients", "this regimen", "the trial", "an expanded ASPS cohort"), "weak" (a
    definite result, a subgroup opening), or None, also when it introduces another study or
    speaks of the document's own work."""
    text = s.text
    if studies.named_studies(s) or studies.own_cue(text) or _NEW_STUDY_RE.search(text) or names_authors(text):
        return None
    if _CONTINUES_RE.search(text) or studies.SAME_REGIMEN_RE.search(text) or _ITS_PATIENTS_RE.search(text):
        return "strong"
    return "weak" if VALUE_RE.search(text) and (DEFINITE_RE.match(text) or _subgroup_opening(s)) else None


def _fits(s: AnnotatedSentence, anchor: AnnotatedSentence, regimen: Regimen) -> bool:
    """Whether a sentence names no agent outside ``regimen`` and cites nothing ``anchor`` does not."""
    keys = {c.key for c in regimen.components}
    return all(m.entity.key in keys for m in studies.given_agents(s)) \
        and cited_numbers(s.raw) <= cited_numbers(anchor.raw)


def _introduced(doc: AnnotatedDocument, a: AnnotatedSentence, depth: int) -> tuple[Regimen, AnnotatedSentence] | None:
    """The one regimen a sentence introduces a cited study with (a citation, its authors or its
    name, one regimen given, a study, its patients or results spoken of), and where it is named; a subsequent trial naming no agent ("A
    subsequent phase II trial (NCT...) showed ...") is of the regimen the thread before it has."""
    if a.sentence.zone not in ("body", "abstract") or not studies.sentence_study(a)[1] \
            or studies.own_cue(a.text) or PLURAL_RE.search(a.text):
        return None
    if not (cites(a.raw) or names_authors(a.text) or studies.named_studies(a)) or not _STUDIED_RE.search(a.text):
        return None
    if (regimen := studies.one_regimen(a)) is not None:
        return regimen, a
    if depth == 0 and not studies.given_agents(a) and _SUBSEQUENT_RE.search(a.text) \
            and (before := _walk(doc, a, 1)) is not None:
        return before.regimen, before.named_in
    return None


def _walk(doc: AnnotatedDocument, s: AnnotatedSentence, depth: int) -> CitedThread | None:
    """The cited study introduced up to ``MAX_CITED_BACK`` sentences before ``s`` in its
    paragraph, every sentence in between going on about it (``s`` itself is the caller's)."""
    current, between = s, list[AnnotatedSentence]()
    while len(between) < MAX_CITED_BACK:
        previous = doc.previous(current)
        if previous is None or not same_paragraph(previous, current):
            return None
        if (found := _introduced(doc, previous, depth)) is not None:
            regimen, named_in = found
            if not all(_fits(x, previous, regimen) for x in between) \
                    or any(_cue(x) != "strong" for x in between[:-1]):
                return None
            nearest = next(({r.key: r for _, r in named} for x in (*between, previous)
                            if (named := studies.populations(x))), {})  # the one the nearest naming any names
            population = next(iter(nearest.values())) if len(nearest) == 1 else None
            return CitedThread(studies.sentence_study(previous)[0], regimen, population, previous, named_in)
        if _cue(previous) is None:
            return None
        between.append(previous)
        current = previous
    return None


def cited_thread(doc: AnnotatedDocument, s: AnnotatedSentence) -> CitedThread | None:
    """The cited study a result sentence goes on describing (see ``CitedThread``): introduced
    by a sentence with one regimen and a citation, authors or a trial name ("A combination of
    A and B was active in STS (78). Among the 30 enrolled patients, the ORR was 36.7%"), each
    sentence from there on referring back to it ("this regimen", "the enrolled patients",
    "an expanded X cohort"; a definite result or a subgroup opening only right after it) and
    naming no other agent, study or citation. A subsequent trial naming no agent ("A
    subsequent phase II trial (NCT...) reported ...") is of the regimen described before it."""
    if s.sentence.zone not in ("body", "abstract") or not studies.sentence_study(s)[1]:
        return None
    if (found := _introduced(doc, s, 0)) is not None:
        regimen, named_in = found
        return None if named_in is s else CitedThread(studies.sentence_study(s)[0], regimen, None, s, named_in)
    if (strength := _cue(s)) is None or (thread := _walk(doc, s, 0)) is None:
        return None
    adjacent = s.sentence.index - 1 == thread.anchor.sentence.index
    if not _fits(s, thread.anchor, thread.regimen) or (strength == "weak" and not adjacent):
        return None
    return thread
