"""The recall benchmark's own matching rules (benchmarks/extraction_recall.py), on small graphs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from rdflib import RDF, Graph, URIRef

from sarckg.namespaces import ENT, SKG

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "extraction_recall.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_recall", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("extraction_recall", module)
    spec.loader.exec_module(module)
    return module


def test_numbers_match_as_digits_or_small_count_words() -> None:
    number_in = _benchmark()._number_in
    assert number_in("6", "Of 20 patients, six patients had stable disease.")
    assert number_in("0", "No patient achieved a complete response.")
    assert number_in("33.30", "an ORR of 33.3% (6/18)")
    assert number_in("18", "the ORR was 18%")
    assert number_in("6.0", "a median response duration of six months")
    assert number_in("0.0", "reported no objective responses (n=9)")
    assert not number_in("6", "Of 20 patients, sixty patients had stable disease.")
    assert not number_in("7", "Of 20 patients, six patients had stable disease.")
    assert not number_in("6", "an ORR of 16%")
    assert not number_in("2.6", "26 patients")
    assert not number_in("18", "18.5 months")
    assert not number_in("0", "no significant difference")
    assert not number_in("1", "one of the most active agents")


def test_a_narrower_subtype_fills_a_broader_role_but_not_the_reverse() -> None:
    bench = _benchmark()
    g = Graph()
    statement = URIRef("https://w3id.org/sarckg/statement/outcome/x")
    sts, sarcoma = ENT["subtype/soft-tissue-sarcoma"], ENT["subtype/sarcoma"]
    g.add((statement, SKG.population, sts))
    g.add((sts, SKG.subtypeOf, sarcoma))
    index = bench.GraphIndex(g)
    assert index.fills(statement, (SKG.population,), "sarcoma")
    assert index.fills(statement, (SKG.population,), "soft tissue sarcoma")
    g.remove((statement, SKG.population, sts))
    g.add((statement, SKG.population, sarcoma))
    assert bench.mentioned("leiomyosarcoma") == {ENT["subtype/leiomyosarcoma"]}
    assert not bench.GraphIndex(g).fills(statement, (SKG.population,), "leiomyosarcoma")


def test_subtype_entailment_holds_for_subtype_roles_only() -> None:
    bench = _benchmark()
    g = Graph()
    statement = URIRef("https://w3id.org/sarckg/statement/mechanism/x")
    sts, sarcoma = ENT["subtype/soft-tissue-sarcoma"], ENT["subtype/sarcoma"]
    g.add((statement, SKG.agent, sts))
    g.add((sts, SKG.subtypeOf, sarcoma))
    assert not bench.GraphIndex(g).fills(statement, (SKG.agent,), "sarcoma")


def test_an_outcome_is_found_only_with_the_facts_regimen() -> None:
    bench = _benchmark()
    g = Graph()
    statement, regimen = URIRef("https://w3id.org/sarckg/statement/outcome/x"), ENT["regimen/x"]
    pembro, axi = ENT["drug/pembrolizumab"], ENT["drug/axitinib"]
    g.add((statement, SKG.regimen, regimen))
    g.add((regimen, SKG.hasComponent, pembro))
    g.add((pembro, RDF.type, SKG.PD1Inhibitor))
    index = bench.GraphIndex(g)
    assert index.g.value(statement, SKG.regimen) == regimen
    assert bench._regimen_matches(index, statement, ["pembrolizumab"])
    assert bench._regimen_matches(index, statement, ["PD-1 inhibitor"])  # named by its class
    assert not bench._regimen_matches(index, statement, ["pembrolizumab", "axitinib"])
    g.add((regimen, SKG.hasComponent, axi))
    assert bench._regimen_matches(bench.GraphIndex(g), statement, ["axitinib", "pembrolizumab"])
    assert bench._regimen_matches(index, statement, None)


def test_a_non_population_is_named_alone_and_phases_compare_as_numbers() -> None:
    bench = _benchmark()
    assert bench.mentioned("non-ASPS STS") == {ENT["population/non-asps"]}
    assert bench._phase_key("phase Ib/II") == bench._phase_key("phase 1b/2") == "1b2"
    assert bench._phase_key("Phase I/II") == "12" != bench._phase_key("phase III")
