"""Mechanisms: agents, effects from the ontology's lexicon, objects, coordination, passives, via."""

from __future__ import annotations

import re
from pathlib import Path

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
from sarckg.extract.phenotype_conversion import phenotype
from sarckg.model import Mechanism, Regimen, StatedMechanism
from test_extract_anaphora import document

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
        # an object stated through a process nominal or a drug is named as that entity
        named = ("stated_as",) if isinstance(s, StatedMechanism) else ("object",)
        if s.object == phenotype():  # the tumour immune phenotype is named by its states
            assert re.search(r"\b(?:cold|hot|inflamed)\b", s.evidence.quote)
            named = ()
        if s.evidence.antecedent_index is None:
            assert_entities_mentioned(s, "agent", *named, "via")
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


# --------------------------------------------------------------------------- anaphora, means


def _doc_mechs(doc: object) -> set[tuple[str, str, str, int | None]]:
    return {(s.agent.key, s.effect, s.object.key, s.evidence.antecedent_index)
            for s in mechanisms.extract(doc)}  # type: ignore[arg-type]


def test_it_acts_as_the_drug_named_in_the_sentence_before() -> None:
    lurbi, tumour = ref("drug/lurbinectedin"), ref("celltype/tumor-cell")
    neo = ref("target/neoantigen")
    first = "Lurbinectedin is an alkylating agent approved in second line."
    doc = document((first, [("Lurbinectedin", lurbi)]),
                   ("It can kill tumour cells and expose neoantigens to T cells.",
                    [("tumour cells", tumour), ("neoantigens", neo)]))
    found = list(mechanisms.extract(doc))
    assert {(s.agent.key, s.effect, s.object.key) for s in found} == {
        (lurbi.key, "Decreases", tumour.key), (lurbi.key, "Promotes", neo.key)}
    for s in found:  # the quote runs from the antecedent to the end of the anaphor's sentence
        assert s.evidence.quote == doc.document.text and s.evidence.antecedent_index == 0
    # negated and hedged anaphoric statements keep their flags
    doc = document((first, [("Lurbinectedin", lurbi)]), ("It did not reduce TAMs.", [("TAMs", TAM)]))
    (s,) = mechanisms.extract(doc)
    assert s.agent == lurbi and s.evidence.negated and s.evidence.polarity == "disputes"
    doc = document((first, [("Lurbinectedin", lurbi)]), ("It may reduce TAMs.", [("TAMs", TAM)]))
    (s,) = mechanisms.extract(doc)
    assert s.agent == lurbi and s.evidence.hedged and not s.evidence.negated


def test_an_anaphor_without_antecedent_gives_nothing() -> None:
    assert _doc_mechs(document(("It can reduce TAMs and kill tumour cells.", [("TAMs", TAM)]))) == set()
    doc = document(("The trial enrolled 40 patients.", []), ("This synergy reduces TAMs.", [("TAMs", TAM)]))
    assert _doc_mechs(doc) == set()


def test_an_anaphor_attributed_a_nominal_effect_and_its_relative_clause() -> None:
    cabo, nivo = ref("drug/cabozantinib"), ref("drug/nivolumab")
    tme = ref("process/tumor-microenvironment")
    doc = document(("Combining cabozantinib with nivolumab was synergistic in mice.",
                    [("cabozantinib", cabo), ("nivolumab", nivo)]),
                   ("This synergy is attributed to the normalization of tumour vessels, which enhances "
                    "effector T cells, and converts the TME.",
                    [("tumour vessels", VESSELS), ("effector T cells", EFFECTOR), ("TME", tme)]))
    both = "regimen/cabozantinib--nivolumab"  # the synergy of the combination acts, not one drug
    assert _doc_mechs(doc) == {(both, "Normalizes", VESSELS.key, 0), (both, "Increases", EFFECTOR.key, 0),
                               (both, "Converts", tme.key, 0)}


def test_the_treatment_acts_as_the_drug_two_sentences_back() -> None:
    cabo, il6 = ref("drug/cabozantinib"), ref("target/il-6")
    doc = document(("A phase II trial of cabozantinib gave few responses.", [("cabozantinib", cabo)]),
                   ("The reason was probably a dense infiltrate of TAMs.", [("TAMs", TAM)]),
                   ("The treatment further increased serum IL-6.", [("IL-6", il6)]))
    assert _doc_mechs(doc) == {(cabo.key, "Increases", il6.key, 0)}


