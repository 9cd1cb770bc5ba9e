"""Names found by shape: INN stems, code names, trials, gene symbols, fusions, subtypes."""

from __future__ import annotations

import pytest

from sarckg.extract.patterns import (
    INN_STEMS,
    drug_by_stem,
    drug_codes,
    fusions,
    genes,
    looks_like_surname,
    stem_classes,
    trials,
)


def keys(matches) -> dict[str, str]:
    return {m.entity.key: m.entity.label for m in matches}


def drugs(text: str) -> dict[str, tuple[str, ...]]:
    return {text[m.start:m.end]: m.entity.types for m in drug_by_stem(text)}


@pytest.mark.parametrize(("word", "expected"), [
    ("fianlimab", "ImmuneCheckpointInhibitor"),
    ("tocilizumab", "MonoclonalAntibody"),
    ("olaratumab", "MonoclonalAntibody"),
    ("benmelstobart", "MonoclonalAntibody"),
    ("olaparib", "PARPInhibitor"),
    ("zelparib", "PARPInhibitor"),
    ("temberciclib", "CDKInhibitor"),
    ("regorafenib", "TyrosineKinaseInhibitor"),
    ("davoratinib", "TyrosineKinaseInhibitor"),
    ("pazopanib", "AngiogenesisInhibitor"),
    ("copanlisib", "TargetedTherapy"),
    ("vismodegib", "TargetedTherapy"),
    ("bortezomib", "TargetedTherapy"),
    ("tazemetostat", "EZH2Inhibitor"),
    ("epacadostat", "TargetedTherapy"),
    ("indoximod", "IDOInhibitor"),
    ("aflibercept", "AngiogenesisInhibitor"),
    ("lifileucel", "CellTherapy"),
    ("remestemcel", "CellTherapy"),
    ("laherparepvec", "OncolyticVirus"),
    ("aldesleukin", "Cytokine"),
    ("tecemotide", "Vaccine"),
    ("olvarubicin", "Anthracycline"),
    ("irinotecan", "TopoisomeraseInhibitor"),
    ("oxaliplatin", "PlatinumCompound"),
    ("cabazitaxel", "MicrotubuleInhibitor"),
    ("eribulin", "MicrotubuleInhibitor"),
    ("bendamustine", "AlkylatingAgent"),
    ("palifosfamide", "AlkylatingAgent"),
    ("cyclophosphamide", "AlkylatingAgent"),
    ("fludarabine", "Antimetabolite"),
    ("pemetrexed", "Antimetabolite"),
    ("tebadodekin", "Cytokine"),  # IL-12 "-dodekin"
    ("pegdecakin", "Cytokine"),  # IL-10 "-decakin"
    ("oprelvekin", "Cytokine"),  # IL-11 "-elvekin"
    ("ostagenatucel", "Vaccine"),  # tumour cell vaccine "-tucel"
    ("galinpepimut", "Vaccine"),
    ("pegfilgrastim", "Cytokine"),  # G-CSF
    ("ropeginterferon", "Cytokine"),
    ("capivasertib", "TargetedTherapy"),
    ("tebentafusp", "Drug"),
    ("abatacept", "Drug"),
    ("pavurutug", "MonoclonalAntibody"),
])
def test_inn_stems_classify_as_far_as_the_stem_allows(word, expected):
    classes = stem_classes(word)
    assert classes is not None and expected in ("Drug", *classes)
    assert stem_classes(word.capitalize()) == classes


# Common English and biomedical words that end in a drug stem.
ENGLISH = ("thermostat", "rheostat", "hemostat", "cryostat", "statistic", "globulin", "immunoglobulin",
           "tubulin", "interleukin", "parcel", "cancel", "excel", "vector", "gene", "oncogene",
           "transgene", "peptide", "nucleotide", "treatment", "concept", "accept", "except",
           "intercept", "platinum", "platelet", "tinnitus", "Sabine", "combination", "examine",
           "determine", "cabin", "stable", "Bart", "migration", "tab", "crab", "slab", "kebab",
           "interferon", "percept", "precept", "Punjab", "tug")


@pytest.mark.parametrize("word", ENGLISH)
def test_english_words_are_not_drugs(word):
    assert stem_classes(word) is None
    assert drugs(f"Patients had {word} and {word.lower()}s in 2020.") == {}


def test_stems_need_letters_before_them():
    assert stem_classes("mab") is None
    assert stem_classes("abmab") is None
    assert stem_classes("vec") is None
    assert stem_classes("leucel") is None


