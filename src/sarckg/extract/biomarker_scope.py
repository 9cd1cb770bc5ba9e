"""Where a biomarker association holds: the subtypes and therapy it was found in.

A sentence usually says it ("In SS, greater CD8+ infiltration corresponds to improved OS").
When it does not, and it plainly goes on reporting the study of the sentence just before
("... in DDLPS and UPS, 89% showed pathologic response. The OS rate exceeded 80% in both
cohorts and B cell infiltration correlated with superior survival"), the subtypes and the
therapy of that study are taken from there, and the evidence quotes both sentences
(``evidence(antecedent=...)``). Only then: a wrong population is worse than none. The earlier
sentence must report a study (a trial, cohort or patients, or an outcome with its value), be
in the same paragraph, and the sentence must name no study of its own (no "Another study",
"our cohort", other citation numbers) and continue it in so many words:

- a population anaphor ("in both cohorts", "in these patients", "the trial", "responders"),
  which carries the subtypes and the therapy ("both" only over two subtypes);
- a therapy anaphor ("therapeutic benefit", "this combination", "treated patients"), which
  carries the therapy (into a sentence with subtypes of its own only when they are among the
  study's);
- a result reported in the past tense with no population of its own ("X was linked to
  improved ORR"), or in any tense right after a sentence that opens with the study and its
  size ("In a study of 371 STS patients, ... . Higher X levels are associated with worse OS"),
  unless hedged as a general rule ("generally", "often", "may"); either carries both.

Subtypes the earlier sentence reports a value for one by one ("36.8% in LMS, 69.6% in UPS")
are subgroups of the study, not its population, and treatments it compares ("X versus Y")
are its arms, not one therapy: neither is carried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.biomarker_mentions import biomarker_mentions
from sarckg.extract.cues import Lexicon
from sarckg.extract.outcome_citations import cited_numbers
from sarckg.extract.study_threads import same_paragraph
from sarckg.model import EntityRef, Regimen


@dataclass(frozen=True)
class Scope:
    """The subtypes (``(None,)`` for none), the therapy contexts (``(None,)`` for none; several
    when the text gives alternatives: "response to ICI therapies, or possibly chemotherapy"),
    and the earlier sentence they were read from (None when the sentence names them itself)."""

    subtypes: tuple[EntityRef | None, ...]
    contexts: tuple[Regimen | None, ...]
    antecedent: AnnotatedSentence | None = None


_STUDY_NOUN = r"(?:trials?|stud(?:y|ies)|cohorts?|analys[ie]s|series|datasets?|reports?)"
#: "Another study", "a phase II trial", "in our cohort", "We found": a study of its own.
_OWN_STUDY = re.compile(
    rf"\b(?:another|other|one|an?|further|separate|recent|previous|prior|earlier|several|some|many|"
    rf"two|three|\d+)\s+(?:[\w/-]+\s+){{0,3}}?{_STUDY_NOUN}\b|\b(?:we|our|present)\b", re.IGNORECASE)
#: The earlier sentence reports a study: its patients or samples, or an outcome with a value.
_REPORTS_STUDY = re.compile(rf"\b(?:{_STUDY_NOUN}|patients|specimens|samples|cases|participants)\b",
                            re.IGNORECASE)
_VALUE = re.compile(r"\d(?:\.\d+)?\s*(?:%|months?|weeks?)")
_POPULATION_ANAPHOR = re.compile(
    r"\b(?P<det>both|these|those|this|the|each|all|such)\s+(?:[\w-]+\s+)?"
    r"(?P<noun>cohorts?|patients|arms?|groups?|trials?|populations?|subgroups?|subsets?)\b|"
    r"\b(?:treated|responding|evaluable|enrolled)\s+patients\b|\b(?:non-?)?responders\b",
    re.IGNORECASE)
_THERAPY_ANAPHOR = re.compile(
    r"\b(?:therapeutic|treatment)\s+benefits?\b|"
    r"\b(?:this|the|such|that)\s+(?:[\w-]+\s+)?(?:combination|regimen|treatment|therapy)\b|"
    r"\bon-?\s?treatment\b|\btreated\s+patients\b", re.IGNORECASE)
#: A result reported in the past ("was linked", "correlated with"), not a general statement.
_PAST = re.compile(r"\b(?:was|were|had)\b|\b\w+ed\s+(?:with|to)\b", re.IGNORECASE)
_GENERAL_WORDS = r"can|may|might|could|would|should|generally|often|usually|typically|commonly"
_GENERAL = re.compile(rf"\b(?:is|are|remains?|has|have|{_GENERAL_WORDS})\b", re.IGNORECASE)
_GENERAL_RULE = re.compile(rf"\b(?:{_GENERAL_WORDS})\b", re.IGNORECASE)
#: "In a cohort of 188 STS patients,", "In 75 sarcoma specimens,": a study and its size.
_SIZED_STUDY = re.compile(r"^(?:in|among)\s+(?:(?:an?|one|the)\s+)?(?:[\w-]+\s+){0,3}?"
                          rf"{_STUDY_NOUN}\s+of\s+\d|^(?:in|among)\s+\d[\d,]*\s", re.IGNORECASE)
#: "36.8% in leiomyosarcoma, 69.6% in UPS": a value between two subtypes sets them apart.
_NUMBER = re.compile(r"\d")


def own_scope(sentence: AnnotatedSentence) -> Scope:
    """The subtypes and therapy ``sentence`` names itself (drugs it measures as biomarkers,
    "serum IFN-α levels", are no therapy)."""
    return Scope(tuple(cues.subtypes_named(sentence)), _therapies(sentence))


def association_scope(doc: AnnotatedDocument, sentence: AnnotatedSentence, lexicon: Lexicon) -> Scope:
    """Where the associations of ``sentence`` hold: what it names, completed from the
    sentence before when it continues that sentence's study (see the module docstring)."""
    own = own_scope(sentence)
    lacks_subtype, lacks_therapy = own.subtypes == (None,), own.contexts == (None,)
    if not (lacks_subtype or lacks_therapy):
        return own
    before = doc.previous(sentence)
    if before is None or not _continues(doc, before, sentence, lexicon):
        return own
    text = sentence.text
    population = _POPULATION_ANAPHOR.search(text)
    reported_result = (bool(_PAST.search(text)) and not _GENERAL.search(text)) or (
        bool(_SIZED_STUDY.match(before.text)) and not _GENERAL_RULE.search(text))
    subtypes: tuple[EntityRef | None, ...] = own.subtypes
    if lacks_subtype and (population or reported_result):
        carried = _population(before)
        if population is not None and _two_populations(population) and len(carried) != 2:
            return own  # "both cohorts" over three subtypes: not the study we think
        subtypes = tuple(carried) or own.subtypes
    contexts = own.contexts
    if lacks_therapy and (population or reported_result or _THERAPY_ANAPHOR.search(text)) and \
            _within(own.subtypes, before) and not any(
            cues.compared_to(before.text, m.start) for m in before.of_category("Drug", "DrugClass")):
        contexts = _therapies(before)  # but not two arms compared ("X versus Y"): which one?
    if subtypes == own.subtypes and contexts == own.contexts:
        return own
    return Scope(subtypes, contexts, before)


