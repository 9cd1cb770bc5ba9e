"""Words and shapes that describe a study in one sentence: its phase, design and cohort size,
the agents given (not prior or excluded treatment), the regimens they form and the populations
named.

Shared by the study extractor (``studies.py``) and the result extractors, which ask whose
regimen and population a number belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sarckg.extract import patterns
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.drug_combinations import without_descriptions
from sarckg.extract.numbers import NUMBER_WORD, as_int
from sarckg.model import EntityRef, Mention, Regimen

AGENT_CATEGORIES = ("Drug", "DrugClass")
POPULATION_CATEGORIES = ("SarcomaSubtype", "Population")

NCT_RE = patterns.NCT_RE  # one spelling of registry numbers for every stage
#: "this regimen", "the combination", "the same treatment": the agents a sentence before named
SAME_REGIMEN_RE = re.compile(
    r"\b(?:this|that|the(?:\s+same)?|such(?:\s+an?)?)\s+(?:combination|combined\s+treatment|regimen|treatment|"
    r"therapy|schedule)s?\b", re.IGNORECASE)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
PHASE_RE = re.compile(
    r"\bphase\s*(?P<a>I{1,3}V?|[1-4])(?P<a2>[ab])?"
    r"(?:\s*(?:/|-|–|and)\s*(?:expanded\s+)?(?:phase\s*)?(?P<b>I{1,3}V?|[1-4])(?P<b2>[ab])?)?\b",
    re.IGNORECASE,
)
# code names next to a trial word: "SPEARHEAD-1 trial", "(SARC028)", "ImmunoSarc-I trail"
DESIGNS: tuple[tuple[str, str], ...] = (
    ("case report", r"\bcase\s+(?:report|presentation)\b|\bwe (?:report|present|describe) a(?:n)? (?:\S+ ){0,4}(?:case|patient)\b"),
    ("review", r"\b(?:systematic |narrative |literature )?review\b(?! committee| board)|\bmeta-analys[ie]s\b"),
    ("randomised", r"\brandomi[sz]ed\b"),
    ("retrospective cohort", r"\bretrospective\s+(?:cohort|observational)\b"),
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
# a line of treatment before the one studied: "that progressed after advanced chemotherapy",
# "refractory to doxorubicin", "previously treated with X", "after failure of X and Y"
_PRIOR_RE = re.compile(
    r"\b(?:prior|previous(?:ly)?(?:\s+(?:treated|exposed)\s+(?:with|to))?|(?:after|following)\s+(?:the\s+)?"
    r"(?:failure|progression)\s+(?:of|on|to|with)|failed|failure\s+of|(?:refractory|resistant|intolerant|(?:un|non-?)responsive)\s+to"
    r"|(?:heavily\s+)?pre-?treated\s+with|(?:progress(?:ed|ing|ion)|relapsed?|recurr(?:ed|ing)|recurrence)\s+"
    r"(?:after|on|following|during|despite))\s+(?:(?!(?:receiv\w*|given|treated|administered|was|were|then)\b)"
    r"[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# the design of a trial: "phase 2", "randomised", "single-arm", "prospective"
_TRIAL_DESIGN_RE = re.compile(r"^(?:phase\b|randomi[sz]ed|single-arm|prospective)", re.IGNORECASE)
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
        n = as_int(raw)
        if n:
            return n
    total = re.search(r"\b(?:a\s+)?total\s+of\s+(\d+)\s+patients\b", text, re.IGNORECASE)
    return int(total[1]) if total else None


def is_trial(study: EntityRef, design: str | None) -> bool:
    """Whether a study is a clinical trial: named as one, or of a trial's design."""
    return "ClinicalTrial" in study.types or bool(_TRIAL_DESIGN_RE.match(design or ""))


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
        agents.append(m)
    return without_descriptions(text, agents)  # "the anti-PD-1 antibody X": the class describes X


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


# "A total of 20 patients were given A combined with B", "72 (14 with X and 58 with Y) received A":
# a count of patients who were given something (not "had received": treatment before)
_COUNT_GIVEN_RE = re.compile(
    rf"\b(?:a\s+total\s+of\s+)?(?P<n>\d+|{NUMBER_WORD})\s+(?:(?!had\b|have\b|has\b)[\w-]+\s+){{0,3}}?"
    r"(?:(?:patients|cases|participants|subjects)\s+)?"
    r"(?:\([^()]*\)\s+)?(?:were\s+(?:given|treated\s+with|administered)|received)\b",
    re.IGNORECASE,
)
# where the clause of what they were given ends: "; ", ", while 30 received ...", ", with the mPFS ..."
_GIVEN_END_RE = re.compile(r";|,\s+(?:while|whereas|but|with|and\s+\d|and\s+the)\b|\.\s", re.IGNORECASE)


