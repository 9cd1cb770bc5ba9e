"""Case-report patient facts: only in case reports or case sections, one patient per case."""

from __future__ import annotations

from decimal import Decimal

from tests.test_extract_outcomes import (
    LEXICON,
    PEMBRO,
    assert_quotes_exact,
    corpus_doc,
    make_doc,
    ref,
)

from sarckg.extract import patients
from sarckg.model import PatientObservation

US = ref("SarcomaSubtype", "undifferentiated sarcoma")
DESMIN = ref("Target", "desmin")
WORDS = {**LEXICON, "undifferentiated sarcoma": US, "desmin": DESMIN}

CASE = [
    ("In February 2019, a 62-year-old male patient presented with altered bowel habits.", "body", "Case report"),
    ("The patient received external beam radiotherapy at 50 Gy in 25 fractions.", "body", "Case report"),
    ("Final pathology revealed well-differentiated rectal adenocarcinoma.", "body", "Case report"),
    ("Immunohistochemistry revealed CK(-), desmin(-) and Ki67(+40%), supporting the diagnosis of "
     "undifferentiated sarcoma.", "body", "Case report"),
    ("The tumour was positive for vimentin, negative for S100 and SOX10.", "body", "Case report"),
    ("The new tumor emerged >5 years following the completion of radiotherapy.", "body", "Case report"),
    ("At follow-up, the patient had an ECOG performance status of 3, indicating progressive disease.",
     "body", "Case report"),
    ("Radiation-induced sarcoma is typically diagnosed 3-5 years after radiotherapy.", "body", "Discussion"),
]


def observed(doc_texts: list, design: str | None) -> dict[tuple[str, str], PatientObservation]:  # type: ignore[type-arg]
    doc = make_doc(doc_texts, WORDS, design=design)
    return {(o.attribute, o.value): o for o in patients.extract(doc)}


def test_case_report_facts() -> None:
    found = observed(CASE, "case report")
    assert found[("age", "62-year-old")].number == Decimal(62)
    assert ("sex", "male") in found
    dose = found[("radiation dose", "50 Gy")]
    assert (dose.number, dose.unit) == (Decimal(50), "Gy")
    assert ("primary cancer", "well-differentiated rectal adenocarcinoma") in found
    assert found[("diagnosis", "undifferentiated sarcoma")].related == US
    assert found[("IHC desmin", "negative")].related == DESMIN
    assert found[("IHC Ki67", "positive (40%)")].number == Decimal(40)
    assert ("IHC vimentin", "positive") in found and ("IHC SOX10", "negative") in found
    assert found[("latency", ">5 years")].number == Decimal(5)
    assert found[("ECOG performance status", "3")].number == Decimal(3)
    assert ("outcome", "progressive disease") in found
    assert {o.patient.key for o in found.values()} == {"patient/doc-1-case-1"}
    assert all(o.study is not None and o.study.key == "study/doc-1" for o in found.values())
    assert not any(o.evidence.section == "Discussion" for o in found.values())


def test_cohort_paper_reads_only_its_case_section_with_one_patient_per_case() -> None:
    texts = [
        "The median age was 46.5 years and 42 patients were male.",
        ("A patient with UPS of the thigh received pembrolizumab.", "body", "Some typical cases"),
        ("After 15 months the metastatic lesions shrunk and the patient remained stable.", "body", "Some typical cases"),
        ("A patient with a malignant peripheral nerve sheath tumor died.", "body", "Some typical cases"),
    ]
    found = list(patients.extract(make_doc(texts, WORDS, design="retrospective")))
    assert {o.patient.key for o in found} == {"patient/doc-1-case-1", "patient/doc-1-case-2"}
    treatment = next(o for o in found if o.attribute == "treatment")
    assert treatment.related == PEMBRO and treatment.patient.key.endswith("case-1")
    assert {(o.patient.label, o.value) for o in found if o.attribute == "outcome"} == {
        ("case 1", "remained stable"), ("case 2", "died")}
    assert not any(o.evidence.sentence_index == 0 for o in found)


def test_nothing_outside_cases() -> None:
    texts = ["Patients who received PD-1 inhibitors had a median age of 56 years.",
             "The patient population had ECOG performance status of 0 or 1."]
    assert list(patients.extract(make_doc(texts, WORDS, design="retrospective"))) == []


def test_corpus_case_report_and_case_sections() -> None:
    doc = corpus_doc("000")
    found = list(patients.extract(doc))
    assert_quotes_exact(doc, found)
    facts = {(o.attribute, o.value) for o in found}
    assert {("age", "62-year-old"), ("sex", "male"), ("radiation dose", "50 Gy"), ("latency", ">5 years"),
            ("IHC desmin", "negative")} <= facts
    assert {o.patient.key for o in found} == {f"patient/{doc.document.doc_id}-case-1"}
    assert not any(o.evidence.section.lower().startswith(("introduction", "discussion")) for o in found)
    cohort = list(patients.extract(corpus_doc("001")))
    assert cohort and all("case" in o.evidence.section.lower() for o in cohort)
    assert list(patients.extract(corpus_doc("003"))) == []


CDK4 = ref("Biomarker", "CDK4 amplification")


def test_a_coded_patient_carrying_a_biomarker_is_observed_with_it() -> None:
    texts = [
        "Among the sequenced tumours, 1 patient (RB2) carried a CDK4 amplification and progressed.",
        "Patient TQ1 harboured CDK4 amplification.",
        "Patient TQ4 did not carry CDK4 amplification.",  # no carrying verb right after the code
        "The patient (RB2) received pembrolizumab.",  # no biomarker
        "Two patients (UPS) had CDK4 amplification.",  # a subtype, not a patient code
    ]
    found = list(patients.extract(make_doc(texts, {**WORDS, "CDK4 amplification": CDK4, "UPS": ref("SarcomaSubtype", "UPS")}, design="retrospective")))
    assert {(o.patient.key, o.attribute, o.value, o.related) for o in found} == {
        ("patient/doc-1-rb2", "CDK4 amplification", "present", CDK4),
        ("patient/doc-1-tq1", "CDK4 amplification", "present", CDK4)}


def test_corpus_coded_patient_biomarker_joins_the_patient_tables() -> None:
    doc = corpus_doc("004")
    found = [o for o in patients.extract(doc) if o.value == "present"]
    assert_quotes_exact(doc, found)
    assert {(o.patient.key, o.related.key if o.related else None) for o in found} == {
        (f"patient/{doc.document.doc_id}-kzp", "biomarker/mdm2-amplification")}
