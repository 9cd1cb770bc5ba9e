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
