"""Drug classes from a combination of classes and the regimens listed after it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract_helpers import annotated, corpus_document, doc_of, ref
from sarckg.extract import drug_combinations, drugs
from sarckg.extract.base import AnnotatedDocument
from sarckg.model import DrugClassMembership

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


# --------------------------------------------------------------------------- across sentences


def _numbered(*sentences: tuple[str, list]) -> AnnotatedDocument:
    """A document of consecutive sentences (indices 0, 1, ...) over one text."""
    full = " ".join(text for text, _ in sentences)
    built, at = [], 0
    for i, (text, entities) in enumerate(sentences):
        s = annotated(text, entities, doc_text=full, start=at)
        built.append(replace(s, sentence=replace(s.sentence, index=i)))
        at += len(text) + 1
    return doc_of(*built)


SINTI = ref("drug/sintilimab")
CAMRE = ref("drug/camrelizumab")


def test_these_combinations_restate_the_combination_of_the_sentence_before() -> None:
    doc = _numbered(
        ("Twelve received a combination of PD-1 inhibitors and antiangiogenic agents.",
         [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI)]),
        ("These combinations included fooatinib + sintilimab (n=6), and fooatinib + camrelizumab (n=3).",
         [("fooatinib", TKI_DRUG), ("sintilimab", SINTI), ("camrelizumab", CAMRE)]))
    found = [s for s in drugs.extract(doc) if isinstance(s, DrugClassMembership)]
    assert {(s.drug.key, s.drug_class) for s in found} == {
        (TKI_DRUG.key, "AngiogenesisInhibitor"), (SINTI.key, "PD1Inhibitor"), (CAMRE.key, "PD1Inhibitor")}
    for s in found:  # the quote runs over both sentences
        assert s.evidence.antecedent_index == 0 and s.evidence.quote == doc.document.text


def test_no_restating_anaphor_or_no_combination_before_gives_nothing() -> None:
    second = ("Other drugs included fooatinib + sintilimab (n=6).", [("fooatinib", TKI_DRUG), ("sintilimab", SINTI)])
    doc = _numbered(("Twelve received a combination of PD-1 inhibitors and antiangiogenic agents.",
                     [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI)]), second)
    assert not [s for s in drugs.extract(doc) if s.drug == SINTI]
    doc = _numbered(("Twelve received PD-1 inhibitors and antiangiogenic agents.",
                     [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI)]),
                    ("These combinations included fooatinib + sintilimab (n=6).", second[1]))
    assert not [s for s in drugs.extract(doc) if s.drug == SINTI]


# --------------------------------------------------------------------------- list-mates

ZELO = ref("drug/zelorimab", "MonoclonalAntibody", "ImmuneCheckpointInhibitor", in_vocabulary=False)
PLAIN_MAB = ref("drug/quxomab", "MonoclonalAntibody", in_vocabulary=False)
IPI = ref("drug/ipilimumab", "CTLA4Inhibitor", "MonoclonalAntibody")
TORI = ref("drug/toripalimab", "PD1Inhibitor", "MonoclonalAntibody")


def _list_doc(listing: str, extra: list) -> set[tuple[str, str]]:
    doc = _numbered(
        ("Twelve received a combination of PD-1 inhibitors and antiangiogenic agents.",
         [("PD-1 inhibitors", PD1I), ("antiangiogenic agents", AI)]),
        ("These combinations included fooatinib + sintilimab (n=6), and fooatinib + camrelizumab (n=3).",
         [("fooatinib", TKI_DRUG), ("sintilimab", SINTI), ("camrelizumab", CAMRE)]),
        (listing, [("sintilimab", SINTI), ("camrelizumab", CAMRE), *extra]))
    return {(s.drug.key, s.drug_class) for s in drugs.extract(doc)
            if isinstance(s, DrugClassMembership) and s.evidence.sentence_index == 2}


def test_a_listed_drug_takes_the_one_class_of_its_classed_list_mates() -> None:
    found = _list_doc("Immunotherapy, including sintilimab, camrelizumab, toripalimab, and zelorimab, was given.",
                      [("toripalimab", TORI), ("zelorimab", ZELO)])
    # toripalimab: the vocabulary's class, stated by the list; zelorimab: "-limab" names no
    # checkpoint, so its list-mates' PD-1 class is not guessed for it
    assert found == {(TORI.key, "PD1Inhibitor")}


def test_a_list_mate_whose_known_class_disagrees_or_is_unknown_gets_nothing() -> None:
    found = _list_doc("Immunotherapy, including sintilimab, camrelizumab, ipilimumab, and quxomab, was given.",
                      [("ipilimumab", IPI), ("quxomab", PLAIN_MAB)])
    assert found == set()  # ipilimumab is a CTLA-4 inhibitor; a plain "-mab" is no checkpoint antibody


def test_one_classed_list_mate_is_not_enough() -> None:
    doc = _numbered(("The PD-1 inhibitor sintilimab was given.", [("PD-1 inhibitor", PD1I), ("sintilimab", SINTI)]),
                    ("Immunotherapy, including sintilimab and zelorimab, was given.",
                     [("sintilimab", SINTI), ("zelorimab", ZELO)]))
    assert not [s for s in drugs.extract(doc) if s.drug == ZELO]


def test_corpus_list_mates_and_restated_combinations() -> None:
    found = {(s.drug.key, s.drug_class, s.evidence.antecedent_index is not None)
             for s in drugs.extract(corpus_document("001")) if isinstance(s, DrugClassMembership)}
    assert {("drug/camrelizumab", "PD1Inhibitor", True), ("drug/sintilimab", "PD1Inhibitor", True),
            ("drug/toripalimab", "PD1Inhibitor", False), ("drug/geptanolimab", "PD1Inhibitor", False)} <= found
    assert not {(d, c) for d, c, _ in found if d in ("drug/toripalimab", "drug/geptanolimab")} - {
        ("drug/toripalimab", "PD1Inhibitor"), ("drug/geptanolimab", "PD1Inhibitor")}


# --------------------------------------------------------------------------- descriptions

COLTA = ref("drug/coltabart", "MonoclonalAntibody", in_vocabulary=False)  # new to the vocabulary
PELME = ref("drug/pelmetinib", "TyrosineKinaseInhibitor", in_vocabulary=False)
RILVO = ref("drug/rilvomig", "MonoclonalAntibody", "BispecificAntibody", in_vocabulary=False)
PEMBRO = ref("drug/pembrolizumab", "MonoclonalAntibody", "PD1Inhibitor")
BSAB = ref("class/BispecificAntibody", label="bispecific antibody")
ICI = ref("class/ImmuneCheckpointInhibitor", label="immune checkpoint inhibitor")
CHEMO = ref("class/CytotoxicChemotherapy", label="chemotherapy")
DESCRIPTION_ENTITIES = [("anti-PD-1 antibody", PD1I), ("anti-PD-1", PD1I), ("PD-1 inhibitors", PD1I),
                        ("PD-1 inhibitor", PD1I), ("bispecific antibody", BSAB), ("VEGFR inhibitor", AI),
                        ("anti-angiogenic agents", AI), ("immune checkpoint inhibitor", ICI),
                        ("chemotherapy", CHEMO), ("coltabart", COLTA), ("pelmetinib", PELME),
                        ("rilvomig", RILVO), ("pembrolizumab", PEMBRO)]


def _agents(text: str) -> list[str]:
    sentence = annotated(text, [*DESCRIPTION_ENTITIES, *((w.capitalize(), e) for w, e in DESCRIPTION_ENTITIES)])
    return [m.text for m in drug_combinations.without_descriptions(text, sentence.mentions)
            if m.entity.category in ("Drug", "DrugClass")]


@pytest.mark.parametrize(("text", "agents"), [
    # the class names what the drug is: one component
    ("Pelmetinib was combined with the anti-PD-1 antibody coltabart in a phase 2 trial.",
     ["pelmetinib", "coltabart"]),
    ("Patients were treated with the anti-PD-1 x CTLA-4 bispecific antibody rilvomig.", ["rilvomig"]),
    ("Coltabart, an anti-PD-1 antibody, was given every three weeks.", ["Coltabart"]),
    ("Coltabart, a novel humanized anti-PD-1 monoclonal antibody that blocks PD-1, was given.", ["Coltabart"]),
    ("Coltabart (a PD-1 inhibitor) plus pelmetinib was given.", ["Coltabart", "pelmetinib"]),
    ("A PD-1 inhibitor (coltabart) was given with pelmetinib.", ["coltabart", "pelmetinib"]),
    ("The immune checkpoint inhibitor pembrolizumab was given.", ["pembrolizumab"]),  # a class above its own
    # the class is a partner: two components
    ("Patients received pembrolizumab plus a VEGFR inhibitor.", ["pembrolizumab", "VEGFR inhibitor"]),
    ("PD-1 inhibitors + anti-angiogenic agents were given.", ["PD-1 inhibitors", "anti-angiogenic agents"]),
    ("Chemotherapy and the anti-PD-1 antibody coltabart were given.", ["chemotherapy", "coltabart"]),
    ("Pembrolizumab (n = 5) and chemotherapy were given.", ["Pembrolizumab", "chemotherapy"]),
    ("Coltabart, chemotherapy and pelmetinib were given.", ["Coltabart", "chemotherapy", "pelmetinib"]),
    # a known drug the vocabulary puts in another class is not described by it
    ("Pembrolizumab, a VEGFR inhibitor, and chemotherapy were given.",
     ["Pembrolizumab", "VEGFR inhibitor", "chemotherapy"]),
])
def test_a_class_describing_the_drug_beside_it_is_no_second_agent(text: str, agents: list[str]) -> None:
    assert [a.lower() for a in _agents(text)] == [a.lower() for a in agents]


def test_corpus_appositive_classes_describe_their_drugs() -> None:
    doc = corpus_document("003")
    seen = {}
    for s in doc.sentences:
        if s.text.startswith(("Toripalimab, a high-affinity", "A combination of nivolumab and CTLA-4 inhibitor")):
            named = s.of_category("Drug", "DrugClass")
            seen[s.text[:10]] = [m.entity.key for m in drug_combinations.without_descriptions(s.text, named)]
    assert seen == {"Toripalima": ["drug/toripalimab"],
                    "A combinat": ["drug/nivolumab", "drug/ipilimumab"]}


def test_descriptions_drop_only_classes_and_keep_the_order() -> None:
    text = "the anti-PD-1 antibody coltabart (a PD-1 inhibitor), pembrolizumab, chemotherapy and rilvomig"
    sentence = annotated(text, DESCRIPTION_ENTITIES)
    kept = drug_combinations.without_descriptions(text, list(reversed(sentence.mentions)))
    assert [m.text for m in kept] == ["coltabart", "pembrolizumab", "chemotherapy", "rilvomig"]
    assert drug_combinations.without_descriptions(text, []) == []


def test_one_class_table_gives_names_ancestors_and_the_lexicons_class_entries() -> None:
    from sarckg.extract import class_words
    from sarckg.extract.entities import default_lexicon

    table = class_words.drug_classes()
    pd1 = table["PD1Inhibitor"]
    assert pd1.names[0] == pd1.label and "ImmuneCheckpointInhibitor" in pd1.superclasses
    assert drug_combinations.ancestors(("PD1Inhibitor",)) == {"PD1Inhibitor", *pd1.superclasses}
    assert drug_combinations.ancestors(("NoSuchClass",)) == {"NoSuchClass"}
    # every class but skg:Drug itself is a class the matcher finds under each of its names
    lexicon = default_lexicon()
    for local, cls in table.items():
        found = {e.key for name in cls.names for e in lexicon.lookup(name) if e.category == "DrugClass"}
        assert (f"class/{local}" in found) is (local != "Drug"), local
