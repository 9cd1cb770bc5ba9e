"""Drug targets and drug classes from apposition, class words, lists and "targeting"."""

from __future__ import annotations

import pytest

from extract_helpers import (
    annotated,
    assert_entities_mentioned,
    assert_quotes_exact,
    corpus_document,
    corpus_document_by_id,
    doc_of,
    ref,
)
from sarckg.extract import drugs
from sarckg.extract.entities import default_lexicon
from sarckg.extract.lexicon import compact
from sarckg.model import DrugClassMembership, DrugTarget

PD1 = ref("target/pd-1", label="PD-1")
PDL1 = ref("target/pd-l1", label="PD-L1")
CTLA4 = ref("target/ctla-4", label="CTLA-4")


def _facts(text: str, entities: list) -> set[tuple[str, str, str]]:
    found = set()
    for s in drugs.extract(doc_of(annotated(text, entities))):
        assert s.evidence.quote == text and s.evidence.extractor == "drugs"
        if isinstance(s, DrugTarget):
            found.add(("target", s.drug.key, s.target.key))
        elif isinstance(s, DrugClassMembership):
            found.add(("class", s.drug.key, s.drug_class))
    return found


def test_apposition_with_anti_target() -> None:
    text = "We gave foolimab, a humanized anti-PD-1 antibody, and barlumab, an anti-CTLA-4 drug."
    # an anti-PD-1 antibody is also a PD-1 inhibitor, the class named after its target
    assert _facts(text, [("foolimab", ref("drug/foolimab")), ("barlumab", ref("drug/barlumab")),
                         ("PD-1", PD1), ("CTLA-4", CTLA4)]) == {
        ("target", "drug/foolimab", PD1.key), ("target", "drug/barlumab", CTLA4.key),
        ("class", "drug/foolimab", "PD1Inhibitor")}


def test_target_class_word_before_the_name() -> None:
    text = "Nivolumab plus the CTLA-4 inhibitor ipilimumab was active."
    assert _facts(text, [("Nivolumab", ref("drug/nivolumab")), ("ipilimumab", ref("drug/ipilimumab")),
                         ("CTLA-4", CTLA4)]) == {("target", "drug/ipilimumab", CTLA4.key),
                                                 ("class", "drug/ipilimumab", "CTLA4Inhibitor")}


def test_class_phrase_names_its_target_through_the_documents_mentions() -> None:
    first = annotated("PD-L1 was stained in all samples.", [("PD-L1", PDL1)])
    second = annotated("The PD-L1 inhibitor avelumab added little.",
                       [("PD-L1 inhibitor", ref("class/PDL1Inhibitor")), ("avelumab", ref("drug/avelumab"))])
    found = list(drugs.extract(doc_of(first, second)))
    assert {(s.kind, getattr(s, "target", None) or getattr(s, "drug_class", None)) for s in found} == {
        ("drug_target", PDL1), ("drug_class", "PDL1Inhibitor")}


def test_list_after_a_class_gives_one_membership_each() -> None:
    text = "PD-1 inhibitors such as sintilimab, camrelizumab and toripalimab were used."
    found = _facts(text, [("PD-1 inhibitors", ref("class/PD1Inhibitor"))] +
                   [(d, ref(f"drug/{d}")) for d in ("sintilimab", "camrelizumab", "toripalimab")])
    drugs_ = ("sintilimab", "camrelizumab", "toripalimab")
    # the class phrase names its target through the vocabulary: PD-1
    assert found == {("class", f"drug/{d}", "PD1Inhibitor") for d in drugs_} | {
        ("target", f"drug/{d}", "target/pd-1") for d in drugs_}


def test_apposition_and_copula_classes() -> None:
    assert _facts("Anlotinib is an oral multi-target tyrosine kinase inhibitor.",
                  [("Anlotinib", ref("drug/anlotinib")),
                   ("multi-target tyrosine kinase inhibitor", ref("class/MultiTargetTKI"))]) == {
        ("class", "drug/anlotinib", "MultiTargetTKI")}


