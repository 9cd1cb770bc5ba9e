"""Drug classes read from a drug's company: the regimens listed after a combination of
classes, and the other drugs of a list.

"a combination of PD-1 inhibitors and antiangiogenic agents, including anlotinib + X (n = 8)
and apatinib + Y": each listed regimen instantiates the combination, one drug per class. When
exactly one assignment of classes to partners agrees with the vocabulary (a partner it
already puts in one of the classes takes that class), every partner gets its class. Nothing is guessed
from word order, and a regimen whose partners cannot be told apart gives nothing. The
regimens may follow in the next sentence ("These combinations included A + B ...").

A drug listed under a therapy head with drugs the document classes, all in one class, takes
that class when what is known of it agrees (:func:`list_mate_classes`).

A class named right next to a drug, as its description ("the anti-PD-1 antibody X", "X, an
anti-PD-1 antibody,", "X (a PD-1 inhibitor)"), is no component of a regimen besides the drug
(:func:`without_descriptions`); "X plus a VEGFR inhibitor" keeps both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import permutations

from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.class_words import ancestors, drug_classes
from sarckg.extract.drug_lists import drug_lists
from sarckg.model import DrugClassMembership, Evidence, Mention

EXTRACTOR = "drugs"

_COMBINATION = re.compile(r"\bcombinations?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CLASS_JOIN = re.compile(r"^\s*(?:,|and|plus|with|\+)\s*$", re.IGNORECASE)
_LIST_INTRO = re.compile(r"^\s*,?\s*(?:including|such\s+as|e\.g\.,?|namely|:|\()\s*$", re.IGNORECASE)
_PARTNER = re.compile(r"^\s*(?:\+|plus\b|with\b)\s*$", re.IGNORECASE)
_NO_GAP = re.compile(r"^\s*$")
#: a sentence restating the combination of the sentence before: "These combinations included"
_ANAPHOR = re.compile(r"^\s*(?:These|Those|Such|The)\s+(?:combinations?|combined\s+regimens?|regimens?)\s+"
                      r"(?:included|includes|including|were|was|comprised|consisted\s+of)\s*:?\s*", re.IGNORECASE)
_NEXT_REGIMEN = re.compile(r"^\s*(?:\([^()]{0,20}\)\s*)?(?:,|;|\band\b|\bor\b|\s)*\s*$", re.IGNORECASE)


def combination_classes(sentence: AnnotatedSentence,
                        antecedent: AnnotatedSentence | None = None) -> Iterator[DrugClassMembership]:
    """Class memberships of the partners of the regimens listed after a class combination,
    in the same sentence or in the next one ("... a combination of PD-1 inhibitors and
    antiangiogenic agents. These combinations included A + B (n=6), ..."), whose evidence then
    quotes both sentences."""
    for end, locals_ in class_combinations(sentence):
        for regimen in _regimens_after(sentence, end):
            yield from _by_elimination(sentence, regimen, locals_)
    anaphor = _ANAPHOR.match(sentence.text)
    if antecedent is None or anaphor is None:
        return
    combos = class_combinations(antecedent)
    if not combos:
        return
    evidence = sentence.evidence(extractor=EXTRACTOR, antecedent=antecedent)
    for regimen in _regimens_after(sentence, anaphor.end(), intro=False):
        yield from _by_elimination(sentence, regimen, combos[-1][1], evidence)


def class_combinations(sentence: AnnotatedSentence) -> list[tuple[int, list[str]]]:
    """(end offset, class local names) of each "combination of C1 and C2" in the sentence."""
    text = sentence.text
    class_mentions = [m for m in sentence.mentions if m.entity.category == "DrugClass"]
    found = []
    for i, first in enumerate(class_mentions):
        if not _COMBINATION.search(text[max(0, first.start - 30):first.start]):
            continue
        combo = [first]
        for m in class_mentions[i + 1:]:
            if not _CLASS_JOIN.match(text[combo[-1].end:m.start]):
                break
            combo.append(m)
        if len(combo) >= 2:
            found.append((combo[-1].end, [m.entity.key.split("/", 1)[1] for m in combo]))
    return found


def _regimens_after(sentence: AnnotatedSentence, end: int, *, intro: bool = True) -> list[list[Mention]]:
    """"including A + B (n = 8), and C + D": the regimens, each a list of partners (right
    after ``end`` when ``intro`` is False)."""
    text = sentence.text
    drugs = [m for m in sentence.mentions if m.entity.category == "Drug" and m.start >= end]
    lead = _LIST_INTRO if intro else _NO_GAP
    if not drugs or not lead.match(text[end:drugs[0].start]):
        return []
    regimens: list[list[Mention]] = [[drugs[0]]]
    for d in drugs[1:]:
        prev = regimens[-1][-1]
        gap = text[prev.end:d.start]
        if (prev.text.endswith("+") and not gap.strip()) or _PARTNER.match(gap):
            regimens[-1].append(d)
        elif _NEXT_REGIMEN.match(gap):
            regimens.append([d])
        else:
            break
    return [r for r in regimens if len(r) > 1]


def _by_elimination(sentence: AnnotatedSentence, regimen: Sequence[Mention], classes: Sequence[str],
                    evidence: Evidence | None = None) -> Iterator[DrugClassMembership]:
    """One class per partner, when exactly one assignment agrees with what the vocabulary
    already knows (a partner known in one of the classes takes it)."""
    if len(regimen) != len(classes) or len(classes) > 4:
        return
    known = [{c for c in classes if c in ancestors(d.entity.types)} for d in regimen]
    fits = [p for p in permutations(classes) if all(not k or c in k for c, k in zip(p, known, strict=True))]
    if len(fits) != 1 or not any(known):
        return
    for drug, cls in zip(regimen, fits[0], strict=True):
        yield DrugClassMembership(evidence=evidence or sentence.evidence(extractor=EXTRACTOR),
                                  drug=drug.entity, drug_class=cls)


# --------------------------------------------------------------------------- list-mates

#: a noun that heads a list of drugs ("Immunotherapy, including A, B and C")
_LIST_HEAD = re.compile(r"\b(?:immunotherap(?:y|ies)|therap(?:y|ies)|agents|drugs|inhibitors|antibodies|"
                        r"blockers|treatments|medications)\b", re.IGNORECASE)


def list_mate_classes(doc: AnnotatedDocument, stated: Mapping[str, set[str]]) -> Iterator[DrugClassMembership]:
    """A drug listed under a therapy head ("Immunotherapy, including A, B, C and D") takes the
    one class the document itself gives every other listed drug it classes (at least two),
    when the vocabulary already puts it in that class (the list is the document's evidence for
    it); a drug found only by its INN stem takes nothing. ``stated`` holds the classes the
    document's sentences give each drug key."""
    for sentence in doc.sentences:
        for head in _LIST_HEAD.finditer(sentence.text):
            listed = drug_lists(sentence, head.end())
            known = [stated[d.entity.key] for d in listed if d.entity.key in stated]
            if len(known) < 2 or len(known) == len(listed):
                continue
            shared = _most_specific(set.intersection(*known))
            if shared is None:
                continue
            for drug in listed:
                if drug.entity.key not in stated and _agrees(drug, shared):
                    yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                              drug=drug.entity, drug_class=shared)


