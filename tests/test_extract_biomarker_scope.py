"""The subtypes and therapy of a biomarker association named only in the sentence before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract_helpers import (
    annotated,
    assert_entities_mentioned,
    assert_quotes_exact,
    corpus_document,
    doc_of,
    ref,
    subtype,
)
from sarckg.extract import biomarkers
from sarckg.extract.base import AnnotatedDocument
from sarckg.model import BiomarkerAssociation, EntityRef

CABO = ref("drug/cabozantinib", "MultiTargetTKI", label="cabozantinib")
AVELUMAB = ref("drug/avelumab", "PDL1Inhibitor", label="avelumab")
TRABECTEDIN = ref("drug/trabectedin", "CytotoxicChemotherapy", label="trabectedin")
CD8 = ref("celltype/cd8-positive-t-cell", "ImmuneInfiltrateBiomarker", label="CD8+")
IL8 = ref("target/il-8", "Protein", label="IL-8")
PDL1 = ref("target/pd-l1", "Protein", "ExpressionBiomarker", label="PD-L1")
TMB = ref("biomarker/tumor-mutational-burden", "GenomicBiomarker", label="TMB")
MFS = subtype("myxofibrosarcoma")
LMS = subtype("leiomyosarcoma")
ES = subtype("epithelioid sarcoma")
ENTITIES = [("cabozantinib", CABO), ("avelumab", AVELUMAB), ("trabectedin", TRABECTEDIN),
            ("CD8+", CD8), ("IL-8", IL8), ("PD-L1", PDL1), ("TMB", TMB), ("myxofibrosarcoma", MFS),
            ("leiomyosarcoma", LMS), ("epithelioid sarcoma", ES)]
TRIAL = "A phase II trial of cabozantinib in myxofibrosarcoma and leiomyosarcoma reported a 40% ORR (12)."


def _doc(*texts: str, sep: str = " ") -> AnnotatedDocument:
    """One paragraph (or, with ``sep="\\n\\n"``, paragraphs) of consecutive sentences."""
    full = sep.join(texts)
    sentences, at = [], 0
    for i, text in enumerate(texts):
        a = annotated(text, ENTITIES, doc_text=full, start=at)
        sentences.append(replace(a, sentence=replace(a.sentence, index=i)))
        at += len(text) + len(sep)
    return doc_of(*sentences)


def _found(doc: AnnotatedDocument) -> list[BiomarkerAssociation]:
    return [s for s in biomarkers.extract(doc) if isinstance(s, BiomarkerAssociation)]


def _facts(doc: AnnotatedDocument) -> set[tuple[str, str, str, str | None, str | None]]:
    return {(s.biomarker.key, s.outcome, s.direction, s.subtype.key if s.subtype else None,
             s.context.key if s.context else None) for s in _found(doc)}


def _keys(*entities: EntityRef) -> str:
    return "regimen/" + "--".join(sorted(e.key.split("/", 1)[1] for e in entities))


def test_both_cohorts_take_the_trials_subtypes_and_therapy() -> None:
    doc = _doc(TRIAL, "In both cohorts, dense CD8+ infiltration correlated with longer PFS.")
    assert _facts(doc) == {(CD8.key, "survival", "positive", MFS.key, _keys(CABO)),
                           (CD8.key, "survival", "positive", LMS.key, _keys(CABO))}
    for s in _found(doc):  # the quote runs over both sentences, from the first
        assert s.evidence.antecedent_index == 0 and s.evidence.start == 0
        assert s.evidence.quote == doc.document.text


def test_a_negated_continuation_carries_the_scope_too() -> None:
    doc = _doc(TRIAL, "PD-L1 expression was not associated with response in these patients.")
    assert _facts(doc) == {(PDL1.key, "response", "none", MFS.key, _keys(CABO)),
                           (PDL1.key, "response", "none", LMS.key, _keys(CABO))}


def test_therapeutic_benefit_takes_the_therapy_but_not_subgroups_given_values() -> None:
    doc = _doc("Combining avelumab with trabectedin gave a 6-month PFS rate of 52% in myxofibrosarcoma and 31% "
               "in leiomyosarcoma (8).", "Low baseline serum levels of IL-8 were linked to therapeutic benefit.")
    assert _facts(doc) == {(IL8.key, "response", "negative", None, _keys(AVELUMAB, TRABECTEDIN))}


def test_own_subtype_stays_and_the_missing_therapy_is_carried_if_the_study_had_it() -> None:
    doc = _doc(TRIAL, "In the leiomyosarcoma patients, high TMB was associated with improved response.")
    assert _facts(doc) == {(TMB.key, "response", "positive", LMS.key, _keys(CABO))}
    doc = _doc(TRIAL, "In the epithelioid sarcoma patients, high TMB was associated with improved response.")
    assert _facts(doc) == {(TMB.key, "response", "positive", ES.key, None)}  # another population


def test_a_finding_right_after_a_sized_study_is_that_studys_unless_a_general_rule() -> None:
    study = "In a cohort of 90 myxofibrosarcoma patients, PD-L1 was expressed in 30% of samples (5)."
    doc = _doc(study, "Higher TMB, but not PD-L1 expression, is associated with better response.")
    assert _facts(doc) == {(TMB.key, "response", "positive", MFS.key, None),
                           (PDL1.key, "response", "none", MFS.key, None)}
    doc = _doc(study, "Higher TMB is generally associated with better response.")
    assert _facts(doc) == {(TMB.key, "response", "positive", None, None)}


@pytest.mark.parametrize("second", [
    "Another study linked dense CD8+ infiltration with longer PFS.",  # a study of its own
    "Dense CD8+ infiltration correlated with longer PFS (14).",  # another reference
    "In our cohort, dense CD8+ infiltration correlated with longer PFS.",  # the writers' own study
    "Dense CD8+ infiltration generally predicts longer PFS.",  # a general statement
])
def test_no_carry_over_to_another_study_or_a_general_statement(second: str) -> None:
    assert {(f[3], f[4]) for f in _facts(_doc(TRIAL, second))} == {(None, None)}
    assert all(s.evidence.antecedent_index is None for s in _found(_doc(TRIAL, second)))


def test_no_carry_over_across_a_paragraph_from_a_heading_or_to_a_mismatched_both() -> None:
    second = "In both cohorts, dense CD8+ infiltration correlated with longer PFS."
    assert {(f[3], f[4]) for f in _facts(_doc(TRIAL, second, sep="\n\n"))} == {(None, None)}
    assert {(f[3], f[4]) for f in _facts(_doc("Cabozantinib in leiomyosarcoma", second))} == {(None, None)}
    three = ("A phase II trial of cabozantinib in myxofibrosarcoma, leiomyosarcoma and epithelioid "
             "sarcoma reported a 40% ORR (12).")
    assert {(f[3], f[4]) for f in _facts(_doc(three, second))} == {(None, None)}


def test_compared_arms_are_not_one_therapy() -> None:
    doc = _doc("A randomized trial of avelumab versus trabectedin in leiomyosarcoma enrolled 80 patients (3).",
               "In both arms, high TMB was associated with longer PFS.")
    assert {(f[3], f[4]) for f in _facts(doc)} == {(LMS.key, None)}


def test_a_sentence_before_that_reports_no_study_lends_nothing() -> None:
    doc = _doc("Cabozantinib inhibits MET and VEGFR2 in leiomyosarcoma.",
               "Dense CD8+ infiltration correlated with longer PFS.")
    assert {(f[3], f[4]) for f in _facts(doc)} == {(None, None)}


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_real_scope_from_the_sentence_before() -> None:
    found = [s for s in biomarkers.extract(corpus_document("003")) if isinstance(s, BiomarkerAssociation)]
    assert_quotes_exact(found)
    carried = [s for s in found if s.evidence.antecedent_index is not None]
    for s in carried:
        assert_entities_mentioned(s, "biomarker", "subtype")
    b_cells = {s.subtype.key for s in carried if s.subtype and s.biomarker.key == "celltype/b-cell"
               and "in both cohort" in s.evidence.quote}
    assert b_cells == {"subtype/dedifferentiated-liposarcoma", "subtype/undifferentiated-pleomorphic-sarcoma"}
    serum = {(s.biomarker.key, s.context.key if s.context else None, s.subtype) for s in carried
             if "serum levels of IL-4" in s.evidence.quote}
    assert serum == {("target/il-4", "regimen/eribulin--pembrolizumab", None),
                     ("drug/interferon-alfa", "regimen/eribulin--pembrolizumab", None)}
    # "Another study linked ..." and "generally portends ..." keep their own (empty) scope
    assert not any(s.evidence.quote.startswith(("In one cohort of 163", "In SARC028, a higher")) for s in carried)


def test_a_citation_inside_the_range_the_study_cited_is_the_same_study() -> None:
    ranged = TRIAL.replace("(12)", "(11–13)")
    same = "In both cohorts, dense CD8+ infiltration correlated with longer PFS (12)."
    assert {(f[3], f[4]) for f in _facts(_doc(ranged, same))} == {(MFS.key, _keys(CABO)), (LMS.key, _keys(CABO))}
    other = same.replace("(12)", "(14)")
    assert {(f[3], f[4]) for f in _facts(_doc(ranged, other))} == {(None, None)}


@pytest.mark.parametrize(("text", "contexts"), [
    # "or" joins alternatives: one association per therapy, never one combination
    ("PD-L1 is a predictive biomarker of the response to avelumab therapy, or possibly trabectedin.",
     {_keys(AVELUMAB), _keys(TRABECTEDIN)}),
    ("High PD-L1 was associated with better response to avelumab or cabozantinib.", {_keys(AVELUMAB), _keys(CABO)}),
    ("High PD-L1 was associated with better response to avelumab plus cabozantinib, or trabectedin.",
     {_keys(AVELUMAB, CABO), _keys(TRABECTEDIN)}),
    # joined by "plus" / "and": one combination
    ("High PD-L1 was associated with better response to avelumab plus cabozantinib.", {_keys(AVELUMAB, CABO)}),
])
def test_alternative_therapies_are_separate_contexts(text: str, contexts: set[str]) -> None:
    facts = _facts(_doc(text))
    assert {f[4] for f in facts} == contexts
    assert {f[:4] for f in facts} == {(PDL1.key, "response", "positive", None)}


@pytest.mark.slow
def test_corpus_alternatives_of_a_predictive_biomarker() -> None:
    found = [s for s in biomarkers.extract(corpus_document("003")) if isinstance(s, BiomarkerAssociation)
             and s.biomarker.key == "biomarker/tertiary-lymphoid-structure" and "possibly chemotherapy" in s.evidence.quote]
    assert {s.context.key if s.context else None for s in found} == {
        "regimen/ImmuneCheckpointInhibitor", "regimen/CytotoxicChemotherapy"}
