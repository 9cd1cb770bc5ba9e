"""Negation, hedging and direction cues; also the hand-built sentences the extractor tests share."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract_helpers import annotated, corpus_document, doc_of, ref
from sarckg.extract import cues


def test_lexicon_reads_value_sets_from_the_ontology() -> None:
    lexicon = cues.load_lexicon()
    assert {"Increases", "Decreases", "Normalizes", "Converts"} <= set(lexicon.effects)
    assert {"ImmunologicallyHot", "PotentiallySensitive", "HarboursFusion"} <= set(lexicon.traits)
    assert set(lexicon.outcomes) == {"Response", "Survival", "Prognosis", "Recurrence"}
    found = lexicon.find(lexicon.effects, "it reduces macrophages and is normalizing vessels")
    assert [name for name, _, _ in found] == ["Decreases", "Normalizes"]


def test_phrase_pattern_tolerates_quotes_hyphens_plurals_and_keeps_acronym_case() -> None:
    pattern = cues.phrase_pattern(["immunologically hot", "PD", "clinical response"])
    assert pattern is not None
    assert pattern.search("an immunologically “hot” phenotype")
    assert pattern.search("improved clinical-responses")
    assert pattern.search("in PD patients")
    assert not pattern.search("anti-PD-1 therapy")
    assert not pattern.search("a pd value")


# --------------------------------------------------------------------------- negation, hedging


@pytest.mark.parametrize(
    ("text", "entity", "negated"),
    [
        ("There was no association between TMB and response.", "TMB", True),
        ("TMB did not correlate with survival.", "TMB", True),
        ("Higher TMB, but not PD-L1 expression, predicted response.", "PD-L1", True),
        ("Higher TMB, but not PD-L1 expression, predicted response.", "TMB", False),
        ("It was difficult to find a significant association of MSI with benefit.", "MSI", True),
        ("TMB correlated with response; no toxicity was seen.", "TMB", False),
    ],
)
def test_negation_scope(text: str, entity: str, negated: bool) -> None:
    start = text.index(entity)
    assert cues.is_negated(text, start, start + len(entity)) is negated


def test_hedging_is_clause_scoped() -> None:
    text = "TLS correlated with response, suggesting that B cells may matter."
    assert cues.is_hedged(text)
    assert not cues.is_hedged(text, text.index("TLS"))
    assert cues.is_hedged(text, text.index("B cells"))
    assert cues.is_hedged("PD-L1 is only modestly predictive of response.", 0)
    for opening in ("It is unclear whether", "It is unknown if", "It is not yet known whether"):
        text = f"{opening} TAMs reduce Tregs."
        assert cues.is_hedged(text, text.index("reduce"))
    assert not cues.is_hedged("The mechanism is unknown.", 0)


def test_a_comment_after_the_claim_does_not_hedge_it() -> None:
    text = "Tregs express CTLA-4, possibly due to chronic stimulation."
    assert not cues.is_hedged(text, text.index("express"))
    assert cues.is_hedged(text, text.index("chronic"))  # the comment itself is hedged
    text = "Tregs may express CTLA-4."
    assert cues.is_hedged(text, text.index("express"))


# --------------------------------------------------------------------------- direction


@pytest.mark.parametrize(
    ("text", "entity", "sign"),
    [
        ("higher TMB was seen", "TMB", 1),
        ("elevated PD-L1 expression", "PD-L1", 1),
        ("low TMB tumours", "TMB", -1),
        ("TMB-high tumours", "TMB", 1),
        ("tumours where PD-L1 levels were reduced", "PD-L1", -1),
        ("PD-L1 was measured", "PD-L1", 0),
    ],
)
def test_amount_sign(text: str, entity: str, sign: int) -> None:
    start = text.index(entity)
    assert cues.amount_sign(text, start, start + len(entity)) == sign


@pytest.mark.parametrize(
    ("phrase", "sign"),
    [
        ("with improved overall survival", 1),
        ("a worse prognosis", -1),
        ("with an increased risk of local recurrence", -1),
        ("with reduced disease-free survival", -1),
        ("ICI efficacy", 1),
        ("survival", 0),
    ],
)
def test_outcome_sign(phrase: str, sign: int) -> None:
    assert cues.outcome_sign(phrase) == sign


def test_relation_and_group_signs() -> None:
    lexicon = cues.load_lexicon()
    assert cues.relation_sign("was inversely correlated with efficacy") == -1
    assert cues.relation_sign("was positively correlated with efficacy") == 1
    assert cues.group_sign(lexicon, "progressive disease (PD) patients") == -1
    assert cues.group_sign(lexicon, "PR patients") == 1
    assert cues.group_sign(lexicon, "non-responders") == -1
    assert cues.group_sign(lexicon, "all patients") == 0
    text = "Non-responders had more Tregs than PR patients, and all patients had TILs."
    assert [text[a:b] for a, b in cues.response_groups(lexicon, text)] == ["Non-responders", "PR"]


def test_clauses_split_at_subordinate_words_but_not_at_but_not() -> None:
    text = "A rose, but not B, while C fell; D stayed"
    parts = [text[s:e].strip(" ,;") for s, e in cues.clauses(text)]
    assert parts == ["A rose, but not B", "while C fell", "D stayed"]


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_cues_on_a_real_sentence_with_negated_list() -> None:
    doc = corpus_document("004")
    (sentence,) = [s for s in doc.sentences if "there was no association between TMB" in s.text]
    text = sentence.text
    tmb = text.index("TMB")
    assert cues.is_negated(text, tmb, tmb + 3)
    assert not cues.is_hedged(text, tmb)


# --------------------------------------------------------------------------- robustness

_WORDS = ["TMB", "PD-L1", "lenvatinib", "UPS", "high", "low", "not", "no association between", "with",
          "improved", "worse", "survival", "response", "reduces", "increases", "by", "via", "(", ")",
          ",", "and", "in", "PD", "PR", "patients", "ABC1-XYZ2 fusion", "harbors", "is", "a", "rare",
          "anti-", "inhibitor", "such as", "≥", "10", "%", "of", "than", "mutations per Mb", ";"]
_ENTITIES = {"TMB": "biomarker/tumor-mutational-burden", "PD-L1": "target/pd-l1",
             "lenvatinib": "drug/lenvatinib", "UPS": "subtype/ups"}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=30))
def test_extractors_never_crash_and_always_quote_the_sentence(words: list[str]) -> None:
    from sarckg.extract import biomarkers, drugs, mechanisms, subtypes

    text = " ".join(words)
    sentence = annotated(text, [(w, ref(k)) for w, k in _ENTITIES.items()])
    doc = doc_of(sentence)
    for module in (biomarkers, drugs, mechanisms, subtypes):
        for statement in module.extract(doc):
            assert statement.evidence.quote == text


def test_a_negative_predictor_is_not_a_low_amount() -> None:
    text = "MDM2 amplification is a negative predictor of response."
    assert cues.amount_sign(text, 0, 18) == 0
    assert cues.amount_sign("MDM2 amplification is low in UPS.", 0, 18) == -1


def test_a_subtype_set_apart_with_unlike_is_not_the_scope() -> None:
    ups, lms = ref("subtype/ups"), ref("subtype/lms")
    sentence = annotated("Unlike LMS, UPS has a low TMB.", [("LMS", lms), ("UPS", ups)])
    assert cues.subtypes_named(sentence) == [ups]
    sentence = annotated("UPS and LMS have a low TMB.", [("LMS", lms), ("UPS", ups)])
    assert cues.subtypes_named(sentence) == [ups, lms]


def test_therapy_context_leaves_out_a_class_that_describes_its_drug() -> None:
    new_mab = ref("drug/coltabart", "MonoclonalAntibody", in_vocabulary=False)
    pd1, vegfr = ref("class/PD1Inhibitor"), ref("class/AngiogenesisInhibitor")
    ifn = ref("drug/interferon-alpha")
    entities = [("anti-PD-1 antibody", pd1), ("coltabart", new_mab), ("VEGFR inhibitor", vegfr), ("IFN-α", ifn)]
    sentence = annotated("High serum IFN-α predicted response to the anti-PD-1 antibody coltabart.", entities)
    regimen = cues.therapy_context(sentence, measured=[ifn])
    assert regimen is not None and regimen.components == (new_mab,)
    sentence = annotated("High serum IFN-α predicted response to coltabart plus a VEGFR inhibitor.", entities)
    regimen = cues.therapy_context(sentence, measured=[ifn])
    assert regimen is not None and set(regimen.components) == {new_mab, vegfr}


def test_coordinated_walks_left_or_right_over_a_list_gap() -> None:
    text = "Tregs, TAMs and the expression of PD-L1 rose, while MDSCs fell."
    names = ("Tregs", "TAMs", "PD-L1", "MDSCs")
    entities = (ref("celltype/regulatory-t-cell"), ref("celltype/tumor-associated-macrophage"),
                ref("target/pd-l1"), ref("celltype/myeloid-derived-suppressor-cell"))
    mentions = list(annotated(text, list(zip(names, entities, strict=True))).mentions)
    keys = [[m.entity.key for m in group] for group in (
        cues.coordinated(text, mentions, 0, forward=True),  # LIST_GAP by default
        cues.coordinated(text, mentions, 2, gap=cues.LIST_GAP),
        cues.coordinated(text, mentions, 1, forward=True, gap=re.compile(r"\s*,\s*")))]
    assert keys == [[e.key for e in entities[:3]], [e.key for e in entities[:3]], [entities[1].key]]
    assert cues.coordinated(text, mentions, 3, forward=True) == [mentions[3]]
