"""Studies and trials named in text, and what a document says about its own study.

``extract`` yields a ``StudyDescription`` for every trial a sentence names (an NCT number,
a code name such as SARC028 or SPEARHEAD-1 next to "trial"/"study"), with the phase,
design, agents, population and cohort size stated in the same sentence.
``describe_document_study`` reads a document's own design and cohort size from its title
and abstract; ``own_treatments`` the regimens its methods and results say its patients
received (the study ``skg:evaluates`` each). The helpers ``sentence_study``,
``document_regimen`` and ``document_population`` tell the result extractors whose numbers a
sentence reports; the phrase readers (phase, design, size, agents given) live in
``study_phrases`` and the trial-name readers in ``trial_names``, both re-exported here.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from itertools import pairwise
from typing import TypeVar

from sarckg.extract import patterns
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.outcome_citations import author_study, cited_reference, reference_list
from sarckg.extract.study_phrases import (
    AGENT_CATEGORIES,
    NCT_RE,
    POPULATION_CATEGORIES,
    SAME_REGIMEN_RE,
    cohort_size_of,
    design_of,
    given_agents,
    given_to_count,
    is_trial,
    named_regimens,
    one_regimen,
    phase_of,
    populations,
    regimen_of,
)
from sarckg.extract.trial_names import (
    named_studies,
    named_trials,
    one_named_trial,
    registered_as,
    title_trial,
)
from sarckg.model import Document, EntityRef, Mention, Regimen, Sentence, StudyDescription

__all__ = [
    "AGENT_CATEGORIES", "NCT_RE", "POPULATION_CATEGORIES", "SAME_REGIMEN_RE", "cohort_size_of", "describe_document_study",
    "design_of", "document_population", "document_regimen", "extract", "given_agents", "named_regimens",
    "named_studies", "one_named_trial", "one_regimen", "own_cue", "phase_of", "populations", "reference_entry",
    "regimen_of", "sentence_study", "title_trial",
]

_OWN_CUE_RE = re.compile(
    r"\b(?:our|this|the present|the current)\s+(?:study|cohort|analysis|series|report|patients?|case|results?|findings|data)\b"
    r"|\bwe\b|\bin (?:the )?(?:total|entire|whole) (?:population|cohort)\b",
    re.IGNORECASE,
)
# the document's own trial: "our trial" anywhere; "this trial", "the present phase 2 trial" in a trial's report
_OUR_TRIAL_RE = re.compile(r"\bour\s+(?:[\w/-]+\s+){0,2}?trial\b", re.IGNORECASE)
_THIS_TRIAL_RE = re.compile(r"\b(?:this|the\s+present|the\s+current)\s+(?:[\w/-]+\s+){0,2}?trial\b", re.IGNORECASE)
_CITED_CUE_RE = re.compile(
    r"\bet al\b|\bprevious(?:ly)?\b|\banother\b|\bprior stud|\breported\b|\btrials?\b|"
    r"\bphase\s*(?:I{1,3}|[1-3])[ab]?\b|\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)|<sup>",
    re.IGNORECASE,
)
_OWN_SECTION_RE = re.compile(r"result|abstract|efficacy|safety|response|patient|case|summary", re.IGNORECASE)
_CITED_SECTION_RE = re.compile(r"introduc|background|discussion|review|immunotherap", re.IGNORECASE)
_BACKGROUND_RE = re.compile(r"^\s*(?:background|introduction|purpose|objectives?|context)\s*:", re.IGNORECASE)
_ALTERNATIVE_RE = re.compile(r"\bor\b|/", re.IGNORECASE)


_ENTRY_RE = re.compile(r"(?:^|\s)\d{1,3}\.\s+(?=[A-Z])")


def reference_entry(text: str, pos: int) -> tuple[int, int]:
    """The span of the reference-list entry around ``pos`` (entries numbered "12. ")."""
    starts = [m.start() for m in _ENTRY_RE.finditer(text)]
    start = max([s for s in starts if s <= pos], default=0)
    end = min([s for s in starts if s > pos], default=len(text))
    return start, end


def own_cue(text: str) -> bool:
    """Whether a text speaks of the document's own work ("we", "our study", "this cohort")."""
    return _OWN_CUE_RE.search(text) is not None


