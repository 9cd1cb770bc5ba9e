"""End to end on an invented preclinical paper (tests/resources/unseen/preclinical_csf1r_mechanisms.txt):
a CSF1R inhibitor the vocabulary has never seen, found by its INN stem, with process nominals
("promote immunosuppression", "by promoting vascular normalization"), a compensation after
an IDO1 inhibitor ("possibly through compensatory upregulation of TDO or IDO2") and a
phenotype conversion ("This combination converted immunologically "cold" tumours into hot
... tumours"), among ordinary mechanism prose. Every fact quotes the paper exactly, and the
audit of the recall benchmark verifies every mechanism against its quote."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from sarckg.graph.build import BuildResult, build_graph
from sarckg.graph.ontology_files import load_ontology, load_vocabulary
from sarckg.namespaces import ENT, SKG

PAPER = Path(__file__).resolve().parent / "resources" / "unseen" / "preclinical_csf1r_mechanisms.txt"
_BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "extraction_recall.py"
DRAVO, TIVO = ENT["drug/dravocetinib"], ENT["drug/tivorodostat"]
IMMUNITY, SUPPRESSION = ENT["process/antitumor-immunity"], ENT["process/immunosuppression"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    folder = tmp_path_factory.mktemp("unseen-mechanisms")
    shutil.copy(PAPER, folder / PAPER.name)
    return build_graph(folder)


@pytest.fixture(scope="module")
def graph(built: BuildResult) -> Graph:
    return built.graph


def _mechanisms(graph: Graph, agent: URIRef, effect: str, obj: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(SKG.agent, agent)  # type: ignore[misc]
                  if (s, RDF.type, SKG.Mechanism) in graph and (s, SKG.effect, SKG[effect]) in graph
                  and (s, SKG.object, obj) in graph)


def _evidence(graph: Graph, statement: URIRef) -> list[URIRef]:
    return sorted(graph.objects(statement, PROV.wasDerivedFrom))  # type: ignore[arg-type]


def _quote(graph: Graph, statement: URIRef) -> str:
    (ev,) = _evidence(graph, statement)
    return str(graph.value(ev, SKG.quote))


def _flag(graph: Graph, statement: URIRef, flag: str) -> bool:
    (ev,) = _evidence(graph, statement)
    return graph.value(ev, SKG[flag]) == Literal(True)


def test_the_unseen_drug_is_found_by_its_stem(graph: Graph) -> None:
    assert (DRAVO, SKG.foundInText, Literal(True)) in graph
    assert (DRAVO, SKG.targets, ENT["target/csf1r"]) in graph


def test_promoting_immunosuppression_suppresses_antitumor_immunity(graph: Graph) -> None:
    tam = ENT["celltype/tumor-associated-macrophage"]
    (s,) = _mechanisms(graph, tam, "Suppresses", IMMUNITY)
    assert graph.value(s, SKG.statedAs) == SUPPRESSION and "promote immunosuppression" in _quote(graph, s)
    assert (tam, SKG.suppresses, IMMUNITY) in graph
    assert not _mechanisms(graph, tam, "Promotes", SUPPRESSION)  # decomposed, not both


def test_a_causal_phrase_before_a_nominal_states_its_effect_hedged(graph: Graph) -> None:
    (s,) = _mechanisms(graph, ENT["celltype/regulatory-t-cell"], "Suppresses", IMMUNITY)
    assert graph.value(s, SKG.statedAs) == SUPPRESSION and _flag(graph, s, "hedged")
    assert "may still cause immunosuppression" in _quote(graph, s)


def test_vascular_normalization_normalizes_the_tumour_vasculature(graph: Graph) -> None:
    (s,) = _mechanisms(graph, DRAVO, "Normalizes", ENT["process/tumor-vasculature"])
    assert graph.value(s, SKG.statedAs) == ENT["process/vascular-normalization"]
    assert "promoting vascular normalization" in _quote(graph, s)


def test_negation_and_a_negative_verb_keep_their_polarity(graph: Graph) -> None:
    (denied,) = _mechanisms(graph, DRAVO, "Suppresses", IMMUNITY)
    assert _flag(graph, denied, "negated") and graph.value(denied, SKG.disputingDocuments) == Literal(1)
    (inhibits,) = _mechanisms(graph, DRAVO, "Inhibits", SUPPRESSION)
    assert graph.value(inhibits, SKG.statedAs) is None
    assert not _mechanisms(graph, DRAVO, "Increases", IMMUNITY)  # no composed double negative


def test_compensation_for_the_target_of_the_failed_drug(graph: Graph) -> None:
    for paralogue in ("target/tdo2", "target/ido2"):
        (s,) = _mechanisms(graph, ENT[paralogue], "CompensatesFor", ENT["target/ido1"])
        assert graph.value(s, SKG.statedAs) == TIVO and _flag(graph, s, "hedged")
        assert _quote(graph, s).startswith("Tivorodostat, an IDO1 inhibitor")  # the drug's sentence too
    assert not list(graph.subject_objects(SKG.upregulates))  # "compensatory upregulation" is no upregulation
    # korvatinib has no known target: nothing compensates for it
    assert not [s for s in graph.subjects(SKG.effect, SKG.CompensatesFor) if "FGFR1" in _quote(graph, s)]  # type: ignore[arg-type]


def test_this_combination_converts_the_tumour_immune_phenotype(graph: Graph) -> None:
    regimen = ENT["regimen/PD1Inhibitor--dravocetinib"]
    (s,) = _mechanisms(graph, regimen, "Converts", ENT["process/tumor-immune-phenotype"])
    assert 'converted immunologically "cold" tumours into hot' in _quote(graph, s)
    assert set(graph.objects(regimen, SKG.hasComponent)) == {DRAVO, SKG.PD1Inhibitor}
    assert not _mechanisms(graph, regimen, "Converts", ENT["celltype/t-cell"])  # the destination, no object


def test_a_coordinated_clause_has_its_own_actor(graph: Graph) -> None:
    effector = ENT["celltype/effector-t-cell"]
    assert _mechanisms(graph, ENT["celltype/regulatory-t-cell"], "Suppresses", effector)
    assert not _mechanisms(graph, ENT["celltype/m2-macrophage"], "Suppresses", effector)


def test_every_mechanism_quotes_the_paper_and_passes_the_audit(built: BuildResult, graph: Graph) -> None:
    text = built.documents[0].text
    found = sorted(graph.subjects(RDF.type, SKG.Mechanism))
    assert len(found) >= 12
    for s in found:
        for ev in _evidence(graph, s):  # type: ignore[arg-type]
            start, end = int(graph.value(ev, SKG.startOffset)), int(graph.value(ev, SKG.endOffset))  # type: ignore[arg-type]
            assert text[start:end] == str(graph.value(ev, SKG.quote))
    spec = importlib.util.spec_from_file_location("extraction_recall", _BENCHMARK)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("extraction_recall", benchmark)
    spec.loader.exec_module(benchmark)
    _, failures = benchmark.audit_precision(graph, 10_000, background=load_ontology() + load_vocabulary())
    labels = {str(graph.value(s, RDFS.label)) for s in found}
    assert not labels & set(failures)
