"""Biomarker associations and measurements on short sentences written for the test."""

from __future__ import annotations

from decimal import Decimal

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
from sarckg.extract.entities import default_lexicon
from sarckg.model import BiomarkerAssociation, BiomarkerMeasurement

TMB = ref("biomarker/tumor-mutational-burden", "GenomicBiomarker", label="TMB")
MSI = ref("biomarker/microsatellite-instability", "GenomicBiomarker", label="MSI")
PDL1 = ref("target/pd-l1", "Protein", "ExpressionBiomarker", label="PD-L1")
TLS = ref("biomarker/tertiary-lymphoid-structure", "ImmuneInfiltrateBiomarker")
TAM = ref("celltype/tumor-associated-macrophage", "ImmuneInfiltrateBiomarker")
CD8 = ref("celltype/cd8-positive-t-cell", "ImmuneInfiltrateBiomarker")
ITH = ref("biomarker/intratumor-heterogeneity", "GenomicBiomarker")
TGFB = ref("process/tgf-beta-signaling")
PD1I = ref("class/PD1Inhibitor")
ICI = ref("class/ImmuneCheckpointInhibitor")
UPS = subtype("UPS")
STS = subtype("STS")


def _assocs(text: str, entities: list) -> list[tuple[str, str, str, str | None]]:
    doc = doc_of(annotated(text, entities))
    return sorted(
        (s.biomarker.key, s.outcome, s.direction, s.subtype.key if s.subtype else None)
        for s in biomarkers.extract(doc) if isinstance(s, BiomarkerAssociation)
    )


def _measures(text: str, entities: list) -> list[BiomarkerMeasurement]:
    doc = doc_of(annotated(text, entities))
    return [s for s in biomarkers.extract(doc) if isinstance(s, BiomarkerMeasurement)]


def test_coordinated_biomarkers_share_a_positive_association_with_context() -> None:
    text = "In UPS, higher TMB, elevated PD-L1 expression and dense TLS correlate with improved responses to ICIs."
    doc = doc_of(annotated(text, [("TMB", TMB), ("PD-L1", PDL1), ("TLS", TLS), ("ICIs", ICI), ("UPS", UPS)]))
    found = list(biomarkers.extract(doc))
    assert {s.biomarker.key for s in found} == {TMB.key, PDL1.key, TLS.key}
    for s in found:
        assert isinstance(s, BiomarkerAssociation)
        assert (s.outcome, s.direction, s.subtype) == ("response", "positive", UPS)
        assert s.context is not None and s.context.key == "regimen/ImmuneCheckpointInhibitor"
        assert s.evidence.quote == text and not s.evidence.negated


def test_risk_of_recurrence_and_worse_prognosis_are_negative() -> None:
    assert _assocs("In 90 STS patients, high TAM counts were associated with an increased risk of "
                   "local recurrence.", [("TAM", TAM), ("STS", STS)]) == [
        (TAM.key, "recurrence", "negative", STS.key)]
    assert _assocs("PD-L1 expression generally portends a worse prognosis.", [("PD-L1", PDL1)]) == [
        (PDL1.key, "prognosis", "negative", None)]


def test_inverse_correlation_flips_the_sign() -> None:
    text = "An increased TGF-β signalling pathway was inversely correlated with anti-PD-1 efficacy."
    assert _assocs(text, [("TGF-β", TGFB), ("anti-PD-1", PD1I)]) == [
        (TGFB.key, "response", "negative", None)]


def test_a_change_noun_before_the_marker_gives_its_amount() -> None:
    infl = ref("process/inflammatory-response", label="inflammatory response")
    text = ("An increase in the TGF-β signalling pathway was inversely correlated with anti-PD-1 efficacy, "
            "while a decrease in the inflammatory response pathway was positively correlated with anti-PD-1 efficacy.")
    ents = [("TGF-β signalling pathway", TGFB), ("inflammatory response", infl), ("anti-PD-1", PD1I)]
    # less of it goes with more efficacy: a negative association, as is more TGF-β going with less
    assert _assocs(text, ents) == [(infl.key, "response", "negative", None), (TGFB.key, "response", "negative", None)]
    assert _assocs("A reduction in the density of TAMs was associated with longer survival.", [("TAMs", TAM)]) == [
        (TAM.key, "survival", "negative", None)]
    assert _assocs("A decrease in CD8+ T cells correlated with worse survival.", [("CD8+ T cells", CD8)]) == [
        (CD8.key, "survival", "positive", None)]
    assert _assocs("An increase in CD8+ T cells correlated with improved survival.", [("CD8+ T cells", CD8)]) == [
        (CD8.key, "survival", "positive", None)]
    assert _assocs("Lower TMB was associated with better survival.", [("TMB", TMB)]) == [
        (TMB.key, "survival", "negative", None)]
    pten = ref("target/pten", "Gene", label="PTEN")
    assert _assocs("Loss of PTEN was associated with poor responses.", [("PTEN", pten)]) == [
        (pten.key, "response", "positive", None)]
    # a pathway named with no amount is no biomarker: no association for it
    assert _assocs("The inflammatory response was studied with anti-PD-1 efficacy in mind.", ents) == []