def _most_specific(classes: set[str]) -> str | None:
    """The one class of ``classes`` below all the others, or None."""
    lowest = [c for c in classes if classes <= ancestors((c,))]
    return lowest[0] if len(lowest) == 1 else None


def _agrees(drug: Mention, cls: str) -> bool:
    """The vocabulary puts the drug in ``cls``. A drug known only by its INN stem never takes a
    list-mate's class: "-limab" says immune checkpoint antibody, not which checkpoint."""
    types = set(drug.entity.types) & set(drug_classes())
    return drug.entity.in_vocabulary and cls in ancestors(tuple(types))


# --------------------------------------------------------------------------- descriptions

#: words of a class phrase a mention may leave out ("anti-PD-1 [monoclonal antibody] X")
_HEAD = (r"(?:monoclonal|bispecific|trispecific|humani[sz]ed|chimeric|fully|human|recombinant|IgG\d|"
         r"antibody|antibodies|agent|drug|therapy|molecule|small[- ]molecule|oral|selective|checkpoint|"
         r"inhibitor|blocker|antagonist|agonist|conjugate)")
#: what may stand between the parts of one class phrase before its drug: a second target
#: ("anti-PD-1 x CTLA-4 bispecific", "anti-PD-1/VEGF") and left-out head words, one space apart
_PREMODIFIER_GAP = re.compile(r"(?:[ ]?[x×][ ][\w-]+|[ ]?/[ ]?[\w-]+)?(?:[ ]" + _HEAD + r")*[ ]", re.IGNORECASE)
#: "X, an anti-PD-1 antibody" / "X (a PD-1 inhibitor"
_APPOSITIVE_GAP = re.compile(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}|\s?\(\s?(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}",
                             re.IGNORECASE)
