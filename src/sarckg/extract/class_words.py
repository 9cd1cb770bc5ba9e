"""Words of the ontology's drug class labels, for reading a class from a description that
is not one phrase the matcher could see ("an oncolytic HSV-1 virus", "an anti-B7-H3 conjugate")."""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib.namespace import RDFS, SKOS

from sarckg.namespaces import SKG


def words_of(text: str) -> set[str]:
    return {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", text)}


@lru_cache(maxsize=1)
def drug_class_labels() -> dict[str, tuple[frozenset[str], ...]]:
    """Each drug class of the ontology -> the word sets of its labels (singular, lower case)."""
    from sarckg.graph.ontology_files import load_ontology

    graph = load_ontology()
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for cls in sorted(graph.transitive_subjects(RDFS.subClassOf, SKG.Drug), key=str):
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(cls, p)]
        words = {frozenset(w.lower().rstrip("s") for w in re.findall(r"[\w-]+", n)) for n in names}
        found[str(cls).rsplit("#", 1)[-1]] = tuple(sorted((w for w in words if len(w) > 1), key=sorted))
    return found


@lru_cache(maxsize=1)
def drug_class_modifiers() -> dict[str, tuple[frozenset[str], ...]]:
    """Each drug class -> the word sets of its labels without their head noun ("oncolytic
    virus" -> {oncolytic}), so "an oncolytic HSV-2" describes an oncolytic virus."""
    from sarckg.graph.ontology_files import load_ontology

    graph = load_ontology()
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for cls in sorted(graph.transitive_subjects(RDFS.subClassOf, SKG.Drug), key=str):
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(cls, p)]
        words = [[w.lower().rstrip("s") for w in re.findall(r"[\w-]+", n)] for n in names]
        mods = {frozenset(w[:-1]) for w in words if len(w) >= 2 and len("".join(w[:-1])) > 3}
        found[str(cls).rsplit("#", 1)[-1]] = tuple(sorted(mods, key=sorted))
    return found


@lru_cache(maxsize=1)
def drug_class_heads() -> dict[str, frozenset[str]]:
    """Each drug class -> the head nouns (last words, singular) of its labels that end the
    labels of no other class ("conjugate", "virus", "vaccine"; not "inhibitor", "therapy")."""
    from sarckg.graph.ontology_files import load_ontology

    graph = load_ontology()
    heads: dict[str, set[str]] = {}
    for cls in sorted(graph.transitive_subjects(RDFS.subClassOf, SKG.Drug), key=str):
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(cls, p)]
        last = {re.findall(r"[\w-]+", n)[-1].lower().rstrip("s") for n in names if re.findall(r"[\w-]+", n)}
        heads[str(cls).rsplit("#", 1)[-1]] = last
    owners: dict[str, int] = {}
    for words in heads.values():
        for w in words:
            owners[w] = owners.get(w, 0) + 1
    return {c: frozenset(w for w in words if owners[w] == 1 and len(w) > 3)
            for c, words in heads.items() if c != "Drug"}  # "a new treatment" names no class
