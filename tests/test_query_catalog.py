"""The named queries: headers, parameters, and the same answers on both engines."""

from __future__ import annotations

import os
import shlex
from collections import Counter
from pathlib import Path

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from sarckg.query.catalog import get_query, load_catalog, parse_query_file
from sarckg.query.engine import QueryError
from sarckg.query.guard import check_query
from sarckg.query.named import run_named
from sarckg.query.params import parse_assignments
from sarckg.query.store import load_store, repo_root

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"

# Parameters for each named query on the fixture graph, and labels its answer must contain.
ON_FIXTURE: dict[str, tuple[dict[str, str], set[str]]] = {
    "subtype_biomarkers": ({"subtype": "UPS"}, {"tumor mutational burden", "PD-L1", "tertiary lymphoid structures"}),
    "subtype_patient_biomarkers": ({"subtype": "UPS"}, {"patient P1 (doc-b)", "PD-L1", "+", "12.0", "mut/Mb", "PR"}),
    "subtype_regimen_outcomes": ({"subtype": "soft tissue sarcoma", "measure": "ORR"},
                                 {"ipilimumab + nivolumab", "doxorubicin + PD-1 inhibitor"}),
    "drugs_by_target": ({"target": "PD-1"}, {"pembrolizumab", "nivolumab"}),
    "drug_targets": ({"drug": "immune checkpoint inhibitors"}, {"PD-1", "CTLA-4"}),
    "drugs_by_class": ({"class": "angiogenesis inhibitors"}, {"axitinib", "lenvatinib"}),
    "regimens_with_drug": ({"agent": "CTLA-4 inhibitor"}, {"ipilimumab + nivolumab", "nivolumab"}),
    "drug_mechanisms": ({"agent": "angiogenesis inhibitor"}, {"angiogenesis", "CD8+ T cell", "tumour-associated macrophage"}),
    "subtypes_by_trait": ({"trait": "immunologically hot"}, {"undifferentiated pleomorphic sarcoma", "tumor mutational burden",
                                                            "biomarker"}),
    "conflicting_biomarker_findings": ({}, {"PD-L1"}),
    "biomarkers_not_associated": ({}, {"PD-L1 expression was not associated with response."}),
    "biomarker_findings": ({"biomarker": "programmed death-ligand 1"}, {"Prognosis", "NoAssociation", "22C3"}),
    "adverse_events_by_regimen_class": ({"class": "immune checkpoint inhibitor"}, {"hypertension", "fatigue", "3-4"}),
    "trials_by_agent": ({"agent": "PD-1 inhibitors"}, {"NCT00000001", "NCT00000002"}),
    "statement_evidence": ({"statement": "pembrolizumab targets PD-1"},
                           {"Pembrolizumab blocks PD-1.", "10.0000/doc-a"}),
    "study_patients": ({"study": "doc-b cohort"}, {"PR", "PD", "12.0", "mut/Mb"}),
    "entity_search": ({"text": "pd l1"}, {"PD-L1", "ExpressionBiomarker"}),
    "entity_info": ({"entity": "UPS"}, {"undifferentiated pleomorphic sarcoma", "UPS", "subtypeOf"}),
    "entity_relations": ({"entity": "lenvatinib"}, {"VEGFR", "decreases", "increases", "agent -> object (Decreases)"}),
    "study_outcomes": ({"study": "TRIAL-X"}, {"alveolar soft part sarcoma", "axitinib + pembrolizumab"}),
    "regimen_biomarkers": ({"agent": "PD-1 inhibitor"}, {"tumor mutational burden", "pembrolizumab", "Positive"}),
    "subtype_counts": ({"subtype": "STS"}, {"50", ">", "histologically diverse"}),
    "regimen_class_outcomes": ({"class": "anthracycline"}, {"doxorubicin + PD-1 inhibitor", "myxofibrosarcoma"}),
    "agents_affecting": ({"object": "angiogenesis"}, {"VEGFR", "axitinib", "lenvatinib", "Promotes"}),
    "subtype_profile": ({"subtype": "STS"}, {"ImmunologicallyHot", "ImmunologicallyCold", "leiomyosarcoma",
                                             "immunologically hot"}),
}


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


