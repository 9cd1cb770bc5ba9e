"""Whom a subtype trait is said of, and the statement that says it.

The grammar of scope: a list after the trait ("potentially sensitive sarcomas (UPS, DDLPS)"),
examples of the group it modifies ("the subtypes resistant to chemotherapy ..., for example,
ASPS"), the subjects before it ("ASPS, SS and UPS display a hot phenotype"; "ASPS is a rare STS
that ..." gives it to ASPS, not to its class), or the subtype it is named a characteristic of
("the characteristic of cold tumors in non-ASPS"). :func:`subtype_property` grades the statement:
negated by a negation before the trait's name (not one inside it, "not responsive to
chemotherapy"), hedged by a hedge before it in its clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.cues import load_lexicon
from sarckg.model import EntityRef, Mention, SubtypeProperty

EXTRACTOR = "subtypes"

LIST_INTRO = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:\(\s*(?:e\.g\.,?|i\.e\.,?|such\s+as)?|:|,?\s*(?:including|include|"
    r"includes|such\s+as|like|namely|e\.g\.,?|i\.e\.,?))\s*$", re.IGNORECASE)
LIST_GAP = re.compile(r"^(?:\s*(?:,|;|and|or|\(|\)|as\s+well\s+as)\s*)*$", re.IGNORECASE)
SUBJECT_LINK = re.compile(
    r"\b(?:is|are|was|were|remains?|displays?|display\w*|exhibit\w*|shows?|show\w*|ha[sv]e?|had|"
    r"feature\w*|considered|characteri[sz]ed|regarded|classified|being|be|been)\b|^\s*,\s*(?:an?|the)\b|"
    r"^\s*\(?\s*$", re.IGNORECASE)

_PREDICATE_NOUN = re.compile(r"\s*\)?\s*,?\s*(?:is|are|was|were)\s+(?:an?|one)\s+(?:[\w-]+\s+){0,3}",
                             re.IGNORECASE)
#: "ASPS is a rare STS that ...", "LMS and UPS are sarcomas which ...": the predicate noun is the
#: subject's class, and what the relative clause after it says is said of the subject
_COPULA_PREDICATE = re.compile(
    r"\s*\)?\s*,?\s*(?:is|are|was|were|remains?)\s+(?:(?:an?|one)\s+)?"
    r"(?:(?!(?:of|among|in|than|with|for|the|not)\b)[\w-]+\s+){0,3}", re.IGNORECASE)

def subtype_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """The sentence's mentions of subtypes and populations, in order."""
    return [m for m in sentence.mentions if m.entity.category in ("SarcomaSubtype", "Population")]


def list_from(text: str, mentions: Sequence[Mention], first: int) -> list[Mention]:
    """``mentions[first]`` and the mentions listed after it ("UPS, DDLPS, and AS")."""
    group = [mentions[first]]
    for m in mentions[first + 1:]:
        if not LIST_GAP.match(text[group[-1].end:m.start]):
            break
        group.append(m)
    return group


def list_before(text: str, mentions: Sequence[Mention], last: int) -> list[Mention]:
    """``mentions[last]`` and the mentions listed before it, not a comparison's baseline."""
    group = [mentions[last]]
    for m in reversed(mentions[:last]):
        if not LIST_GAP.match(text[m.end:group[0].start]) or cues.compared_to(text, m.start):
            break  # "Unlike ASPS, BSNS has ...": the baseline is not in the list
        group.insert(0, m)
    return group


