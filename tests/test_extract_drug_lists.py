"""Which drugs a class phrase is said of: lists with a verb of inclusion, lists after a class
and its abbreviation, appositions with a determiner and modifiers, and the misreadings these
shapes must not cause (a clause about patients, a combination, a list of therapies)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract_helpers import annotated, corpus_document, doc_of, ref
from sarckg.extract import drugs
from sarckg.extract.drug_lists import linked_drugs
from sarckg.model import DrugClassMembership

AIS = ref("class/AngiogenesisInhibitor")
ICIS = ref("class/ImmuneCheckpointInhibitor")
TKIS = ref("class/TyrosineKinaseInhibitor")
PD1I = ref("class/PD1Inhibitor")
FOO = ref("drug/fooatinib", "MultiTargetTKI")
BAR = ref("drug/baratinib", "MultiTargetTKI")
BAZ = ref("drug/bazolimab", "PD1Inhibitor")


def _linked(text: str, entities: list, class_surface: str) -> list[str]:
    sentence = annotated(text, entities)
    (cls,) = [m for m in sentence.mentions if m.text == class_surface]
    return [d.entity.key for d in linked_drugs(sentence, cls.start, cls.end)]


def _classes(*texts_and_entities: tuple[str, list]) -> set[tuple[str, str, int | None]]:
    """Class memberships of consecutive sentences (indices 0, 1, ...) over one text."""
    full = " ".join(text for text, _ in texts_and_entities)
    built, at = [], 0
    for i, (text, entities) in enumerate(texts_and_entities):
        s = annotated(text, entities, doc_text=full, start=at)
        built.append(replace(s, sentence=replace(s.sentence, index=i)))
        at += len(text) + 1
    doc = doc_of(*built)
    return {(s.drug.key, s.drug_class, s.evidence.antecedent_index) for s in drugs.extract(doc)
            if isinstance(s, DrugClassMembership)}


def test_a_class_heading_its_clause_lists_drugs_with_a_verb_of_inclusion() -> None:
    entities = [("AIs", AIS), ("fooatinib", FOO), ("baratinib", BAR)]
    assert _linked("The AIs included fooatinib and baratinib.", entities, "AIs") == [FOO.key, BAR.key]
    assert _linked("AIs used comprised fooatinib, and baratinib.", entities, "AIs") == [FOO.key, BAR.key]
    # the class is only a modifier of the subject: these drugs are not said to be AIs
    assert _linked("Regimens with AIs included fooatinib and baratinib.", entities, "AIs") == []
    assert _linked("Patients treated with AIs included two given fooatinib.", entities, "AIs") == []
    # a combination is no list of the class
    assert _linked("The AIs included fooatinib plus bazolimab.", [*entities, ("bazolimab", BAZ)], "AIs") == []


def test_a_list_after_a_class_and_its_abbreviation_or_an_example_parenthesis() -> None:
    entities = [("tyrosine kinase inhibitors", TKIS), ("TKIs", TKIS), ("fooatinib", FOO), ("baratinib", BAR)]
    text = "Second-line tyrosine kinase inhibitors (TKIs) like fooatinib and baratinib were used."
    assert _linked(text, entities, "tyrosine kinase inhibitors") == [FOO.key, BAR.key]
    text = "Second-line tyrosine kinase inhibitors (e.g., fooatinib, baratinib) were used."
    assert _linked(text, entities, "tyrosine kinase inhibitors") == [FOO.key, BAR.key]


def test_an_apposition_with_a_determiner_and_modifiers_before_the_class() -> None:
    entities = [("tyrosine kinase inhibitor", TKIS), ("fooatinib", FOO), ("baratinib", BAR)]
    text = "Patients received the VEGF receptor tyrosine kinase inhibitor, fooatinib, daily."
    assert _linked(text, entities, "tyrosine kinase inhibitor") == [FOO.key]
    pd1 = [("anti-PD1", PD1I), ("bazolimab", BAZ)]
    assert _linked("Another anti-PD1 inhibitor, bazolimab, was given.", pd1, "anti-PD1") == [BAZ.key]
    assert _linked("The anti-PD1 inhibitor, bazolimab, was given.", pd1, "anti-PD1") == [BAZ.key]
    # a list of therapies after a class is no apposition: the drug goes on with a comma
    assert _linked("Patients received a tyrosine kinase inhibitor, fooatinib, baratinib and surgery.",
                   entities, "tyrosine kinase inhibitor") == []
    assert _linked("Patients received a tyrosine kinase inhibitor, fooatinib, and surgery.",
                   entities, "tyrosine kinase inhibitor") == []
    # modifiers that hold a preposition are a clause, not a class phrase
    assert _linked("We gave the drugs for a tyrosine kinase inhibitor, fooatinib, daily.",
                   entities, "tyrosine kinase inhibitor") == []


def test_these_agents_take_the_one_class_of_the_sentence_before() -> None:
    first = ("Immune checkpoint inhibitors were widely used.", [("Immune checkpoint inhibitors", ICIS)])
    nivo, pembro = ref("drug/nivolumab", "PD1Inhibitor"), ref("drug/pembrolizumab", "PD1Inhibitor")
    second = ("These agents included nivolumab and pembrolizumab.", [("nivolumab", nivo), ("pembrolizumab", pembro)])
    assert _classes(first, second) == {(nivo.key, "ImmuneCheckpointInhibitor", 0),
                                       (pembro.key, "ImmuneCheckpointInhibitor", 0)}
    # a drug the vocabulary puts elsewhere shows the list is not of that class
    doxo = ref("drug/doxorubicin", "Anthracycline")
    other = ("These agents included nivolumab and doxorubicin.", [("nivolumab", nivo), ("doxorubicin", doxo)])
    assert _classes(first, other) == set()
    # two classes before: which one is meant is not said
    both = ("ICIs and TKIs were used.", [("ICIs", ICIS), ("TKIs", TKIS)])
    assert _classes(both, second) == set()


def test_a_target_with_an_inhibitor_word_names_the_class_named_after_it() -> None:
    pdl1 = ref("target/pd-l1", label="PD-L1")
    durva = ref("drug/fooumab", in_vocabulary=False)
    text = "We used fooumab (a novel programmed death ligand-1 inhibitor) in this trial."
    found = _classes((text, [("fooumab", durva), ("programmed death ligand-1", pdl1)]))
    assert found == {(durva.key, "PDL1Inhibitor", None)}
    # a target joined to another before the shared head names a joint class, neither one's own
    pd1 = ref("target/pd-1", label="PD-1")
    text = "PD-1/PD-L1 inhibitors such as fooumab were given."
    assert _classes((text, [("fooumab", durva), ("PD-1", pd1), ("PD-L1 inhibitors", ref("class/PDL1Inhibitor"))])) \
        == set()
    assert _classes(("PD-1 and PD-L1 antibodies such as fooumab were given.",
                     [("fooumab", durva), ("PD-1", pd1), ("PD-L1", pdl1)])) == set()


def test_drug_as_head_noun_like_agent() -> None:
    ifo = ref("drug/ifosfamide", "AlkylatingAgent")
    assert _classes(("Doxorubicin or the alkylating drug ifosfamide was given.", [("ifosfamide", ifo)])) == {
        (ifo.key, "AlkylatingAgent", None)}
    # the words never put a drug in a class the vocabulary does not give it
    other = ref("drug/fooumab", "MonoclonalAntibody")
    assert _classes(("Doxorubicin or the alkylating drug fooumab was given.", [("fooumab", other)])) == set()


@pytest.mark.slow
def test_corpus_inclusion_lists_and_appositions() -> None:
    found = {(s.drug.key, s.drug_class, s.evidence.quote[:30]) for s in drugs.extract(corpus_document("002"))
             if isinstance(s, DrugClassMembership)}
    for drug in ("anlotinib", "apatinib", "sunitinib"):
        assert (f"drug/{drug}", "AngiogenesisInhibitor", "The AIs included anlotinib, ap") in found
    for drug in ("sintilimab", "toripalimab", "camrelizumab", "pembrolizumab"):
        assert (f"drug/{drug}", "ImmuneCheckpointInhibitor", "The ICIs included sintilimab, ") in found
    # the patients "included" in the study are no class list
    assert not any("patients" in q.lower() and "included" in q for _, _, q in found)
    found = {(s.drug.key, s.drug_class, s.evidence.quote[:22]) for s in drugs.extract(corpus_document("004"))
             if isinstance(s, DrugClassMembership)}
    assert ("drug/pembrolizumab", "PD1Inhibitor", "The anti-PD1 inhibitor") in found
    assert ("drug/camrelizumab", "PD1Inhibitor", "Another anti-PD-1 inhi") in found