def test_a_ratio_of_two_named_cells_is_a_biomarker_of_its_own() -> None:
    cd68 = ref("target/cd68", "Protein", label="CD68")
    chondro = subtype("chondrosarcoma")
    text = "In chondrosarcoma, a high CD68+/CD8+ ratio independently forecasts metastatic presentation and poor prognosis."
    found = _assocs(text, [("CD68", cd68), ("CD8+", CD8), ("chondrosarcoma", chondro)])
    assert found == [("biomarker/cd68-plus-cd8-plus-ratio", "prognosis", "negative", chondro.key)]
    doc = doc_of(annotated(text, [("CD68", cd68), ("CD8+", CD8), ("chondrosarcoma", chondro)]))
    (s,) = biomarkers.extract(doc)
    assert s.biomarker.label == "CD68+/CD8+ ratio" and not s.biomarker.in_vocabulary
    # a ratio is neither cell's amount: no association for CD8+ T cells
    assert CD8.key not in {f[0] for f in found}


def test_a_concessive_clause_between_the_subject_and_its_verb() -> None:
    bcell = ref("celltype/b-cell", "ImmuneInfiltrateBiomarker", label="B cells")
    lms = subtype("LMS")
    text = ("LMS exhibits more CD8+ T cells, while infiltrating B cells, though rarely detected in STS, "
            "are correlated to improved survival.")
    # the finding's own part of the contrast names STS: LMS is the other part's
    assert _assocs(text, [("B cells", bcell), ("CD8+ T cells", CD8), ("LMS", lms), ("STS", STS)]) == [
        (bcell.key, "survival", "positive", STS.key)]
    text = "B cells, although rare, are associated with improved survival."
    assert _assocs(text, [("B cells", bcell)]) == [(bcell.key, "survival", "positive", None)]


def test_a_marker_highly_expressed_in_a_subtype_and_associated_with_prognosis() -> None:
    b7h3 = ref("target/b7-h3", "Protein", label="B7-H3")
    ss = subtype("synovial sarcoma")
    text = "B7-H3 is highly expressed in synovial sarcoma and is associated with poor prognosis."
    assert _assocs(text, [("B7-H3", b7h3), ("synovial sarcoma", ss)]) == [(b7h3.key, "prognosis", "negative", ss.key)]
    # "indicate" relates a marker to an outcome, "indicate that" introduces a clause
    stroma = ref("biomarker/activated-stroma-subtype", "GeneSignature", label="activated stroma subtype")
    text = "An activated stromal subtype may indicate a poor response to immunotherapy."
    assert _assocs(text, [("activated stromal subtype", stroma)]) == [(stroma.key, "response", "negative", None)]
    assert _assocs("Results indicate that the activated stromal subtype was studied for response.",
                   [("activated stromal subtype", stroma)]) == []
    gi = ref("biomarker/genomic-instability", "GenomicBiomarker", label="genomic instability")
    text = "Genomic instability, as indicated by high TMB, could lead to a better response."
    assert _assocs(text, [("Genomic instability", gi), ("TMB", TMB)]) == [(TMB.key, "response", "positive", None)]


def test_microsatellite_stability_is_a_state_present_or_absent_never_low() -> None:
    asps = subtype("ASPS")
    mss = ref("biomarker/microsatellite-stability", "GenomicBiomarker", "StateBiomarker", label="microsatellite stability")
    assert "StateBiomarker" in default_lexicon().entities[mss.key].types  # the vocabulary says it is a state
    text = "Despite ASPS having a low TMB and microsatellite stability, it could still benefit from immunotherapy."
    doc = doc_of(annotated(text, [("ASPS", asps), ("TMB", TMB), ("microsatellite stability", mss)]))
    found = list(biomarkers.extract(doc))
    assert {(s.biomarker.key, s.direction) for s in found if isinstance(s, BiomarkerAssociation)} == {
        (TMB.key, "none"), (mss.key, "none")}
    # "a low TMB and microsatellite stability": low is TMB's, the state is simply there
    assert {(s.biomarker.key, s.property, s.subtype) for s in found if isinstance(s, BiomarkerMeasurement)} == {
        (TMB.key, "low", asps), (mss.key, "present", asps)}
    # stability is no name of the instability: nothing is said of MSI
    assert MSI.key not in {s.biomarker.key for s in found}
    assert _assocs("Microsatellite stable tumours were associated with poor responses.",
                   [("Microsatellite stable", mss)]) == [(mss.key, "response", "negative", None)]
    assert _assocs("Loss of microsatellite stability was associated with better responses.",
                   [("microsatellite stability", mss)]) == [(mss.key, "response", "negative", None)]