def sentence_study(sentence: AnnotatedSentence) -> tuple[EntityRef | None, bool]:
    """Whose results a sentence reports: ``(study, secondary)``.

    A named trial wins. In a review nothing is the review's own. Otherwise cues decide
    ("our study", "we", in a trial's report "this trial" vs. citation markers, "previous",
    "phase II trial"), then the section
    (results vs. introduction/discussion). A cited result whose sentence cites one reference
    is that reference's study ("Kelly et al., 2023").
    """
    ctx = sentence.context
    named = named_studies(sentence)
    if named:
        return named[0], named[0].key != ctx.own_study.key
    if sentence.sentence.zone == "reference":
        return None, True
    raw = sentence.raw
    cited = cited_reference(sentence.document, raw)
    if ctx.study_design == "review":
        return (cited.study if cited else author_study(sentence.document, sentence.text)), True
    if _OWN_CUE_RE.search(sentence.text) or _OUR_TRIAL_RE.search(sentence.text) or (
            _THIS_TRIAL_RE.search(sentence.text) and is_trial(ctx.own_study, ctx.study_design)):
        return ctx.own_study, False
    if _CITED_CUE_RE.search(sentence.text) or _CITED_CUE_RE.search(raw):
        return (cited.study if cited else author_study(sentence.document, sentence.text)), True
    section = sentence.sentence.section
    if sentence.sentence.zone in ("title", "abstract", "table", "caption") or _OWN_SECTION_RE.search(section):
        return ctx.own_study, False
    if _CITED_SECTION_RE.search(section):
        return None, True
    return ctx.own_study, False


# --------------------------------------------------------------------------- document level


def _front(doc: AnnotatedDocument) -> list[AnnotatedSentence]:
    front = [s for s in doc.sentences if s.sentence.zone in ("title", "abstract")]
    return front or list(doc.sentences[:15])


_T = TypeVar("_T")


def per_document(read: Callable[[AnnotatedDocument], _T]) -> Callable[[AnnotatedDocument], _T]:
    """``read`` computed once per annotated document (by identity, while it lives): what a
    whole document says is asked again for every value and table row."""
    cache: dict[int, tuple[weakref.ref[AnnotatedDocument], _T]] = {}

    @wraps(read)
    def cached(doc: AnnotatedDocument) -> _T:
        key = id(doc)
        if (hit := cache.get(key)) is not None and hit[0]() is doc:
            return hit[1]
        value = read(doc)
        cache[key] = (weakref.ref(doc, lambda _: cache.pop(key, None)), value)
        return value

    return cached


@per_document
def document_regimen(doc: AnnotatedDocument) -> Regimen | None:
    """What the document studies: the agents its title names, else what its methods say most
    of its patients were given ("A total of 20 [of 24] patients were given A combined with B"),
    else the regimen named most often (then earliest) in its abstract, else the one agent its
    result sections name most (in at least three sentences): the common backbone of its arms
    ("PD-1 inhibitors")."""
    return _title_regimen(doc) or _most_given(doc) or _front_regimen(doc) or _backbone(doc)


def _title_regimen(doc: AnnotatedDocument) -> Regimen | None:
    return next((r for s in _front(doc) if s.sentence.zone == "title" and (r := regimen_of(given_agents(s)))), None)


def _most_given(doc: AnnotatedDocument) -> Regimen | None:
    """The one regimen a sentence of the document's own methods or results says more than
    half of its cohort were given; None when the cohort size is unknown."""
    size = doc.context.cohort_size
    if not size or doc.context.study_design in (None, "review"):
        return None
    for s in doc.sentences:
        if s.sentence.zone != "body" or not _TREATMENT_SECTION_RE.search(s.sentence.section) \
                or _NOT_GIVEN_RE.search(s.text) or (given := given_to_count(s)) is None:
            continue
        n, start, end = given
        if size / 2 < n <= size and sentence_study(s) == (doc.context.own_study, False) \
                and (regimen := one_regimen(s, start, end)) is not None:
            return regimen
    return None