def _within(subtypes: tuple[EntityRef | None, ...], before: AnnotatedSentence) -> bool:
    """Whether ``subtypes`` (a sentence's own) can be the population of the study ``before``
    reports: none named, or a part of its population ("In the LMS patients" after a trial
    in LMS and UPS); another subtype is another study."""
    theirs = {s for s in cues.subtypes_named(before) if s is not None}
    return subtypes == (None,) or not theirs or set(subtypes) <= theirs


def _two_populations(anaphor: re.Match[str]) -> bool:
    """"both cohorts", "both groups" speak of two populations ("both arms" of two treatments)."""
    det, noun = anaphor.group("det"), anaphor.group("noun")
    return bool(det and noun) and det.lower() == "both" and not noun.lower().startswith("arm")


def _therapy(sentence: AnnotatedSentence) -> Regimen | None:
    measured = [m.entity for m in biomarker_mentions(sentence) if m.entity.category == "Drug"]
    return cues.therapy_context(sentence, measured)


#: "ICI therapies, or possibly chemotherapy": treatments given as alternatives, not together.
_ALTERNATIVE = re.compile(
    r"(?:[\s-]+(?:therap(?:y|ies)|treatments?|agents?|inhibitors?|drugs?|regimens?|blockade))?[\s,]*"
    r"(?:or|and/or|versus|vs\.?)\s+(?:(?:possibly|perhaps|potentially|alternatively|even|with|to|the)\s+)*",
    re.IGNORECASE)


def _therapies(sentence: AnnotatedSentence) -> tuple[Regimen | None, ...]:
    """The therapy contexts the sentence names: one regimen of its treatments, or one per
    alternative when "or" sets them apart ("A plus B, or C": A + B and C)."""
    regimen = _therapy(sentence)
    if regimen is None:
        return (None,)
    text = sentence.text
    named = [m for m in sentence.of_category("Drug", "DrugClass") if m.entity in regimen.components]
    groups = [[named[0].entity]] if named else []
    for a, b in pairwise(named):
        if _ALTERNATIVE.fullmatch(text, a.end, b.start):
            groups.append([])
        groups[-1].append(b.entity)
    alternatives = dict.fromkeys(Regimen.of(*g) for g in groups if g)
    return tuple(alternatives) if len(alternatives) > 1 else (regimen,)


def _continues(doc: AnnotatedDocument, before: AnnotatedSentence, sentence: AnnotatedSentence,
               lexicon: Lexicon) -> bool:
    """Whether ``sentence`` may go on with the study ``before`` reports: same paragraph, a
    finished sentence that reports a study, no study or other citation of its own."""
    if not same_paragraph(before, sentence) or not re.search(r"[.!?][\s)\]]*$", before.text):
        return False  # a heading, or a new paragraph
    text = sentence.text
    if _OWN_STUDY.search(text) or any(m.entity.category == "Study" for m in sentence.mentions):
        return False
    own_refs = cited_numbers(text)
    if own_refs and not own_refs <= cited_numbers(before.text):
        return False  # "(32)" after "(31)": another study
    reports_outcome = bool(lexicon.find(lexicon.measures, before.text)) and bool(_VALUE.search(before.text))
    return reports_outcome or bool(_REPORTS_STUDY.search(before.text))


def _population(before: AnnotatedSentence) -> list[EntityRef]:
    """The subtypes ``before`` reports its study in, unless it gives each its own value."""
    named = [m for m in before.mentions if m.entity.category in ("SarcomaSubtype", "Population")]
    kept = [s for s in cues.subtypes_named(before) if s is not None]
    for a, b in pairwise(named):
        if a.entity != b.entity and _NUMBER.search(before.text[a.end:b.start]):
            return []
    return kept
