"""Trials named in a sentence or a title: registry numbers and code names.

A study is named by a registry number (NCT, ChiCTR, ...) or a code name next to a trial word
("SARC028 trial", "the VELDA-2 phase 2 trial", "trial (SARC028)", "(Alliance A091401):") or
before its registry number ("PRISM-S (NCT06218874)"); a code name that is given, tested or acts
("anlotinib plus TQB2450") names an agent instead. A name with its registry number in
parentheses is one trial (``one_named_trial``); a title naming one trial names the paper's own
(``title_trial``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sarckg.extract import patterns
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.study_phrases import NCT_RE
from sarckg.model import EntityRef, Mention, slugify

__all__ = ["Found", "named_studies", "named_trials", "one_named_trial", "registered_as", "title_trial"]

_CODE = (r"(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z](?:[A-Z]+[A-Za-z]*)?)?(?:[-\s]?(?:\d+(?:\.\d+)?|I{1,3}))?"
         r"|[A-Z]{2,}\d+)")  # "SARC028", "SPEARHEAD-1", "VEDO-SARC", "PRISM-S", "ImmunoSarc-I"
#: one word of design between a code name and "trial"/"study": "VEDO-SARC basket study"
_DESIGN_WORD = (r"(?:basket|umbrella|platform|pivotal|randomi[sz]ed|single-arm|non-randomi[sz]ed|"
                r"open-label|expansion|registration(?:al)?|confirmatory|multicen(?:ter|tre))")
#: prefixes of trial registry numbers
_REGISTRY = r"(?:NCT|ChiCTR|ISRCTN|EudraCT|jRCT|ACTRN|CTRI|DRKS|UMIN)"
_TRIAL_NAME_RE = re.compile(
    rf"\b(?!(?:I{{1,3}}|IV)[ab]?\s)(?P<name>{_CODE})\s+(?:(?:phase\s+\S+\s+)?(?:{_DESIGN_WORD}\s+)?(?:trials?|trail|study|cohort))\b"
    rf"|\b(?:trials?|study)\s+\((?P<paren>{_CODE})\)"
    rf"|\((?P<titled>[A-Z][A-Za-z]+(?:\s[A-Z]\d{{4,6}})?)\):"
    rf"|\b(?P<appos>{_CODE})\s*\(\s*{_REGISTRY}"  # "PRISM-S (NCT06218874)"
)
_NOT_NAMES = frozenset({
    "II", "III", "IV", "STS", "ASPS", "UPS", "LPS", "LMS", "ORR", "DCR", "PFS", "OS", "ICI", "ICIs",
    "AI", "AIs", "TKI", "CAR", "TCR", "PD", "RECIST", "NCCN", "CSCO", "ECOG", "CTCAE", "TMB", "WES",
    "TME", "OV", "OVs", "TILs", "TIL", "ACT", "SS", "AS", "DDLPS", "RMS", "CCS", "MPNST", "HLA",
})

# a code name is an agent, not a trial, when it is given, tested or acts: "anlotinib plus TQB2450",
# "a pilot trial evaluated LTX-315", "LTX-315 triggers anticancer immunity"
_AS_DRUG_BEFORE_RE = re.compile(
    r"(?:plus|\+|combined with|combining|with|and|evaluated|evaluating|tested|testing|using|"
    r"administered|received|receiving|(?:trials?|study|studies)\s+of)\s*$", re.IGNORECASE)
_AS_DRUG_AFTER_RE = re.compile(
    r"^\s*(?:plus|\+|combined|treatment|therapy|\(a\b|,\s*an?\b|"
    r"(?:triggers|induces|activates|promotes|kills|targets|binds|inhibits|expresses|lyses)\b)", re.IGNORECASE)


def _study_mention(sentence: AnnotatedSentence, m: Mention) -> tuple[EntityRef, int, int] | None:
    """A matcher's Study mention (NCT numbers, code names), or None where the code names a drug
    given ("anlotinib plus TQB2450 treatment") or something the document defines otherwise."""
    text, ref = sentence.text, m.entity
    defined = sentence.context.abbreviations.get(m.text.strip())
    if defined is not None and defined.category != "Study":
        return None  # the document defines the code as something else ("RIS", a subtype)
    as_drug = _AS_DRUG_BEFORE_RE.search(text[max(0, m.start - 20) : m.start]) or _AS_DRUG_AFTER_RE.match(
        text[m.end : m.end + 20])
    if m.via == "pattern" and not NCT_RE.fullmatch(m.text.strip()) and as_drug:
        return None
    return ref, m.start, m.end


Found = list[tuple[EntityRef, int, int]]


def _code_names(text: str, abbreviations: Mapping[str, EntityRef]) -> Found:
    """Trial code names by their shape next to a trial word ("SARC028 trial", "study (X)")."""
    found: Found = []
    for m in _TRIAL_NAME_RE.finditer(text):
        group = next(g for g in ("name", "paren", "titled", "appos") if m[g])
        name = m[group].strip()
        if group == "appos" and _AS_DRUG_BEFORE_RE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "a trial of TQB2450 (NCT...)": the code names the drug tested
        defined = abbreviations.get(name)
        if defined is not None and defined.category != "Study":
            continue
        if name in _NOT_NAMES or name.split("-")[0] in _NOT_NAMES or not re.search(r"[A-Z].*[A-Z\d]", name):
            continue
        if name.lower().startswith(("phase", "the ", "this", "our")):
            continue
        ref = EntityRef(f"study/{slugify(name)}", name, "Study", ("ClinicalTrial",), False)
        found.append((ref, m.start(group), m.end(group)))
    return found


def _unique(found: Found) -> Found:
    """One entry per study and no overlaps (the earliest, then the first found, wins), by position."""
    unique: dict[str, tuple[EntityRef, int, int]] = {}
    for ref, start, end in sorted(found, key=lambda t: t[1]):
        if not any(s < end and start < e for _, s, e in unique.values()):
            unique.setdefault(ref.key, (ref, start, end))
    return sorted(unique.values(), key=lambda t: t[1])


def named_trials(sentence: AnnotatedSentence) -> Found:
    """The studies a sentence names with their spans, by position."""
    found = [t for m in sentence.of_category("Study") if (t := _study_mention(sentence, m)) is not None]
    return _unique(found + _code_names(sentence.text, sentence.context.abbreviations))


def named_studies(sentence: AnnotatedSentence) -> list[EntityRef]:
    """The studies a sentence names (Study mentions and trial code names), by position."""
    return [ref for ref, _, _ in named_trials(sentence)]


# "SARC028 (NCT02301039)", "the VELDA-2 trial (NCT05581234)": one trial under two names
_APPOSITION_RE = re.compile(r"\s*(?:(?:phase\s+\S+\s+)?(?:trial|study)\s*)?\(\s*", re.IGNORECASE)
_REGISTRY_RE = re.compile(_REGISTRY)


def registered_as(text: str, trials: Found, name_end: int) -> EntityRef | None:
    """The registry number set in apposition right after the trial name ending at
    ``name_end`` ("SARC028 (NCT02301039)", "the VELDA-2 phase 2 trial (NCT05581234)"), among
    a sentence's ``trials``; None when the next trial named is not one ("the ORVIK trial and
    another trial (NCT...)" names two)."""
    after = [t for t in trials if t[1] >= name_end]
    if after and _REGISTRY_RE.match(after[0][0].label) and _APPOSITION_RE.fullmatch(text, name_end, after[0][1]):
        return after[0][0]
    return None