def test_specific_stems_come_before_their_general_endings():
    order = [stem for stem, _ in INN_STEMS]
    for specific, general in (("limab", "mab"), ("rafenib", "anib"), ("metostat", "stat"),
                              ("ciclib", "lib")):
        if general in order:
            assert order.index(specific) < order.index(general)


def test_drugs_in_running_text():
    hits = drugs("Veltrolimab-based therapy plus davoratinib (Zelparib was not given).")
    assert set(hits) == {"Veltrolimab", "davoratinib", "Zelparib"}
    assert "ImmuneCheckpointInhibitor" in hits["Veltrolimab"]


def test_two_word_inns_are_one_drug():
    hits = drugs("farlotuzumab vedotin, talimogene laherparepvec and letetresgene autoleucel")
    assert hits["farlotuzumab vedotin"] == ("Drug", "MonoclonalAntibody", "AntibodyDrugConjugate")
    assert hits["talimogene laherparepvec"] == ("Drug", "OncolyticVirus")
    assert hits["letetresgene autoleucel"] == ("Drug", "CellTherapy")
    assert "vedotin" not in hits and "laherparepvec" not in hits


def test_two_word_inns_need_a_drug_first_word():
    assert drugs("the gene vector and the oncogene cassette") == {}
    assert "monomethyl auristatin" not in drugs("monomethyl auristatin vedotin")


def test_short_cell_therapy_names():
    assert drugs("lete-cel and afami-cel")["lete-cel"] == ("Drug", "CellTherapy")
    assert drugs("the parcel-cel") == {"parcel-cel": ("Drug", "CellTherapy")}  # shape only
    assert drugs("cancel the excel sheet") == {}


def test_code_names_near_drug_words_are_drugs():
    assert keys(drug_codes("the investigational agent KVR-2207 (a bispecific antibody)")) == {
        "drug/kvr-2207": "KVR-2207"}
    assert keys(drug_codes("TQB2450 1200 mg every 3 weeks")) == {"drug/tqb2450": "TQB2450"}


def test_code_names_without_drug_words_or_near_trial_words_are_not_drugs():
    assert list(drug_codes("The SARC028 trial enrolled 80 patients.")) == []
    assert list(drug_codes("Samples were stained for CD274 and CD137 antibody clones.")) == []
    assert list(drug_codes("In 2021, ABC-1234 was reported.")) == []
    assert list(drug_codes("NCT01234567 tested an inhibitor")) == []
    text = "In SARC028, 80 patients with many histologies received pembrolizumab 200 mg."
    assert list(drug_codes(text)) == []


def test_trials_by_nct_number_and_code_name():
    assert keys(trials("The SARC028 trial (NCT 02301039) enrolled 80 patients.")) == {
        "study/sarc028": "SARC028", "study/nct02301039": "NCT02301039"}
    assert keys(trials("Alliance A091401 was a randomized study.")) == {
        "study/alliance-a091401": "Alliance A091401"}


def test_trial_codes_need_a_trial_word_and_yield_to_drug_words():
    assert list(trials("SARC028 enrolled 80 patients.")) == []
    assert list(trials("A study of the agent KVR-2207 antibody in sarcoma.")) == []


def test_genes_marked_by_context():
    text = ("MDM2 amplification, TP53 mutations, loss of CDKN2A, SMARCB1-deficient tumours, "
            "ATRX-mutant cells and deletion of the RB1 gene")
    assert set(keys(genes(text))) == {"target/mdm2", "target/tp53", "target/cdkn2a",
                                      "target/smarcb1", "target/atrx", "target/rb1"}


def test_acronyms_that_are_not_genes():
    text = ("ORR expression, PFS loss, DNA mutations, TMB alterations, loss of PD and "
            "the MSI-deficient group; WHO, 2020")
    assert list(genes(text)) == []
    assert list(genes("mdm2 amplification and Loss of function")) == []


def test_fusions():
    text = ("an EWSR1-PATZ1 fusion, a PAX3/FOXO1 rearrangement, EWSR1::NFATC2 and "
            "SS18-SSX-positive tumours")
    assert set(keys(fusions(text))) == {"fusion/ewsr1-patz1", "fusion/pax3-foxo1",
                                        "fusion/ewsr1-nfatc2", "fusion/ss18-ssx"}


def test_fusion_names_need_a_fusion_word():
    assert list(fusions("PD-L1 expression and CDK4/6 inhibitors; HLA-A2 positive")) == []
    assert list(fusions("the anti-PD-1 antibody")) == []


