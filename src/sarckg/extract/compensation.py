"""Compensation: "X failed, possibly due to compensatory upregulation of A or B".

"Compensatory upregulation (activation, expression, increase) of A" after a drug says that A
takes over for what the drug blocks: ``A -CompensatesFor-> T``, T the drug's target. T is the
target the sentence itself gives the drug ("the IDO1 inhibitor epacadostat": the drug-target
grammar of :mod:`sarckg.extract.drugs`), else the target the sentence just before gives the
same drug, else the vocabulary's known target of the drugs it names, or the target a class
phrase names ("IDO1 inhibitors"); when the sentence names no treatment, the sentence just
before it is read the same way. When the sentence before is read, the quote starts there.
Without exactly one such target nothing is stated. A drug is kept as ``stated_as``: the quote
names the object through it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from sarckg.extract import drugs
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.cues import coordinated
from sarckg.extract.mechanism_objects import BIOLOGY
from sarckg.extract.mechanism_statement import mechanism
from sarckg.model import EntityRef, Mechanism, Mention
from sarckg.namespaces import ENT, SKG

COMPENSATES = "CompensatesFor"
#: "compensatory upregulation of", "compensatory activation of the", "compensatory increase in".
_CUE = re.compile(r"\bcompensator(?:y|ily)\s+(?:[a-z-]+\s+){0,1}?(?:up-?regulation|activation|over-?expression|"
                  r"expression|induction|increases?|elevation|signal(?:l)?ing)\s+(?:of|in)\s+(?:the\s+)?",
                  re.IGNORECASE)
_LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|and/or|as\s+well\s+as|the|\([^()]{0,20}\))\s*)+$", re.IGNORECASE)


def compensations(doc: AnnotatedDocument, sentence: AnnotatedSentence) -> Iterator[Mechanism]:
    """Every ``A -CompensatesFor-> T`` of one sentence."""
    text = sentence.text
    for cue in _CUE.finditer(text):
        listed = _listed(sentence, cue.end())
        if not listed:
            continue
        found = _blocked_target(sentence, doc)
        if found is None:
            continue
        stated, target, earlier = found
        for agent in listed:
            if agent.entity.key != target.key:
                yield mechanism(sentence, agent.entity, COMPENSATES, target, cue.start(),
                                earlier=earlier, stated_as=stated)


def _listed(sentence: AnnotatedSentence, at: int) -> list[Mention]:
    """The mention right after the cue and those coordinated with it ("TDO or IDO2")."""
    text = sentence.text
    after = [m for m in sentence.mentions if m.start >= at and m.entity.category in BIOLOGY]
    if not after or text[at:after[0].start].strip():
        return []
    return coordinated(text, after, 0, forward=True, gap=_LIST_GAP)


Blocked = tuple[EntityRef | None, EntityRef, AnnotatedSentence | None]


def _blocked_target(sentence: AnnotatedSentence, doc: AnnotatedDocument) -> Blocked | None:
    """(the drug the object is stated as, the one target, the earlier sentence read too): the
    target the sentence gives its drugs, else the one the sentence before gives the same drugs
    ("X, an IDO1 inhibitor, ... . X lost activity, possibly through ..."), else the vocabulary's;
    a sentence naming no drug may name a class by its target ("IDO1 inhibitors"), which the
    quote then names itself, and a sentence naming no treatment is read with the one before."""
    names = drugs.target_names(doc)
    previous = doc.previous(sentence)
    named = [m for m in sentence.mentions if m.entity.category == "Drug"]
    if named:
        keys = {m.entity.key for m in named}
        for source in (sentence, previous):
            pairs = [(s.drug, s.target) for s in drugs.targets(source, names) if s.drug.key in keys] \
                if source is not None else []
            if pairs:
                return _one(pairs, None if source is sentence else source)
        return _one(_known_pairs(named), None)
    by_class = {t.key: t for c in sentence.mentions if c.entity.category == "DrugClass"
                and (t := drugs.class_target(c, names)) is not None}
    if by_class:
        return (None, next(iter(by_class.values())), None) if len(by_class) == 1 else None
    if previous is None or any(m.entity.category == "DrugClass" for m in sentence.mentions):
        return None
    found = _blocked_target(previous, doc)
    return (found[0], found[1], previous) if found is not None and found[2] is None else None


def _one(pairs: Sequence[tuple[EntityRef, EntityRef]], earlier: AnnotatedSentence | None) -> Blocked | None:
    """The pairs' one target (with the first drug), or None when they name several."""
    if len({t.key for _, t in pairs}) != 1:
        return None
    return pairs[0][0], pairs[0][1], earlier


def _known_pairs(named: Sequence[Mention]) -> list[tuple[EntityRef, EntityRef]]:
    """(drug, target) from the vocabulary's ``skg:knownTarget`` of the named drugs."""
    known = known_targets()
    return [(m.entity, t) for m in named for t in known.get(m.entity.key, ())]


@lru_cache(maxsize=1)
def known_targets() -> Mapping[str, tuple[EntityRef, ...]]:
    """Drug key -> the targets the vocabulary records for it (``skg:knownTarget``)."""
    from sarckg.extract.entities import default_lexicon
    from sarckg.graph.ontology_files import OntologyFileError, load_vocabulary

    try:
        graph = load_vocabulary()
    except OntologyFileError:
        return {}
    entities = default_lexicon().entities
    found: dict[str, list[EntityRef]] = {}
    for drug, target in sorted(graph.subject_objects(SKG.knownTarget)):
        ref = entities.get(str(target).removeprefix(str(ENT)))
        if ref is not None:
            found.setdefault(str(drug).removeprefix(str(ENT)), []).append(ref)
    return {k: tuple(v) for k, v in found.items()}