def test_a_state_is_known_by_its_type_not_by_its_name() -> None:
    asps = subtype("ASPS")
    state = ref("biomarker/chromosomal-balance", "GenomicBiomarker", "StateBiomarker", label="chromosomal balance")
    named = ref("biomarker/stable-signature", "GeneSignature", label="genomically stable signature")
    text = "ASPS showed a low chromosomal balance and a low genomically stable signature."
    doc = doc_of(annotated(text, [("ASPS", asps), ("chromosomal balance", state),
                                  ("genomically stable signature", named)]))
    assert {(s.biomarker.key, s.property) for s in biomarkers.extract(doc) if isinstance(s, BiomarkerMeasurement)} == {
        (state.key, "present"), (named.key, "low")}


def test_no_association_list_gives_one_none_per_biomarker() -> None:
    text = "There was no association between TMB, MSI and PD-L1 expression and clinical responses."
    doc = doc_of(annotated(text, [("TMB", TMB), ("MSI", MSI), ("PD-L1", PDL1)]))
    found = list(biomarkers.extract(doc))
    assert sorted(s.biomarker.key for s in found) == sorted([TMB.key, MSI.key, PDL1.key])
    assert all(isinstance(s, BiomarkerAssociation) and s.direction == "none" for s in found)
    # the absence of association is what the evidence states: it supports, it is not negated
    assert all(not s.evidence.negated and s.evidence.polarity == "supports" for s in found)


def test_but_not_negates_only_its_phrase() -> None:
    text = "Higher TMB, but not PD-L1 expression, was associated with longer survival."
    assert _assocs(text, [("TMB", TMB), ("PD-L1", PDL1)]) == [
        (TMB.key, "survival", "positive", None), (PDL1.key, "survival", "none", None)]


def test_outcome_groups_give_direction() -> None:
    text = "We saw higher ITH in progressive disease (PD) patients and lower ITH in PR patients."
    assert _assocs(text, [("ITH", ITH)]) == [(ITH.key, "response", "negative", None)]


def test_patients_with_a_marker_who_had_longer_survival() -> None:
    text = "Patients with PD-L1 expression ≥5% tended to have a longer PFS than other patients."
    doc = doc_of(annotated(text, [("PD-L1", PDL1)]))
    found = [s for s in biomarkers.extract(doc) if isinstance(s, BiomarkerAssociation)]
    assert [(s.biomarker, s.outcome, s.direction, s.evidence.hedged) for s in found] == [
        (PDL1, "survival", "positive", True)]


def test_hedged_association_is_flagged() -> None:
    text = "TLS may be a predictive marker of immunotherapy efficacy."
    doc = doc_of(annotated(text, [("TLS", TLS)]))
    (found,) = biomarkers.extract(doc)
    assert found.evidence.hedged


def test_association_needs_an_outcome_and_a_direction() -> None:
    assert _assocs("TMB was measured in all UPS samples.", [("TMB", TMB), ("UPS", UPS)]) == []
    assert _assocs("PD-L1 was an independent predictor of survival.", [("PD-L1", PDL1)]) == []


def test_threshold_with_unit_and_comparator() -> None:
    (m,) = _measures("TMB-high is defined as ≥ 10 mutations per megabase by whole exome sequencing.",
                     [("TMB", TMB)])
    assert (m.property, m.value, m.unit, m.comparator, m.assay) == (
        "threshold", Decimal("10"), "mutations/Mb", ">=", "whole exome")


def test_score_threshold_keeps_its_assay() -> None:
    (m,) = _measures("Tumours with MSI scores >20 were defined as MSI-H.", [("MSI", MSI)])
    assert (m.property, m.value, m.unit, m.comparator, m.assay) == (
        "threshold", Decimal("20"), "score", ">", "MSI score")


def test_prevalence_range_with_assay_and_subtype() -> None:
    (m,) = _measures("PD-L1 positivity (22C3) was found in 12–23% of STS cases.", [("PD-L1", PDL1), ("STS", STS)])
    assert (m.property, m.value, m.value_high, m.unit, m.assay, m.subtype) == (
        "prevalence", Decimal("12"), Decimal("23"), "%", "22C3", STS)


