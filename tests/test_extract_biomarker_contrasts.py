"""Biomarker associations without an association word: concessions, prognostic factors,
responding groups as subjects, marker groups that respond."""

from __future__ import annotations

from extract_helpers import annotated, doc_of, ref, subtype
from sarckg.extract import biomarkers
from sarckg.model import BiomarkerAssociation

TMB = ref("biomarker/tumor-mutational-burden", "GenomicBiomarker", label="TMB")
MSI = ref("biomarker/microsatellite-instability", "GenomicBiomarker", label="MSI")
PDL1 = ref("target/pd-l1", "Protein", "ExpressionBiomarker", label="PD-L1")
TIL = ref("celltype/tumor-infiltrating-lymphocyte", "ImmuneInfiltrateBiomarker", label="TIL")
BCELL = ref("celltype/b-cell", "ImmuneInfiltrateBiomarker", label="B cells")
DRUG = ref("drug/foolimab", "PD1Inhibitor")
CHORDOMA = subtype("chordoma")


def _assocs(text: str, entities: list) -> set[tuple[str, str, str]]:
    doc = doc_of(annotated(text, entities))
    return {(s.biomarker.key, s.outcome, s.direction) for s in biomarkers.extract(doc)
            if isinstance(s, BiomarkerAssociation)}


def test_concession_says_the_biomarker_does_not_decide_the_response() -> None:
    entities = [("TMB", TMB), ("MSI", MSI), ("foolimab", DRUG), ("chordoma", CHORDOMA)]
    text = "Despite chordoma having a low TMB and MSI, it could still benefit from foolimab."
    assert _assocs(text, entities) == {(TMB.key, "response", "none"), (MSI.key, "response", "none")}
    text = "A low TMB did not preclude a response to foolimab in chordoma."
    assert _assocs(text, entities) == {(TMB.key, "response", "none")}
    text = "Responses to foolimab occurred regardless of PD-L1 status."
    assert _assocs(text, [("PD-L1", PDL1), ("foolimab", DRUG)]) == {(PDL1.key, "response", "none")}


def test_concession_without_benefit_or_with_a_negated_one_says_nothing() -> None:
    entities = [("TMB", TMB), ("foolimab", DRUG)]
    assert _assocs("Despite a high TMB, the tumour progressed on foolimab.", entities) == set()
    assert _assocs("Despite a low TMB, the tumour did not respond to foolimab.", entities) == set()


def test_prognostic_factor_with_its_direction() -> None:
    assert _assocs("High TIL density was a favorable prognostic factor.", [("TIL", TIL)]) == {
        (TIL.key, "prognosis", "positive")}
    assert _assocs("Low TIL density is a poor prognostic factor.", [("TIL", TIL)]) == {
        (TIL.key, "prognosis", "positive")}  # less of it is worse: more of it is better
    assert _assocs("PD-L1 is an unfavorable predictive marker.", [("PD-L1", PDL1)]) == {
        (PDL1.key, "response", "negative")}
    assert _assocs("TIL density was a prognostic factor.", [("TIL", TIL)]) == set()


def test_responding_group_as_subject() -> None:
    text = "Responders had higher levels of B cells than non-responders."
    assert _assocs(text, [("B cells", BCELL)]) == {(BCELL.key, "response", "positive")}
    text = "Non-responders showed more B cells."
    assert _assocs(text, [("B cells", BCELL)]) == {(BCELL.key, "response", "negative")}
    text = "Responders and non-responders had similar B cells."
    assert _assocs(text, [("B cells", BCELL)]) == set()


def test_marker_group_that_responds_better() -> None:
    text = "MSI-high tumours responded better to foolimab."
    assert _assocs(text, [("MSI-high", MSI), ("foolimab", DRUG)]) == {(MSI.key, "response", "positive")}
    text = "MSI tumours responded better to foolimab."  # no amount: nothing
    assert _assocs(text, [("MSI", MSI), ("foolimab", DRUG)]) == set()


def test_low_amount_yet_responses_is_a_concession() -> None:
    entities = [("TMB", TMB), ("foolimab", DRUG)]
    text = "Chordoma has a low TMB, yet responses were observed with foolimab."
    assert _assocs(text, entities) == {(TMB.key, "response", "none")}
    # a high amount before "but", or a negated response, concedes nothing
    assert _assocs("Chordoma has a high TMB, but responses were observed with foolimab.", entities) == set()
    assert _assocs("Chordoma has a low TMB, but responses were not observed with foolimab.", entities) == set()


TAM = ref("celltype/tumor-associated-macrophage", "ImmuneInfiltrateBiomarker", label="TAMs")
IDO1 = ref("target/ido1", "Protein", "ExpressionBiomarker", label="IDO1")
NEOANTIGEN = ref("target/neoantigen", "Antigen", label="neoantigens")


def test_a_marker_present_as_the_subject_of_an_outcome_verb() -> None:
    text = "Co-presence of TIL and PD-L1 further improved survival compared to either factor alone."
    assert _assocs(text, [("TIL", TIL), ("PD-L1", PDL1)]) == {(TIL.key, "survival", "positive"),
                                                              (PDL1.key, "survival", "positive")}
    assert _assocs("Low TMB shortened survival.", [("TMB", TMB)]) == {(TMB.key, "survival", "positive")}
    assert _assocs("TIL infiltration worsened outcomes.", [("TIL", TIL)]) == {(TIL.key, "prognosis", "negative")}
    # no amount or presence said (cells given, not found), or the marker not the subject: nothing
    assert _assocs("TIL improved survival in mice.", [("TIL", TIL)]) == set()
    assert _assocs("Foolimab given to PD-L1-high patients improved survival.", [("PD-L1", PDL1), ("foolimab", DRUG)]) == set()



def test_the_outcome_after_the_verb_is_any_the_ontology_names() -> None:
    # the outcome words come from the ontology's outcome labels, not from a list of their own
    for text, outcome in (("High TMB improved disease-specific survival.", "survival"),
                          ("High TMB improved DFS.", "survival"), ("High TMB improved the clinical outcome.", "prognosis"),
                          ("High TMB improved tumor responses.", "response")):
        assert _assocs(text, [("TMB", TMB)]) == {(TMB.key, outcome, "positive")}
    assert _assocs("High TMB improved the quality of life.", [("TMB", TMB)]) == set()


def test_an_outcome_put_down_to_a_marker_is_hedged_when_the_text_hedges() -> None:
    text = "A phase II trial showed limited activity in chordoma, possibly owing to IDO1-expressing TAMs (59)."
    doc = doc_of(annotated(text, [("IDO1", IDO1), ("TAMs", TAM), ("chordoma", CHORDOMA)]))
    found = [s for s in biomarkers.extract(doc) if isinstance(s, BiomarkerAssociation)]
    assert {(s.biomarker.key, s.outcome, s.direction, s.subtype) for s in found} == {
        (IDO1.key, "response", "negative", CHORDOMA), (TAM.key, "response", "negative", CHORDOMA)}
    assert all(s.evidence.hedged for s in found)
    assert _assocs("Foolimab produced durable responses, likely due to high TMB.", [("TMB", TMB), ("foolimab", DRUG)]) == {
        (TMB.key, "response", "positive")}
    assert _assocs("Resistance to foolimab was attributed to low TIL density.", [("TIL", TIL), ("foolimab", DRUG)]) == {
        (TIL.key, "response", "positive")}
    # a cause that is no marker of the tumour: nothing for the marker named later
    assert _assocs("Limited activity was observed due to toxicity in patients with high TMB.", [("TMB", TMB)]) == set()
