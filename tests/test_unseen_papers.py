"""End to end on papers written for this test, full of names the vocabulary has never seen.

The three papers in tests/resources/unseen/ are invented but realistic: a phase 2 trial of an
anti-LAG-3 antibody plus a TKI in biphenotypic sinonasal sarcoma and ossifying fibromyxoid
tumour, a retrospective cohort of a CDK4/6 and a PARP inhibitor with results and adverse-event
tables, and a case report of a TCR T-cell therapy in follicular dendritic cell sarcoma. The
tests ask what a reader would underline, and that each fact quotes the paper exactly.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from sarckg.graph.build import BuildResult, build_graph
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
    phase2 = ent("study/nct05581234")
    assert found_in_text(graph, "study/nct05581234")
    assert str(graph.value(phase2, SKG.nctId)) == "NCT05581234"
    assert str(graph.value(phase2, SKG.phase)) == "2"
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
    assert (ent("subtype/alveolar-soft-part-sarcoma"), SKG.hasTrait, SKG.LowTMB) not in graph
