"""Mechanisms: agents, effects from the ontology's lexicon, objects, coordination, passives, via."""

from __future__ import annotations

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
from sarckg.extract import mechanisms
from sarckg.model import Mechanism

TAM = ref("celltype/tumor-associated-macrophage")
CD8 = ref("celltype/cd8-positive-t-cell")
VESSELS = ref("process/tumor-vasculature")
EFFECTOR = ref("celltype/effector-t-cell")
DRUG = ref("drug/lenvatinib")
AIS = ref("class/AngiogenesisInhibitor")


def _mechs(text: str, entities: list) -> set[tuple[str, str, str, str | None]]:
    found = set()
    for s in mechanisms.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, Mechanism) and s.evidence.quote == text
        found.add((s.agent.key, s.effect, s.object.key, s.via.key if s.via else None))
    return found


def test_coordinated_verbs_share_the_drug_as_agent() -> None:
    text = "In mice, lenvatinib was shown to reduce TAMs and increase the share of activated CD8+ T cells."
    assert _mechs(text, [("lenvatinib", DRUG), ("TAMs", TAM), ("CD8+ T cells", CD8)]) == {
        (DRUG.key, "Decreases", TAM.key, None), (DRUG.key, "Increases", CD8.key, None)}


def test_gerunds_after_by_belong_to_the_class_agent() -> None:
    text = "AIs help ICIs by normalizing tumour vessels and increasing the infiltration of effector T cells."
    assert _mechs(text, [("AIs", AIS), ("ICIs", ref("class/ImmuneCheckpointInhibitor")),
                         ("tumour vessels", VESSELS), ("effector T cells", EFFECTOR)]) == {
        (AIS.key, "Normalizes", VESSELS.key, None), (AIS.key, "Increases", EFFECTOR.key, None)}


def test_passive_voice_swaps_agent_and_object() -> None:
    assert _mechs("Macrophages were depleted by trabectedin in these models.",
                  [("Macrophages", ref("celltype/macrophage")), ("trabectedin", ref("drug/trabectedin"))]) == {
        ("drug/trabectedin", "Decreases", "celltype/macrophage", None)}


def test_via_names_the_mediator() -> None:
    text = "Sunitinib can activate effector T cells via dendritic cells."
    assert _mechs(text, [("Sunitinib", ref("drug/sunitinib")), ("effector T cells", EFFECTOR),
                         ("dendritic cells", ref("celltype/dendritic-cell"))]) == {
        ("drug/sunitinib", "Activates", EFFECTOR.key, "celltype/dendritic-cell")}


def test_fusion_found_by_shape_is_an_agent_with_coordinated_objects() -> None:
    text = "ASPS often carries the ABC1-XYZ2 fusion, leading to upregulation of HIF-1α and VEGF."
    found = _mechs(text, [("ASPS", subtype("ASPS")), ("HIF-1α", ref("target/hif-1-alpha")),
                          ("VEGF", ref("target/vegf"))])
    assert found == {("fusion/abc1-xyz2", "Upregulates", "target/hif-1-alpha", None),
                     ("fusion/abc1-xyz2", "Upregulates", "target/vegf", None)}


def test_participle_adjective_is_not_an_effect_and_objects_do_not_act() -> None:
    text = "The normalization of tumour vessels, which enhances effector T cells, converts the TME."
    assert _mechs(text, [("tumour vessels", VESSELS), ("effector T cells", EFFECTOR),
                         ("TME", ref("process/tumor-microenvironment"))]) == set()
    assert _mechs("Activated CD8+ T cells were counted next to TAMs.", [("CD8+ T cells", CD8), ("TAMs", TAM)]) == set()


def test_negated_and_hedged_mechanisms_are_flagged() -> None:
    text = "Lenvatinib did not reduce TAMs."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("Lenvatinib", DRUG), ("TAMs", TAM)])))
    assert s.evidence.negated and s.evidence.polarity == "disputes"
    text = "Lenvatinib may reduce TAMs."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("Lenvatinib", DRUG), ("TAMs", TAM)])))
    assert s.evidence.hedged and not s.evidence.negated


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_real_mechanisms_drug_to_cells_and_fusion_to_targets() -> None:
    found = [*mechanisms.extract(corpus_document("002")), *mechanisms.extract(corpus_document("003"))]
    assert_quotes_exact(found)
    facts = {(s.agent.key, s.effect, s.object.key) for s in found}
    assert ("drug/lenvatinib", "Decreases", "celltype/tumor-associated-macrophage") in facts
    assert ("drug/lenvatinib", "Increases", "celltype/cd8-positive-t-cell") in facts
    assert ("drug/trabectedin", "Decreases", "celltype/m2-macrophage") in facts
    assert ("drug/eribulin", "Activates", "process/cgas-sting-pathway") in facts
    assert ("fusion/aspscr1-tfe3", "Upregulates", "target/vegf") in facts
    # the chain drug -> cells is traversable: the object IRI is the one biomarkers use too
    for s in found:
        assert_entities_mentioned(s, "agent", "object", "via")
        assert s.agent != s.object


