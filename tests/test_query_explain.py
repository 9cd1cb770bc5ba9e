"""The metapath view and the confidence behind each statement."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sarckg.query.confidence import add_confidence, confidence_of
from sarckg.query.engine import run_query
from sarckg.query.explain import METAPATHS, explain, explanation_to_json
from sarckg.query.named import run_named
from sarckg.query.params import entity_index
from sarckg.query.store import load_store, repo_root

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"
STMT = "https://w3id.org/sarckg/statement/"


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


def test_confidence_counts_documents_disputes_designs_and_sizes(store) -> None:  # type: ignore[no-untyped-def]
    two_docs = confidence_of(STMT + "drug-target/t1", store)
    assert (two_docs.support, two_docs.disputes, two_docs.primary) == (2, 0, 1)
    assert two_docs.designs == ("review", "single-arm phase 2 trial") and two_docs.sizes == (33,)
    # PD-L1 and response: positive in one document, no association in another.
    positive = confidence_of(STMT + "biomarker-association/b2", store)
    none = confidence_of(STMT + "biomarker-association/b3", store)
    assert (positive.support, positive.disputes) == (1, 1)
    assert (none.support, none.disputes) == (1, 1)  # its negated sentence is its content
    assert positive.contradicted_by == (STMT + "biomarker-association/b3",)
    # Different outcome (prognosis): not a contradiction.
    assert confidence_of(STMT + "biomarker-association/b4", store).disputes == 0


def test_confidence_columns_replace_the_stored_counts(store) -> None:  # type: ignore[no-untyped-def]
    result = run_named("biomarker_findings", {"biomarker": "PD-L1"}, store=store).result
    enriched = add_confidence(result, store)
    assert enriched.variables[-4:] == ("support", "disputes", "designs", "cohortSizes")
    assert enriched.variables.count("support") == 1
    rows = {str(r["statement"]): r for r in enriched.records()}
    assert str(rows[STMT + "biomarker-association/b3"]["cohortSizes"]) == "33"


def test_explain_ups_response(store) -> None:  # type: ignore[no-untyped-def]
    e = explain(store, "UPS", "response")
    assert e.counts() == {METAPATHS[0]: 3, METAPATHS[1]: 3, METAPATHS[2]: 1}
    biomarkers = {i.nodes[1]: i for i in e.instances[METAPATHS[0]]}
    assert set(biomarkers) == {"tumor mutational burden", "tertiary lymphoid structures", "PD-L1"}
    pdl1 = biomarkers["PD-L1"]
    assert len(pdl1.supporting) == 1 and len(pdl1.refuting) == 1  # both sides shown together
    assert e.instances[METAPATHS[0]][-1] is pdl1  # the disputed one ranks last
    (chain,) = e.instances[METAPATHS[2]]
    assert chain.nodes == ("lenvatinib", "CD8+ T cell", "response")
    assert [f.detail for f in chain.supporting] == ["Increases", "Positive"]


def test_explain_gathers_member_subtypes_and_filters_measures(store) -> None:  # type: ignore[no-untyped-def]
    e = explain(store, "soft tissue sarcoma", "survival")
    regimens = e.instances[METAPATHS[1]]
    assert [i.nodes[1] for i in regimens] == ["axitinib + pembrolizumab"]
    assert regimens[0].supporting[0].detail == "MedianPFS 4.7 months"
    data = explanation_to_json(e)
    assert data["counts"][METAPATHS[1]] == 1


REAL_GRAPH = Path(os.environ.get("SARCKG_GRAPH", repo_root() / "graphs" / "sarckg.ttl"))


@pytest.mark.slow
@pytest.mark.skipif(not REAL_GRAPH.is_file(), reason="needs the built graph")
def test_explain_on_the_real_graph_covers_every_stated_association() -> None:
    store = load_store(REAL_GRAPH)
    rows = run_query(
        "PREFIX skg: <https://w3id.org/sarckg/ontology#>\n"
        "SELECT DISTINCT ?subtype ?biomarker WHERE { ?a a skg:BiomarkerAssociation ; skg:subtype ?subtype ;"
        " skg:biomarker ?biomarker ; skg:outcome skg:Response }", store=store).records()
    assert rows
    index = entity_index(store)
    for subtype in sorted({str(r["subtype"]) for r in rows})[:5]:
        e = explain(store, subtype, "response")
        shown = {i.nodes[1] for i in e.instances[METAPATHS[0]]}
        expected = {index.label(r["biomarker"]) for r in rows if str(r["subtype"]) == subtype}  # type: ignore[arg-type]
        assert expected <= shown
        assert all(f.confidence.support + f.confidence.disputes > 0
                   for i in e.instances[METAPATHS[0]] for f in (*i.supporting, *i.refuting))