def _one_of(text: str, trials: Found) -> EntityRef | None:
    if len(trials) == 2 and not _REGISTRY_RE.match(trials[0][0].label) \
            and registered_as(text, trials, trials[0][2]) is not None:
        return trials[0][0]
    return trials[0][0] if len(trials) == 1 else None


def one_named_trial(sentence: AnnotatedSentence) -> EntityRef | None:
    """The one trial a sentence names (a name with its registry number in parentheses after
    it counts once, by the name); None when it names none or several."""
    return _one_of(sentence.text, named_trials(sentence))


# a title about trials rather than the report of one: "Lessons from SARC028: a review"
_NOT_OWN_TITLE_RE = re.compile(r"\b(?:review|meta-analys[ie]s|commentary|editorial|perspective|overview|lessons|"
                               r"update\s+on|beyond)\b", re.IGNORECASE)


def title_trial(title: str) -> EntityRef | None:
    """The trial a title names as the paper's own ("...: the VELDA-2 phase 2 trial", "...
    (SARC028): a phase 2 trial"); None when it names none or several, or reviews trials."""
    if _NOT_OWN_TITLE_RE.search(title):
        return None
    found = [(m.entity, m.start, m.end) for m in patterns.trials(title)]
    return _one_of(title, _unique(found + _code_names(title, {})))
