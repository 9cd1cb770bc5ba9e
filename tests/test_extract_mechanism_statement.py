"""One mechanism statement builder: the effect grammar and the expression shapes hedge alike."""

from __future__ import annotations

from extract_helpers import annotated, ref
from sarckg.extract import mechanisms
from sarckg.extract.cues import load_lexicon
from sarckg.extract.expression import expressions
from sarckg.extract.mechanism_statement import claim_hedged

TREG, CTLA4, TAM = ref("celltype/regulatory-t-cell"), ref("target/ctla-4"), ref("celltype/tumor-associated-macrophage")


def test_a_comment_after_the_claim_does_not_hedge_it() -> None:
    text = "Tregs express CTLA-4, possibly due to chronic stimulation."
    assert not claim_hedged(text, text.index("express"))
    text = "Tregs may express CTLA-4."
    assert claim_hedged(text, text.index("express"))


def test_expression_and_effect_statements_hedge_by_the_same_rule() -> None:
    lexicon = load_lexicon()
    for text, hedged in (("Tregs express CTLA-4, possibly due to chronic stimulation.", False),
                         ("Tregs may express CTLA-4.", True)):
        sentence = annotated(text, [("Tregs", TREG), ("CTLA-4", CTLA4)])
        (found,) = list(expressions(sentence, lexicon))
        assert found.evidence.hedged is hedged and found.evidence.extractor == "mechanisms"
    for text, hedged in (("Tregs suppress TAMs, possibly due to IL-10.", False), ("Tregs may suppress TAMs.", True)):
        sentence = annotated(text, [("Tregs", TREG), ("TAMs", TAM)])
        (found,) = list(mechanisms.mechanisms(sentence, lexicon))
        assert found.evidence.hedged is hedged
