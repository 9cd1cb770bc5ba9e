"""Paths over the domain relations, through reified statements, with evidence per hop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sarckg.namespaces import ENT, SKG
from sarckg.query.engine import QueryError, run_query
from sarckg.query.params import UnknownEntity
from sarckg.query.paths import describe, find_paths, paths_to_json, traversal_graph
from sarckg.query.store import load_store, repo_root

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


def test_subtype_to_biomarker_through_an_association(store) -> None:  # type: ignore[no-untyped-def]
    paths = find_paths(store, "UPS", "TMB", max_hops=2)
    assert len(paths) == 1
    (path,) = paths
    assert [h.relation for h in path.hops] == ["subtype", "biomarker"]
    assert [h.forward for h in path.hops] == [False, True]
    assert path.hops[0].quote == "High TMB in UPS predicted response to pembrolizumab."
    assert path.nodes[1] == "https://w3id.org/sarckg/statement/biomarker-association/b1"


def test_drug_to_pathway_through_its_target(store) -> None:  # type: ignore[no-untyped-def]
    (best, *_) = find_paths(store, "lenvatinib", "angiogenesis", max_hops=3)
    tg = traversal_graph(store)
    assert describe(tg, best) == "lenvatinib -[targets]-> VEGFR -[promotes]-> angiogenesis"
    assert [h.quote for h in best.hops] == ["Lenvatinib is a multi-target VEGFR inhibitor.",
                                            "VEGFR signalling drives angiogenesis."]


def test_paths_are_ranked_by_support_then_length(store) -> None:  # type: ignore[no-untyped-def]
    paths = find_paths(store, "pembrolizumab", "UPS", max_hops=4, limit=100)
    keys = [p.rank_key() for p in paths]
    assert keys == sorted(keys)
    assert all(len(p.hops) <= 4 for p in paths)
    assert len({p.nodes for p in paths}) == len(paths)
    assert len(paths[0].hops) == 2  # pembrolizumab <- regimen -> UPS


def test_no_typing_or_provenance_edges(store) -> None:  # type: ignore[no-untyped-def]
    tg = traversal_graph(store)
    relations = {link[2] for _, _, data in tg.graph.edges(data=True) for link in data["links"]}
    assert not relations & {"type", "label", "wasDerivedFrom", "source", "measure", "direction"}
    assert str(SKG.Drug) not in tg.graph  # class hubs reached only through typing are absent
    assert str(ENT["drug/pembrolizumab"]) in tg.graph


def test_via_restricts_intermediate_entities(store) -> None:  # type: ignore[no-untyped-def]
    everything = find_paths(store, "lenvatinib", "response", max_hops=5, limit=100)
    via_cells = find_paths(store, "lenvatinib", "response", max_hops=5, via=["cell type"], limit=100)
    tg = traversal_graph(store)
    assert [describe(tg, p) for p in via_cells] == [
        "lenvatinib -[increases]-> CD8+ T cell -[associatedWith]-> response",
        "lenvatinib -[increases]-> CD8+ T cell <-[biomarker]- "
        "[BiomarkerAssociation: CD8+ T cells go with better response] -[outcome]-> response",
    ]
    assert len(everything) > len(via_cells)
    assert any("regimen" in describe(tg, p) for p in everything)


def test_json_and_errors(store) -> None:  # type: ignore[no-untyped-def]
    tg = traversal_graph(store)
    data = paths_to_json(tg, find_paths(store, "UPS", "TMB", max_hops=2))
    assert data[0]["hops"][0]["direction"] == "backward"
    with pytest.raises(UnknownEntity, match="did you mean"):
        find_paths(store, "UPSS sarcoma", "TMB")
    with pytest.raises(QueryError, match="max-hops"):
        find_paths(store, "UPS", "TMB", max_hops=0)


REAL_GRAPH = Path(os.environ.get("SARCKG_GRAPH", repo_root() / "graphs" / "sarckg.ttl"))


@pytest.mark.slow
@pytest.mark.skipif(not REAL_GRAPH.is_file(), reason="needs the built graph")
def test_every_subtype_biomarker_association_is_a_two_hop_path() -> None:
    store = load_store(REAL_GRAPH)
    pairs = run_query(
        "PREFIX skg: <https://w3id.org/sarckg/ontology#>\n"
        "SELECT DISTINCT ?subtype ?biomarker ?statement WHERE { ?statement a skg:BiomarkerAssociation ;"
        " skg:subtype ?subtype ; skg:biomarker ?biomarker . FILTER(?subtype != ?biomarker) }",
        store=store).rows
    assert pairs
    for subtype, biomarker, statement in pairs:
        paths = find_paths(store, str(subtype), str(biomarker), max_hops=2, limit=1000)
        assert any(p.nodes == (str(subtype), str(statement), str(biomarker)) for p in paths)
        best = paths[0]
        assert len(best.hops) <= 2 and all(h.quote for h in best.hops if h.statement)


def test_alias_statements_are_no_nodes_of_the_real_graph() -> None:
    store = load_store(REAL_GRAPH)
    aliases = run_query("PREFIX skg: <https://w3id.org/sarckg/ontology#>\n"
                        "SELECT ?s WHERE { ?s a skg:AliasStatement }", store=store).rows
    assert aliases  # the graph records aliases its documents define
    graph = traversal_graph(store).graph
    assert not any(str(row[0]) in graph for row in aliases)
