"""Biomarker measurements that need the document: a cell population's phenotype and markers,
its name resolved from the sentence before ("These macrophages ...")."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from extract_helpers import annotated, assert_quotes_exact, corpus_document, doc_of, ref, subtype
from sarckg.extract.base import AnnotatedDocument
from sarckg.extract.biomarker_measurements import measurements, phenotypes
from sarckg.model import BiomarkerMeasurement

MACROPHAGE = ref("celltype/macrophage", "CellType", "ImmuneInfiltrateBiomarker", label="macrophage")
TAM = ref("celltype/tumor-associated-macrophage", "CellType", "ImmuneInfiltrateBiomarker",
          label="tumor-associated macrophage")
T_CELL = ref("celltype/t-cell", "CellType", label="T cell")
OSTEOSARCOMA = subtype("osteosarcoma")
ENTITIES = [("macrophages", MACROPHAGE), ("TAMs", TAM), ("T cells", T_CELL), ("osteosarcoma", OSTEOSARCOMA),
            ("CD206", ref("target/cd206", "Target", label="CD206")),
            ("ARG1", ref("target/arg1", "Target", label="ARG1"))]


def _document(*texts: str) -> AnnotatedDocument:
    """Consecutive sentences of one document (one section), each annotated with ENTITIES."""
    full = " ".join(texts)
    sentences, start = [], 0
    for i, text in enumerate(texts):
        a = annotated(text, ENTITIES, doc_text=full, start=start)
        sentences.append(replace(a, sentence=replace(a.sentence, index=i)))
        start += len(text) + 1
    return doc_of(*sentences)


def _found(doc: AnnotatedDocument) -> list[BiomarkerMeasurement]:
    return [m for s in doc.sentences for m in phenotypes(doc, s)]


def test_these_macrophages_are_the_kind_named_before_with_their_markers() -> None:
    first = "In osteosarcoma, TAMs outnumber T cells (4)."
    second = "These macrophages mostly adopt an M2-like phenotype, marked by high expression of CD206 and ARG1 (5)."
    (m,) = _found(_document(first, second))
    assert (m.biomarker, m.property, m.subtype, m.assay) == (TAM, "M2 phenotype", OSTEOSARCOMA, "CD206, ARG1")
    assert m.evidence.quote == f"{first} {second}" and m.evidence.antecedent_index == 0


def test_a_named_population_keeps_its_own_name() -> None:
    (m,) = _found(_document("In osteosarcoma, macrophages display an M1 phenotype."))
    assert (m.biomarker, m.property, m.subtype, m.assay) == (MACROPHAGE, "M1 phenotype", OSTEOSARCOMA, None)
    assert m.evidence.antecedent_index is None


@pytest.mark.parametrize(("text", "expected"), [
    ("In osteosarcoma, macrophages were counted.", []),  # no phenotype
    ("In osteosarcoma, macrophages can be reprogrammed towards an M1 phenotype.", []),  # not what they display
    ("These T cells display an exhausted phenotype.", [("T cell", "exhausted phenotype", None)]),  # not a TAM
])
def test_no_phenotype_or_no_antecedent(text: str, expected: list) -> None:
    found = _found(_document("TAMs are abundant.", text))
    assert [(m.biomarker.label, m.property, m.evidence.antecedent_index) for m in found] == expected


def test_these_macrophages_resolve_as_every_anaphor_does_to_the_subject_before() -> None:
    # TAMs only completed a verb in the sentence before: "these macrophages" stays macrophages
    first = "In osteosarcoma, trabectedin depleted TAMs (4)."
    second = "These macrophages mostly adopt an M2-like phenotype."
    (m,) = _found(_document(first, second))
    assert (m.biomarker, m.evidence.antecedent_index) == (MACROPHAGE, None)
    # nor does a demonstrative inside the sentence reach back
    (m,) = _found(_document("TAMs are abundant.", "In osteosarcoma, these macrophages display an M2 phenotype."))
    assert (m.biomarker, m.evidence.antecedent_index) == (MACROPHAGE, None)


def test_the_markers_follow_the_marked_by_words_the_expression_shapes_read() -> None:
    for text in ("In osteosarcoma, macrophages display an M2 phenotype, typified by CD206 and ARG1.",
                 "In osteosarcoma, macrophages display an M2 phenotype characterized by an abundant CD206 and ARG1."):
        (m,) = _found(_document(text))
        assert m.assay == "CD206, ARG1"


def test_corpus_tam_phenotype_from_the_sentence_before() -> None:
    doc = corpus_document("003")
    found = _found(doc)
    assert_quotes_exact(found)
    (tam,) = [m for m in found if m.biomarker.key == "celltype/tumor-associated-macrophage"]
    assert tam.property == "M2 phenotype" and tam.assay is not None and "CD163" in tam.assay
    assert tam.evidence.antecedent_index is not None


TMB = ref("biomarker/tumor-mutational-burden", "GenomicBiomarker", label="TMB")
PDL1 = ref("target/pd-l1", "Protein", "ExpressionBiomarker", label="PD-L1")


def _measures(text: str, entities: list) -> list[BiomarkerMeasurement]:
    return list(measurements(annotated(text, entities)))


@pytest.mark.parametrize(("text", "assay"), [
    ("The median TMB was 2.5 mutations/Mb.", None),
    ("TMB was a median of 2.5 mutations per megabase by whole exome sequencing.", "whole exome"),
    ("TMB was 2.5 mutations/Mb, and IHC showed PD-L1 was negative.", None),  # IHC is PD-L1's
])
def test_a_level_with_its_unit_and_no_comparator(text: str, assay: str | None) -> None:
    (m,) = [m for m in _measures(text, [("TMB", TMB), ("PD-L1", PDL1)]) if m.biomarker == TMB]
    assert (m.property, m.value, m.unit, m.comparator, m.assay) == ("level", Decimal("2.5"), "mutations/Mb", None, assay)


@pytest.mark.parametrize("text", ["TMB was 40% in this series.", "No tumour had a TMB of 10 mutations/Mb or more.",
                                  "TMB was not 10 mutations/Mb in any tumour.", "TMB was 10 mutations/Mb or higher in two."])
def test_no_level_from_a_share_a_negation_or_an_open_bound(text: str) -> None:
    assert "level" not in [m.property for m in _measures(text, [("TMB", TMB)])]


def test_a_cut_off_further_on_with_the_clone_as_the_assay() -> None:
    (m,) = _measures("PD-L1 was stained with the 22C3 antibody and was considered positive at a combined "
                     "positive score of at least 5.", [("PD-L1", PDL1)])
    assert (m.property, m.value, m.comparator, m.assay) == ("threshold", Decimal("5"), ">=", "22C3")


DMMR = ref("biomarker/mismatch-repair-deficiency", "GenomicBiomarker", label="dMMR")
IDO = ref("target/ido1", "Protein", "ExpressionBiomarker", label="IDO")
ENDOTHELIAL = ref("celltype/endothelial-cell", label="endothelial cell")
TUMOUR_CELL = ref("celltype/tumor-cell", label="tumor cell")
LPS = subtype("LPS")


def _facts(text: str, entities: list) -> list[tuple[object, ...]]:
    return sorted((m.biomarker.key, m.property, m.value, m.value_high, m.unit, m.subtype.key if m.subtype else None)
                  for m in _measures(text, entities))


@pytest.mark.parametrize("text", ["Loss of dMMR remains exceptionally rare (~1%) in LPS, limiting its use.",
                                  "dMMR is rare (1%) in LPS.", "dMMR was uncommon (approximately 1%) in LPS."])
def test_a_rarity_word_with_its_share_in_brackets_is_a_prevalence(text: str) -> None:
    assert _facts(text, [("dMMR", DMMR), ("LPS", LPS)]) == [
        (DMMR.key, "prevalence", Decimal("1"), None, "%", LPS.key)]


def test_a_rarity_word_needs_the_share_right_after_it() -> None:
    assert _facts("dMMR is rare in LPS (1% of all cancers are LPS).", [("dMMR", DMMR), ("LPS", LPS)]) == []
    assert _facts("dMMR is rare, and the ORR was 1% in LPS.", [("dMMR", DMMR), ("LPS", LPS)]) == []


def test_a_share_per_compartment() -> None:
    ents = [("IDO", IDO), ("endothelial cells", ENDOTHELIAL), ("tumor cells", TUMOUR_CELL), ("LPS", LPS)]
    text = "In 120 LPS samples, IDO was detected on endothelial cells in 23% and on tumor cells in 41%."
    assert _facts(text, ents) == [
        (IDO.key, "prevalence (endothelial cell)", Decimal("23"), None, "%", LPS.key),
        (IDO.key, "prevalence (tumor cell)", Decimal("41"), None, "%", LPS.key)]
    text = "IDO was expressed by tumor cells in 41% of LPS."
    assert _facts(text, ents) == [(IDO.key, "prevalence (tumor cell)", Decimal("41"), None, "%", LPS.key)]
    # a share of an outcome, or no share of the compartment, is no prevalence
    assert _facts("IDO was detected on tumor cells in 41% responders and in 20% ORR.", ents) == []
    assert _facts("IDO was detected on tumor cells, and the ORR was 41%.", ents) == []


def test_a_range_of_levels_in_the_biomarker_unit() -> None:
    text = "TMB was low in all patients in our cohort, ranging from 1.12–3.45 mutations/Mb."
    assert _facts(text, [("TMB", TMB)]) == [
        (TMB.key, "level", Decimal("1.12"), Decimal("3.45"), "mutations/Mb", None)]
    assert _facts("TMB ranged from 2 to 7 mutations per megabase.", [("TMB", TMB)]) == [
        (TMB.key, "level", Decimal("2"), Decimal("7"), "mutations/Mb", None)]
    # a range of times, of patients' survival or of another biomarker is not TMB's level
    assert _facts("TMB was measured in samples ranging from 3–5 months old.", [("TMB", TMB)]) == []
    assert _facts("TMB was low, with PFS ranging from 3–5 months.", [("TMB", TMB)]) == []
    assert TMB.key not in {f[0] for f in _facts("TMB was low, with PD-L1 ranging from 1–3 mutations/Mb.",
                                                [("TMB", TMB), ("PD-L1", PDL1)])}


@pytest.mark.slow
def test_corpus_rarity_compartments_and_range() -> None:
    found = [m for p in ("003", "004") for s in corpus_document(p).sentences for m in measurements(s)]
    assert_quotes_exact(found)
    facts = {(m.biomarker.key, m.property, m.value, m.value_high) for m in found}
    assert ("biomarker/mismatch-repair-deficiency", "prevalence", Decimal("1"), None) in facts
    assert {("target/ido1", "prevalence (endothelial cell)", Decimal("23"), None),
            ("target/ido1", "prevalence (tumor cell)", Decimal("41"), None)} <= facts
    assert ("biomarker/tumor-mutational-burden", "level", Decimal("1.12"), Decimal("3.45")) in facts