def trait_scope(sentence: AnnotatedSentence, start: int, end: int) -> list[Mention]:
    """The subtypes a trait phrase at ``start:end`` is said of."""
    text = sentence.text
    subtypes = subtype_mentions(sentence)
    c_start, _ = cues.clause_of(text, start)
    after = [i for i, m in enumerate(subtypes) if m.start >= end]
    if after:
        i = after[0]
        gap = text[end:subtypes[i].start]
        if not gap.strip() and i + 1 < len(subtypes):
            # attributive ("potentially sensitive sarcomas (UPS, AS)"): the list, not the head,
            # which names only a subset ("rare sarcomas", "cold sarcomas")
            i, gap = i + 1, text[end:subtypes[i + 1].start]
        if LIST_INTRO.match(gap) and len(gap) <= 40:
            return list_from(text, subtypes, i)
    before = [i for i, m in enumerate(subtypes) if c_start <= m.start and m.end <= start
              and not cues.compared_to(text, m.start)]
    if before and _links_subject(cues.without_comparison(text[subtypes[before[-1]].end:start])):
        last = before[-1]
        if last - 1 in before and _COPULA_PREDICATE.fullmatch(text, subtypes[last - 1].end, subtypes[last].start):
            last -= 1  # "ASPS is a rare STS that is chemoresistant": the subject, not its class
        listed = list_before(text, subtypes, last)
        return [] if _inside_other_subject(sentence, listed[0], c_start) else listed
    return _exemplified(text, subtypes, start, end) or _characteristic_of(text, subtypes, start, end)


#: "the characteristic of | cold tumors | in non-ASPS", "the | cold | nature of LMS": a trait named
#: as a characteristic of the subtype that follows
_CHARACTERISTIC_BEFORE = re.compile(r"\b(?:characteristics?|nature)\s+of\s+"
                                    r"(?:(?:an?|the|their|its)\s+)?[\"'“‘]?$", re.IGNORECASE)
_CHARACTERISTIC_AFTER = re.compile(
    r"[\"'”’]?\s*(?:(?P<noun>nature|phenotype|character|features?|profile)\s+of|in|of)\s+(?:the\s+)?"
    r"(?:patients\s+with\s+)?", re.IGNORECASE)