def test_a_means_nominal_needs_a_treatment_or_an_anaphor_as_its_agent() -> None:
    pd1, treg = ref("target/pd-1"), ref("celltype/regulatory-t-cell")
    # "through upregulation of X": a cell type is no trusted agent of the means
    assert _mechs("CD8+ T cells become dysfunctional through upregulation of PD-1.",
                  [("CD8+ T cells", CD8), ("PD-1", pd1)]) == set()
    assert _mechs("Sunitinib acts through depletion of Tregs.", [("Sunitinib", ref("drug/sunitinib")), ("Tregs", treg)]) == {
        ("drug/sunitinib", "Decreases", treg.key, None)}
    gi, neo = ref("process/genomic-instability"), ref("target/neoantigen")
    text = "Such tumours show genomic instability, and these features could raise immunogenicity through increased neoantigen formation."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("genomic instability", gi), ("neoantigen", neo)])))
    assert (s.agent, s.effect, s.object) == (gi, "Increases", neo) and s.evidence.hedged
    text = "Such tumours show genomic instability and could raise immunogenicity through increased neoantigen formation."
    assert _mechs(text, [("genomic instability", gi), ("neoantigen", neo)]) == set()


def test_a_restated_definition_subject_acts_as_the_defined_biomarker() -> None:
    msi, ap = ref("biomarker/microsatellite-instability"), ref("process/antigen-presentation")
    doc = document(("A high MSI status represents deficient mismatch repair in the tumour.", [("MSI", msi)]),
                   ("Deficient mismatch repair results in loss of antigen presentation.", [("antigen presentation", ap)]))
    assert _doc_mechs(doc) == {(msi.key, "Decreases", ap.key, 0)}


@pytest.mark.slow
def test_real_anaphoric_mechanisms_quote_their_antecedent() -> None:
    found = [*mechanisms.extract(corpus_document("003")), *mechanisms.extract(corpus_document("004"))]
    assert_quotes_exact(found)
    facts = {(s.agent.key, s.effect, s.object.key): s for s in found}
    for key in [("drug/trabectedin", "Promotes", "target/neoantigen"),
                ("drug/pembrolizumab", "Increases", "biomarker/kynurenine-tryptophan-ratio"),
                ("biomarker/hla-loss-of-heterozygosity", "Decreases", "process/antigen-presentation")]:
        evidence = facts[key].evidence
        assert evidence.antecedent_index is not None and evidence.antecedent_index < evidence.sentence_index
    assert facts[("drug/trabectedin", "Promotes", "target/neoantigen")].evidence.quote.startswith("Trabectedin is")
    normalizes = [s for s in found if s.effect == "Normalizes" and s.object.key == "process/tumor-vasculature"]
    # "Combining ICIs with anti-angiogenic TKIs ... This synergy ... normalization": the combination acts
    assert normalizes and all(isinstance(s.agent, Regimen) and len(s.agent.components) == 2
                              and {c.category for c in s.agent.components} == {"DrugClass"} for s in normalizes)
    sentences = {(a.sentence.doc_id, a.sentence.index): a
                 for doc in (corpus_document("003"), corpus_document("004")) for a in doc.sentences}
    for s in found:  # an anaphoric agent is named in the antecedent sentence the quote starts with
        if s.evidence.antecedent_index is not None:
            named = sentences[(s.evidence.doc_id, s.evidence.antecedent_index)]
            agents = s.agent.components if isinstance(s.agent, Regimen) else (s.agent,)
            assert {a.key for a in agents} <= {m.entity.key for m in named.mentions}
            assert s.evidence.start == named.sentence.start


def test_a_pronoun_subject_acts_before_an_object_of_another_verb_but_not_before_a_new_drug() -> None:
    tls, til = ref("biomarker/tertiary-lymphoid-structure"), ref("celltype/tumor-infiltrating-lymphocyte")
    immunity = ref("process/antitumor-immunity")
    doc = document(("TLS are organized clusters of immune cells.", [("TLS", tls)]),
                   ("They help generate an immune response by recruiting TILs.",
                    [("immune response", immunity), ("TILs", til)]))
    assert _doc_mechs(doc) == {(tls.key, "Increases", til.key, 0)}
    lurbi, treg = ref("drug/lurbinectedin"), ref("celltype/regulatory-t-cell")
    doc = document(("Lurbinectedin is an alkylating agent.", [("Lurbinectedin", lurbi)]),
                   ("It depletes TAMs, and lenvatinib reduces Tregs.", [("TAMs", TAM), ("lenvatinib", DRUG), ("Tregs", treg)]))
    assert _doc_mechs(doc) == {(lurbi.key, "Decreases", TAM.key, 0), (DRUG.key, "Decreases", treg.key, None)}