def test_catalog_has_at_least_fifteen_documented_queries() -> None:
    catalog = load_catalog()
    assert len(catalog) >= 15
    assert set(catalog) == set(ON_FIXTURE), "every named query needs a fixture case here"
    for q in catalog.values():
        assert q.title and q.description and q.examples, q.name
        assert all(e.startswith(f"sarckg query {q.name}") for e in q.examples), q.name
        parseQuery(q.text)
        check_query(q.text)


def test_every_parameter_is_projected_and_typed() -> None:
    for q in load_catalog().values():
        algebra = check_query(q.text).algebra
        projected = {str(v) for v in algebra["PV"]}
        for p in q.params:
            assert p.name in projected, f"{q.name}: ?{p.name} must be in the SELECT list"
            assert p.kind in ("entity", "literal")
            assert all(c.startswith("https://w3id.org/sarckg/ontology#") for c in p.classes), q.name


@pytest.mark.parametrize("name", sorted(ON_FIXTURE))
def test_named_query_same_answers_on_both_engines(store, name: str) -> None:  # type: ignore[no-untyped-def]
    params, expected = ON_FIXTURE[name]
    ox = run_named(name, params, store=store, engine="oxigraph").result
    rd = run_named(name, params, store=store, engine="rdflib").result
    assert ox.variables == rd.variables
    assert Counter(ox.rows) == Counter(rd.rows)
    values = {str(t) for row in ox.rows for t in row if t is not None}
    values |= {str(t).rsplit("#", 1)[-1] for row in ox.rows for t in row if t is not None}
    assert expected <= values, expected - values


def test_subtype_parameter_gathers_member_subtypes(store) -> None:  # type: ignore[no-untyped-def]
    result = run_named("subtype_regimen_outcomes", {"subtype": "STS"}, store=store).result
    members = {str(r["memberLabel"]) for r in result.records()}
    assert members == {"undifferentiated pleomorphic sarcoma", "alveolar soft part sarcoma",
                       "leiomyosarcoma", "myxofibrosarcoma"}
    values = [float(str(r["value"])) for r in result.records() if str(r["measure"]).endswith("ORR")]
    assert values == sorted(values, reverse=True)


def test_drug_class_parameter_says_which_member_matched(store) -> None:  # type: ignore[no-untyped-def]
    rows = run_named("drugs_by_class", {"class": "TKI"}, store=store).result.records()
    assert {(str(r["drugLabel"]), str(r["memberClassLabel"])) for r in rows} == {
        ("axitinib", "multi-target tyrosine kinase inhibitor"),
        ("lenvatinib", "multi-target tyrosine kinase inhibitor")}


def test_missing_and_unknown_parameters(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="needs --param subtype"):
        run_named("subtype_biomarkers", {}, store=store)
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        run_named("subtype_biomarkers", {"subtype": "UPS", "colour": "red"}, store=store)
    with pytest.raises(QueryError, match="did you mean subtype_biomarkers"):
        get_query("subtype_biomarker")


