"""Words of the ontology's drug class labels, for reading a class from a description that
is not one phrase the matcher could see ("an oncolytic HSV-1 virus", "an anti-B7-H3 conjugate"),
and the target each target-named class is named after ("PD-L1 inhibitor" -> PD-L1), so that a
target under any of its names with an inhibitor word ("a programmed death ligand-1 inhibitor")
names that class."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from sarckg.extract.lexicon import DrugClassNames, compact, drug_class_names
from sarckg.model import EntityRef

#: head nouns that say the same of a class ("an alkylating agent" = "an alkylating drug")
_SAME_HEADS = ("agent", "drug")
#: "anti-PD-1 antibody" -> "PD-1": the target a class label names
_CLASS_TARGET = re.compile(r"^(?:anti-?\s*)?(?P<name>.+?)(?:[-\s]+(?:inhibitors?|antibod(?:y|ies)|mAbs?|"
                           r"blockers?|blockade|therapy|drugs?|agents?|targeted))*$", re.IGNORECASE)


def words_of(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", text)}


def _with_same_heads(words: set[frozenset[str]]) -> set[frozenset[str]]:
    """The word sets and their variants with the other head noun of ``_SAME_HEADS``."""
    out = set(words)
    for w in words:
        for head in _SAME_HEADS:
            if head in w:
                out |= {(w - {head}) | {other} for other in _SAME_HEADS}
    return out


@lru_cache(maxsize=1)
def drug_classes() -> dict[str, DrugClassNames]:
    """Local name -> skg:Drug and each drug class of the ontology (names, superclasses): the one
    table every reading of class names derives from (empty when the ontology cannot be read)."""
    from sarckg.graph.ontology_files import OntologyFileError, load_ontology

    try:
        graph = load_ontology()
    except OntologyFileError:
        return {}
    return {c.local: c for c in drug_class_names(graph)}


def ancestors(types: Sequence[str]) -> frozenset[str]:
    """The local names of ``types`` and of every class above them in the ontology."""
    table = drug_classes()
    return frozenset(a for t in types for a in (t, *(table[t].superclasses if t in table else ())))


def _label_words(name: str) -> list[str]:
    return [w.lower().rstrip("s") for w in re.findall(r"[\w-]+", name)]


@lru_cache(maxsize=1)
def drug_class_labels() -> dict[str, tuple[frozenset[str], ...]]:
    """Each drug class of the ontology -> the word sets of its labels (singular, lower case)."""
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for local, cls in drug_classes().items():
        words = {frozenset(_label_words(n)) for n in cls.names}
        if local != "Drug":  # "a therapeutic drug" names no class
            words = _with_same_heads(words)
        found[local] = tuple(sorted((w for w in words if len(w) > 1), key=sorted))
    return found


@lru_cache(maxsize=1)
def drug_class_modifiers() -> dict[str, tuple[frozenset[str], ...]]:
    """Each drug class -> the word sets of its labels without their head noun ("oncolytic
    virus" -> {oncolytic}), so "an oncolytic HSV-2" describes an oncolytic virus."""
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for local, cls in drug_classes().items():
        words = [_label_words(n) for n in cls.names]
        mods = {frozenset(w[:-1]) for w in words if len(w) >= 2 and len("".join(w[:-1])) > 3}
        found[local] = tuple(sorted(mods, key=sorted))
    return found


@lru_cache(maxsize=1)
def drug_class_heads() -> dict[str, frozenset[str]]:
    """Each drug class -> the head nouns (last words, singular) of its labels that end the
    labels of no other class ("conjugate", "virus", "vaccine"; not "inhibitor", "therapy")."""
    heads = {local: {words[-1] for words in map(_label_words, cls.names) if words}
             for local, cls in drug_classes().items()}
    owners: dict[str, int] = {}
    for words in heads.values():
        for w in words:
            owners[w] = owners.get(w, 0) + 1
    return {c: frozenset(w for w in words if owners[w] == 1 and len(w) > 3)
            for c, words in heads.items() if c != "Drug"}  # "a new treatment" names no class


def class_target_name(label: str) -> str | None:
    """The target name in a class phrase ("anti-PD-1 antibody" -> "PD-1"), or None."""
    m = _CLASS_TARGET.match(label)
    if not m or m.group("name") == label:
        return None
    return m.group("name")


def vocabulary_targets(name: str) -> list[EntityRef]:
    """The vocabulary's targets with this name."""
    from sarckg.extract.entities import default_lexicon
    from sarckg.graph.ontology_files import OntologyFileError

    try:
        lexicon = default_lexicon()
    except OntologyFileError:
        return []
    return sorted(e for e in lexicon.lookup(name) if e.category == "Target")


def named_target(name: str, named: Mapping[str, EntityRef]) -> EntityRef | None:
    """The target ``name`` names: one the document mentions by that name (``named``, keyed by
    compact name), else the vocabulary's one target of that name."""
    if compact(name) in named:
        return named[compact(name)]
    found = vocabulary_targets(name)
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def target_classes() -> dict[str, str]:
    """Target key -> the one drug class named after it ("PD-L1 inhibitor": target/pd-l1 ->
    PDL1Inhibitor); a target two classes are named after is left out."""
    owners: dict[str, set[str]] = {}
    for local, cls in drug_classes().items():
        for name in cls.names:
            target = class_target_name(name)
            for found in vocabulary_targets(target) if target else ():
                owners.setdefault(found.key, set()).add(local)
    return {t: next(iter(c)) for t, c in sorted(owners.items()) if len(c) == 1}
