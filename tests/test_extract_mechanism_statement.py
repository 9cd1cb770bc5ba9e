"""One hedging rule (cues.is_hedged) for the effect grammar, the expression shapes and the
levels of a marker in a tumour type."""

from __future__ import annotations

from extract_helpers import annotated, ref, subtype
from sarckg.extract import mechanisms
from sarckg.extract.cues import load_lexicon
from sarckg.extract.expression import expressions, subtype_expressions

TREG, CTLA4, TAM = ref("celltype/regulatory-t-cell"), ref("target/ctla-4"), ref("celltype/tumor-associated-macrophage")


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


def test_a_level_in_a_tumour_type_hedges_by_the_same_rule() -> None:
    gd2, es = ref("target/gd2"), subtype("Ewing sarcoma")
    for text, hedged in (("GD2 is highly expressed in Ewing sarcoma, possibly due to its neural origin.", False),
                         ("GD2 is likely highly expressed in Ewing sarcoma.", True)):
        sentence = annotated(text, [("GD2", gd2), ("Ewing sarcoma", es)])
        (found,) = list(subtype_expressions(sentence, load_lexicon()))
        assert (found.biomarker, found.subtype, found.evidence.hedged) == (gd2, es, hedged)
