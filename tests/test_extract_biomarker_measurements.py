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