def test_a_participle_between_a_determiner_and_a_plain_noun_is_a_modifier() -> None:
    pten, pd1 = ref("target/pten"), ref("target/pd-1")
    text = "PTEN loss may be one of the driving mechanisms of resistance to PD-1 inhibition."
    assert _mechs(text, [("PTEN", pten), ("PD-1", pd1)]) == set()
    # with the verb use kept: "PTEN loss is driving PD-1 expression"
    assert _mechs("PTEN loss is driving PD-1 expression.", [("PTEN", pten), ("PD-1", pd1)]) == {
        (pten.key, "Promotes", pd1.key, None)}


def test_a_hedged_cause_with_a_modifier_before_its_nominal() -> None:
    ido, tdo = ref("drug/navoximod"), ref("target/tdo2")
    text = "The trial of navoximod failed, possibly due to compensatory upregulation of TDO."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("navoximod", ido), ("TDO", tdo)])))
    # compensation, not "navoximod upregulates TDO": TDO takes over for the drug's target
    assert isinstance(s, StatedMechanism) and s.evidence.hedged
    assert (s.agent, s.effect, s.object.key, s.stated_as) == (tdo, "CompensatesFor", "target/ido1", ido)
    # a cell type is not trusted as the agent of such a means
    text = "CD8+ T cells fail, possibly due to compensatory upregulation of TDO."
    assert _mechs(text, [("CD8+ T cells", CD8), ("TDO", tdo)]) == set()


def test_which_collectively_takes_up_the_list_before_it() -> None:
    cd47, csf1r = ref("target/cd47"), ref("target/csf1r")
    supp = ref("process/immunosuppression")
    entities = [("CD47", cd47), ("CSF1R", csf1r), ("immunosuppression", supp), ("TAMs", TAM)]
    text = "TAMs express CD47 and CSF1R (3, 4), which collectively promote immunosuppression."
    immunity = "process/antitumor-immunity"  # promoting immunosuppression suppresses it
    assert _mechs(text, entities) == {(cd47.key, "Suppresses", immunity, None), (csf1r.key, "Suppresses", immunity, None),
                                      (TAM.key, "Expresses", cd47.key, None), (TAM.key, "Expresses", csf1r.key, None)}
    # without "collectively" the relative head alone is named, and the sentence's actor stays the agent
    text = "TAMs express CD47 and CSF1R, which promote immunosuppression."
    assert (cd47.key, "Suppresses", immunity, None) not in _mechs(text, entities)
    assert supp.key not in {o for _, _, o, _ in _mechs(text, entities)}


def test_without_introduces_no_claim_and_an_outcome_clause_no_object() -> None:
    treg = ref("celltype/regulatory-t-cell")
    text = "Nemvaleukin was designed to expand effector T cells without stimulating Tregs."
    nemva = ref("drug/nemvaleukin-alfa")
    assert _mechs(text, [("Nemvaleukin", nemva), ("effector T cells", EFFECTOR), ("Tregs", treg)]) == {
        (nemva.key, "Increases", EFFECTOR.key, None)}
    pdl1 = ref("target/pd-l1")
    text = "Tevalimab produced a response rate of 30%, and a PD-L1 score of 1 was associated with response."
    assert _mechs(text, [("Tevalimab", ref("drug/tevalimab")), ("PD-L1", pdl1)]) == set()


def test_cells_right_before_a_gerund_act_in_a_reduced_relative() -> None:
    ifng = ref("target/ifn-gamma")
    text = "Lenvatinib increases CD8+ T cells secreting IFN-γ."
    assert _mechs(text, [("Lenvatinib", DRUG), ("CD8+ T cells", CD8), ("IFN-γ", ifng)]) == {
        (DRUG.key, "Increases", CD8.key, None), (CD8.key, "Secretes", ifng.key, None)}
    # with a comma the gerund is the subject's own second verb
    text = "Lenvatinib increases CD8+ T cells, secreting IFN-γ."
    assert (DRUG.key, "Secretes", ifng.key, None) in _mechs(text, [("Lenvatinib", DRUG), ("CD8+ T cells", CD8),
                                                                    ("IFN-γ", ifng)])