def test_assay_is_part_of_the_key() -> None:
    a, = _measures("PD-L1 positivity (22C3) was found in 20% of STS cases.", [("PD-L1", PDL1), ("STS", STS)])
    b, = _measures("PD-L1 positivity (SP263) was found in 20% of STS cases.", [("PD-L1", PDL1), ("STS", STS)])
    assert a.key() != b.key()


def test_comparison_between_subtypes_is_a_higher_level() -> None:
    ris = subtype("RIS")
    found = _measures("RIS, compared with primary sarcomas, exhibits higher TMB and MSI.",
                      [("RIS", ris), ("TMB", TMB), ("MSI", MSI)])
    assert sorted((m.biomarker.key, m.property, m.subtype) for m in found) == sorted(
        [(TMB.key, "higher", ris), (MSI.key, "higher", ris)])


def test_percent_of_an_outcome_is_not_a_prevalence() -> None:
    assert _measures("In PD-L1 positive patients the ORR was 40%.", [("PD-L1", PDL1)]) == []


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_real_no_association_list_and_group_comparison() -> None:
    found = list(biomarkers.extract(corpus_document("004")))
    assert_quotes_exact(found)
    none = {s.biomarker.key for s in found if isinstance(s, BiomarkerAssociation)
            and s.direction == "none" and "no association between TMB" in s.evidence.quote}
    assert {"biomarker/tumor-mutational-burden", "biomarker/tumor-neoantigen-burden",
            "biomarker/microsatellite-instability", "target/pd-l1"} <= none
    ith = {(s.direction, s.outcome) for s in found if isinstance(s, BiomarkerAssociation)
           and s.biomarker.key == "biomarker/intratumoral-heterogeneity"}
    assert ("negative", "response") in ith and ("positive", "response") not in ith


@pytest.mark.slow
def test_real_prognosis_and_threshold_statements() -> None:
    found = list(biomarkers.extract(corpus_document("003")))
    assert_quotes_exact(found)
    facts = {(s.biomarker.key, s.outcome, s.direction) for s in found if isinstance(s, BiomarkerAssociation)}
    assert ("target/pd-l1", "prognosis", "negative") in facts
    assert ("celltype/tumor-associated-macrophage", "recurrence", "negative") in facts
    assert ("biomarker/kynurenine", "survival", "negative") in facts
    thresholds = [s for s in found if isinstance(s, BiomarkerMeasurement) and s.property == "threshold"]
    assert any(s.value == Decimal("10") and s.unit == "mutations/Mb" and s.comparator == ">=" for s in thresholds)
    for s in found:
        assert_entities_mentioned(s, "biomarker", "subtype")


def test_serum_levels_of_a_drug_named_molecule_make_it_a_biomarker() -> None:
    ifn = ref("drug/interferon-gamma", label="IFN-γ")
    il6 = ref("target/il-6", "Protein", label="IL-6")
    nivo = ref("drug/nivolumab", "PD1Inhibitor")
    text = "With nivolumab, higher serum levels of IL-6 and IFN-γ were associated with improved responses."
    doc = doc_of(annotated(text, [("IFN-γ", ifn), ("IL-6", il6), ("nivolumab", nivo)]))
    found = [s for s in biomarkers.extract(doc) if isinstance(s, BiomarkerAssociation)]
    assert {(s.biomarker.key, s.direction) for s in found} == {(ifn.key, "positive"), (il6.key, "positive")}
    assert all(s.context is not None and s.context.key == "regimen/nivolumab" for s in found)
    # a drug given (not measured) is never a biomarker
    text = "Patients given IFN-γ had improved responses."
    assert _assocs(text, [("IFN-γ", ifn)]) == []


def test_indicator_for_a_therapy_is_an_association_with_its_response() -> None:
    mdm2 = ref("biomarker/mdm2-amplification", "GenomicBiomarker", label="MDM2 amplification")
    text = "One patient carried MDM2 amplification, which is a negative indicator for immunotherapy."
    assert _assocs(text, [("MDM2 amplification", mdm2)]) == [(mdm2.key, "response", "negative", None)]
    text = "MDM2 amplification is a negative predictor of anti-PD-1 therapy."
    assert _assocs(text, [("MDM2 amplification", mdm2)]) == [(mdm2.key, "response", "negative", None)]
    # without a direction word, or with another noun after "for", no association
    assert _assocs("MDM2 amplification is an indicator for immunotherapy.", [("MDM2 amplification", mdm2)]) == []
    text = "MDM2 amplification is a negative indicator of genomic stability."
    assert _assocs(text, [("MDM2 amplification", mdm2)]) == []