def _backbone(doc: AnnotatedDocument) -> Regimen | None:
    counts: Counter[EntityRef] = Counter()
    for s in doc.sentences:
        if s.sentence.zone == "body" and _OWN_SECTION_RE.search(s.sentence.section):
            counts.update({m.entity for m in given_agents(s)})
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].key))
    return Regimen.of(ranked[0][0]) if ranked and ranked[0][1] >= 3 else None


def _front_regimen(doc: AnnotatedDocument) -> Regimen | None:
    front = _front(doc)
    counts: Counter[Regimen] = Counter()
    first: dict[Regimen, int] = {}
    for i, s in enumerate(front):
        agents = given_agents(s)
        if _BACKGROUND_RE.match(s.text) or any(
            _ALTERNATIVE_RE.search(s.text[a.end : b.start]) for a, b in pairwise(agents)
        ):
            continue  # context, or alternatives ("and/or") rather than one combination
        regimen = regimen_of(agents)
        if regimen is not None:
            counts[regimen] += 1
            first.setdefault(regimen, i)
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


_JOINED_RE = re.compile(r"\s*(?:,\s*)?(?:and|or|and/or|,)\s*", re.IGNORECASE)


@per_document
def document_population(doc: AnnotatedDocument) -> EntityRef | None:
    """The population the document studies: the subtype its title names, else the subtype or
    population named most often in its abstract; None when the title joins several ("in
    synovial sarcoma and myxoid liposarcoma": results of the whole cohort are in neither)."""
    front = _front(doc)
    for s in front:
        if s.sentence.zone == "title" and (hits := s.of_category(*POPULATION_CATEGORIES)):
            joined = any(_JOINED_RE.fullmatch(s.text[a.end:b.start]) and a.entity != b.entity
                         for a, b in pairwise(hits))
            return None if joined else hits[0].entity
    counts = Counter(ref for s in front for _, ref in populations(s))
    return counts.most_common(1)[0][0] if counts else None


# a paper calling itself a review ("In this review", "a narrative review", "we review"); a
# "central review of imaging" or a "review of medical records" names no design
_OWN_REVIEW_RE = re.compile(
    r"\b(?:this|our|the present)\s+(?:\w+\s+)?review\b|\bwe\s+(?:briefly\s+)?review\b"
    r"|\b(?:systematic|narrative|literature|scoping|comprehensive|umbrella)\s+review\b|\bmeta-analys[ie]s\b",
    re.IGNORECASE)


def _design(text: str, title: str) -> str | None:
    """The design a text names; "review" only where the paper calls itself one (or its title does)."""
    if not _OWN_REVIEW_RE.search(text) and not re.search(r"\breview\b", title, re.IGNORECASE):
        text = re.sub(r"\breview\b", "", text, flags=re.IGNORECASE)
    return design_of(text)


def describe_document_study(
    document: Document, sentences: Sequence[Sentence]
) -> tuple[str | None, int | None]:
    """The document's own design and cohort size, read from its title and abstract (with its
    first sentences when no abstract zone is marked: a letter's key points), else the phase
    they state, else from its body; only a paper calling itself one is a review."""
    front = [s for s in sentences if s.zone in ("title", "abstract")]
    if not any(s.zone == "abstract" for s in front):
        front += [s for s in sentences if s.zone not in ("title", "furniture", "reference")][:25]
    text = " ".join([document.title or "", *(s.text for s in front)])
    design = _design(text, document.title or "")
    phase = phase_of(" ".join([document.title or "", *(s.text for s in front[:3])]))
    if design is None and phase:
        design = f"phase {phase}"  # before the body, where other studies are discussed
    if design is None:
        design = _design(" ".join(s.text for s in sentences if s.zone == "body")[:20000], document.title or "")
    size = None if design in ("review", "case report") else cohort_size_of(text)
    if design == "case report":
        size = 1
    return design, size