def test_targeting_with_coordinated_targets() -> None:
    text = "Foo-cel is an engineered TCR therapy targeting NY-ESO-1 antigen and specific HLA-A*02 alleles."
    found = _facts(text, [("Foo-cel", ref("drug/foo-cel")), ("TCR therapy", ref("class/TCRTCellTherapy")),
                          ("NY-ESO-1", ref("target/ny-eso-1")), ("HLA-A*02", ref("target/hla-a-02"))])
    assert found == {("class", "drug/foo-cel", "TCRTCellTherapy"), ("target", "drug/foo-cel", "target/ny-eso-1"),
                     ("target", "drug/foo-cel", "target/hla-a-02")}


def test_combinations_after_a_class_are_not_members_of_it() -> None:
    text = "Patients received PD-1 inhibitors and angiogenesis inhibitors, including anlotinib+ sintilimab (n = 7)."
    found = _facts(text, [("angiogenesis inhibitors", ref("class/AngiogenesisInhibitor")),
                          ("PD-1 inhibitors", ref("class/PD1Inhibitor")),
                          ("anlotinib+", ref("drug/anlotinib")), ("sintilimab", ref("drug/sintilimab"))])
    assert ("class", "drug/sintilimab", "AngiogenesisInhibitor") not in found


def test_a_list_of_therapies_is_not_an_apposition() -> None:
    text = "Patients received anti-PD-1 therapy, apatinib, and radiotherapy."
    assert _facts(text, [("PD-1", PD1), ("apatinib", ref("drug/apatinib"))]) == set()


def test_stem_class_only_when_the_sentence_names_it() -> None:
    stem_drug = ref("drug/zorbanib", "TyrosineKinaseInhibitor", "TargetedTherapy", in_vocabulary=False)
    with_class = _facts("Several TKIs were tried, and zorbanib was well tolerated.",
                        [("TKIs", ref("class/TyrosineKinaseInhibitor")), ("zorbanib", stem_drug)])
    assert with_class == {("class", "drug/zorbanib", "TyrosineKinaseInhibitor")}
    assert _facts("Zorbanib was well tolerated.", [("Zorbanib", stem_drug)]) == set()


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_real_targets_and_classes() -> None:
    found = [*drugs.extract(corpus_document("002")), *drugs.extract(corpus_document("003"))]
    assert_quotes_exact(found)
    facts = {(s.kind, s.drug.key, s.target.key if isinstance(s, DrugTarget) else s.drug_class) for s in found}
    assert ("drug_target", "drug/durvalumab", "target/pd-l1") in facts
    assert ("drug_target", "drug/tremelimumab", "target/ctla-4") in facts
    assert ("drug_target", "drug/epacadostat", "target/ido1") in facts
    assert ("drug_target", "drug/letetresgene-autoleucel", "target/ny-eso-1") in facts
    assert ("drug_class", "drug/anlotinib", "MultiTargetTKI") in facts
    assert ("drug_class", "drug/talimogene-laherparepvec", "OncolyticVirus") in facts
    for s in found:
        named_by_class = isinstance(s, DrugTarget) and _target_of_a_class_phrase(s)
        assert_entities_mentioned(s, "drug", *(("target",) if isinstance(s, DrugTarget) and not named_by_class else ()))


def _target_of_a_class_phrase(statement: DrugTarget) -> bool:
    """The target is named inside a class phrase of the quoted sentence ("a programmed death
    ligand-1 inhibitor" names PD-L1)."""
    doc = corpus_document_by_id(statement.evidence.doc_id)
    (sentence,) = [a for a in doc.sentences if a.sentence.index == statement.evidence.sentence_index]
    lexicon = default_lexicon()
    names = {name.lower() for index in (lexicon.folded, lexicon.exact) for name, found in index.items()
             if any(e.key == statement.target.key for e in found)}
    return any(name in compact(m.text) for m in sentence.mentions if m.entity.category == "DrugClass"
               for name in names)


def test_description_with_a_class_modifier_but_another_head_noun() -> None:
    virus = ref("drug/xy7", "OncolyticVirus")
    text = "XY7 is an oncolytic HSV-2 expressing GM-CSF."
    assert _facts(text, [("XY7", virus)]) == {("class", virus.key, "OncolyticVirus")}
    # the same words never put a drug in a class the vocabulary does not give it
    other = ref("drug/xy8", "MonoclonalAntibody")
    assert _facts("XY8 is an oncolytic HSV-2 expressing GM-CSF.", [("XY8", other)]) == set()