def test_malformed_header_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: x\n# description: y\n# param: broken\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="malformed"):
        parse_query_file(bad)
    untitled = tmp_path / "untitled.rq"
    untitled.write_text("SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="title"):
        parse_query_file(untitled)


REAL_GRAPH = Path(os.environ.get("SARCKG_GRAPH", repo_root() / "graphs" / "sarckg.ttl"))


def _examples() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for name, q in sorted(load_catalog().items()):
        for example in q.examples:
            words = shlex.split(example)
            cases.append((name, parse_assignments(
                words[i + 1] for i, w in enumerate(words) if w in ("--param", "-p"))))
    return cases


@pytest.mark.slow
@pytest.mark.skipif(not REAL_GRAPH.is_file(), reason="needs the built graph")
@pytest.mark.parametrize("name, params", _examples())
def test_examples_on_the_real_graph_agree_across_engines(name: str, params: dict[str, str]) -> None:
    store = load_store(REAL_GRAPH)
    ox = run_named(name, params, store=store).result  # every example must resolve on the built graph
    rd = run_named(name, params, store=store, engine="rdflib", timeout=120).result
    assert Counter(ox.rows) == Counter(rd.rows)


def test_parameter_classes_exist_in_the_ontology() -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF

    from sarckg.graph.ontology_files import ontology_path

    ontology = Graph().parse(ontology_path())
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for q in load_catalog().values():
        for p in q.params:
            missing = {c for c in p.classes if URIRef(c) not in classes}
            assert not missing, f"{q.name} --param {p.name}: {missing} not declared in the ontology"


def test_patient_biomarkers_of_member_subtypes(store) -> None:  # type: ignore[no-untyped-def]
    rows = run_named("subtype_patient_biomarkers", {"subtype": "STS"}, store=store).result.records()
    assert {(str(r["memberLabel"]), str(r["patientLabel"]), str(r["biomarkerLabel"]), str(r["valueText"]),
             str(r["response"])) for r in rows} == {
        ("undifferentiated pleomorphic sarcoma", "patient P1 (doc-b)", "tumor mutational burden", "12.0", "PR"),
        ("undifferentiated pleomorphic sarcoma", "patient P1 (doc-b)", "PD-L1", "+", "PR"),
        ("leiomyosarcoma", "patient P2 (doc-b)", "tumor mutational burden", "2.0", "PD")}
    ups = run_named("subtype_patient_biomarkers", {"subtype": "UPS"}, store=store).result.records()
    assert {str(r["patientLabel"]) for r in ups} == {"patient P1 (doc-b)"}


def test_agents_affecting_reaches_one_step_upstream(store) -> None:  # type: ignore[no-untyped-def]
    rows = run_named("agents_affecting", {"object": "angiogenesis"}, store=store).result.records()
    assert {(str(r["agentLabel"]), str(r["sourceLabel"]), str(r["relation"])) for r in rows} == {
        ("VEGFR", "VEGFR", "Promotes"), ("axitinib", "VEGFR", "Promotes"), ("lenvatinib", "VEGFR", "Promotes")}


def test_study_outcomes_follow_citations_and_shared_nct_numbers(store) -> None:  # type: ignore[no-untyped-def]
    rows = run_named("study_outcomes", {"study": "NCT00000003"}, store=store).result.records()
    assert [(str(r["source"]).rsplit("/", 1)[-1], str(r["value"])) for r in rows] == [("trial-y-registered", "40")]
    assert run_named("study_outcomes", {"study": "TRIAL-Y"}, store=store).result.rows == ()


def test_regimen_biomarkers_keep_the_therapy_context(store) -> None:  # type: ignore[no-untyped-def]
    rows = run_named("regimen_biomarkers", {"agent": "pembrolizumab"}, store=store).result.records()
    assert {(str(r["biomarkerLabel"]), str(r["regimenLabel"]), str(r["direction"])) for r in rows} == {
        ("tumor mutational burden", "pembrolizumab", "Positive")}
    assert run_named("regimen_biomarkers", {"agent": "CTLA-4 inhibitor"}, store=store).result.rows == ()


_EXPRESSING = """
@prefix skg: <https://w3id.org/sarckg/ontology#> . @prefix ent: <https://w3id.org/sarckg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix st: <https://w3id.org/sarckg/statement/> .
ent:drug\\/d a skg:Drug ; rdfs:label "drug D" ; skg:decreases ent:celltype\\/c .
ent:drug\\/a a skg:Drug ; rdfs:label "drug A" ; skg:targets ent:target\\/m .
ent:celltype\\/c a skg:CellType ; rdfs:label "cell C" ; skg:expresses ent:target\\/m .
ent:target\\/m a skg:Target ; rdfs:label "marker M" ; skg:inhibits ent:celltype\\/t .
ent:celltype\\/t a skg:CellType ; rdfs:label "cell T" .
st:1 a skg:Mechanism ; skg:agent ent:drug\\/d ; skg:effect skg:Decreases ; skg:object ent:celltype\\/c .
st:2 a skg:Mechanism ; skg:agent ent:celltype\\/c ; skg:effect skg:Expresses ; skg:object ent:target\\/m .
st:3 a skg:Mechanism ; skg:agent ent:target\\/m ; skg:effect skg:Inhibits ; skg:object ent:celltype\\/t .
"""


def test_expressing_a_marker_passes_on_no_effect_upstream(tmp_path: Path) -> None:
    graph = tmp_path / "expressing.ttl"
    graph.write_text(_EXPRESSING, encoding="utf-8")
    store = load_store(graph, ontology=())
    rows = run_named("agents_affecting", {"object": "cell T"}, store=store).result.records()
    assert {str(r["agentLabel"]) for r in rows} == {"marker M", "drug A"}  # not cell C, which only carries M
    rows = run_named("drug_mechanisms", {"agent": "drug D"}, store=store).result.records()
    assert {(str(r["sourceLabel"]), str(r["effect"])) for r in rows} == {("drug D", "Decreases"),
                                                                          ("cell C", "Expresses")}
