"""Process nominals the vocabulary decomposes into an effect on an object.

Some processes are named by a nominalisation, a verb applied to an object: immunosuppression
is the suppression of antitumour immunity, vascular normalization the normalization of the
tumour vasculature. The vocabulary says so with ``skg:nominalEffect`` and
``skg:nominalObject`` on the process (ontology/vocabulary.ttl); this module reads them. Only a
generic causal verb is decomposed ("promotes immunosuppression" suppresses antitumour
immunity); a verb with its own polarity ("inhibits immunosuppression", "overcomes it") keeps
the nominal as its object, since composing two effects would guess a polarity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef

from sarckg.extract.base import AnnotatedSentence
from sarckg.model import EntityRef
from sarckg.namespaces import ENT, SKG

#: Effects that only say the agent brings the object about: they take the nominal's effect.
GENERIC_EFFECTS = frozenset({"Promotes", "Increases", "Activates"})
_CAUSAL = re.compile(r"\b(?:lead(?:s|ing)?\s+to|led\s+to|result(?:s|ed|ing)?\s+in|caus(?:e|es|ed|ing))\b",
                     re.IGNORECASE)
_CAUSAL_GAP = re.compile(r"\s*(?:(?:an?|the|marked|profound|strong|potent|local|systemic|"
                         r"(?:[a-z]+ly))\s+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Nominal:
    """What a process nominal means: ``effect`` (an ``skg:Effect`` local name) on ``object``."""

    effect: str
    object: EntityRef


def read_nominals(graph: Graph, entities: Mapping[str, EntityRef]) -> dict[str, Nominal]:
    """Process key -> its decomposition, for every process of ``entities`` (key -> the matcher's
    entity) with both annotations in ``graph``."""
    found: dict[str, Nominal] = {}
    for process, effect in sorted(graph.subject_objects(SKG.nominalEffect)):
        target = graph.value(process, SKG.nominalObject)
        if not isinstance(process, URIRef) or not isinstance(target, URIRef):
            continue
        entity, obj = (entities.get(str(node).removeprefix(str(ENT))) for node in (process, target))
        if entity is not None and obj is not None:
            found[entity.key] = Nominal(str(effect).rsplit("#", 1)[-1], obj)
    return found


@lru_cache(maxsize=1)
def nominals() -> dict[str, Nominal]:
    """The project vocabulary's process nominals, read once."""
    from sarckg.extract.entities import default_lexicon
    from sarckg.graph.ontology_files import OntologyFileError, load_vocabulary

    try:
        return read_nominals(load_vocabulary(), default_lexicon().entities)
    except OntologyFileError:
        return {}


def causal_verbs(sentence: AnnotatedSentence) -> list[tuple[str, int, int]]:
    """"leads to / results in / causes (profound) immunosuppression": a causal phrase that is no
    effect word of its own, as a generic ``Promotes`` word, only when a process nominal the
    vocabulary decomposes follows it (what it states is then the nominal's effect)."""
    table = nominals()
    found = []
    for m in _CAUSAL.finditer(sentence.text):
        nxt = next((x for x in sentence.mentions if x.start >= m.end()), None)
        if nxt is not None and nxt.entity.key in table and _CAUSAL_GAP.fullmatch(sentence.text[m.end():nxt.start]):
            found.append(("Promotes", m.start(), m.end()))
    return found


def decompose(effect: str, obj: EntityRef) -> tuple[str, EntityRef] | None:
    """``(effect, object)`` a generic ``effect`` on the nominal ``obj`` states, else None."""
    if effect not in GENERIC_EFFECTS:
        return None
    nominal = nominals().get(obj.key)
    return (nominal.effect, nominal.object) if nominal else None