def test_a_past_tense_verb_right_after_its_subject_is_a_verb() -> None:
    assert _mechs("Lenvatinib reduced TAMs in mice.", [("Lenvatinib", DRUG), ("TAMs", TAM)]) == {
        (DRUG.key, "Decreases", TAM.key, None)}
    sunitinib, treg = ref("drug/sunitinib"), ref("celltype/regulatory-t-cell")
    first = ("Sunitinib inhibits VEGFR2.", [("Sunitinib", sunitinib), ("VEGFR2", ref("target/vegfr2"))])
    assert (sunitinib.key, "Decreases", TAM.key, 0) in _doc_mechs(document(first, ("It reduced TAMs.", [("TAMs", TAM)])))
    # a parenthesis after the anaphor keeps it the subject; the negation is kept
    doc = document(first, ("The drug, however, did not deplete Tregs.", [("Tregs", treg)]))
    found = [s for s in mechanisms.extract(doc) if s.object == treg]
    assert [(s.agent, s.effect, s.evidence.negated) for s in found] == [(sunitinib, "Decreases", True)]
    # after a verb of showing, the participle stays an adjective
    assert _mechs("Lenvatinib-treated mice showed reduced TAMs.", [("Lenvatinib", DRUG), ("TAMs", TAM)]) == set()


_NEW_PAPER = """Zanzalintinib plus atezolizumab in advanced sarcoma: a translational study

Introduction

Zanzalintinib is a multikinase inhibitor of VEGFR2, MET and AXL. It reduced myeloid-derived suppressor \
cells and increased CD8+ T cell infiltration in mouse models. Combining zanzalintinib with atezolizumab was \
synergistic in these models. This synergy was attributed to the normalization of tumour vessels, which \
enhanced the infiltration of effector T cells. It is unclear whether macrophages contribute.

Results

It did not change PD-L1 expression. Tumor-associated macrophages were abundant at baseline. They secreted \
IL-10 and suppressed T cell activation.
"""


def test_anaphora_end_to_end_on_a_new_paper(tmp_path: Path) -> None:
    from sarckg.corpus import read_document
    from sarckg.extract.pipeline import extract_document

    path = tmp_path / "paper.txt"
    path.write_text(_NEW_PAPER, encoding="utf-8")
    document = read_document(path)
    found = [s for s in extract_document(document).statements if isinstance(s, Mechanism)]
    facts = {(s.agent.key, s.effect, s.object.key) for s in found}
    assert facts == {
        ("drug/zanzalintinib", "Decreases", "celltype/myeloid-derived-suppressor-cell"),
        ("drug/zanzalintinib", "Increases", "celltype/cd8-positive-t-cell"),
        ("regimen/atezolizumab--zanzalintinib", "Normalizes", "process/tumor-vasculature"),
        ("regimen/atezolizumab--zanzalintinib", "Increases", "celltype/effector-t-cell"),
        ("celltype/tumor-associated-macrophage", "Secretes", "target/il-10"),
        ("celltype/tumor-associated-macrophage", "Suppresses", "process/t-cell-activation"),
    }
    for s in found:  # each quote starts at the sentence naming the agent and is the file's exact text
        e = s.evidence
        assert e.antecedent_index == e.sentence_index - 1
        assert document.text[e.start:e.end] == e.quote
        assert s.agent.label.split()[0].lower() in e.quote.split(". ")[0].lower()


def test_a_hedged_comment_after_the_claim_does_not_hedge_it() -> None:
    treg = ref("celltype/regulatory-t-cell")
    text = "Lenvatinib decreased Tregs in mice, possibly due to reduced chemokine secretion."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("Lenvatinib", DRUG), ("Tregs", treg)])))
    assert s.effect == "Decreases" and not s.evidence.hedged
    text = "Lenvatinib possibly decreased Tregs in mice."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("Lenvatinib", DRUG), ("Tregs", treg)])))
    assert s.evidence.hedged


def test_a_drug_after_to_or_against_is_no_agent_and_a_participle_governs_its_nominal() -> None:
    pembro, pdl1 = ref("drug/pembrolizumab"), ref("target/pd-l1")
    text = "Resistance to pembrolizumab is mediated by increased PD-L1 expression."
    assert _mechs(text, [("pembrolizumab", pembro), ("PD-L1", pdl1)]) == set()
    text = "Lenvatinib works by reduced recruitment of TAMs."
    assert _mechs(text, [("Lenvatinib", DRUG), ("TAMs", TAM)]) == {(DRUG.key, "Decreases", TAM.key, None)}
