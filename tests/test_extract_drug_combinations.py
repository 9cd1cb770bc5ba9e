"""Drug classes from a combination of classes and the regimens listed after it."""

from __future__ import annotations

from extract_helpers import annotated, ref
from sarckg.extract import drug_combinations, drugs

PD1I = ref("class/PD1Inhibitor", label="PD-1 inhibitors")
AI = ref("class/AngiogenesisInhibitor", label="antiangiogenic agents")
TKI_DRUG = ref("drug/fooatinib", "MultiTargetTKI")  # known to the vocabulary as a multi-target TKI
NEW_MAB = ref("drug/barolimab", in_vocabulary=False)  # unknown, no class
OTHER_MAB = ref("drug/quxolimab", in_vocabulary=False)


def _classes(text: str, entities: list) -> set[tuple[str, str]]:
    sentence = annotated(text, entities)
    return {(s.drug.key, s.drug_class) for s in drug_combinations.combination_classes(sentence)}


def test_known_partner_leaves_the_other_class_to_the_unknown_partner() -> None:
    text = ("Ten received a combination of PD-1 inhibitors and antiangiogenic agents, including "
            "fooatinib+ barolimab (n = 6), and fooatinib + quxolimab (n = 4).")
    entities = [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI), ("fooatinib", TKI_DRUG),
                ("barolimab", NEW_MAB), ("quxolimab", OTHER_MAB)]
    assert _classes(text, entities) == {
        (TKI_DRUG.key, "AngiogenesisInhibitor"), (NEW_MAB.key, "PD1Inhibitor"), (OTHER_MAB.key, "PD1Inhibitor")}
    # the same statements come out of the drug extractor, with the sentence as evidence
    found = [s for s in drugs.classes(annotated(text, entities)) if s.drug == NEW_MAB]
    assert found and found[0].evidence.quote == text


def test_partners_the_vocabulary_cannot_tell_apart_give_nothing() -> None:
    text = "Five received a combination of PD-1 inhibitors and antiangiogenic agents, including barolimab + quxolimab."
    entities = [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI), ("barolimab", NEW_MAB),
                ("quxolimab", OTHER_MAB)]
    assert _classes(text, entities) == set()


def test_no_combination_phrase_or_a_mismatched_regimen_gives_nothing() -> None:
    entities = [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI), ("fooatinib", TKI_DRUG),
                ("barolimab", NEW_MAB), ("quxolimab", OTHER_MAB)]
    text = "PD-1 inhibitors and antiangiogenic agents were given, including fooatinib + barolimab."
    assert _classes(text, entities) == set()
    text = ("A combination of PD-1 inhibitors and antiangiogenic agents, including "
            "fooatinib + barolimab + quxolimab, was given.")
    assert _classes(text, entities) == set()