def test_slash_joined_targets_share_the_class_word() -> None:
    met, vegfr2 = ref("target/met", label="MET"), ref("target/vegfr2", label="VEGFR2")
    drug = ref("drug/fooatinib")
    text = "Fooatinib, a MET/VEGFR2 inhibitor, was tested."
    assert _facts(text, [("Fooatinib", drug), ("MET", met), ("VEGFR2", vegfr2)]) == {
        ("target", drug.key, met.key), ("target", drug.key, vegfr2.key)}
    # a target listed before with a comma is its own phrase, not a target of this inhibitor
    text = "Fooatinib lowered MET, and a VEGFR2 inhibitor was added."
    assert ("target", drug.key, met.key) not in _facts(
        text, [("Fooatinib", drug), ("MET", met), ("VEGFR2", vegfr2)])


def test_inhibitor_of_and_binding_verbs_name_targets() -> None:
    vegfr, pdgfr = ref("target/vegfr", label="VEGFR"), ref("target/pdgfr", label="PDGFR")
    drug = ref("drug/fooatinib")
    text = "Fooatinib, an inhibitor of VEGFR and PDGFR, was approved."
    assert _facts(text, [("Fooatinib", drug), ("VEGFR", vegfr), ("PDGFR", pdgfr)]) == {
        ("target", drug.key, vegfr.key), ("target", drug.key, pdgfr.key)}
    mab = ref("drug/barolimab")
    text = "Barolimab is a humanized antibody that selectively binds PD-1."
    assert _facts(text, [("Barolimab", mab), ("PD-1", PD1)]) == {("target", mab.key, PD1.key)}
    # a negated binding names no target
    assert _facts("Barolimab does not bind PD-1.", [("Barolimab", mab), ("PD-1", PD1)]) == set()


def test_plural_class_phrases_name_every_coordinated_drug() -> None:
    pd1i = ref("class/PD1Inhibitor")
    a, b = ref("drug/foolimab"), ref("drug/barolimab")
    entities = [("PD-1 inhibitors", pd1i), ("foolimab", a), ("barolimab", b)]
    expected = {("class", a.key, "PD1Inhibitor"), ("class", b.key, "PD1Inhibitor")}
    assert {f for f in _facts("Foolimab and barolimab are PD-1 inhibitors.", [
        ("PD-1 inhibitors", pd1i), ("Foolimab", a), ("barolimab", b)]) if f[0] == "class"} == expected
    assert {f for f in _facts("The PD-1 inhibitors foolimab and barolimab were used.", entities)
            if f[0] == "class"} == expected
    # a combination is not a list, and a singular class names one drug
    assert {f for f in _facts("The PD-1 inhibitors foolimab + barolimab were used.", entities)
            if f[0] == "class"} == {("class", a.key, "PD1Inhibitor")}
    one = [("PD-1 inhibitor", pd1i), ("foolimab", a), ("barolimab", b)]
    assert {f for f in _facts("The PD-1 inhibitor foolimab and barolimab were used.", one)
            if f[0] == "class"} == {("class", a.key, "PD1Inhibitor")}
    tkis = ref("class/MultiTargetTKI")
    x, y = ref("drug/fooatinib"), ref("drug/baratinib")
    text = "Fooatinib and baratinib, both anti-angiogenic TKIs, were given."
    assert {f for f in _facts(text, [("anti-angiogenic TKIs", tkis), ("Fooatinib", x), ("baratinib", y)])
            if f[0] == "class"} == {("class", x.key, "MultiTargetTKI"), ("class", y.key, "MultiTargetTKI")}


# --------------------------------------------------------------------------- respective coordination

IPI = ref("drug/ipilimumab", "CTLA4Inhibitor")  # the vocabulary knows it targets CTLA-4
NIVO = ref("drug/nivolumab", "PD1Inhibitor")  # ... and PD-1
ZELO = ref("drug/zelorimab", in_vocabulary=False)
FICTI = ref("drug/fictimab", in_vocabulary=False)
LAG3 = ref("target/lag-3", label="LAG-3")


def _targets(text: str, entities: list) -> set[tuple[str, str]]:
    return {(d.entity.key, t.key) for d, t in drugs.respective_targets(annotated(text, entities), {})}