# --------------------------------------------------------------------------- extractor


# where a sentence passes from one study to another: "..., which is consistent with a phase 2
# study of ...", "; whereas ...", ". However"
_CLAUSE_RE = re.compile(r";|,\s+(?:which|whereas|while|but|compared\s+(?:to|with)|consistent\s+with)\b", re.IGNORECASE)


def _clause(text: str, start: int) -> tuple[int, int]:
    """The clause around ``text[start]``, cut where the sentence passes to another study."""
    cuts = [m.start() for m in _CLAUSE_RE.finditer(text)]
    a = max([c for c in cuts if c < start], default=0)
    b = min([c for c in cuts if c > start], default=len(text))
    return a, b


def _describe(sentence: AnnotatedSentence, ref: EntityRef, start: int, end: int) -> StudyDescription:
    """What the sentence (in a reference list, the entry) says about the trial: its NCT number
    when it is one or has it in apposition ("NAME (NCT...)"); phase, design and size from the
    clause naming it; agents and population from that clause, else the sentence. A trial that
    is not the document's own is a cited study."""
    reference = sentence.sentence.zone == "reference"
    a, b = reference_entry(sentence.text, start) if reference else _clause(sentence.text, start)
    text = sentence.text[a:b]
    if NCT_RE.fullmatch(ref.label.strip()):
        nct_id: str | None = patterns.nct_id(ref.label)
    else:  # its own number only: "NAME (NCT...)", never another trial's in its clause
        registered = registered_as(sentence.text, named_trials(sentence), end)
        nct_id = patterns.nct_id(registered.label) if registered and NCT_RE.fullmatch(registered.label) else None
    agents = given_agents(sentence, a, b) or ([] if reference else given_agents(sentence))
    pops = [p for _, p in populations(sentence, a, b)] or ([] if reference else [p for _, p in populations(sentence)])
    own = sentence.context.own_study
    cited = ref.key != own.key and one_named_trial(sentence) != own  # "OWN-1 (NCT...)": both are own
    return StudyDescription(
        evidence=sentence.evidence("studies", secondary=True, cites_study=ref.key) if cited
        else sentence.evidence("studies"),
        study=ref,
        nct_id=nct_id,
        phase=phase_of(text),
        design=design_of(text),
        regimen=regimen_of(agents),
        population=pops[0] if pops else None,
        size=cohort_size_of(text),
    )


def own_description(doc: AnnotatedDocument) -> StudyDescription | None:
    """The document's own study (not for reviews), read from the first title or abstract
    sentence that states its size or design."""
    ctx = doc.context
    if ctx.study_design in (None, "review"):
        return None
    for s in _front(doc):
        size = cohort_size_of(s.text)
        if (size is not None and size == ctx.cohort_size) or design_of(s.text) == ctx.study_design:
            # the one registration number its title and abstract give: "Trial registration: NCT05581234"
            ncts = {patterns.nct_id(m) for f in _front(doc) for m in NCT_RE.findall(f.text)}
            return StudyDescription(
                evidence=s.evidence(extractor="studies"), study=ctx.own_study, phase=phase_of(s.text),
                nct_id=ncts.pop() if len(ncts) == 1 else None,
                design=ctx.study_design, regimen=document_regimen(doc),
                population=document_population(doc), size=ctx.cohort_size,
            )
    return None


# what the document's own patients were given: "Immunotherapy, including A, B and C, was
# included in the treatment regimens", "The AIs included A, B, and C", "9 received A + B (n = 5)"
_GIVEN_RE = re.compile(r"\b(?:receiv\w*|treated\s+with|administ\w*|given|included|including|consist\w*\s+of|"
                       r"regimens?|combinations?\s+of)\b", re.IGNORECASE)
