"""Drug classes read from a combination of classes and the regimens listed after it.

"a combination of PD-1 inhibitors and antiangiogenic agents, including anlotinib + X (n = 8)
and apatinib + Y": each listed regimen instantiates the combination, one drug per class. When
exactly one assignment of classes to partners agrees with the vocabulary (a partner it
already puts in one of the classes takes that class), every partner gets its class. Nothing is guessed
from word order, and a regimen whose partners cannot be told apart gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import permutations

from rdflib.namespace import RDFS

from sarckg.extract.base import AnnotatedSentence
from sarckg.model import DrugClassMembership, Mention
from sarckg.namespaces import SKG

EXTRACTOR = "drugs"

_COMBINATION = re.compile(r"\bcombinations?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CLASS_JOIN = re.compile(r"^\s*(?:,|and|plus|with|\+)\s*$", re.IGNORECASE)
_LIST_INTRO = re.compile(r"^\s*,?\s*(?:including|such\s+as|e\.g\.,?|namely|:|\()\s*$", re.IGNORECASE)
_PARTNER = re.compile(r"^\s*(?:\+|plus\b|with\b)\s*$", re.IGNORECASE)
_NEXT_REGIMEN = re.compile(r"^\s*(?:\([^()]{0,20}\)\s*)?(?:,|;|\band\b|\bor\b|\s)*\s*$", re.IGNORECASE)


def combination_classes(sentence: AnnotatedSentence) -> Iterator[DrugClassMembership]:
    """Class memberships of the partners of the regimens listed after a class combination."""
    text = sentence.text
    class_mentions = [m for m in sentence.mentions if m.entity.category == "DrugClass"]
    for i, first in enumerate(class_mentions):
        if not _COMBINATION.search(text[max(0, first.start - 30):first.start]):
            continue
        combo = [first]
        for m in class_mentions[i + 1:]:
            if not _CLASS_JOIN.match(text[combo[-1].end:m.start]):
                break
            combo.append(m)
        if len(combo) < 2:
            continue
        locals_ = [m.entity.key.split("/", 1)[1] for m in combo]
        for regimen in _regimens_after(sentence, combo[-1].end):
            yield from _by_elimination(sentence, regimen, locals_)


def _regimens_after(sentence: AnnotatedSentence, end: int) -> list[list[Mention]]:
    """"including A + B (n = 8), and C + D": the regimens, each a list of partners."""
    text = sentence.text
    drugs = [m for m in sentence.mentions if m.entity.category == "Drug" and m.start >= end]
    if not drugs or not _LIST_INTRO.match(text[end:drugs[0].start]):
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


def _by_elimination(sentence: AnnotatedSentence, regimen: Sequence[Mention],
                    classes: Sequence[str]) -> Iterator[DrugClassMembership]:
    """One class per partner, when exactly one assignment agrees with what the vocabulary
    already knows (a partner known in one of the classes takes it)."""
    if len(regimen) != len(classes) or len(classes) > 4:
        return
    known = [{c for c in classes if c in ancestors(d.entity.types)} for d in regimen]
    fits = [p for p in permutations(classes) if all(not k or c in k for c, k in zip(p, known, strict=True))]
    if len(fits) != 1 or not any(known):
        return
    for drug, cls in zip(regimen, fits[0], strict=True):
        yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                  drug=drug.entity, drug_class=cls)


def ancestors(types: Sequence[str]) -> frozenset[str]:
    """The local names of ``types`` and of every class above them in the ontology."""
    table = _superclasses()
    return frozenset(a for t in types for a in (t, *table.get(t, ())))


@lru_cache(maxsize=1)
def _superclasses() -> dict[str, tuple[str, ...]]:
    from sarckg.graph.ontology_files import OntologyFileError, load_ontology

    try:
        graph = load_ontology()
    except OntologyFileError:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for cls in sorted(set(graph.transitive_subjects(RDFS.subClassOf, SKG.Drug)), key=str):
        above = {str(c).rsplit("#", 1)[-1] for c in graph.transitive_objects(cls, RDFS.subClassOf)}
        out[str(cls).rsplit("#", 1)[-1]] = tuple(sorted(above))
    return out
