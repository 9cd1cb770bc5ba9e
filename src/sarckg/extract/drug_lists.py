"""Which drugs a class or target phrase is said of: the grammar of apposition, copula,
prenominal class words and lists ("PD-1 inhibitors such as X and Y", "The AIs included X, Y
and Z", "the VEGFR tyrosine kinase inhibitor, axitinib,", "X and Y are PD-1 inhibitors")."""

from __future__ import annotations

import re

from sarckg.extract.base import AnnotatedSentence
from sarckg.model import Mention

_APPOSITION = re.compile(r"^\s*\)?\s*(?:\([^()]{1,25}\)\s*)?(?:,|\bis|\bwas|\bare)\s*(?:an?|the|one)\s+"
                         r"(?:[\w*+-]+\s+){0,6}?$", re.IGNORECASE)
_NOT_APPOSITION = re.compile(r"\b(?:for|with|in|of|to|by|from|and|or|that|which|approved|used|given|"
                             r"than|as)\b", re.IGNORECASE)
_PARENTHESIS = re.compile(r"^\s*\((?:[\w*+-]+\s+){0,4}$")
#: the head noun a class mention may leave out ("anti-PD1 [inhibitor], pembrolizumab")
_CLASS_TAIL = r"(?:\s+(?:inhibitors?|antibod(?:y|ies)|mAbs?|blockers?|antagonists?|agents?|drugs?))?"
_PRENOMINAL = re.compile(r"^" + _CLASS_TAIL + r"\s*,?\s*(?:\([\w\s-]{1,20}\)\s*)?$", re.IGNORECASE)
#: "the VEGFR tyrosine kinase inhibitor, axitinib,": a determiner and modifiers before the class
_DETERMINED = re.compile(r"\b(?:the|an?|another|this|one)\s+(?P<mods>(?:[\w-]+\s+){0,4})$", re.IGNORECASE)
#: an apposition closes after its drug; a comma and another name go on with a list
_APPOSITION_END = re.compile(r"^\s*(?:[).;]|$|,(?!\s*(?:and|or|as\s+well\s+as)\b))", re.IGNORECASE)
#: "tyrosine kinase inhibitors (TKIs) like ...": the class's own abbreviation before a list
_ABBREVIATION = r"(?:\([A-Za-z][\w-]{0,12}\)\s*)?"
_LIST_INTRO = re.compile(r"^\s*" + _ABBREVIATION + r"(?:,\s*)?(?:\(\s*)?(?:such\s+as|including|like|e\.g\.,?|"
                         r"i\.e\.,?|namely|\(|:)\s*$", re.IGNORECASE)
#: "The AIs included A, B and C": a class that heads its clause, then a verb of inclusion
_INCLUSION = re.compile(r"^\s*" + _ABBREVIATION + r"(?:(?:used|given|tested)\s+)?(?:included|includes?|"
                        r"comprised?|consisted\s+of)\s*:?\s*$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:^|[;:(])\s*(?:(?:the|these|those|all|other)\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|\(\w[\w\s-]{0,15}\))?\s*(?:,\s*)?(?:and|or)?\s*$",
                       re.IGNORECASE)
_PLURAL_PREDICATE = re.compile(r"^\s*,?\s*(?:(?:are|were)\s+(?:both\s+|all\s+)?|both\s+|all\s+)"
                               r"(?:[\w*+-]+\s+){0,4}?$", re.IGNORECASE)


def drugs_of(sentence: AnnotatedSentence) -> list[Mention]:
    """The drug mentions of the sentence."""
    return [m for m in sentence.mentions if m.entity.category == "Drug"]


def drug_lists(sentence: AnnotatedSentence, anchor_end: int, anchor_start: int | None = None) -> list[Mention]:
    """Drugs listed right after ``anchor_end`` ("such as X, Y and Z"); with ``anchor_start``,
    a class heading its clause also lists them with a verb ("The AIs included X, Y and Z")."""
    text = sentence.text
    drugs = [d for d in drugs_of(sentence) if d.start >= anchor_end]
    if not drugs:
        return []
    gap = text[anchor_end:drugs[0].start]
    included = anchor_start is not None and _INCLUSION.match(gap) and _CLAUSE_START.search(text[:anchor_start])
    if not (_LIST_INTRO.match(gap) or included):
        return []
    group = [drugs[0]]
    for d in drugs[1:]:
        if group[-1].text.endswith("+") or not _LIST_GAP.match(text[group[-1].end:d.start]):
            break  # "anlotinib+ camrelizumab" is a combination, not a list of the class
        group.append(d)
    if group[-1].text.endswith("+") or re.match(r"\s*(?:\+|plus\b)", text[group[-1].end:]):
        group = group[:-1] if len(group) > 1 else []
    return group


def linked_drugs(sentence: AnnotatedSentence, start: int, end: int) -> list[Mention]:
    """The drugs a class or target phrase at ``start:end`` is said of."""
    text = sentence.text
    drugs = drugs_of(sentence)
    listed = drug_lists(sentence, end, start)
    if listed:
        return listed
    plural = bool(re.search(r"[A-Za-z]s$", text[start:end]))
    after = next((d for d in drugs if d.start >= end), None)
    if after and _PRENOMINAL.match(text[end:after.start]) and (
            "," not in text[end:after.start] or _appositive(sentence, start, after)):
        # "the CTLA-4 inhibitor ipilimumab"; "the PD-1 inhibitors X and Y" names them all
        return coordinated(text, drugs, after, forward=True) if plural else [after]
    before = [d for d in drugs if d.end <= start]
    if before and plural and _PLURAL_PREDICATE.match(text[before[-1].end:start]):
        return coordinated(text, drugs, before[-1], forward=False)  # "X and Y are PD-1 inhibitors"
    if before and ((_APPOSITION.match(text[before[-1].end:start])
                    and not _NOT_APPOSITION.search(text[before[-1].end:start]))
                   or _PARENTHESIS.match(text[before[-1].end:start])):
        return [before[-1]]  # "anlotinib, an oral multi-target tyrosine kinase inhibitor"
    return []


def _appositive(sentence: AnnotatedSentence, start: int, drug: Mention) -> bool:
    """"the VEGFR tyrosine kinase inhibitor, axitinib,", "Another anti-PD-1 inhibitor, X,": a
    class phrase with its determiner, then the drug set off by a comma and closed after it."""
    text = sentence.text
    determined = _DETERMINED.search(text[:start])
    if determined is None or _NOT_APPOSITION.search(determined.group("mods")):
        return False
    nxt = next((m for m in sentence.mentions if m.start >= drug.end), None)
    return bool(_APPOSITION_END.match(text[drug.end:])) and not (
        nxt is not None and re.fullmatch(r"\s*,\s*", text[drug.end:nxt.start]))


def coordinated(text: str, drugs: list[Mention], head: Mention, *, forward: bool) -> list[Mention]:
    """``head`` and the drugs listed with it ("X, Y and Z"), after it or before it; a
    combination ("X + Y") is not a list."""
    group = [head]
    i = drugs.index(head)
    others = drugs[i + 1:] if forward else list(reversed(drugs[:i]))
    for d in others:
        left, right = (group[-1], d) if forward else (d, group[0])
        gap = text[left.end:right.start]
        if left.text.endswith("+") or "+" in gap or not _LIST_GAP.match(gap) or not gap.strip(" ,"):
            break
        group = [*group, d] if forward else [d, *group]
    return group