def test_protein_changes_and_instrument_names_are_not_drug_codes():
    assert list(drug_codes("BRAF V600E inhibitors and EGFR T790M-directed agents")) == []
    assert list(drug_codes("sequenced on a HiSeq 2500 and analysed with SPSS 26 software")) == []


def test_protein_changes_and_cell_lines_are_neither_trials_nor_genes():
    assert list(trials("In this trial, the BRAF V600E mutation was common.")) == []
    assert list(trials("In this study, ABC-123 cells were treated with 10 uM drug.")) == []
    assert list(drug_codes("ABC-123 cell lines were treated with the inhibitor")) == []
    # the change is no gene; the symbol it follows is one
    assert set(keys(genes("The BRAF V600E mutation and IDH1 mutations"))) == {"target/braf", "target/idh1"}


@pytest.mark.parametrize("text", [
    "Results of a phase 2 trial. Ann Oncol (2023) 34:S1034.",
    "A randomised trial. J Clin Oncol 42 (Suppl 16): S1034, 2024.",
])
def test_journal_pages_are_no_trials(text: str) -> None:
    assert [m.entity.label for m in trials(text)] == []


def test_the_same_code_is_a_trial_where_the_text_says_so() -> None:
    assert [m.entity.label for m in trials("In the S1034 trial, 20 patients responded.")] == ["S1034"]


def test_glycoprotein_qualifiers_and_letter_suffixes_belong_to_the_name():
    hits = {m.entity.key: text for m, text in
            ((m, "nemvaleukin alfa, Tebadodekin alfa and galinpepimut-S; ostagenatucel-L."[m.start:m.end])
             for m in drug_by_stem("nemvaleukin alfa, Tebadodekin alfa and galinpepimut-S; ostagenatucel-L."))}
    assert hits == {"drug/nemvaleukin-alfa": "nemvaleukin alfa", "drug/tebadodekin-alfa": "Tebadodekin alfa",
                    "drug/galinpepimut-s": "galinpepimut-S", "drug/ostagenatucel-l": "ostagenatucel-L"}
    assert drugs("Veltrolimab-based therapy")["Veltrolimab"][0] == "Drug"  # a hyphenated use stays


@pytest.mark.parametrize("text", [
    "Kravec T, Nair P. Cancer-testis antigens in sarcoma. Sarcoma Res. 2022;14:211-219.",
    "Smolle MA, Brcic I, Bergovec M, et al. T-regulatory cells predict outcome.",
    "Jakovec D, Salamab O, Sarkovec R. Epithelioid hemangioendothelioma.",
    "Keiko Arashiro, Tomas Kravec, Ines Valdemarsson, Pradeep Nair",
    "Tomas Kravec, Ines Valdemarsson and Pradeep Nair",
    "Marta Lindqvist-Ochoa and Benedikt Hrastovec",
    "Slides were reviewed by Dr Lombart and Prof. Hubart.",
])
def test_surnames_that_end_in_a_stem_are_no_drugs(text):
    assert drugs(text) == {}


def test_drugs_in_title_case_are_not_taken_for_surnames():
    text = "Combined Temberciclib and Zelparib in Sarcoma"
    assert set(drugs(text)) == {"Temberciclib", "Zelparib"}
    assert not looks_like_surname("Zelparib T cells expanded", 0, 8)
    assert looks_like_surname("Zelparib T, Nair P.", 0, 8)


def test_a_conjugate_payload_alone_is_no_drug():
    assert drugs("Lung disease was the main toxicity of deruxtecan conjugates and vedotin payloads.") == {}
    assert set(drugs("sorutamab vedotin and nelitamab deruxtecan")) == {
        "sorutamab vedotin", "nelitamab deruxtecan"}


def test_staining_antibody_clones_are_no_drug_codes():
    assert list(drug_codes("PRAME expression was scored with the EPR20330 antibody.")) == []
    assert list(drug_codes("PD-L1 was stained with clone SP263 (antibody) on all samples.")) == []
    assert keys(drug_codes("the TEAD inhibitor KT-4410 was given")) == {"drug/kt-4410": "KT-4410"}


def test_a_fusion_inside_a_longer_hyphenated_token_is_not_guessed():
    assert list(fusions("often harbors the ASPS-CRI-TFE3 fusion")) == []
    assert keys(fusions("an EWSR1-CREB1 fusion and EWSR1-CREB1-rearranged sarcomas")) == {
        "fusion/ewsr1-creb1": "EWSR1-CREB1"}


