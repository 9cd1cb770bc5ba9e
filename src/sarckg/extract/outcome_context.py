"""What a result sentence takes from the sentences before it when it does not say it itself.

A cited study's results: a sentence going on about the study the sentence before described
("The results showed ...", "The final objective response rate was ...") takes that study, its
one population and its one regimen (``continued``); "the combination", "this regimen" is the one
regimen the sentence before named (``the_same_regimen``), never several trials' agents pooled;
a result after a sentence saying what was given takes that (``carried``). The document's own
results never take a cited trial's agents, and class words in them that stand for the
document's own drugs are those drugs (``as_own_drugs``).

The document's own results: "In the ASPS group, the ORR was 50%. The mPFS was 17.5 months."
The second sentence names no population, but goes on about the subgroup the first one set up,
so it keeps that subgroup (``own_subgroup``), not the whole cohort's population. A subgroup is
set by a sentence opening on it ("In the X group,", "Among the 20 patients with X,", "Of the
12 X patients,") or having it as its subject ("Six patients with X received ..."). "The others"
after a subject are the complement, which the text does not name: no population, rather than
a wrong one; after an opening frame they are the rest of that subgroup ("Among the 20 patients
with X, 14 received A. The others received B": the others have X too). A subgroup named after
the paragraph reported the whole cohort's results is an aside ("The ORR was 28%. In X, the ORR
was 43%. The median PFS was 7 months": the cohort's), and carries nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.drug_combinations import ancestors
from sarckg.extract.outcome_citations import author_study, cited_reference, cites, names_authors
from sarckg.extract.outcome_pairing import find_measures, measure_aliases
from sarckg.extract.study_threads import COUNT, DEFINITE_RE, PLURAL_RE, VALUE_RE, same_paragraph
from sarckg.model import EntityRef, Mention, Regimen

#: how many sentences back (each naming no population) the subgroup may have been set
MAX_BACK = 3

_PEOPLE = r"(?:patients|cases|subjects|participants)"
# "In the ", "Among the 20 patients with ", "Of 20 cases with ", "For patients with "
_FRAME_BEFORE_RE = re.compile(
    rf"^\s*(?:In|Among|Of|For|Within)\s+(?:(?:the|all|these|those)\s+)?(?:{COUNT}\s+)?"
    rf"(?:{_PEOPLE}\s+(?:with|of)\s+)?$", re.IGNORECASE)
# " group,", " patients,", " (n = 20),"
_FRAME_AFTER_RE = re.compile(
    rf"^\s*(?:\([^()]*\)\s*)?(?:(?:sub)?groups?|cohorts?|arms?|subsets?|{_PEOPLE})?\s*(?:\([^()]*\)\s*)?,",
    re.IGNORECASE)
# "Six patients with ", "The 20 patients with " ... "received", or "Six ASPS patients"
_SUBJECT_BEFORE_RE = re.compile(
    rf"^\s*(?:(?:The|All|A\s+total\s+of)\s+)?(?:{COUNT}\s+)?(?P<with>{_PEOPLE}\s+with\s+)?$", re.IGNORECASE)
_SUBJECT_AFTER_RE = re.compile(rf"^\s*{_PEOPLE}\b", re.IGNORECASE)
# "the others", "the remaining patients", "the rest": the complement of a subgroup
_COMPLEMENT_RE = re.compile(
    rf"\b(?:the\s+)?others\b|\bthe\s+(?:other|remaining)\s+(?:{COUNT}\s+)?{_PEOPLE}\b|\bthe\s+(?:rest|remainder)\b",
    re.IGNORECASE)
# a sentence about the whole cohort, or comparing groups: it is no longer about one subgroup; a
# sentence opening on a word of totality ("Altogether, ...", "In all, ...", "Totally, ..." for
# "In total", never "totally resected")
_WIDER_RE = re.compile(
    r"^\W*(?:totally|altogether|in\s+all)\s*,"
    r"|\b(?:overall|in\s+total|(?:the\s+)?(?:total|whole|entire)\s+(?:population|cohort|patients|group)"
    rf"|all\s+(?:{COUNT}\s+)?(?:the\s+)?{_PEOPLE}|both\s+(?:groups|cohorts|arms)|(?:two|three|these|those|the)\s+"
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


#: how many sentences of a paragraph before a subgroup's are read for the whole cohort's results
MAX_PARAGRAPH = 12


def _cohort_results_before(doc: AnnotatedDocument, frame: AnnotatedSentence) -> bool:
    """Whether the paragraph reported the whole cohort's own results before ``frame`` set up a
    subgroup (a value naming no population, not under an earlier subgroup): the subgroup is
    then an aside, and the paragraph goes on about the cohort."""
    earlier: list[AnnotatedSentence] = []
    current = frame
    while len(earlier) < MAX_PARAGRAPH and (previous := doc.previous(current)) is not None \
            and same_paragraph(previous, current):
        earlier.insert(0, previous)
        current = previous
    under = False
    for x in earlier:
        sets = _subgroup_set(x, doc) is not None
        if sets or _named(x, doc):
            under = sets
        elif not under and VALUE_RE.search(x.text) and studies.sentence_study(x) == (doc.context.own_study, False):
            return True
    return False


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
            if _cohort_results_before(doc, previous):
                return None  # "The ORR was 28%. In X, the ORR was 43%. The median PFS was ...": the cohort's
            population, frame = found
            if _COMPLEMENT_RE.search(s.text) and not frame:
                return Subgroup(None, previous)  # "the others": not the subgroup, and not named
            return Subgroup(population, previous)
        if _named(previous, doc) or _WIDER_RE.search(previous.text) or _COMPLEMENT_RE.search(previous.text):
            return None
        current = previous
    return None


# --------------------------------------------------------------------------- cited studies

# a sentence that goes on about the study the sentence before it described
_ANAPHORA_RE = re.compile(
    r"^\s*(?:The|These|Its|Their|Such)\s+(?:results?|findings|data|outcomes?|trial|study)\b"
    r"|^\s*(?:In|From)\s+(?:that|the)\s+(?:trial|study)\s*,",
    re.IGNORECASE,
)
# a sentence describing one study it does not name: "In a single-arm phase 2 trial of X ..."
_ONE_STUDY_RE = re.compile(r"\b(?:an?|one)\s+(?:[\w,/-]+\s+){0,6}?(?:trial|study)\s+(?:of|evaluating|testing|"
                           r"investigating|assessing|combining|in\s+which)\b", re.IGNORECASE)
# "In this trial, ...": after a sentence describing a cited trial, that trial
_THIS_TRIAL_RE = re.compile(r"^\s*(?:In|From)\s+this\s+trial\s*,", re.IGNORECASE)


# where a sentence on the document's own work passes on to a cited study's results: ", which was
# consistent with a previous study published by X et al, whose report showed ..."
_TO_CITED_RE = re.compile(
    r",\s*(?:which\s+(?:was|is|were|are)\s+)?(?:consistent|in\s+line|in\s+agreement|comparable|similar)\s+"
    r"(?:with|to)\s+(?:an?\s+|the\s+)?(?:previous|prior|earlier|other|recent|published)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:stud(?:y|ies)|trials?|reports?|analys[ie]s)\b",
    re.IGNORECASE,
)


def cited_part(s: AnnotatedSentence, at: int) -> tuple[int, EntityRef | None] | None:
    """Where a sentence on the document's own work ("Our study found ...") passes on, before
    ``at``, to a cited study ("..., which was consistent with a previous study published by
    Zhou et al, whose report showed ... an ORR of 12.5% (26)"), and that study: the one its
    authors or its one citation name, else None."""
    found = [m for m in _TO_CITED_RE.finditer(s.text, 0, at)]
    if not found:
        return None
    start = found[-1].start()
    ref = cited_reference(s.document, s.raw)
    return start, author_study(s.document, s.text[start:]) or (ref.study if ref else None)


@dataclass(frozen=True)
class Continued:
    """What a sentence inherits from the cited study the sentence before described."""

    study: EntityRef | None
    population: EntityRef | None
    regimen: Regimen | None


def continued(s: AnnotatedSentence, previous: AnnotatedSentence | None) -> Continued | None:
    """The cited study the sentence before described, when this sentence goes on about it
    ("The results showed ...") and names no study of its own and is not the document's own
    work ("In the present study, ..."): that study, its one population, and its one regimen
    when this sentence names no agent ("Wilky et al. evaluated axitinib plus pembrolizumab
    ... . The results showed that the ORR was 21.9%")."""
    if previous is None or studies.named_studies(s) or studies.own_cue(s.text):
        return None
    if not (_ANAPHORA_RE.match(s.text) or _after_authors(s, previous) or _after_one_study(s, previous)
            or (_THIS_TRIAL_RE.match(s.text) and _describes_one_study(previous))):
        return None
    study, secondary = studies.sentence_study(previous)
    if not secondary:
        return None
    pops = {ref.key: ref for _, ref in studies.populations(previous)}  # "in UPS and other sarcomas": none
    regimen = None if studies.given_agents(s) else studies.one_regimen(previous)
    return Continued(study, next(iter(pops.values())) if len(pops) == 1 else None, regimen)


def _bare_result(s: AnnotatedSentence) -> bool:
    """A result with no study, cue or citation of its own."""
    return studies.sentence_study(s) == (None, True) and not cites(s.raw)


def _after_authors(s: AnnotatedSentence, previous: AnnotatedSentence) -> bool:
    """"Okafor et al. assessed ICIs in MFS (31). The median PFS was 4.1 months ...": a bare
    result right after a sentence naming a study's authors (``previous`` is
    ``AnnotatedDocument.previous``: same zone and section)."""
    return names_authors(previous.text) and _bare_result(s)


def _describes_one_study(s: AnnotatedSentence) -> bool:
    """"In a phase 2 trial of A combined with B for X, ...", "Okafor et al. assessed ..."."""
    return bool(_ONE_STUDY_RE.search(s.text) or names_authors(s.text)) and not PLURAL_RE.search(s.text)


def _after_one_study(s: AnnotatedSentence, previous: AnnotatedSentence) -> bool:
    """"In a phase 2 trial of A combined with B for X, ... . The final objective response rate
    was 20.9%": a bare result stated definitely right after a sentence describing one study,
    in the same paragraph."""
    return bool(DEFINITE_RE.match(s.text)) and bool(_ONE_STUDY_RE.search(previous.text)) \
        and not PLURAL_RE.search(previous.text) and same_paragraph(previous, s) and _bare_result(s)


def _own(s: AnnotatedSentence) -> bool:
    return studies.sentence_study(s) == (s.context.own_study, False)


def treated_before(doc: AnnotatedDocument, s: AnnotatedSentence) -> AnnotatedSentence | None:
    """The sentence before ``s`` in its paragraph, or the one before that when the sentence in
    between names no treatment ("Among the 30 patients, the ORR was ..."); None at a
    paragraph's start."""
    previous = doc.previous(s)
    if previous is None or not same_paragraph(previous, s):
        return None
    before = doc.previous(previous)
    if not studies.given_agents(previous) and before is not None and same_paragraph(before, s):
        return before
    return previous


def regimen_before(doc: AnnotatedDocument, s: AnnotatedSentence) -> tuple[Regimen, AnnotatedSentence] | None:
    """The one regimen the sentence before ``s`` names as given (``treated_before``: same
    paragraph, past one sentence naming no treatment), and that sentence; None when it names
    none, several regimens, or arms and alternatives ("A or B", "compared A with B"), which
    are never pooled into one regimen."""
    previous = treated_before(doc, s)
    regimen = studies.one_regimen(previous) if previous is not None else None
    return (regimen, previous) if regimen is not None and previous is not None else None


def the_same_regimen(doc: AnnotatedDocument, s: AnnotatedSentence, at: int) -> tuple[Regimen, AnnotatedSentence] | None:
    """"A combination of A and B improved responses. In trial X, the combination therapy had a
    16% ORR": the one regimen the sentence before named (``regimen_before``), and that
    sentence, for a value at ``at`` whose sentence calls it "the combination" ("this regimen")
    before ``at`` and names no agent there (or names no agent at all); "the combination" is
    the one combination among arms of single agents. Nothing when the sentence before names
    several regimens (or combinations), or is a cited study's while this is the document's
    own result."""
    same = studies.SAME_REGIMEN_RE.search(s.text, 0, at)
    if same is None and not studies.given_agents(s):
        same = studies.SAME_REGIMEN_RE.search(s.text)  # "reported an ORR of 48.1% with such a combination"
    if same is None or studies.given_agents(s, 0, at) or (previous := treated_before(doc, s)) is None:
        return None
    if _own(s) and not _own(previous):
        return None  # the document's own result never takes a cited trial's agents
    if "combin" in same[0].lower():  # the one combination, beside arms of one agent ("A alone with A plus B")
        found = {r.key: r for r in studies.named_regimens(previous) if len(r.components) > 1}
        return (next(iter(found.values())), previous) if len(found) == 1 else None
    return regimen_before(doc, s)


# "sorutamab vedotin was given at 2.4 mg/kg ... Among 12 patients with CCS, the ORR was 25.0%":
# a sentence that says an agent was given (right after "treated with", "received", or right
# before "was given"), then a result that names no agent
_GIVEN_BEFORE_RE = re.compile(r"\b(?:received|treated\s+with|given|administered)\s+(?:(?:the|an?|oral|"
                              r"intravenous|single-agent)\s+)?$", re.IGNORECASE)
_GIVEN_AFTER_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:was|were)\s+(?:(?:first|then|also)\s+)?(?:given|"
                             r"administered|dosed|infused|evaluated|tested|studied)\b", re.IGNORECASE)


def carried(doc: AnnotatedDocument, s: AnnotatedSentence) -> tuple[Regimen, AnnotatedSentence] | None:
    """The one regimen the sentence before (``regimen_before``: same paragraph) says was
    given, for a result sentence that names no agent or study of its own, and that sentence
    (the evidence quotes both)."""
    if studies.given_agents(s) or studies.named_studies(s) or (found := regimen_before(doc, s)) is None:
        return None
    text = found[1].text
    if not any(_GIVEN_BEFORE_RE.search(text, 0, m.start) or _GIVEN_AFTER_RE.match(text, m.end)
               for m in studies.given_agents(found[1])):
        return None
    return found


# --------------------------------------------------------------------------- the document's own drugs


def as_own_drugs(regimen: Regimen, own: Regimen | None) -> Regimen:
    """A regimen of class words standing for the document's own drugs ("the combination of an
    antibody-drug conjugate with PD-1 blockade" in a trial of X vedotin plus pembrolizumab):
    those drugs, when each class is a class of exactly one of them; else ``regimen`` itself."""
    if own is None or any(c.category != "DrugClass" for c in regimen.components):
        return regimen
    drugs = [d for d in own.components if d.category == "Drug"]
    found: list[EntityRef] = []
    for cls in regimen.components:
        fits = [d for d in drugs if cls.key.split("/", 1)[1] in ancestors(d.types)]
        if len(fits) != 1:
            return regimen
        found.append(fits[0])
    return Regimen.of(*found)
