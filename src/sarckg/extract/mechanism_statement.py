"""One mechanism statement with its evidence, for every reader of mechanisms (the effect
grammar in ``mechanisms``, the expression shapes in ``expression``), so that both flag
negation and hedging the same way."""

from __future__ import annotations

import re

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.model import EntityRef, Mechanism, Regimen

EXTRACTOR = "mechanisms"


def mechanism(sentence: AnnotatedSentence, agent: EntityRef | Regimen, effect: str, obj: EntityRef,
              verb: int, *, via: EntityRef | None = None,
              earlier: AnnotatedSentence | None = None) -> Mechanism:
    """``agent -effect-> obj`` stated by the word at ``verb``, quoting from ``earlier`` when an
    anaphor's antecedent is named there."""
    text = sentence.text
    negated = cues.is_negated(text, verb, verb + 1)
    evidence = sentence.evidence(
        EXTRACTOR, antecedent=earlier, negated=negated, hedged=claim_hedged(text, verb),
        polarity="disputes" if negated else "supports",
    )
    return Mechanism(evidence=evidence, agent=agent, effect=effect, object=obj, via=via)


def claim_hedged(text: str, verb: int) -> bool:
    """A hedge in the verb's clause, unless it opens a comment after the claim ("X reduces Y,
    possibly due to Z" asserts that X reduces Y)."""
    c_start, c_end = cues.clause_of(text, verb)
    return any(c_start <= s < c_end and (s < verb or not re.search(r",\s*$", text[:s]))
               for s, _ in cues.hedge_cues(text))
