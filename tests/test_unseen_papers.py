"""End to end on papers written for this test, full of names the vocabulary has never seen.

The papers in tests/resources/unseen/ are invented but realistic (the build reads all of them):
a phase 2 trial of an anti-LAG-3 antibody plus a TKI in biphenotypic sinonasal sarcoma and
ossifying fibromyxoid tumour, a retrospective cohort of a CDK4/6 and a PARP inhibitor with
results and adverse-event tables, a case report of a TCR T-cell therapy in follicular dendritic
cell sarcoma, a TCR basket trial, a research letter and a review; the preclinical mechanism
paper and the ADC trial have test files of their own. The tests ask what a reader would
underline, and that each fact quotes the paper exactly.
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from sarckg.corpus import read_document
from sarckg.extract.pipeline import DocumentExtraction, extract_document
from sarckg.graph.build import BuildResult, build_graph
from sarckg.model import EntityRef, Mechanism, Regimen, Statement
from sarckg.namespaces import ENT, SKG

PAPERS = Path(__file__).resolve().parent / "resources" / "unseen"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuildResult:
    folder = tmp_path_factory.mktemp("unseen")
    for paper in sorted(PAPERS.glob("*.txt")):
        shutil.copy(paper, folder / paper.name)
    return build_graph(folder)


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return built.graph


@pytest.fixture(scope="module")
def texts(built) -> dict[str, str]:
    return {f"https://w3id.org/sarckg/document/{d.doc_id}": d.text for d in built.documents}


def ent(key: str) -> URIRef:
    return ENT[key]


def found_in_text(graph: Graph, key: str) -> bool:
    return (ent(key), SKG.foundInText, Literal(True)) in graph


def quotes(graph: Graph, statement: URIRef) -> list[str]:
    return [str(graph.value(ev, SKG.quote)) for ev in graph.objects(statement, PROV.wasDerivedFrom)]


def statements(graph: Graph, kind: URIRef, **props: URIRef | str) -> list[URIRef]:
    """Statement nodes of ``kind`` whose properties have the given values (IRIs or local names)."""
    found = []
    for s in graph.subjects(RDF.type, kind):
        if all(_has(graph, s, SKG[p], v) for p, v in props.items()):
            found.append(s)
    return sorted(found)


def _has(graph: Graph, s: URIRef, p: URIRef, value: URIRef | str) -> bool:
    values = list(graph.objects(s, p))
    if isinstance(value, URIRef):
        return value in values
    return any(str(v) == value or str(v).rsplit("/", 1)[-1].rsplit("#", 1)[-1] == value for v in values)


def outcome_values(graph: Graph, measure: str, regimen: str) -> dict[Decimal, list[str]]:
    found: dict[Decimal, list[str]] = {}
    for s in statements(graph, SKG.OutcomeMeasurement, measure=SKG[measure],
                        regimen=ent(f"regimen/{regimen}")):
        found.setdefault(Decimal(str(graph.value(s, SKG.value))), []).extend(quotes(graph, s))
    return found


# ------------------------------------------------------------------ entities found in text


@pytest.mark.parametrize(("key", "stem_class"), [
    ("drug/veltrolimab", "MonoclonalAntibody"),
    ("drug/davoratinib", "TyrosineKinaseInhibitor"),
    ("drug/temberciclib", "CDKInhibitor"),
    ("drug/zelparib", "PARPInhibitor"),
    ("drug/zelumaleucel", "CellTherapy"),
    ("drug/fludarabine", "Antimetabolite"),
])
def test_unknown_drugs_are_found_by_stem_and_classed_by_it(graph, key, stem_class):
    assert found_in_text(graph, key)
    assert (ent(key), RDF.type, SKG[stem_class]) in graph
    assert (ent(key), RDF.type, SKG.Drug) in graph


@pytest.mark.parametrize("key", ["drug/pembrolizumab", "drug/doxorubicin", "drug/ifosfamide"])
def test_known_drugs_are_not_flagged_as_found_in_text(graph, key):
    assert (ent(key), RDF.type, SKG.Drug) in graph
    assert not found_in_text(graph, key)


def test_every_evidence_quotes_its_paper_exactly(graph, texts):
    evidences = list(graph.subjects(RDF.type, SKG.Evidence))
    assert len(evidences) > 50
    for ev in evidences:
        text = texts[str(graph.value(ev, URIRef("http://purl.org/dc/terms/source")))]
        start, end = int(graph.value(ev, SKG.startOffset)), int(graph.value(ev, SKG.endOffset))
        assert text[start:end] == str(graph.value(ev, SKG.quote))


def test_a_drug_code_name_is_a_drug_not_a_trial(graph):
    assert (ent("study/kvr-2207"), RDF.type, SKG.Study) not in graph
    assert found_in_text(graph, "drug/kvr-2207")
    assert (ent("drug/kvr-2207"), RDF.type, SKG.Drug) in graph


def test_new_subtype_from_its_definition_and_abbreviation(graph):
    key = "subtype/ossifying-fibromyxoid-tumour"
    assert found_in_text(graph, key)
    traits = statements(graph, SKG.SubtypePropertyStatement, subtype=ent(key))
    assert any("OFMT" in q for s in traits for q in quotes(graph, s))


@pytest.mark.parametrize("key", ["subtype/biphenotypic-sinonasal-sarcoma",
                                 "subtype/myxoinflammatory-fibroblastic-sarcoma",
                                 "subtype/follicular-dendritic-cell-sarcoma"])
def test_new_sarcoma_subtypes_from_their_definitions(graph, key):
    assert found_in_text(graph, key)
    assert (ent(key), RDF.type, SKG.SarcomaSubtype) in graph


@pytest.mark.parametrize("key", ["fusion/pax3-maml3", "fusion/ewsr1-patz1"])
def test_unknown_gene_fusions(graph, key):
    assert found_in_text(graph, key)
    assert (ent(key), RDF.type, SKG.GeneFusion) in graph
    assert any(graph.subjects(SKG.harbours, ent(key)))


def test_a_fusion_belongs_to_the_subtype_that_harbours_it(graph):
    assert (ent("subtype/biphenotypic-sinonasal-sarcoma"), SKG.harbours, ent("fusion/pax3-maml3")) in graph


# ------------------------------------------------------------------ studies


def test_nct_numbers_are_trials_with_phase_and_regimen(graph):
    # the title names the paper's own trial ("...: the VELDA-2 phase 2 trial") and the abstract
    # gives its number ("VELDA-2 (NCT05581234)"): one study, the paper's own, under its name
    phase2 = ent("study/velda-2")
    assert found_in_text(graph, "study/velda-2")
    assert not any(graph.predicate_objects(ent("study/nct05581234")))
    assert str(graph.value(phase2, SKG.nctId)) == "NCT05581234"
    assert str(graph.value(phase2, SKG.phase)) == "2"
    assert any(graph.subjects(SKG.reportsStudy, phase2))
    prism = ent("study/prism-s")  # "...: results from the multicohort PRISM-S phase 1/2 study"
    assert any(graph.subjects(SKG.reportsStudy, prism)) and str(graph.value(prism, SKG.nctId)) == "NCT06218874"
    case = ent("study/nct04752358")
    assert str(graph.value(case, SKG.phase)) == "1"
    assert (case, SKG.evaluates, ent("regimen/zelumaleucel")) in graph


def test_a_trial_code_name_is_a_trial_evaluating_the_combination(graph):
    velda = ent("study/velda-2")
    assert (velda, RDF.type, SKG.ClinicalTrial) in graph
    assert (velda, SKG.evaluates, ent("regimen/davoratinib--veltrolimab")) in graph


# ------------------------------------------------------------------ outcomes and safety


def test_outcomes_go_to_the_right_regimen(graph):
    alone = outcome_values(graph, "MedianPFS", "temberciclib")
    combo = outcome_values(graph, "MedianPFS", "temberciclib--zelparib")
    assert Decimal("4.6") in alone and Decimal("6.9") in combo
    assert Decimal("6.9") not in alone and Decimal("4.6") not in combo
    assert Decimal("17.2") in outcome_values(graph, "MedianOS", "temberciclib")
    assert Decimal("21.5") in outcome_values(graph, "MedianOS", "temberciclib--zelparib")


def test_response_rate_with_its_fraction_and_quote(graph):
    orr = [s for s in statements(graph, SKG.OutcomeMeasurement, measure=SKG.ORR,
                                 regimen=ent("regimen/davoratinib--veltrolimab"))
           if graph.value(s, SKG.value) == Literal(Decimal("28.1"))]
    assert orr
    assert int(graph.value(orr[0], SKG.numerator)) == 9
    assert int(graph.value(orr[0], SKG.denominator)) == 32
    assert any("28.1% (9/32)" in q for q in quotes(graph, orr[0]))


@pytest.mark.parametrize(("measure", "value", "subtype"), [
    ("ORR", "42.9", "biphenotypic-sinonasal-sarcoma"),
    ("DCR", "80.0", "myxoinflammatory-fibroblastic-sarcoma"),
])
def test_subgroup_outcomes_name_the_new_subtype(graph, measure, value, subtype):
    hits = [s for s in statements(graph, SKG.OutcomeMeasurement, measure=SKG[measure])
            if graph.value(s, SKG.value) == Literal(Decimal(value))]
    assert any(graph.value(s, SKG.population) == ent(f"subtype/{subtype}") for s in hits)


def test_outcomes_from_a_table_with_one_regimen_per_row(graph):
    assert Decimal("8.3") in outcome_values(graph, "ORR", "temberciclib")
    assert Decimal("18.2") in outcome_values(graph, "ORR", "temberciclib--zelparib")


def test_adverse_events_from_the_table_with_grade_and_regimen(graph):
    grade34 = statements(graph, SKG.AdverseEventReport, regimen=ent("regimen/temberciclib--zelparib"),
                         event=ent("adverseevent/neutropenia"), grade="3-4")
    assert [Decimal(str(graph.value(s, SKG.value))) for s in grade34] == [Decimal("36.4")]
    assert quotes(graph, grade34[0]) == ["Neutropenia\t15 (68.2)\t8 (36.4)"]


# ------------------------------------------------------------------ biology


@pytest.mark.parametrize(("biomarker", "outcome", "direction"), [
    ("target/lag-3", "Survival", "Positive"),
    ("target/pd-l1", "Response", "NoAssociation"),
    ("biomarker/cdkn2a-deletion", "Survival", "Negative"),
    ("biomarker/tp53-mutation", "Prognosis", "Negative"),
])
def test_biomarker_associations(graph, biomarker, outcome, direction):
    assert statements(graph, SKG.BiomarkerAssociation, biomarker=ent(biomarker),
                      outcome=SKG[outcome], direction=SKG[direction])


def test_biomarker_association_keeps_the_subtype_of_its_sentence(graph):
    hits = statements(graph, SKG.BiomarkerAssociation, biomarker=ent("biomarker/cdkn2a-deletion"),
                      subtype=ent("subtype/dedifferentiated-liposarcoma"))
    assert any("in DDLPS" in q for s in hits for q in quotes(graph, s))


@pytest.mark.parametrize(("drug", "target"), [
    ("drug/veltrolimab", "target/lag-3"),
    ("drug/zelumaleucel", "target/mage-a4"),
    ("drug/zelparib", "target/parp"),
])
def test_unknown_drugs_get_their_targets(graph, drug, target):
    assert (ent(drug), SKG.targets, ent(target)) in graph


def test_mechanism_of_an_unknown_drug(graph):
    assert (ent("drug/davoratinib"), SKG.inhibits, ent("target/vegfr2")) in graph


def test_a_contrasted_subtype_does_not_get_the_trait(graph):
    # "Unlike alveolar soft part sarcoma, BSNS has a low tumor mutational burden, ..."
    assert (ent("subtype/alveolar-soft-part-sarcoma"), SKG.hasTrait, SKG.LowTMB) not in graph
    assert [s for s in graph.subjects(SKG.hasTrait, SKG.LowTMB) if "sinonasal" in str(s)]  # the subtype it is said of


# ================================================================== three more papers, read one by one
# prame_tcr_basket: a phase 1/2 TCR T-cell basket trial with patient and adverse-event tables;
# ultrarare_review: a narrative review of conjugates, oncolytic viruses, cytokines and vaccines;
# research_letter_ppms: a research letter with a Markdown table. Each is read with
# extract_document, as the build does, and asked what a careful reader would underline.


@pytest.fixture(scope="module")
def papers() -> dict[str, DocumentExtraction]:
    names = ("prame_tcr_basket", "ultrarare_review", "research_letter_ppms")
    return {name: extract_document(read_document(PAPERS / f"{name}.txt")) for name in names}


def mentioned(extraction: DocumentExtraction) -> dict[str, EntityRef]:
    return {m.entity.key: m.entity for s in extraction.annotated.sentences for m in s.mentions}


def found(extraction: DocumentExtraction, kind: str, **expected: object) -> list[Statement]:
    """Statements of ``kind`` whose fields equal ``expected`` (entities and regimens by key)."""
    def value(s: Statement, name: str) -> object:
        v = getattr(s, name)
        return v.key if isinstance(v, EntityRef | Regimen) else v
    return [s for s in extraction.statements
            if s.kind == kind and all(value(s, k) == v for k, v in expected.items())]


@pytest.mark.parametrize(("paper", "key", "stem_class"), [
    ("prame_tcr_basket", "drug/ostiraleucel", "CellTherapy"),
    ("prame_tcr_basket", "drug/tarvaleukin", "Cytokine"),
    ("prame_tcr_basket", "drug/lorvatinib", "TyrosineKinaseInhibitor"),
    ("ultrarare_review", "drug/sorutamab-vedotin", "AntibodyDrugConjugate"),
    ("ultrarare_review", "drug/nelitamab-deruxtecan", "AntibodyDrugConjugate"),
    ("ultrarare_review", "drug/ravimogene-orparepvec", "OncolyticVirus"),
    ("ultrarare_review", "drug/tebadodekin-alfa", "Cytokine"),
    ("ultrarare_review", "drug/pegdecakin", "Cytokine"),
    ("ultrarare_review", "drug/nemvaleukin-alfa", "Cytokine"),
    ("ultrarare_review", "drug/selimotide", "Vaccine"),
    ("ultrarare_review", "drug/ostagenatucel-l", "Vaccine"),
    ("ultrarare_review", "drug/rilvomig", "BispecificAntibody"),
    ("ultrarare_review", "drug/coltabart", "MonoclonalAntibody"),
    ("ultrarare_review", "drug/pelmetinib", "TyrosineKinaseInhibitor"),
    ("ultrarare_review", "drug/kt-4410", "Drug"),
    ("research_letter_ppms", "drug/tevalimab", "ImmuneCheckpointInhibitor"),
    ("research_letter_ppms", "drug/lomiparib", "PARPInhibitor"),
    ("research_letter_ppms", "drug/navociclib", "CDKInhibitor"),
])
def test_new_papers_unknown_drugs_by_stem(papers, paper, key, stem_class):
    entity = mentioned(papers[paper])[key]
    assert not entity.in_vocabulary and entity.category == "Drug" and stem_class in entity.types


def test_new_papers_a_short_name_defined_in_parentheses_is_the_same_drug(papers):
    # "Ostiraleucel (ostira-cel) consists of autologous CD8+ T cells ..."
    short = [m for s in papers["prame_tcr_basket"].annotated.sentences for m in s.mentions
             if m.text == "ostira-cel"]
    assert short and {m.entity.key for m in short} == {"drug/ostiraleucel"}
    assert "drug/ostira-cel" not in mentioned(papers["prame_tcr_basket"])


@pytest.mark.parametrize(("paper", "not_a_drug"), [
    ("prame_tcr_basket", "drug/kravec"),  # an author, "Tomas Kravec" and "Kravec T"
    ("prame_tcr_basket", "drug/epr20330"),  # the PRAME staining antibody clone
    ("ultrarare_review", "drug/hrastovec"),
    ("ultrarare_review", "drug/jakovec"),
    ("ultrarare_review", "drug/sarkovec"),
    ("ultrarare_review", "drug/salamab"),
    ("ultrarare_review", "drug/deruxtecan"),  # the payload, in "deruxtecan conjugates"
    ("research_letter_ppms", "drug/statistica"),
    ("research_letter_ppms", "drug/rcrf-2291"),  # a grant number
])
def test_new_papers_names_that_only_look_like_drugs(papers, paper, not_a_drug):
    assert not_a_drug not in mentioned(papers[paper])
    assert not any(not_a_drug in repr(s.key()) for s in papers[paper].statements)


@pytest.mark.parametrize(("paper", "key", "in_vocabulary"), [
    ("prame_tcr_basket", "subtype/epithelioid-inflammatory-myofibroblastic-sarcoma", False),
    ("ultrarare_review", "subtype/low-grade-myofibroblastic-sarcoma", False),
    ("ultrarare_review", "subtype/pseudomyogenic-hemangioendothelioma", False),
    ("ultrarare_review", "subtype/clear-cell-sarcoma", True),
    ("ultrarare_review", "subtype/intimal-sarcoma", True),
    ("ultrarare_review", "subtype/epithelioid-hemangioendothelioma", True),
    ("research_letter_ppms", "subtype/primary-pulmonary-myxoid-sarcoma", False),
    ("research_letter_ppms", "subtype/angiomatoid-fibrous-histiocytoma", False),
    ("research_letter_ppms", "subtype/gastrointestinal-neuroectodermal-tumour", False),
])
def test_new_papers_subtypes(papers, paper, key, in_vocabulary):
    entity = mentioned(papers[paper])[key]
    assert entity.category == "SarcomaSubtype" and entity.in_vocabulary == in_vocabulary


def test_new_papers_a_description_is_no_subtype(papers):
    assert "subtype/vascular-sarcoma" not in mentioned(papers["ultrarare_review"])


@pytest.mark.parametrize(("paper", "subtype", "fusion"), [
    ("prame_tcr_basket", "epithelioid-inflammatory-myofibroblastic-sarcoma", "ranbp2-alk"),
    ("ultrarare_review", "pseudomyogenic-hemangioendothelioma", "serpine1-fosb"),
    ("ultrarare_review", "epithelioid-hemangioendothelioma", "wwtr1-camta1"),
])
def test_new_papers_fusions_harboured(papers, paper, subtype, fusion):
    assert found(papers[paper], "subtype_property", subtype=f"subtype/{subtype}", trait="HarboursFusion",
                 related=f"fusion/{fusion}")


def test_new_papers_an_unknown_fusion_of_known_genes(papers):
    fusion = mentioned(papers["research_letter_ppms"])["fusion/ewsr1-creb1"]
    assert fusion.category == "GeneFusion" and not fusion.in_vocabulary


@pytest.mark.parametrize(("paper", "gene"), [
    ("prame_tcr_basket", "target/b2m"), ("research_letter_ppms", "target/bap1"),
    ("research_letter_ppms", "target/arid1a")])
def test_new_papers_genes_marked_by_context(papers, paper, gene):
    entity = mentioned(papers[paper])[gene]
    assert "Gene" in entity.types and not entity.in_vocabulary


def test_new_papers_trials_by_nct_number(papers):
    trial = found(papers["prame_tcr_basket"], "study", study="study/nct06218874", phase="1/2")
    assert trial and trial[0].nct_id == "NCT06218874"
    assert found(papers["ultrarare_review"], "study", study="study/nct05433219", phase="2",
                 regimen="regimen/durvalumab--selimotide")
    assert found(papers["research_letter_ppms"], "study", study="study/nct05217745")


def test_new_papers_response_rates_with_fraction_and_interval(papers):
    orr = found(papers["prame_tcr_basket"], "outcome", measure="ORR", regimen="regimen/ostiraleucel",
                value=Decimal("39.0"))
    assert [(s.numerator, s.denominator, s.ci_low, s.ci_high) for s in orr] == [
        (16, 41, Decimal("24.2"), Decimal("55.5"))]
    assert found(papers["prame_tcr_basket"], "outcome", measure="ORR", value=Decimal("45.8"),
                 population="subtype/synovial-sarcoma", numerator=11, denominator=24)
    letter = found(papers["research_letter_ppms"], "outcome", measure="ORR", value=Decimal("29.7"),
                   numerator=11, denominator=37)
    assert [(s.ci_low, s.ci_high) for s in letter] == [(Decimal("15.9"), Decimal("47.0"))]
    assert found(papers["ultrarare_review"], "outcome", measure="PFSRate", value=Decimal("40.0"),
                 timepoint=Decimal("6"), regimen="regimen/durvalumab--selimotide")


def test_new_papers_outcomes_of_a_subtype_found_only_in_text(papers):
    afh = found(papers["research_letter_ppms"], "outcome", measure="ORR",
                population="subtype/angiomatoid-fibrous-histiocytoma", value=Decimal("33.3"))
    assert [(s.numerator, s.denominator) for s in afh] == [(3, 9)]
    assert found(papers["ultrarare_review"], "outcome", measure="ORR", value=Decimal("0"),
                 regimen="regimen/tebadodekin-alfa", population="subtype/epithelioid-hemangioendothelioma")


def test_new_papers_adverse_event_table(papers):
    rows = found(papers["prame_tcr_basket"], "adverse_event", event="adverseevent/neutropenia",
                 regimen="regimen/ostiraleucel")
    assert {(s.grade, s.percent, s.count) for s in rows} == {
        ("any", Decimal("100"), 41), (">=3", Decimal("97.6"), 40)}
    assert rows[0].evidence.quote == "Neutropenia\t41 (100)\t40 (97.6)"


@pytest.mark.parametrize(("paper", "drug", "target"), [
    ("prame_tcr_basket", "drug/ostiraleucel", "target/prame"),
    ("ultrarare_review", "drug/sorutamab-vedotin", "target/b7-h3"),
    ("ultrarare_review", "drug/selimotide", "target/wt1"),
    ("research_letter_ppms", "drug/tevalimab", "target/pd-1"),
    ("research_letter_ppms", "drug/lomiparib", "target/parp"),
])
def test_new_papers_targets_of_unknown_drugs(papers, paper, drug, target):
    assert found(papers[paper], "drug_target", drug=drug, target=target)


@pytest.mark.parametrize(("paper", "agent", "effect", "obj"), [
    ("ultrarare_review", "drug/pelmetinib", "Decreases", "celltype/myeloid-derived-suppressor-cell"),
    ("ultrarare_review", "drug/tebadodekin-alfa", "Increases", "target/ifn-gamma"),
    ("research_letter_ppms", "drug/lomiparib", "Activates", "process/cgas-sting-pathway"),
])
def test_new_papers_mechanisms_of_unknown_drugs(papers, paper, agent, effect, obj):
    assert found(papers[paper], "mechanism", agent=agent, effect=effect, object=obj)


@pytest.mark.parametrize(("paper", "biomarker", "direction"), [
    ("prame_tcr_basket", "target/prame", "positive"),
    ("prame_tcr_basket", "target/pd-l1", "none"),
    ("research_letter_ppms", "target/pd-l1", "positive"),
    ("research_letter_ppms", "biomarker/tumor-mutational-burden", "none"),
])
def test_new_papers_biomarkers_and_response(papers, paper, biomarker, direction):
    assert found(papers[paper], "biomarker_association", biomarker=biomarker, outcome="response",
                 direction=direction)


def test_new_papers_tmb_threshold_with_its_unit(papers):
    assert found(papers["research_letter_ppms"], "biomarker_measurement",
                 biomarker="biomarker/tumor-mutational-burden", value=Decimal("10"), unit="mutations/Mb")


# ------------------------------------------------------------------ defects found and mended
# Each names the sentence and what a reader expects.


def test_new_papers_any_grade_and_grade_3_in_one_sentence(papers):
    # "Cytokine release syndrome occurred in 33 patients (80.5%) and was grade 3 in 2 patients (4.9%)."
    crs = [s for s in found(papers["prame_tcr_basket"], "adverse_event",
                            event="adverseevent/cytokine-release-syndrome") if s.evidence.zone != "table"]
    assert {(s.grade, s.percent) for s in crs} == {("any", Decimal("80.5")), ("3", Decimal("4.9"))}


def test_new_papers_tmb_level(papers):
    # "The median tumour mutational burden was 1.3 mutations/Mb."
    assert found(papers["prame_tcr_basket"], "biomarker_measurement",
                 biomarker="biomarker/tumor-mutational-burden", value=Decimal("1.3"))


def test_new_papers_pd_l1_cut_off_with_assay(papers):
    # "PD-L1 expression was assessed with the SP263 assay and was considered positive at a tumour
    # proportion score of at least 1%."
    assert found(papers["prame_tcr_basket"], "biomarker_measurement", biomarker="target/pd-l1",
                 value=Decimal("1"), comparator=">=", assay="SP263")


def test_new_papers_monotherapy_and_combination_in_one_sentence(papers):
    # "With tevalimab alone the objective response rate was 26.3% (5/19), and with tevalimab plus
    # lomiparib it was 33.3% (6/18)."
    assert found(papers["research_letter_ppms"], "outcome", measure="ORR", value=Decimal("26.3"),
                 regimen="regimen/tevalimab")
    assert not found(papers["research_letter_ppms"], "outcome", measure="ORR", value=Decimal("26.3"),
                     regimen="regimen/lomiparib--tevalimab")


def test_new_papers_no_mechanism_from_an_outcome_sentence(papers):
    # "... tevalimab with or without lomiparib produced an objective response rate of 29.7%, and a
    # PD-L1 combined positive score of at least 1 was associated with response."
    assert not found(papers["research_letter_ppms"], "mechanism", agent="drug/tevalimab", effect="Secretes")
    assert found(papers["research_letter_ppms"], "biomarker_association", biomarker="target/pd-l1",
                 direction="positive")  # what the sentence does say


def test_new_papers_without_negates_a_mechanism(papers):
    # "... were designed to expand effector T cells without stimulating regulatory T cells."
    assert not found(papers["ultrarare_review"], "mechanism", effect="Activates",
                     object="celltype/regulatory-t-cell")
    sentence = [s for s in papers["ultrarare_review"].statements if "without stimulating" in s.evidence.quote]
    assert found(papers["ultrarare_review"], "mechanism", effect="Increases", object="celltype/effector-t-cell")
    assert all(s.evidence.negated for s in sentence
               if isinstance(s, Mechanism) and s.object.key == "celltype/regulatory-t-cell")


def test_new_papers_an_appositive_class_is_no_second_component(papers):
    assert found(papers["ultrarare_review"], "study", study="study/nct05990456",
                 regimen="regimen/coltabart--pelmetinib")


def test_new_papers_patient_table_row_of_a_new_subtype(papers):
    assert found(papers["prame_tcr_basket"], "study", size=24, population="subtype/synovial-sarcoma")
    assert found(papers["prame_tcr_basket"], "study", size=6,
                 population="subtype/epithelioid-inflammatory-myofibroblastic-sarcoma")


def test_new_papers_outcome_regimen_from_the_sentence_before(papers):
    assert found(papers["ultrarare_review"], "outcome", measure="ORR", value=Decimal("25.0"),
                 regimen="regimen/sorutamab-vedotin")


def test_new_papers_grade_3_or_4(papers):
    # "Grade 3 or 4 treatment-related adverse events occurred ... mostly anaemia (6 of 18, 33.3%)"
    assert found(papers["research_letter_ppms"], "adverse_event", event="adverseevent/anemia", grade="3-4")


def test_new_papers_fusion_of_the_listed_subtypes_not_of_sarcoma(papers):
    letter = papers["research_letter_ppms"]
    assert not found(letter, "subtype_property", subtype="subtype/sarcoma", related="fusion/ewsr1-creb1")
    assert found(letter, "subtype_property", subtype="subtype/primary-pulmonary-myxoid-sarcoma",
                 related="fusion/ewsr1-creb1")


def test_new_papers_second_fusion_of_a_subtype(papers):
    assert found(papers["ultrarare_review"], "subtype_property", subtype="subtype/clear-cell-sarcoma",
                 related="fusion/ewsr1-creb1")


def test_new_papers_at_least_is_greater_or_equal(papers):
    assert found(papers["prame_tcr_basket"], "biomarker_measurement", biomarker="target/prame",
                 value=Decimal("30"), comparator=">=")


def test_new_papers_a_bispecific_is_one_component(papers):
    assert found(papers["ultrarare_review"], "outcome", measure="ORR", value=Decimal("14.3"),
                 regimen="regimen/rilvomig")
