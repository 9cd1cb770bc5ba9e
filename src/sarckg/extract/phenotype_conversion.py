"""Phenotype conversion: "convert immunologically cold sarcomas into more responsive tumours".

A conversion verb (the ``skg:Converts`` words of the ontology, and "turn", which is a
conversion only here) whose object is a tumour named by its immune phenotype (the
``skg:ImmunologicallyCold``/``skg:ImmunologicallyHot`` words: "cold", "immune-desert",
"inflamed"), followed by what it becomes ("into hot tumours", "into more responsive tumours",
"from cold to hot", "turn cold tumours hot"), changes the tumour immune phenotype: the object
of the mechanism is the vocabulary process that has these traits as its states
(``skg:hasState``). The agent is whoever the mechanism grammar finds as the verb's subject.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.cues import Lexicon
from sarckg.model import EntityRef, Mention
from sarckg.namespaces import ENT, SKG

CONVERTS = "Converts"
_STATES = ("ImmunologicallyCold", "ImmunologicallyHot")
#: Words between the verb and the phenotype word: a determiner, an adverb, "tumours from".
_LEAD = re.compile(r"^\s*(?:(?:the|these|those|such|many|most|otherwise|\w+ly)\s+)*"
                   r"(?:(?:tumou?rs?|sarcomas?|lesions?|cancers?)\s+from\s+)?$", re.IGNORECASE)
#: What the tumour becomes: "into", "to" (or "from cold to hot"), then within a few words a
#: phenotype word or a responsiveness word.
_DESTINATION = re.compile(r"\b(?:into|to)\s+(?P<rest>(?:[^\s,;.]+\s+){0,4}[^\s,;.]+)", re.IGNORECASE)
#: "turn cold tumours hot": a verb too common to be an effect word ("in turn", "turned out"), a
#: conversion only with a phenotype object.
_TURN = re.compile(r"\bturn(?:s|ed|ing)?\b", re.IGNORECASE)
#: "these tumours", "such sarcomas", "them": a tumour named without its phenotype.
_PLAIN_SOURCE = re.compile(r"^\s*(?:(?:the|these|those|such|many|most|otherwise|\w+ly)\s+)*"
                           r"(?P<tumour>(?:tumou?rs?|sarcomas?|lesions?|cancers?|them)\b)", re.IGNORECASE)
#: "into 'hot'", "into “immune-inflamed”": the phenotype word opens what the tumour becomes.
_INTO = re.compile(r"\s+into\s+(?:an?\s+)?(?P<rest>[\"'“‘]?[^\s,;.]+(?:\s+[^\s,;.]+)?)", re.IGNORECASE)
#: "(immunologically) cold tumours were (successfully) converted": the subject of a passive.
_PASSIVE_SUBJECT = re.compile(r"(?P<np>(?:[^\s,;.]+\s+){1,3}?(?:tumou?rs?|sarcomas?|lesions?|cancers?))\s+"
                              r"(?:(?:can|could|may|might|will|would|have|has)\s+)?(?:is|are|was|were|be|been|being)\s+"
                              r"(?:\w+ly\s+)?$", re.IGNORECASE)
#: "into inflamed ones by", "into “hot” tumours by the": what it becomes, then the by-agent.
_PASSIVE_INTO = re.compile(r"\s+into\s+(?P<rest>(?:[^\s,;.]+\s+){0,3}?[^\s,;.]+)\s+by\s+(?:the\s+|an?\s+)?",
                           re.IGNORECASE)
_RESPONSIVE = re.compile(r"\b(?:responsive|sensitive|immunoreactive|immunotherapy-responsive)\b", re.IGNORECASE)
_REACH = 120


@lru_cache(maxsize=1)
def phenotype() -> EntityRef | None:
    """The vocabulary process whose states are the immune phenotype traits."""
    from sarckg.extract.entities import default_lexicon
    from sarckg.graph.ontology_files import OntologyFileError, load_vocabulary

    try:
        graph = load_vocabulary()
    except OntologyFileError:
        return None
    holders = [set(graph.subjects(SKG.hasState, SKG[state])) for state in _STATES]
    common = sorted(holders[0].intersection(*holders[1:]), key=str)
    entities = default_lexicon().entities
    found = [entities.get(str(node).removeprefix(str(ENT))) for node in common]
    return next((e for e in found if e is not None), None)


def phenotype_objects(sentence: AnnotatedSentence, lexicon: Lexicon, effect: str, verb_end: int,
                      limit: int) -> list[Mention]:
    """The tumour immune phenotype as the object of a conversion verb ending at ``verb_end``
    (a mention spanning "cold sarcomas into more responsive tumours"), or nothing."""
    target = phenotype()
    if effect != CONVERTS or target is None:
        return []
    text = sentence.text
    window = text[verb_end:min(limit, verb_end + _REACH)]
    source = _first_state(lexicon, window)
    if source is None or not _LEAD.match(window[:source[1]]):
        return _unnamed_source(sentence, lexicon, verb_end, window)
    end = _destination_end(lexicon, window, source)
    if end is None:
        return []
    start, end = verb_end + source[1], verb_end + end
    return [Mention(target, start, end, text[start:end], via="pattern")]


def _unnamed_source(sentence: AnnotatedSentence, lexicon: Lexicon, verb_end: int, window: str) -> list[Mention]:
    """"convert these tumours into 'hot' tumours", "convert them into inflamed ones": a tumour
    not named by its phenotype becomes one that is, the phenotype word right after "into"."""
    target = phenotype()
    lead = _PLAIN_SOURCE.match(window)
    if lead is None or target is None:
        return []
    found = _INTO.match(window, lead.end())
    state = _first_state(lexicon, found.group("rest")) if found else None
    if found is None or state is None or state[1] != 0:
        return []
    start, end = verb_end + lead.start("tumour"), verb_end + found.start("rest") + state[2]
    return [Mention(target, start, end, sentence.text[start:end], via="pattern")]


def turn_verbs(sentence: AnnotatedSentence, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """"turn(s/ed/ing)" used as a conversion of the phenotype, as effect words ``(Converts,
    start, end)``; any other "turn" is no effect."""
    text = sentence.text
    return [(CONVERTS, m.start(), m.end()) for m in _TURN.finditer(text)
            if phenotype_objects(sentence, lexicon, CONVERTS, m.end(), len(text))
            or _passive_object(sentence, lexicon, m.start(), m.end()) is not None]


def passive_conversion(sentence: AnnotatedSentence, lexicon: Lexicon, effect: str, start: int, end: int,
                       agents: Collection[str]) -> tuple[Mention, list[Mention]] | None:
    """"cold tumours were converted into inflamed ones by X": the agent after "by" (a mention
    of ``agents``' categories) and the phenotype, named by the subject and what it becomes."""
    found = _passive_object(sentence, lexicon, start, end) if effect == CONVERTS else None
    if found is None:
        return None
    obj, at = found
    agent = next((m for m in sentence.mentions if m.start == at and m.entity.category in agents), None)
    return (agent, [obj]) if agent is not None else None


def _passive_object(sentence: AnnotatedSentence, lexicon: Lexicon, start: int,
                    end: int) -> tuple[Mention, int] | None:
    """The phenotype a passive conversion verb at ``start:end`` states (its subject a tumour
    named by its phenotype, then "into" what it becomes and "by"), with where the by-agent starts."""
    text, target = sentence.text, phenotype()
    subject = _PASSIVE_SUBJECT.search(text, 0, start)
    source = _first_state(lexicon, subject.group("np")) if subject else None
    into = _PASSIVE_INTO.match(text, end)
    if target is None or subject is None or source is None or into is None:
        return None
    other = _first_state(lexicon, into.group("rest"))
    if (other is None or other[0] == source[0]) and not _RESPONSIVE.search(into.group("rest")):
        return None
    begin = subject.start("np") + source[1]
    return Mention(target, begin, into.end("rest"), text[begin:into.end("rest")], via="pattern"), into.end()


def _destination_end(lexicon: Lexicon, window: str, source: tuple[str, int, int]) -> int | None:
    """Where what the tumour becomes ends: "into/to" and a phenotype or responsiveness word
    within five words, or the other phenotype right after the tumour ("turn cold tumours hot")."""
    state, _, source_end = source
    found = _DESTINATION.search(window, source_end)
    if found and window[source_end:found.start()].count(" ") <= 3:
        rest = found.group("rest")
        other = _first_state(lexicon, rest)
        if (other is not None and other[0] != state) or _RESPONSIVE.search(rest):
            return found.end()
    after = _first_state(lexicon, window[source_end:])
    if after is not None and after[0] != state and not window[source_end:source_end + after[1]].strip(" ,"):
        return source_end + after[2]
    return None


def _first_state(lexicon: Lexicon, text: str) -> tuple[str, int, int] | None:
    """The first phenotype word in ``text``: (trait local name, start, end)."""
    table = {name: lexicon.traits[name] for name in _STATES if name in lexicon.traits}
    hits = lexicon.find(table, text)
    return hits[0] if hits else None