def _characteristic_of(text: str, subtypes: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The subtypes a trait is named a characteristic of: "the characteristic of cold tumors in
    non-ASPS", "the immunologically cold nature of LMS and OS"."""
    after = [i for i, m in enumerate(subtypes) if m.start >= end]
    if not after:
        return []
    link = _CHARACTERISTIC_AFTER.fullmatch(text, end, subtypes[after[0]].start)
    if link is None or not (link["noun"] or _CHARACTERISTIC_BEFORE.search(text, 0, start)):
        return []
    return list_from(text, subtypes, after[0])


def _exemplified(text: str, subtypes: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """"The subtypes resistant to chemotherapy may be given X first, for example, ASPS and CCS":
    a trait modifying a generic head ("subtypes", "sarcomas") is said of the examples of that
    head later in its clause, when no other head comes between that they could exemplify."""
    head_after = cues.GENERIC_HEAD_AFTER.match(text, end)
    if not (head_after or cues.GENERIC_HEAD_BEFORE.search(text, 0, start)):
        return []
    gap_start = head_after.end() if head_after else end
    _, c_end = cues.clause_of(text, start)
    after = [i for i, m in enumerate(subtypes) if gap_start <= m.start < c_end]
    if not after:
        return []
    gap = text[gap_start:subtypes[after[0]].start]
    if not cues.EXAMPLE_INTRO.search(gap) or cues.GENERIC_HEAD.search(gap):
        return []
    return list_from(text, subtypes, after[0])


#: Molecules, cells and processes: a clause about one of them names a subtype only as its setting.
_OTHER_SUBJECTS = frozenset({"Target", "Biomarker", "CellType", "Process", "GeneFusion"})
_SETTING_BEFORE = re.compile(r"\b(?:in|within|among|across|of|from|on)\s+(?:(?:the|patients\s+with|"
                             r"[a-z][\w-]*)\s+){0,2}$", re.IGNORECASE)


def _inside_other_subject(sentence: AnnotatedSentence, first: Mention, c_start: int) -> bool:
    """"B7-H3 is highly expressed in SS and is associated with poor prognosis", "PD-L1 expression
    in UPS is linked to poor survival": a subtype after a preposition, in a clause opened by a
    molecule, cell or process, is that subject's setting; the coordinated verb phrase after it
    (or the verb of the subject it modifies) is said of that subject, not of the subtype."""
    text = sentence.text
    if not _SETTING_BEFORE.search(text, c_start, first.start):
        return False
    return any(c_start <= m.start and m.end <= first.start and m.entity.category in _OTHER_SUBJECTS
               for m in sentence.mentions)


_CONVERSION = re.compile(r"\binto\b|\b(?:convert|turn|transform|reprogramm?|shift|switch)(?:s|ed|ing)?\b",
                         re.IGNORECASE)


def _links_subject(gap: str) -> bool:
    """A short gap that makes the subtype the subject of the trait: a verb ("ASPS displays a
    hot phenotype"), an apposition ("ASPS, a rare subtype") or a series of adjectives; not a
    conversion ("cold sarcomas can be turned into hot tumours": what they become, not are)."""
    if len(gap.split()) > 8 or re.search(r"\b(?:than|compared|versus|unlike|except)\b", gap, re.IGNORECASE):
        return False
    if _CONVERSION.search(gap):
        return False
    if "," in gap and not re.match(r"^\s*,\s*(?:an?|the)\s+[^,]*$|^\s*\)?\s*(?:is|are|was|were)\s+(?:an?\s+)?"
                                   r"(?:[\w-]+,?\s+){0,3}$|^\s*\)?\s*,\s*(?:may|might|can|could|are|is|were|"
                                   r"was)\b[^,]*$", gap, re.IGNORECASE):
        return False
    return bool(SUBJECT_LINK.search(gap))

def copula_subject(text: str, before: Sequence[Mention]) -> Mention:
    """"BSNS is a low-grade spindle cell sarcoma that harbours X": an indefinite predicate
    noun describes the subject, so the subject holds what the relative clause says."""
    s = before[-1]
    if len(before) > 1 and _PREDICATE_NOUN.fullmatch(text[before[-2].end:s.start]):
        return before[-2]
    return s


def subtype_property(sentence: AnnotatedSentence, subtype: EntityRef, trait: str, related: EntityRef | None,
              start: int, end: int, denied: bool = False, antecedent: AnnotatedSentence | None = None,
              hedge: bool = False) -> SubtypeProperty:
    """The property, negated by a negation right before the trait phrase at ``start:end`` (or
    ``denied``), hedged by a hedge before it in its clause (or ``hedge``); a hedged sensitivity
    ("may be sensitive to immunotherapy") is only ``PotentiallySensitive``."""
    text = sentence.text
    # only a negation right before the trait denies it ("is not immunologically hot"); one that
    # reaches into the trait phrase is part of its name ("is not responsive to chemotherapy")
    negated = denied or any(start - 25 <= s and e <= start for s, e in cues.negation_cues(text))
    hedged = hedge or _hedged_before(text, start)
    if trait == "ImmunotherapySensitive" and hedged:
        trait = "PotentiallySensitive"
    evidence = sentence.evidence(EXTRACTOR, antecedent=antecedent, negated=negated, hedged=hedged,
                                 polarity="disputes" if negated else "supports")
    return SubtypeProperty(evidence=evidence, subtype=subtype, trait=trait, related=related)


def _hedged_before(text: str, start: int) -> bool:
    """A hedge before ``start`` in its clause ("UPS may be sensitive"), not one that is part of a
    trait's name ("potentially sensitive sarcomas") nor one after, which hedges what follows it
    ("UPS is sensitive to ICIs, but our results suggest that LMS may also respond")."""
    c_start, _ = cues.clause_of(text, start)
    names = trait_names(text)
    return any(c_start <= s < start and not any(ns <= s < ne for ns, ne in names)
               for s, _ in cues.hedge_cues(text))

@lru_cache(maxsize=256)
def trait_names(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the trait names of the value set in ``text``."""
    lexicon = load_lexicon()
    return tuple((s, e) for _, s, e in lexicon.find(lexicon.traits, text))