def test_coordinated_drugs_take_coordinated_targets_in_order() -> None:
    text = "A trial of ipilimumab and nivolumab in angiosarcoma: a substudy of dual anti-CTLA-4 and anti-PD-1 blockade."
    assert _targets(text, [("ipilimumab", IPI), ("nivolumab", NIVO), ("CTLA-4", CTLA4), ("PD-1", PD1)]) == {
        (IPI.key, CTLA4.key), (NIVO.key, PD1.key)}
    # an unknown partner is paired when the vocabulary confirms the other pair
    text = "ipilimumab and zelorimab were given as combined anti-CTLA-4 and anti-PD-1 therapy."
    assert _targets(text, [("ipilimumab", IPI), ("zelorimab", ZELO), ("CTLA-4", CTLA4), ("PD-1", PD1)]) == {
        (IPI.key, CTLA4.key), (ZELO.key, PD1.key)}
    # and the whole extractor states them with the sentence as evidence
    assert ("target", ZELO.key, PD1.key) in _facts(
        text, [("ipilimumab", IPI), ("zelorimab", ZELO), ("CTLA-4", CTLA4), ("PD-1", PD1)])


def test_respectively_pairs_unknown_drugs() -> None:
    text = "zelorimab and fictimab are anti-LAG-3 and anti-PD-1 antibodies, respectively."
    assert _targets(text, [("zelorimab", ZELO), ("fictimab", FICTI), ("LAG-3", LAG3), ("PD-1", PD1)]) == {
        (ZELO.key, LAG3.key), (FICTI.key, PD1.key)}


def test_no_pairing_against_the_vocabulary_without_a_cue_or_with_other_counts() -> None:
    entities = [("ipilimumab", IPI), ("nivolumab", NIVO), ("zelorimab", ZELO), ("CTLA-4", CTLA4), ("PD-1", PD1)]
    # the order contradicts what the vocabulary knows
    assert _targets("nivolumab and ipilimumab: dual anti-CTLA-4 and anti-PD-1 blockade.", entities) == set()
    # no cue that the phrases are the drugs' own
    assert _targets("zelorimab and nivolumab were compared with anti-CTLA-4 and anti-PD-1 drugs.", entities) == set()
    # three drugs, two target phrases
    assert _targets("ipilimumab, nivolumab and zelorimab: dual anti-CTLA-4 and anti-PD-1 blockade.",
                    entities) == set()
    # two unknown drugs in order, without "respectively", are not guessed
    assert _targets("zelorimab and fictimab: dual anti-CTLA-4 and anti-PD-1 blockade.",
                    [("zelorimab", ZELO), ("fictimab", FICTI), ("CTLA-4", CTLA4), ("PD-1", PD1)]) == set()


def test_corpus_reference_entry_with_dual_blockade() -> None:
    found = {(s.drug.key, s.target.key) for s in drugs.extract(corpus_document("001")) if isinstance(s, DrugTarget)
             and "dual anti-CTLA-4 and anti-PD-1" in s.evidence.quote}
    assert found == {("drug/ipilimumab", "target/ctla-4"), ("drug/nivolumab", "target/pd-1")}


def test_crossed_targets_of_a_bispecific() -> None:
    bsab = ref("class/BispecificAntibody")
    zelo = ref("drug/zelomig", in_vocabulary=False)
    text = "The agent zelomig (a LAG-3 x PD-L1 bispecific antibody) was tested."
    entities = [("zelomig", zelo), ("LAG-3", LAG3), ("PD-L1", PDL1), ("bispecific antibody", bsab)]
    assert {("target", zelo.key, LAG3.key), ("target", zelo.key, PDL1.key),
            ("class", zelo.key, "BispecificAntibody")} == _facts(text, entities)
    # "anti-PD-1" before "x" is a target of the bispecific, not a class of the drug
    text = "Patients received the anti-PD-1 x CTLA-4 bispecific antibody zelomig."
    found = _facts(text, [("anti-PD-1", ref("class/PD1Inhibitor")), ("CTLA-4", CTLA4),
                          ("bispecific antibody", bsab), ("zelomig", zelo)])
    assert found == {("target", zelo.key, PD1.key), ("target", zelo.key, CTLA4.key),
                     ("class", zelo.key, "BispecificAntibody")}
    # targets merely listed before a class phrase are not crossed
    text = "LAG-3 and PD-L1 were stained; the bispecific antibody zelomig was given."
    assert not {f for f in _facts(text, entities) if f[0] == "target"}
