"""Targets of cell therapies and vaccines: the antigen in the name, the restricting HLA allele."""

from __future__ import annotations

from extract_helpers import annotated, corpus_document, doc_of, ref
from sarckg.extract import cell_therapies, drugs
from sarckg.model import DrugClassMembership, DrugTarget

HER2 = ref("target/her2", label="HER2")
GD2 = ref("target/gd2", label="GD2")
HLA = ref("target/hla-a-02", label="HLA-A*02")
MAGEA4 = ref("target/mage-a4", label="MAGE-A4")
NEW_TCR = ref("drug/zelotresgene-autoleucel", "TCRTCellTherapy", in_vocabulary=False)
NEW_CAR = ref("drug/fictacabtagene", "CARTCellTherapy", in_vocabulary=False)
PD1_MAB = ref("drug/zelorimab", "PD1Inhibitor")


def _found(text: str, entities: list) -> set[tuple[str, str, str]]:
    out = set()
    for s in drugs.extract(doc_of(annotated(text, entities))):
        if isinstance(s, DrugTarget):
            out.add(("target", s.drug.key, s.target.key))
        elif isinstance(s, DrugClassMembership):
            out.add(("class", s.drug.key, s.drug_class))
    return out


def test_antigen_at_the_start_of_a_products_name() -> None:
    named = {"her2": HER2, "gd2": GD2}
    for surface, antigen in (("HER2 CAR-T cells", HER2), ("GD2-directed CAR T cells", GD2),
                             ("HER2-specific TCR T cells", HER2)):
        mention = annotated(f"We gave {surface}.", [(surface, NEW_CAR)]).mentions[0]
        assert cell_therapies.antigen_in_name(mention, named) == antigen
    plain = annotated("We gave fictacabtagene.", [("fictacabtagene", NEW_CAR)]).mentions[0]
    assert cell_therapies.antigen_in_name(plain, named) is None
    unknown = annotated("We gave XYZ9 CAR-T cells.", [("XYZ9 CAR-T cells", NEW_CAR)]).mentions[0]
    assert cell_therapies.antigen_in_name(unknown, named) is None
    # an antigen the document does not name is the vocabulary's one target of that name
    vocab = annotated("We gave GD2 CAR-T cells.", [("GD2 CAR-T cells", NEW_CAR)]).mentions[0]
    assert cell_therapies.antigen_in_name(vocab, {}).key == "target/gd2"


def test_hla_restriction_of_a_tcr_product_in_its_own_stretch() -> None:
    text = "Zelotresgene autoleucel, a TCR-T product targeting MAGE-A4 in HLA-A*02-positive patients, was given."
    entities = [("Zelotresgene autoleucel", NEW_TCR), ("MAGE-A4", MAGEA4), ("HLA-A*02", HLA)]
    assert {("target", NEW_TCR.key, MAGEA4.key), ("target", NEW_TCR.key, HLA.key)} <= _found(text, entities)
    restricted = "Zelotresgene autoleucel is HLA-A*02-restricted."
    assert ("target", NEW_TCR.key, HLA.key) in _found(restricted, entities)


def test_no_restriction_for_an_antibody_or_an_allele_merely_typed() -> None:
    text = "Zelorimab was given to HLA-A*02-positive patients."
    assert _found(text, [("Zelorimab", PD1_MAB), ("HLA-A*02", HLA)]) == set()
    text = "Zelotresgene autoleucel was given; HLA-A*02 typing was done."
    assert ("target", NEW_TCR.key, HLA.key) not in _found(text, [("Zelotresgene autoleucel", NEW_TCR),
                                                                  ("HLA-A*02", HLA)])
    # the allele belongs to the drug named just before it, not to an earlier one
    text = "Zelotresgene autoleucel and zelorimab in HLA-A*02-positive patients."
    assert ("target", NEW_TCR.key, HLA.key) not in _found(text, [("Zelotresgene autoleucel", NEW_TCR),
                                                                  ("zelorimab", PD1_MAB), ("HLA-A*02", HLA)])


def test_class_word_before_the_name_and_in_the_name() -> None:
    virus = ref("drug/fictivirepvec", "OncolyticVirus")
    assert ("class", virus.key, "OncolyticVirus") in _found(
        "A trial combining the oncolytic vaccinia virus fictivirepvec with cyclophosphamide.", [("fictivirepvec", virus)])
    # a description of another class says nothing
    assert _found("A trial combining the modified vaccinia virus fictivirepvec with cyclophosphamide.",
                  [("fictivirepvec", virus)]) == set()
    assert ("class", NEW_CAR.key, "CARTCellTherapy") in _found("HER2 CAR-T cells were infused.",
                                                               [("HER2 CAR-T cells", NEW_CAR)])


def test_corpus_cell_therapy_targets() -> None:
    found = {(s.drug.key, s.target.key) for s in drugs.extract(corpus_document("003")) if isinstance(s, DrugTarget)}
    assert {("drug/her2-car-t-cells", "target/her2"), ("drug/gd2-car-t-cells", "target/gd2"),
            ("drug/b7-h3-car-t-cells", "target/b7-h3"), ("drug/afamitresgene-autoleucel", "target/hla-a-02"),
            ("drug/afamitresgene-autoleucel", "target/mage-a4")} <= found


def test_a_modifier_before_the_name_is_not_a_class() -> None:
    vaccine = ref("drug/fictigenatucel", "Vaccine", "CellTherapy", in_vocabulary=False)
    found = _found("Another approach, the autologous tumour cell vaccine fictigenatucel, is being tested.",
                   [("fictigenatucel", vaccine)])
    assert ("class", vaccine.key, "CellTherapy") not in found


def test_restriction_through_the_class_the_description_names() -> None:
    new_cells = ref("drug/ostileucel", "CellTherapy", in_vocabulary=False)
    tcr = ref("class/TCRTCellTherapy")
    text = "Ostileucel, a PRAME-directed engineered T cell receptor therapy, in HLA-A*02:01-positive sarcomas."
    entities = [("Ostileucel", new_cells), ("T cell receptor therapy", tcr), ("HLA-A*02:01", HLA)]
    assert ("target", new_cells.key, HLA.key) in _found(text, entities)
    # a CAR-T product is not HLA-restricted
    car = ref("class/CARTCellTherapy")
    text = "Ostileucel, a CAR T cell therapy, in HLA-A*02:01-positive sarcomas."
    assert ("target", new_cells.key, HLA.key) not in _found(
        text, [("Ostileucel", new_cells), ("CAR T cell therapy", car), ("HLA-A*02:01", HLA)])


def test_a_head_noun_only_one_class_uses_names_it() -> None:
    adc = ref("drug/fictumab-vedotin", "AntibodyDrugConjugate", in_vocabulary=False)
    b7h3 = ref("target/b7-h3", label="B7-H3")
    found = _found("We highlight fictumab vedotin, an anti-B7-H3 conjugate, in early trials.",
                   [("fictumab vedotin", adc), ("B7-H3", b7h3)])
    assert {("class", adc.key, "AntibodyDrugConjugate"), ("target", adc.key, b7h3.key)} <= found
    # a head many classes share ("inhibitor", "treatment") names none of them
    tki = ref("drug/fictinib", "MultiTargetTKI", "AngiogenesisInhibitor")
    assert not {f for f in _found("Fictinib, a novel oral inhibitor, was given.", [("Fictinib", tki)])
                if f[0] == "class"}
    drug = ref("drug/fictinib", "Drug")
    assert _found("Fictinib, a new treatment, was given.", [("Fictinib", drug)]) == set()
