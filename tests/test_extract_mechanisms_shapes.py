"""Mechanism shapes beyond the plain "X verb Y": what a secretion verb may take as object,
shared heads, by-agents of nominals, effect nouns ("anti-angiogenic effects"), purpose
infinitives and passive conversions."""

from __future__ import annotations

from extract_helpers import annotated, doc_of, ref
from sarckg.extract import mechanisms
from sarckg.model import Mechanism

PEMBRO = ref("drug/pembrolizumab")
TMB = ref("biomarker/tumor-mutational-burden")
ASPS = ref("subtype/alveolar-soft-part-sarcoma")
M2 = ref("celltype/m2-macrophage")
IL10, TGFB = ref("target/il-10", "Protein"), ref("target/tgf-beta", "Protein")


def _mechs(text: str, entities: list) -> set[tuple[str, str, str]]:
    found = set()
    for s in mechanisms.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, Mechanism) and s.evidence.quote == text
        found.add((s.agent.key, s.effect, s.object.key))
    return found


def test_producing_responses_or_benefit_is_no_secretion() -> None:
    text = "Pembrolizumab produced durable responses in ASPS, likely due to high TMB."
    assert _mechs(text, [("Pembrolizumab", PEMBRO), ("ASPS", ASPS), ("TMB", TMB)]) == set()
    text = "Pembrolizumab produced clinical benefit and antitumor activity in patients with high TMB."
    assert _mechs(text, [("Pembrolizumab", PEMBRO), ("TMB", TMB)]) == set()


def test_a_measured_biomarker_or_a_gene_is_never_secreted() -> None:
    assert _mechs("Tumour cells produce TMB.", [("Tumour cells", ref("celltype/tumor-cell")), ("TMB", TMB)]) == set()
    gene = ref("target/pten", "Gene")
    assert _mechs("M2 macrophages produce PTEN.", [("M2 macrophages", M2), ("PTEN", gene)]) == set()


def test_a_cell_producing_cytokines_secretes_them() -> None:
    text = "M2 macrophages produce high levels of immunosuppressive cytokines such as IL-10 and TGF-β."
    assert _mechs(text, [("M2 macrophages", M2), ("IL-10", IL10), ("TGF-β", TGFB)]) == {
        (M2.key, "Secretes", IL10.key), (M2.key, "Secretes", TGFB.key)}
    text = "IL-10 is produced by M2 macrophages in sarcomas."
    assert _mechs(text, [("M2 macrophages", M2), ("IL-10", IL10)]) == {(M2.key, "Secretes", IL10.key)}


def test_a_long_name_before_the_abbreviated_molecule_is_no_gap() -> None:
    cd8, ifng = ref("celltype/cd8-positive-t-cell"), ref("target/ifn-gamma", "Protein")
    text = "Sunitinib increased CD8+ T cells secreting interferon (IFN)-γ in mice."
    assert (cd8.key, "Secretes", ifng.key) in _mechs(text, [("CD8+ T cells", cd8), ("IFN)-γ", ifng)])


AIS, CYTO = ref("class/AngiogenesisInhibitor"), ref("class/CytotoxicChemotherapy")
TREG = ref("celltype/regulatory-t-cell")


def test_an_elided_shared_head_names_each_class_as_an_agent() -> None:
    text = "Cytotoxic and/or antiangiogenic agents could reduce Tregs in the tumour."
    assert _mechs(text, [("antiangiogenic agents", AIS), ("Tregs", TREG)]) == {
        (AIS.key, "Decreases", TREG.key), (CYTO.key, "Decreases", TREG.key)}


def test_a_combination_of_classes_or_an_unknown_modifier_adds_no_agent() -> None:
    text = "The combination of cytotoxic and antiangiogenic agents could reduce Tregs."
    assert _mechs(text, [("antiangiogenic agents", AIS), ("Tregs", TREG)]) == {(AIS.key, "Decreases", TREG.key)}
    text = "Novel and/or antiangiogenic agents could reduce Tregs."
    assert _mechs(text, [("antiangiogenic agents", AIS), ("Tregs", TREG)]) == {(AIS.key, "Decreases", TREG.key)}