_NOT_GIVEN_RE = re.compile(r"\b(?:previous(?:ly)?|prior|exclu\w*|eligib\w*|criteria|not\s+(?:have\s+)?(?:been\s+)?"
                           r"receiv\w*|refractory|resistant\s+to|intolerant|fail\w*|after\s+progression|"
                           r"(?:progress\w*|relapsed?)\s+(?:after|on|following)|may|might|could|rarely|unless|whether|if)\b",
                           re.IGNORECASE)
_TREATMENT_SECTION_RE = re.compile(r"method|patient|treatment|therap|regimen|material|demograph|characteristic|"
                                   r"result|cohort|design|case", re.IGNORECASE)
_COMBINED_RE = re.compile(r"\s*(?:\+|plus|combined\s+with|in\s+combination\s+with)\s*", re.IGNORECASE)


def given_regimens(sentence: AnnotatedSentence) -> list[Regimen]:
    """The regimens a sentence lists as given: agents joined by "+", "plus" or "combined with"
    form one combination; agents listed with commas and "and" ("including A, B, and C") are
    alternatives, each its own regimen."""
    groups: list[list[Mention]] = []
    for m in given_agents(sentence):
        prev = groups[-1][-1] if groups else None
        gap = sentence.text[prev.end : m.start] if prev else ""
        if prev and (_COMBINED_RE.fullmatch(gap) or (prev.text.endswith("+") and not gap.strip())):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [r for g in groups if (r := regimen_of(g)) is not None]


def own_treatments(doc: AnnotatedDocument, known: Regimen | None = None) -> Iterator[StudyDescription]:
    """What the document's own study gave its patients, from its methods and results prose
    (a sentence that says agents were given, received or included, not prior or excluded
    treatment): one description per regimen, where it is first named."""
    if doc.context.study_design in (None, "review"):
        return
    seen = {known.key} if known else set()
    for s in doc.sentences:
        if (s.sentence.zone != "body" or not _TREATMENT_SECTION_RE.search(s.sentence.section)
                or not _GIVEN_RE.search(s.text) or _NOT_GIVEN_RE.search(s.text)
                or sentence_study(s) != (doc.context.own_study, False)):
            continue
        for regimen in given_regimens(s):
            if regimen.key not in seen:
                seen.add(regimen.key)
                yield StudyDescription(evidence=s.evidence(extractor="studies"), study=doc.context.own_study,
                                       regimen=regimen)


def extract(doc: AnnotatedDocument) -> Iterator[StudyDescription]:
    """The document's own study and what it gave, and every trial it names, one description
    per sentence."""
    own = own_description(doc)
    if own is not None:
        yield own
    yield from own_treatments(doc, own.regimen if own else None)
    for sentence in doc.sentences:
        if sentence.sentence.zone in ("furniture", "table"):
            continue  # table rows are read by tables.py with their columns
        trials = named_trials(sentence)
        for ref, start, end in trials:  # "NAME (NCT...)": both described; assembly makes them one study
            yield _describe(sentence, ref, start, end)
        if sentence.sentence.zone == "reference":
            yield from _unnamed_trials(sentence, [t[1] for t in trials])


_TRIAL_ENTRY_RE = re.compile(r"\btrials?\b|\bphase\s*(?:I{1,3}|[1-3])|\bcohort stud|\bsingle[- ]arm\b|\brandomi[sz]ed\b",
                             re.IGNORECASE)


def _unnamed_trials(sentence: AnnotatedSentence, named_at: list[int]) -> Iterator[StudyDescription]:
    """Trials a reference entry reports without a code name ("Somaiah N, et al. Durvalumab plus
    tremelimumab ...: a single-centre phase 2 trial"), named after its first author and year."""
    for ref in reference_list(sentence.document).values():
        if not (sentence.sentence.start <= ref.start < sentence.sentence.end):
            continue
        pos = sentence.text.find(ref.author)
        if pos < 0:
            continue
        a, b = reference_entry(sentence.text, pos)
        if any(a <= n < b for n in named_at) or not _TRIAL_ENTRY_RE.search(sentence.text, a, b):
            continue  # a named trial's entry, or not a clinical study
        yield _describe(sentence, ref.study, pos, pos)