def given_to_count(sentence: AnnotatedSentence) -> tuple[int, int, int] | None:
    """How many patients a sentence says were given something, and the span of what they were
    given: "A total of 20 patients were given A combined with B, ..." -> (20, start, end)."""
    m = _COUNT_GIVEN_RE.search(sentence.text)
    if m is None:
        return None
    n = as_int(m["n"])
    if not n:
        return None
    stop = _GIVEN_END_RE.search(sentence.text, m.end())
    return n, m.end(), stop.start() if stop else len(sentence.text)


# what joins the agents of one combination, once articles, commas, parentheses and the class
# words describing a drug are set aside: "axitinib, plus the PD-1 inhibitor, pembrolizumab"
_JOINTS = frozenset({"+", "plus", "with", "combined with", "in combination with", "together with"})
# "a combination of A, B and C", "combining A and B": a list that is one combination
_COMBINATION_OF_RE = re.compile(r"\b(?:combination|combined\s+(?:use|treatment|therapy))\s+of\s+(?:the\s+|an?\s+)?$"
                                r"|\bcombining\s+(?:the\s+)?$", re.IGNORECASE)


# words that describe a drug as such, not another agent: "anlotinib and novel PD-L1 antibody X"
_DRUG_ADJECTIVES = r"\b(?:novel|new|investigational|experimental|oral|intravenous)\b"

# words of a study of several arms or alternatives
_ARMS_RE = re.compile(r"\b(?:compar\w*|versus|vs\.?|randomi[sz]\w*|(?<!single-)(?<!single )arms?|either|alone|"
                      r"monotherapy|respectively)\b", re.IGNORECASE)


def _joint(text: str, start: int, end: int, aside: Sequence[Mention]) -> str:
    """``text[start:end]`` as a bare joint: lower case, without the mentions set aside, parentheses,
    articles and commas."""
    gap = list(text[start:end])
    for m in aside:
        if start <= m.start and m.end <= end:
            gap[m.start - start : m.end - start] = " " * (m.end - m.start)
    bare = re.sub(r"\([^()]*\)|\b(?:the|an?)\b|,|" + _DRUG_ADJECTIVES, " ", "".join(gap), flags=re.IGNORECASE)
    return " ".join(bare.lower().split())


def named_regimens(sentence: AnnotatedSentence, start: int = 0, end: int | None = None) -> list[Regimen]:
    """The regimens ``text[start:end]`` names as given, in order: agents joined as one
    combination ("axitinib plus the PD-1 inhibitor pembrolizumab", "a combination of A, B and
    C") form one; each arm or alternative is its own ("A alone with a combination of B and C")."""
    agents = given_agents(sentence, start, end)
    regimen = regimen_of(agents)
    if regimen is None:
        return []
    kept = {c.key for c in regimen.components}
    chain = [m for m in agents if m.entity.key in kept]  # the classes describing a drug set aside
    aside = [m for m in sentence.mentions if m not in chain]
    groups: list[list[Mention]] = []
    for m in chain:
        if groups and groups[-1][-1].entity.key == m.entity.key:
            continue  # "camrelizumab (SHR-1210)"
        listed = bool(groups) and bool(_COMBINATION_OF_RE.search(sentence.text, 0, groups[-1][0].start))
        joint = _joint(sentence.text, groups[-1][-1].end, m.start, aside) if groups else None
        if joint is not None and (joint in _JOINTS or (listed and joint in ("", "and"))):
            groups[-1].append(m)
        else:
            groups.append([m])
    return [r for g in groups if (r := regimen_of(g)) is not None]


def one_regimen(sentence: AnnotatedSentence, start: int = 0, end: int | None = None) -> Regimen | None:
    """The one regimen ``text[start:end]`` says was given (``named_regimens``); None when it
    names none, or arms and alternatives ("A or B", "compared A with B", "A, B and C")."""
    regimens = named_regimens(sentence, start, end)
    if len({r.key for r in regimens}) != 1:
        return None
    agents = given_agents(sentence, start, end)
    window = (max(start, agents[0].start - 25), agents[-1].end + 15)  # searched in place: "single-arm" is one
    if len(regimens[0].components) > 1 and _ARMS_RE.search(sentence.text, *window):
        return None  # "compared nivolumab with ipilimumab": arms, not one combination
    return regimens[0]