def test_genes_named_as_what_a_drug_acts_on_or_what_a_tumour_expresses():
    text = ("Loss of B2M; the TEAD inhibitor and XPO1 antagonists; an anti-CDH11 antibody; "
            "PRAME-positive and WT1-directed; expression of CD34")
    assert set(keys(genes(text))) == {"target/b2m", "target/tead", "target/xpo1", "target/cdh11",
                                      "target/prame", "target/wt1", "target/cd34"}


def test_viruses_scores_and_therapy_abbreviations_are_no_genes():
    text = ("EBV-positive and HIV-negative tumours, HHV8-positive lesions, CT-negative nodes, "
            "CPS-positive cases, TKI inhibitors, CAR-directed cells, anti-PD-1, anti-LAG-3 and "
            "PD-L1-positive tumours")
    assert list(genes(text)) == []


def test_genes_named_with_a_protein_change():
    text = "TP53 R273H and KRAS G12D; IDH1 p.R132H; HLA A2, Table S1 V600E, stage T2N0 and ECOG 1"
    assert set(keys(genes(text))) == {"target/tp53", "target/kras", "target/idh1"}


def test_trials_by_other_registry_numbers():
    text = ("Registered at ChiCTR2000031234, ChiCTR-OIC-17013214, ISRCTN12345678, UMIN000012345, "
            "EudraCT No. 2015-001234-12 and NCT-02301039.")
    assert set(keys(trials(text))) == {
        "study/chictr2000031234", "study/chictr-oic-17013214", "study/isrctn12345678",
        "study/umin000012345", "study/eudract-2015-001234-12", "study/nct02301039"}
    assert list(trials("Approval 2015-001234-12 of the ethics board; ChiCTR guidelines")) == []


def test_a_stem_inside_a_longer_word_brand_unit_or_place_is_no_drug():
    text = ("Wounds were closed with Dermabond; MabThera and other mAbs were stocked in Punjab, India; "
            "TMB was 12 mut/Mb and doses were 2.4 mg/kg (Mabuchi et al., 2020).")
    assert drugs(text) == {}


def test_registry_numbers_have_one_spelling_for_every_stage() -> None:
    from sarckg.extract import patterns
    from sarckg.extract.study_phrases import NCT_RE

    # the study stage and the recognizer accept and refuse the same spellings
    for written, valid in (("NCT02301039", True), ("NCT 02301039", True), ("NCT-02301039", True),
                           ("NCT0230103", False), ("NCT023010391", False), ("NCT_02301039", False)):
        assert bool(NCT_RE.fullmatch(written)) is valid, written
        recognized = [m.entity.key for m in patterns.trials(f"the {written} trial")]
        assert recognized == (["study/nct02301039"] if valid else []), written
        if valid:
            assert patterns.nct_id(written) == "NCT02301039"


def test_a_code_a_trial_tests_is_a_drug_not_the_trial() -> None:
    text = "A pilot trial evaluated ZQX-512 in six heavily pretreated sarcoma patients."
    assert keys(drug_codes(text)) == {"drug/zqx-512": "ZQX-512"}
    assert list(trials(text)) == []
    assert keys(drug_codes("A phase 2 study testing the investigational ZQX-512 in sarcoma.")) == {
        "drug/zqx-512": "ZQX-512"}
    # the trial's own name stays the trial's, and so does a code naming the study's data
    assert keys(trials("The ZQX512 trial evaluated pembrolizumab.")) == {"study/zqx512": "ZQX512"}
    assert keys(trials("A later study evaluated SARC028 trial participants.")) == {"study/sarc028": "SARC028"}
    assert list(drug_codes("The study evaluated SARC028 data again.")) == []


def test_peptides_and_oncolytic_words_mark_drug_codes() -> None:
    assert keys(drug_codes("Oncolytic peptides, such as ZQX-512, offer a non-viral approach.")) == {
        "drug/zqx-512": "ZQX-512"}
    assert keys(drug_codes("the oncolytic virus ABV-1234 was injected")) == {"drug/abv-1234": "ABV-1234"}


def test_a_code_studied_in_patients_is_a_drug() -> None:
    text = "ARTEMIS-002: Phase 2 study of ZQX-512 in patients with relapsed or refractory osteosarcoma."
    assert keys(drug_codes(text)) == {"drug/zqx-512": "ZQX-512"}
    assert keys(trials(text)) == {"study/artemis-002": "ARTEMIS-002"}
    # "a study of" a named trial's data is no drug
    assert list(drug_codes("A study of SARC028 showed responses.")) == []
