"""Studies and trials named in text, and what a document says about its own study.

``extract`` yields a ``StudyDescription`` for every trial a sentence names (an NCT number,
a code name such as SARC028 or SPEARHEAD-1 next to "trial"/"study"), with the phase,
design, agents, population and cohort size stated in the same sentence.
``describe_document_study`` reads a document's own design and cohort size from its title
and abstract. The helpers ``sentence_study``, ``document_regimen`` and
``document_population`` tell the result extractors whose numbers a sentence reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.numbers import word_to_int
from sarckg.extract.outcome_citations import cited_reference, reference_list
from sarckg.model import Document, EntityRef, Mention, Regimen, Sentence, StudyDescription, slugify

AGENT_CATEGORIES = ("Drug", "DrugClass")
POPULATION_CATEGORIES = ("SarcomaSubtype", "Population")

NCT_RE = re.compile(r"\bNCT\s?\d{8}\b")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
PHASE_RE = re.compile(
    r"\bphase\s*(?P<a>I{1,3}V?|[1-4])(?P<a2>[ab])?"
    r"(?:\s*(?:/|-|–|and)\s*(?:expanded\s+)?(?:phase\s*)?(?P<b>I{1,3}V?|[1-4])(?P<b2>[ab])?)?\b",
    re.IGNORECASE,
)
# code names next to a trial word: "SPEARHEAD-1 trial", "(SARC028)", "ImmunoSarc-I trail"
_CODE = r"(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[-\s]?(?:\d+(?:\.\d+)?|I{1,3}))?|[A-Z]{2,}\d+)"
_TRIAL_NAME_RE = re.compile(
    rf"\b(?P<name>{_CODE})\s+(?:(?:phase\s+\S+\s+)?(?:trials?|trail|study|cohort))\b"
    rf"|\b(?:trials?|study)\s+\((?P<paren>{_CODE})\)"
    rf"|\((?P<titled>[A-Z][A-Za-z]+(?:\s[A-Z]\d{{4,6}})?)\):"
)
_NOT_NAMES = frozenset({
    "II", "III", "IV", "STS", "ASPS", "UPS", "LPS", "LMS", "ORR", "DCR", "PFS", "OS", "ICI", "ICIs",
    "AI", "AIs", "TKI", "CAR", "TCR", "PD", "RECIST", "NCCN", "CSCO", "ECOG", "CTCAE", "TMB", "WES",
    "TME", "OV", "OVs", "TILs", "TIL", "ACT", "SS", "AS", "DDLPS", "RMS", "CCS", "MPNST", "HLA",
})

DESIGNS: tuple[tuple[str, str], ...] = (
    ("case report", r"\bcase\s+(?:report|presentation)\b|\bwe (?:report|present|describe) a(?:n)? (?:\S+ ){0,4}(?:case|patient)\b"),
    ("review", r"\b(?:systematic |narrative |literature )?review\b(?! committee| board)|\bmeta-analys[ie]s\b"),
    ("randomised", r"\brandomi[sz]ed\b"),
    ("retrospective", r"\bretrospective(?:ly)?\b"),
    ("real-world", r"\breal[- ]world\b"),
    ("single-arm", r"\bsingle[- ]arm\b"),
    ("prospective", r"\bprospective\b"),
    ("preclinical", r"\bin vivo\b|\bmouse models?\b|\banimal models?\b|\bmice\b|\bxenografts?\b"),
)
_DESIGN_RES = tuple((name, re.compile(p, re.IGNORECASE)) for name, p in DESIGNS)
_SIZE_RE = re.compile(
    r"\b(?:(?:a\s+)?total\s+of\s+)?(?P<n>\d+|[A-Z]?[a-z]+(?:-[a-z]+)?)\s+(?:\w+\s+){0,3}?"
    r"(?:patients|participants|subjects|cases)\s+(?:were|was|had been)\s+"
    r"(?:included|enrolled|analy[sz]ed|evaluated|reviewed|recruited|treated)"
    r"|\b(?:included|enrolled|analy[sz]ed|reviewed|identified|studied|evaluated|recruited|of)\s+(?P<n2>\d+)\s+"
    r"(?:\w+\s+){0,4}?patients\b",
    re.IGNORECASE,
)
_OWN_CUE_RE = re.compile(
    r"\b(?:our|this|the present|the current)\s+(?:study|cohort|analysis|series|report|patients?|case|results?|findings|data)\b"
    r"|\bwe\b|\bin (?:the )?(?:total|entire|whole) (?:population|cohort)\b",
    re.IGNORECASE,
)
_CITED_CUE_RE = re.compile(
    r"\bet al\b|\bprevious(?:ly)?\b|\banother\b|\bprior stud|\breported\b|\btrials?\b|"
    r"\bphase\s*(?:I{1,3}|[1-3])[ab]?\b|\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)|<sup>",
    re.IGNORECASE,
)
_OWN_SECTION_RE = re.compile(r"result|abstract|efficacy|safety|response|patient|case|summary", re.IGNORECASE)
_CITED_SECTION_RE = re.compile(r"introduc|background|discussion|review|immunotherap", re.IGNORECASE)
_PRIOR_RE = re.compile(
    r"(?:prior|previous(?:ly)?|after (?:failure of|progression on)|failed|refractory to|pretreated with)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_BACKGROUND_RE = re.compile(r"^\s*(?:background|introduction|purpose|objectives?|context)\s*:", re.IGNORECASE)
_ALTERNATIVE_RE = re.compile(r"\bor\b|/", re.IGNORECASE)
_APPOSITION_RE = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?", re.IGNORECASE)
_NAIVE_RE = re.compile(r"^[-\s]*(?:naive|naïve|refractory|resistant|pretreated|pre-treated|based chemotherapy failure)", re.IGNORECASE)


# --------------------------------------------------------------------------- reading helpers


def phase_of(text: str) -> str | None:
    """``"phase Ib/II"`` -> ``"1b/2"``; ``"phase 2"`` -> ``"2"``; None when no phase is stated."""
    m = PHASE_RE.search(text)
    if not m:
        return None

    def part(num: str, sub: str | None) -> str:
        return _ROMAN.get(num.upper(), num) + (sub or "").lower()

    phase = part(m["a"], m["a2"])
    if m["b"]:
        phase += "/" + part(m["b"], m["b2"])
    return phase


def design_of(text: str) -> str | None:
    """The study design a text names, the most specific first (``DESIGNS`` order):
    ``"case report"``, ``"review"``, ``"randomised"``, ``"retrospective"``, ..."""
    return next((name for name, rx in _DESIGN_RES if rx.search(text)), None)


def cohort_size_of(text: str) -> int | None:
    """``"Thirty-three patients were enrolled"`` -> 33; ``"A total of 79 patients"`` -> 79."""
    for m in _SIZE_RE.finditer(text):
        raw = m["n"] or m["n2"]
        n = int(raw) if raw.isdigit() else word_to_int(raw)
        if n:
            return n
    total = re.search(r"\b(?:a\s+)?total\s+of\s+(\d+)\s+patients\b", text, re.IGNORECASE)
    return int(total[1]) if total else None


def given_agents(sentence: AnnotatedSentence, start: int = 0, end: int | None = None) -> list[Mention]:
    """Drug and drug-class mentions in ``text[start:end]`` that name agents given, not prior
    or excluded treatment ("anthracycline-naïve", "after failure of chemotherapy")."""
    text = sentence.text
    end = len(text) if end is None else end
    agents: list[Mention] = []
    for m in sentence.of_category(*AGENT_CATEGORIES):
        if m.start < start or m.end > end:
            continue
        if _PRIOR_RE.search(text[max(0, m.start - 40) : m.start]) or _NAIVE_RE.match(text[m.end : m.end + 30]):
            continue
        if m.entity.category == "DrugClass" and agents and _APPOSITION_RE.fullmatch(text[agents[-1].end : m.start]):
            continue  # "atezolizumab, an anti-PD-L1 agent": the class describes the drug
        agents.append(m)
    return agents


def populations(sentence: AnnotatedSentence, start: int = 0, end: int | None = None) -> list[tuple[Mention, EntityRef]]:
    """Subtype and population mentions in ``text[start:end]`` with the population each names."""
    end = len(sentence.text) if end is None else end
    return [(m, m.entity) for m in sentence.of_category(*POPULATION_CATEGORIES)
            if start <= m.start and m.end <= end]


def regimen_of(mentions: Iterable[Mention]) -> Regimen | None:
    """The regimen of some agent mentions; None when there are none."""
    agents = [m.entity for m in mentions]
    drug_types = {t for a in agents if a.category == "Drug" for t in a.types}
    agents = [a for a in agents if a.category != "DrugClass" or a.key.split("/", 1)[1] not in drug_types]
    return Regimen.of(*agents) if agents else None


_LEADING_WORD_RE = re.compile(r"^(?:The|In|A|An|This|Our|Of|And)\s+")
# a code name is an agent, not a trial, when it is given, tested or acts: "anlotinib plus TQB2450",
# "a pilot trial evaluated LTX-315", "LTX-315 triggers anticancer immunity"
_AS_DRUG_BEFORE_RE = re.compile(
    r"(?:plus|\+|combined with|combining|with|and|evaluated|evaluating|tested|testing|using|"
    r"administered|received|receiving|(?:trials?|study|studies)\s+of)\s*$", re.IGNORECASE)
_AS_DRUG_AFTER_RE = re.compile(
    r"^\s*(?:plus|\+|combined|treatment|therapy|\(a\b|,\s*an?\b|"
    r"(?:triggers|induces|activates|promotes|kills|targets|binds|inhibits|expresses|lyses)\b)", re.IGNORECASE)
_ENTRY_RE = re.compile(r"(?:^|\s)\d{1,3}\.\s+(?=[A-Z])")


def reference_entry(text: str, pos: int) -> tuple[int, int]:
    """The span of the reference-list entry around ``pos`` (entries numbered "12. ")."""
    starts = [m.start() for m in _ENTRY_RE.finditer(text)]
    start = max([s for s in starts if s <= pos], default=0)
    end = min([s for s in starts if s > pos], default=len(text))
    return start, end


def _study_mention(sentence: AnnotatedSentence, m: Mention) -> tuple[EntityRef, int, int] | None:
    """A matcher's Study mention, cleaned ("The SARC028" -> SARC028); None where the code names
    a drug given ("anlotinib plus TQB2450 treatment")."""
    text, ref = sentence.text, m.entity
    defined = sentence.context.abbreviations.get(m.text.strip())
    if defined is not None and defined.category != "Study":
        return None  # the document defines the code as something else ("RIS", a subtype)
    if m.via == "pattern" and not NCT_RE.fullmatch(m.text.strip()):
        if _AS_DRUG_BEFORE_RE.search(text[max(0, m.start - 20) : m.start]) or _AS_DRUG_AFTER_RE.match(text[m.end : m.end + 20]):
            return None
        lead = _LEADING_WORD_RE.match(ref.label)
        if lead:
            label = ref.label[lead.end() :]
            return EntityRef(f"study/{slugify(label)}", label, ref.category, ref.types, ref.in_vocabulary), m.start + lead.end(), m.end
    return ref, m.start, m.end


def _named_trials(sentence: AnnotatedSentence) -> list[tuple[EntityRef, int, int]]:
    found = [t for m in sentence.of_category("Study") if (t := _study_mention(sentence, m)) is not None]
    for m in NCT_RE.finditer(sentence.text):
        nct = m[0].replace(" ", "")
        found.append((EntityRef(f"study/{slugify(nct)}", nct, "Study", ("ClinicalTrial",), False), m.start(), m.end()))
    for m in _TRIAL_NAME_RE.finditer(sentence.text):
        group = "name" if m["name"] else "paren" if m["paren"] else "titled"
        name = m[group].strip()
        defined = sentence.context.abbreviations.get(name)
        if name in _NOT_NAMES or (defined is not None and defined.category != "Study"):
            continue
        if name in _NOT_NAMES or name.split("-")[0] in _NOT_NAMES or not re.search(r"[A-Z].*[A-Z\d]", name):
            continue
        if name.lower().startswith(("phase", "the ", "this", "our")):
            continue
        ref = EntityRef(f"study/{slugify(name)}", name, "Study", ("ClinicalTrial",), False)
        found.append((ref, m.start(group), m.end(group)))
    unique: dict[str, tuple[EntityRef, int, int]] = {}
    for ref, start, end in sorted(found, key=lambda t: t[1]):
        if not any(s < end and start < e for _, s, e in unique.values()):
            unique.setdefault(ref.key, (ref, start, end))
    return sorted(unique.values(), key=lambda t: t[1])


def named_studies(sentence: AnnotatedSentence) -> list[EntityRef]:
    """The studies a sentence names (Study mentions and trial code names), by position."""
    return [ref for ref, _, _ in _named_trials(sentence)]


def sentence_study(sentence: AnnotatedSentence) -> tuple[EntityRef | None, bool]:
    """Whose results a sentence reports: ``(study, secondary)``.

    A named trial wins. In a review nothing is the review's own. Otherwise cues decide
    ("our study", "we" vs. citation markers, "previous", "phase II trial"), then the section
    (results vs. introduction/discussion). A cited result whose sentence cites one reference
    is that reference's study ("Kelly et al., 2023").
    """
    ctx = sentence.context
    named = named_studies(sentence)
    if named:
        return named[0], named[0].key != ctx.own_study.key
    if sentence.sentence.zone == "reference":
        return None, True
    raw = sentence.document.text[sentence.sentence.start : sentence.sentence.end]
    cited = cited_reference(sentence.document, raw)
    if ctx.study_design == "review":
        return (cited.study if cited else None), True
    if _OWN_CUE_RE.search(sentence.text):
        return ctx.own_study, False
    if _CITED_CUE_RE.search(sentence.text) or _CITED_CUE_RE.search(raw):
        return (cited.study if cited else None), True
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


def document_regimen(doc: AnnotatedDocument) -> Regimen | None:
    """What the document studies: the agents its title names, else the regimen named most
    often (then earliest) in its abstract, else the one agent its result sections name most
    (in at least three sentences): the common backbone of its arms ("PD-1 inhibitors")."""
    return _front_regimen(doc) or _backbone(doc)


def _backbone(doc: AnnotatedDocument) -> Regimen | None:
    counts: Counter[EntityRef] = Counter()
    for s in doc.sentences:
        if s.sentence.zone == "body" and _OWN_SECTION_RE.search(s.sentence.section):
            counts.update({m.entity for m in given_agents(s)})
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].key))
    return Regimen.of(ranked[0][0]) if ranked and ranked[0][1] >= 3 else None


def _front_regimen(doc: AnnotatedDocument) -> Regimen | None:
    front = _front(doc)
    titles = [s for s in front if s.sentence.zone == "title"]
    for s in titles:
        if regimen := regimen_of(given_agents(s)):
            return regimen
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


def document_population(doc: AnnotatedDocument) -> EntityRef | None:
    """The population the document studies: the first subtype its title names, else the
    subtype or population named most often in its abstract."""
    front = _front(doc)
    for s in front:
        if s.sentence.zone == "title" and (hits := s.of_category(*POPULATION_CATEGORIES)):
            return hits[0].entity
    counts = Counter(ref for s in front for _, ref in populations(s))
    return counts.most_common(1)[0][0] if counts else None


def describe_document_study(
    document: Document, sentences: Sequence[Sentence]
) -> tuple[str | None, int | None]:
    """The document's own design and cohort size, read from its title and abstract
    (falling back to its first sentences when no abstract zone is marked)."""
    front = [s for s in sentences if s.zone in ("title", "abstract")]
    if not front:
        front = [s for s in sentences if s.zone not in ("furniture", "reference")][:25]
    text = " ".join([document.title or "", *(s.text for s in front)])
    design = design_of(text)
    if design is None:
        design = design_of(" ".join(s.text for s in sentences if s.zone == "body")[:20000])
    phase = phase_of(" ".join([document.title or "", *(s.text for s in front[:3])]))
    if design is None and phase:
        design = f"phase {phase}"
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
    """What the sentence (in a reference list, the entry) says about the trial: phase, design
    and size from the clause naming it; agents and population from that clause, else the
    sentence. A trial that is not the document's own is a cited study."""
    reference = sentence.sentence.zone == "reference"
    a, b = reference_entry(sentence.text, start) if reference else _clause(sentence.text, start)
    text = sentence.text[a:b]
    nct = NCT_RE.search(text)
    nct_id = nct[0].replace(" ", "") if nct else None
    if ref.label.upper().startswith("NCT"):
        nct_id = ref.label.replace(" ", "")
    agents = given_agents(sentence, a, b) or ([] if reference else given_agents(sentence))
    pops = [p for _, p in populations(sentence, a, b)] or ([] if reference else [p for _, p in populations(sentence)])
    cited = ref.key != sentence.context.own_study.key
    return StudyDescription(
        evidence=sentence.evidence(extractor="studies", **({"secondary": True, "cites_study": ref.key} if cited else {})),
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
            ncts = {m.replace(" ", "") for f in _front(doc) for m in NCT_RE.findall(f.text)}
            return StudyDescription(
                evidence=s.evidence(extractor="studies"), study=ctx.own_study, phase=phase_of(s.text),
                nct_id=ncts.pop() if len(ncts) == 1 else None,
                design=ctx.study_design, regimen=document_regimen(doc),
                population=document_population(doc), size=ctx.cohort_size,
            )
    return None


def extract(doc: AnnotatedDocument) -> Iterator[StudyDescription]:
    """The document's own study, and every trial it names, one description per sentence."""
    own = own_description(doc)
    if own is not None:
        yield own
    for sentence in doc.sentences:
        if sentence.sentence.zone in ("furniture", "table"):
            continue  # table rows are read by tables.py with their columns
        trials = _named_trials(sentence)
        by_nct = [t for t in trials if t[0].label.upper().startswith("NCT")]
        for ref, start, end in trials:
            if by_nct and not ref.label.upper().startswith("NCT") and sentence.sentence.zone != "reference":
                continue  # the NCT number names the trial; its code name is an alias
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
