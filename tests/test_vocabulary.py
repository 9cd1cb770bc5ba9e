"""The entity vocabulary (ontology/vocabulary.ttl): IRIs, labels, types, hierarchy, coverage."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections import defaultdict

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from sarckg.graph.ontology_files import load_ontology, load_vocabulary
from sarckg.graph.reasoning import check_consistency
from sarckg.model import slugify
from sarckg.namespaces import ENT, SKG

#: Abbreviations deliberately shared by two entities (resolved from each document's definitions).
AMBIGUOUS = {"ES": {"subtype/ewing-sarcoma", "subtype/epithelioid-sarcoma"},
             "AS": {"subtype/angiosarcoma", "subtype/adenosarcoma"},
             "CS": {"subtype/chondrosarcoma", "subtype/clear-cell-sarcoma"},
             "FBS": {"subtype/fibrosarcoma", "subtype/myxofibrosarcoma"}}
GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "κ": "kappa"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return load_vocabulary()


@pytest.fixture(scope="module")
def entities(vocab: Graph) -> dict[str, URIRef]:
    return {str(s)[len(str(ENT)):]: s for s in set(vocab.subjects(RDF.type, None))
            if isinstance(s, URIRef) and str(s).startswith(str(ENT))}


def _names(g: Graph, node: URIRef) -> set[str]:
    return {str(n) for p in (RDFS.label, SKOS.altLabel) for n in g.objects(node, p)}


def _compact(name: str) -> str:
    """How a matcher compares names: case, spacing and punctuation ignored, Greek spelled out."""
    name = "".join(GREEK.get(c, c) for c in unicodedata.normalize("NFKC", name))
    return re.sub(r"[\W_]", "", name.lower())


def _ancestors(onto: Graph, cls: Node) -> set[URIRef]:
    return {c for c in onto.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}


def test_every_entity_has_one_label_and_its_iri_is_folder_slash_slug(
        vocab: Graph, entities: dict[str, URIRef]) -> None:
    assert len(entities) > 450
    for key, node in entities.items():
        labels = list(vocab.objects(node, RDFS.label))
        assert len(labels) == 1, key
        assert key.split("/", 1)[1] == slugify(str(labels[0])), key
        assert vocab.value(node, SKOS.definition) is not None, key


def test_every_entity_is_typed_with_its_folder_category(
        onto: Graph, vocab: Graph, entities: dict[str, URIRef]) -> None:
    category_of = {str(f): c for c, f in onto.subject_objects(SKG.iriFolder)}
    declared = set(onto.subjects(RDF.type, OWL.Class))
    for key, node in entities.items():
        types = set(vocab.objects(node, RDF.type))
        assert types <= declared, (key, types - declared)
        assert category_of[key.split("/", 1)[0]] in types, key
        fine = types - {category_of[key.split("/", 1)[0]]}
        for t in fine:  # finer classes are real refinements, not unrelated categories
            assert _ancestors(onto, t) & set(category_of.values()) or t in category_of.values(), (key, t)


def test_known_targets_point_at_vocabulary_targets(vocab: Graph) -> None:
    pairs = list(vocab.subject_objects(SKG.knownTarget))
    assert len(pairs) > 100
    for drug, target in pairs:
        assert (drug, RDF.type, SKG.Drug) in vocab
        assert (target, RDF.type, SKG.Target) in vocab, target


def test_only_the_listed_abbreviations_are_shared_between_entities(
        vocab: Graph, entities: dict[str, URIRef]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for key, node in entities.items():
        for name in _names(vocab, node):
            owners[_compact(name)].add(key)
    shared = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert shared == {_compact(k): v for k, v in AMBIGUOUS.items()}
    for abbreviation, keys in AMBIGUOUS.items():
        for key in keys:  # each owner says on purpose that the label is ambiguous
            assert str(vocab.value(entities[key], SKG.ambiguousLabel)) == abbreviation


def test_overall_survival_abbreviation_is_not_an_osteosarcoma_synonym(vocab: Graph) -> None:
    osteosarcoma = ENT["subtype/osteosarcoma"]
    assert "OS" not in _names(vocab, osteosarcoma)
    assert str(vocab.value(osteosarcoma, SKG.ambiguousLabel)) == "OS"


def test_subtype_hierarchy_is_acyclic_and_reaches_sarcoma(vocab: Graph) -> None:
    root = ENT["subtype/sarcoma"]
    subtypes = set(vocab.subjects(RDF.type, SKG.SarcomaSubtype))
    assert len(subtypes) >= 60
    for subtype in subtypes:
        assert (subtype, RDF.type, SKG.SarcomaSubtype) in vocab
        seen: set[Node] = set()
        frontier = [subtype]
        while frontier:
            node = frontier.pop()
            for parent in vocab.objects(node, SKG.subtypeOf):
                assert parent != subtype, f"cycle through {subtype}"
                assert (parent, RDF.type, SKG.SarcomaSubtype) in vocab
                if parent not in seen:
                    seen.add(parent)
                    frontier.append(parent)
        assert subtype == root or root in seen, subtype


def test_subtype_hierarchy_has_the_expected_chains(vocab: Graph) -> None:
    def parents(key: str) -> set[str]:
        return {str(p)[len(str(ENT)):] for p in vocab.objects(ENT[key], SKG.subtypeOf)}

    assert parents("subtype/dedifferentiated-liposarcoma") == {"subtype/liposarcoma"}
    assert parents("subtype/liposarcoma") == {"subtype/soft-tissue-sarcoma"}
    assert parents("subtype/soft-tissue-sarcoma") == {"subtype/sarcoma"}
    assert parents("subtype/osteosarcoma") == {"subtype/bone-sarcoma"}
    assert parents("subtype/bone-sarcoma") == {"subtype/sarcoma"}


@pytest.mark.parametrize(("key", "synonyms"), [
    ("drug/camrelizumab", {"carrilizumab", "SHR-1210"}),
    ("drug/toripalimab", {"triprolizumab", "JS001"}),
    ("drug/benmelstobart", {"TQB2450"}),
    ("drug/afamitresgene-autoleucel", {"afami-cel"}),
    ("drug/talimogene-laherparepvec", {"T-VEC"}),
    ("target/pd-l1", {"PDL1", "programmed death-ligand 1", "programmed cell death ligand 1", "CD274", "B7-H1"}),
    ("subtype/undifferentiated-pleomorphic-sarcoma", {"UPS"}),
    ("subtype/ewing-sarcoma", {"ES", "EWS"}),
    ("biomarker/tumor-mutational-burden", {"TMB"}),
    ("celltype/regulatory-t-cell", {"Treg", "FOXP3+ T cell"}),
    ("adverseevent/palmar-plantar-erythrodysesthesia", {"hand-foot syndrome"}),
])
def test_synonyms_of_common_entities(vocab: Graph, key: str, synonyms: set[str]) -> None:
    assert synonyms <= _names(vocab, ENT[key])


@pytest.mark.parametrize(("cls", "minimum"), [
    ("Drug", 150), ("ImmuneCheckpointInhibitor", 40), ("AngiogenesisInhibitor", 20),
    ("CytotoxicChemotherapy", 25), ("SarcomaSubtype", 60), ("Target", 60), ("GeneFusion", 15),
    ("Biomarker", 40), ("CellType", 20), ("Process", 25), ("AdverseEvent", 50),
])
def test_coverage_is_broad(onto: Graph, vocab: Graph, entities: dict[str, URIRef], cls: str, minimum: int) -> None:
    members = [n for n in entities.values()
               if any(SKG[cls] in _ancestors(onto, t) for t in vocab.objects(n, RDF.type))]
    assert len(members) >= minimum


def test_immune_cells_are_cell_types_and_biomarkers(vocab: Graph) -> None:
    for key in ("celltype/cd8-positive-t-cell", "celltype/tumor-associated-macrophage", "celltype/b-cell"):
        types = set(vocab.objects(ENT[key], RDF.type))
        assert {SKG.CellType, SKG.ImmuneInfiltrateBiomarker} <= types


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_ontology_and_vocabulary_together_are_consistent() -> None:
    report = check_consistency()
    assert report.ok, report.message
