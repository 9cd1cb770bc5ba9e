"""One mechanism statement with its evidence, for every reader of mechanisms (the effect
grammar in ``mechanisms``, the expression shapes in ``expression``, compensation and phenotype
conversion), so that all flag negation and hedging the same way.

A generic causal verb ("promotes", "induces", "increases") whose object is a process nominal
the vocabulary decomposes (immunosuppression: suppression of antitumour immunity) states the
nominal's effect on its object (:mod:`sarckg.extract.process_nominals`); the statement then
keeps the nominal the text named as ``stated_as`` (:class:`StatedMechanism`).
"""

from __future__ import annotations

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.process_nominals import decompose
from sarckg.model import EntityRef, Mechanism, Regimen, StatedMechanism

EXTRACTOR = "mechanisms"


def mechanism(sentence: AnnotatedSentence, agent: EntityRef | Regimen, effect: str, obj: EntityRef,
              verb: int, *, via: EntityRef | None = None, earlier: AnnotatedSentence | None = None,
              stated_as: EntityRef | None = None) -> Mechanism:
    """``agent -effect-> obj`` stated by the word at ``verb``, quoting from ``earlier`` when an
    anaphor's antecedent is named there. A generic effect on a process nominal is decomposed
    (``agent -Promotes-> immunosuppression`` is ``agent -Suppresses-> antitumor immunity``,
    stated as immunosuppression); ``stated_as`` given, the object is kept as it is."""
    text = sentence.text
    negated = cues.is_negated(text, verb, verb + 1)
    evidence = sentence.evidence(
        EXTRACTOR, antecedent=earlier, negated=negated,
        hedged=cues.is_hedged(text, verb),
        polarity="disputes" if negated else "supports",
    )
    if stated_as is None:
        parts = decompose(effect, obj)
        if parts is not None:
            effect, stated_as, obj = parts[0], obj, parts[1]
    if stated_as is not None:
        return StatedMechanism(evidence=evidence, agent=agent, effect=effect, object=obj, via=via,
                               stated_as=stated_as)
    return Mechanism(evidence=evidence, agent=agent, effect=effect, object=obj, via=via)