def test_second_past_tense_verb_after_and_is_a_verb_not_an_adjective() -> None:
    pdl1 = ref("target/pd-l1")
    text = "Lenvatinib increased expression of PD-L1 and reduced TAMs in mice."
    assert _mechs(text, [("Lenvatinib", DRUG), ("PD-L1", pdl1), ("TAMs", TAM)]) == {
        (DRUG.key, "Increases", pdl1.key, None), (DRUG.key, "Decreases", TAM.key, None)}
    # without a first verb, the participle stays an adjective
    text = "Lenvatinib was given to mice with reduced TAMs."
    assert _mechs(text, [("Lenvatinib", DRUG), ("TAMs", TAM)]) == set()


def test_coordinated_objects_behind_nominal_heads() -> None:
    pdl1 = ref("target/pd-l1")
    text = "Sunitinib enhances the infiltration of CD8+ T cells and the expression of PD-L1."
    sunitinib = ref("drug/sunitinib")
    assert _mechs(text, [("Sunitinib", sunitinib), ("CD8+ T cells", CD8), ("PD-L1", pdl1)]) == {
        (sunitinib.key, "Increases", CD8.key, None), (sunitinib.key, "Increases", pdl1.key, None)}
    # a new clause after the first object is not part of its list
    text = "Sunitinib enhances the infiltration of CD8+ T cells, while tumours keep the expression of PD-L1."
    assert _mechs(text, [("Sunitinib", sunitinib), ("CD8+ T cells", CD8), ("PD-L1", pdl1)]) == {
        (sunitinib.key, "Increases", CD8.key, None)}


def test_generic_verb_takes_the_effect_of_the_nominalisation_before_its_object() -> None:
    text = "Anti-angiogenic TKIs (with ICIs) promote normalization of the tumor vasculature."
    tkis = ref("class/MultiTargetTKI")
    assert _mechs(text, [("Anti-angiogenic TKIs", tkis), ("tumor vasculature", VESSELS)]) == {
        (tkis.key, "Normalizes", VESSELS.key, None)}
    # a nominal that is no effect leaves the verb's own effect
    text = "Lenvatinib promotes infiltration of effector T cells."
    assert _mechs(text, [("Lenvatinib", DRUG), ("effector T cells", EFFECTOR)]) == {
        (DRUG.key, "Promotes", EFFECTOR.key, None)}


def test_participle_or_nominal_after_a_causal_phrase_is_the_effect() -> None:
    text = "Lenvatinib leads to increased infiltration of effector T cells."
    assert _mechs(text, [("Lenvatinib", DRUG), ("effector T cells", EFFECTOR)]) == {
        (DRUG.key, "Increases", EFFECTOR.key, None)}
    text = "Lenvatinib causes a reduction in TAMs."
    assert _mechs(text, [("Lenvatinib", DRUG), ("TAMs", TAM)]) == {(DRUG.key, "Decreases", TAM.key, None)}
    # without a cause the participle is an adjective and the nominal a name
    text = "Lenvatinib was given to mice with increased infiltration of effector T cells."
    assert _mechs(text, [("Lenvatinib", DRUG), ("effector T cells", EFFECTOR)]) == set()


def test_agent_compound_before_a_nominal_effect() -> None:
    treg = ref("celltype/regulatory-t-cell")
    immunity = ref("process/antitumor-immunity")
    text = "Lenvatinib-mediated depletion of Tregs enhances antitumor immunity."
    assert _mechs(text, [("Lenvatinib", DRUG), ("Tregs", treg), ("antitumor immunity", immunity)]) == {
        (DRUG.key, "Decreases", treg.key, None), (DRUG.key, "Increases", immunity.key, None)}


def test_drug_opening_a_coordinated_clause_is_its_verbs_subject() -> None:
    treg = ref("celltype/regulatory-t-cell")
    trabectedin = ref("drug/trabectedin")
    text = "Trabectedin depletes TAMs, and lenvatinib reduces Tregs."
    assert _mechs(text, [("Trabectedin", trabectedin), ("TAMs", TAM), ("lenvatinib", DRUG), ("Tregs", treg)]) == {
        (trabectedin.key, "Decreases", TAM.key, None), (DRUG.key, "Decreases", treg.key, None)}
    # an apposition naming another drug does not take the subject's place
    text = "Trabectedin, like lenvatinib, reduces Tregs."
    assert _mechs(text, [("Trabectedin", trabectedin), ("lenvatinib", DRUG), ("Tregs", treg)]) == {
        (trabectedin.key, "Decreases", treg.key, None)}