#: what closes an appositive or parenthetical description ("an anti-PD-L1 [drug],")
_DESCRIPTION_END = re.compile(r"(?:\s" + _HEAD + r"){0,2}(?:\s?[),;.]|\s*$|\s+(?:that|which)\b)", re.IGNORECASE)


def without_descriptions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The agent mentions of ``text`` without the drug classes that only describe a drug named
    next to them: "the anti-PD-1 x CTLA-4 bispecific antibody X", "X, an anti-PD-1
    antibody,", "X (a PD-1 inhibitor)", "a PD-1 inhibitor (X)". A class joined to a drug
    ("X plus a VEGFR inhibitor", "X and anti-angiogenic agents") is kept, and so is a class
    the vocabulary says a known drug is not in."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    described: set[int] = set()
    for i, drug in enumerate(ordered):
        if drug.entity.category != "Drug":
            continue
        described |= _premodifiers(text, ordered, i)
        described |= _appositives(text, ordered, i)
    return [m for i, m in enumerate(ordered) if i not in described]


def _premodifiers(text: str, ordered: Sequence[Mention], i: int) -> set[int]:
    """Indices of the classes that form one noun phrase ending in the drug ``ordered[i]``."""
    found: set[int] = set()
    right = ordered[i]
    for j in range(i - 1, -1, -1):
        cls = ordered[j]
        if (cls.entity.category != "DrugClass" or not _PREMODIFIER_GAP.fullmatch(text[cls.end:right.start])
                or not _fits(ordered[i], cls)):
            break
        found.add(j)
        right = cls
    return found


def _appositives(text: str, ordered: Sequence[Mention], i: int) -> set[int]:
    """The index of a class set beside the drug ``ordered[i]`` by a comma or parentheses."""
    drug = ordered[i]
    after = ordered[i + 1] if i + 1 < len(ordered) else None
    if (after is not None and after.entity.category == "DrugClass" and _fits(drug, after)
            and _APPOSITIVE_GAP.fullmatch(text[drug.end:after.start])
            and _DESCRIPTION_END.match(text, after.end)):
        return {i + 1}
    before = ordered[i - 1] if i else None
    if (before is not None and before.entity.category == "DrugClass" and _fits(drug, before)
            and re.fullmatch(r"\s?\(\s?", text[before.end:drug.start]) and re.match(r"\s?\)", text[drug.end:])):
        return {i - 1}  # "a PD-1 inhibitor (X)"
    return set()


def _fits(drug: Mention, cls: Mention) -> bool:
    """Whether ``cls`` may describe ``drug``: any class for a drug new to the vocabulary, one
    of its own classes (or above them) for a known drug."""
    if not drug.entity.in_vocabulary:
        return True
    return cls.entity.key.split("/", 1)[1] in ancestors(drug.entity.types)