def test_a_nominal_takes_its_agent_after_by() -> None:
    macro, evasion = ref("celltype/macrophage"), ref("process/immune-evasion")
    text = "The activation of immune evasion by macrophages may drive resistance."
    assert _mechs(text, [("immune evasion", evasion), ("macrophages", macro)]) == {
        (macro.key, "Activates", evasion.key)}
    trab, tam = ref("drug/trabectedin"), ref("celltype/tumor-associated-macrophage")
    text = "The depletion of TAMs and Tregs by trabectedin enhances immunity."
    assert _mechs(text, [("TAMs", tam), ("Tregs", TREG), ("trabectedin", trab)]) == {
        (trab.key, "Decreases", tam.key), (trab.key, "Decreases", TREG.key)}


def test_a_nominal_without_a_by_agent_or_with_a_compound_after_by_states_nothing() -> None:
    angio, vegf = ref("process/angiogenesis"), ref("target/vegf")
    assert _mechs("The inhibition of angiogenesis by VEGF blockade is known.",
                  [("angiogenesis", angio), ("VEGF", vegf)]) == set()
    assert _mechs("The inhibition of angiogenesis was seen in VEGF-high tumours.",
                  [("angiogenesis", angio), ("VEGF", vegf)]) == set()


def test_treatments_offered_as_alternatives_each_act_but_a_plain_and_names_one() -> None:
    lenva, suni, pazo = ref("drug/lenvatinib"), ref("drug/sunitinib"), ref("drug/pazopanib")
    entities = [("Lenvatinib", lenva), ("sunitinib", suni), ("pazopanib", pazo), ("Tregs", TREG)]
    assert _mechs("Lenvatinib, sunitinib or pazopanib reduce Tregs.", entities) == {
        (d.key, "Decreases", TREG.key) for d in (lenva, suni, pazo)}
    assert _mechs("Lenvatinib and sunitinib reduce Tregs.", entities) == {(lenva.key, "Decreases", TREG.key)}


ANGIO = ref("process/angiogenesis")


def test_an_anti_process_effect_noun_inhibits_the_process() -> None:
    anlo = ref("drug/anlotinib")
    tki = ref("class/TyrosineKinaseInhibitor")
    text = "Anlotinib, an oral tyrosine kinase inhibitor that exerts significant anti-angiogenesis effects, is approved."
    assert _mechs(text, [("Anlotinib", anlo), ("tyrosine kinase inhibitor", tki), ("angiogenesis", ANGIO)]) == {
        (anlo.key, "Inhibits", ANGIO.key)}
    suni = ref("drug/sunitinib")  # the adjective names the process through the vocabulary
    assert _mechs("Sunitinib had potent antiangiogenic activity in mice.", [("Sunitinib", suni)]) == {
        (suni.key, "Inhibits", ANGIO.key)}
    (s,) = mechanisms.extract(doc_of(annotated("Sunitinib did not have anti-angiogenic effects.",
                                               [("Sunitinib", suni)])))
    assert s.evidence.negated


def test_an_anti_word_that_names_no_process_or_a_class_states_nothing() -> None:
    eri, ais = ref("drug/eribulin"), ref("class/AngiogenesisInhibitor")
    assert _mechs("Eribulin has anti-tumour activity in sarcoma.", [("Eribulin", eri)]) == set()
    assert _mechs("Eribulin had no antiangiogenic effect.", [("Eribulin", eri)]) == set()
    assert _mechs("Eribulin was combined with antiangiogenic agents with effects on survival.",
                  [("Eribulin", eri), ("antiangiogenic agents", ais)]) == set()


def test_regulatory_effects_in_a_process_modulate_it() -> None:
    tme = ref("process/tumor-microenvironment")
    text = "Preclinical studies showed that cytotoxic agents had regulatory effects in the tumor microenvironment."
    assert _mechs(text, [("cytotoxic agents", CYTO), ("tumor microenvironment", tme)]) == {
        (CYTO.key, "Converts", tme.key)}
    text = "Cytotoxic agents had regulatory T cells in the tumor microenvironment."
    assert _mechs(text, [("cytotoxic agents", CYTO), ("tumor microenvironment", tme)]) == set()
