"""The OWL ontology (ontology/sarckg.ttl), its loaders and the HermiT consistency check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from sarckg.graph import ontology_files
from sarckg.graph.ontology_files import OntologyFileError, load_ontology
from sarckg.graph.reasoning import ReasonerUnavailableError, check_consistency
from sarckg.namespaces import ONTOLOGY_IRI, SKG

DESIGN = Path(__file__).resolve().parents[1] / "docs" / "design.md"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
EFFECT_PROPERTIES = ("increases", "decreases", "activates", "inhibits", "normalizes", "suppresses",
                     "upregulates", "downregulates", "converts", "binds", "promotes", "secretes",
                     "expresses", "compensatesFor")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _skg_terms(g: Graph, *kinds: URIRef) -> set[URIRef]:
    return {s for k in kinds for s in g.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(str(SKG))}


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def test_header_names_the_ontology_and_its_version(onto: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) is not None


def test_every_term_the_design_names_is_declared(onto: Graph) -> None:
    named = set(re.findall(r"skg:([A-Za-z][A-Za-z0-9]*)", DESIGN.read_text(encoding="utf-8")))
    assert len(named) > 100
    declared = {str(s)[len(str(SKG)):] for s in onto.subjects() if str(s).startswith(str(SKG))}
    assert sorted(named - declared) == []


def test_every_class_and_property_has_one_label_and_a_definition(onto: Graph) -> None:
    terms = _skg_terms(onto, *TERM_KINDS)
    assert len(terms) > 150
    for term in terms:
        assert len(list(onto.objects(term, RDFS.label))) == 1, term
        assert onto.value(term, SKOS.definition) is not None, term


def test_every_individual_has_a_label_and_definition(onto: Graph) -> None:
    individuals = _skg_terms(onto, OWL.NamedIndividual)
    assert len(individuals) >= 13 + 11 + 3 + 4 + 8 + 2
    for ind in individuals:
        assert len(list(onto.objects(ind, RDFS.label))) == 1, ind
        assert onto.value(ind, SKOS.definition) is not None, ind


def test_object_and_datatype_properties_have_domain_and_range(onto: Graph) -> None:
    for prop in _skg_terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty):
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop


def test_effect_properties_specialise_affects_and_match_their_effects(onto: Graph) -> None:
    for name in EFFECT_PROPERTIES:
        assert (SKG[name], RDFS.subPropertyOf, SKG.affects) in onto
        effect = SKG[name[0].upper() + name[1:]]
        assert (effect, RDF.type, SKG.Effect) in onto
        assert onto.value(effect, SKG.effectProperty) == SKG[name]
    assert set(onto.subjects(RDF.type, SKG.Effect)) == {
        SKG[n[0].upper() + n[1:]] for n in EFFECT_PROPERTIES}


def test_subtype_of_is_transitive(onto: Graph) -> None:
    assert (SKG.subtypeOf, RDF.type, OWL.TransitiveProperty) in onto


def test_provenance_and_annotation_vocabularies_are_reused(onto: Graph) -> None:
    prov_entity = URIRef("http://www.w3.org/ns/prov#Entity")
    assert (SKG.Statement, RDFS.subClassOf, prov_entity) in onto
    assert (SKG.Evidence, RDFS.subClassOf, prov_entity) in onto
    assert onto.value(SKG.quote, RDFS.seeAlso) == URIRef("http://www.w3.org/ns/oa#exact")
    assert onto.value(SKG.startOffset, RDFS.seeAlso) == URIRef("http://www.w3.org/ns/oa#start")


def test_multi_target_tki_is_both_a_tki_and_an_angiogenesis_inhibitor(onto: Graph) -> None:
    parents = set(onto.objects(SKG.MultiTargetTKI, RDFS.subClassOf))
    assert {SKG.TyrosineKinaseInhibitor, SKG.AngiogenesisInhibitor} <= parents


@pytest.mark.parametrize("value_set", ["OutcomeMeasure", "Effect", "AssociationDirection",
                                       "ClinicalOutcome", "SubtypeTrait"])
def test_value_set_lexicon_never_gives_one_word_to_two_members(onto: Graph, value_set: str) -> None:
    owner: dict[str, Node] = {}
    for member in onto.subjects(RDF.type, SKG[value_set]):
        names = {_compact(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in onto.objects(member, p)}
        for name in names:
            assert owner.setdefault(name, member) == member, (name, member, owner[name])
    assert len(owner) > 10


def test_outcome_measures_carry_their_common_names_and_units(onto: Graph) -> None:
    def names(ind: URIRef) -> set[str]:
        return {str(n) for p in (RDFS.label, SKOS.altLabel) for n in onto.objects(ind, p)}

    assert {"objective response rate", "overall response rate", "ORR"} <= names(SKG.ORR)
    assert {"median progression-free survival", "mPFS"} <= names(SKG.MedianPFS)
    for measure in onto.subjects(RDF.type, SKG.OutcomeMeasure):
        assert onto.value(measure, SKG.defaultUnit) in {Literal("%"), Literal("months"), Literal("patients")}


def test_category_classes_name_their_iri_folder(onto: Graph) -> None:
    folders = {str(f): c for c, f in onto.subject_objects(SKG.iriFolder)}
    assert folders["drug"] == SKG.Drug
    assert folders["subtype"] == SKG.SarcomaSubtype
    assert folders["fusion"] == SKG.GeneFusion
    assert len(folders) == len(set(folders.values()))


# --------------------------------------------------------------------------- loaders


def test_environment_variable_moves_the_ontology_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sarckg.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n<urn:x> a owl:Ontology .\n", encoding="utf-8")
    monkeypatch.setenv(ontology_files.ONTOLOGY_DIR_ENV, str(tmp_path))
    assert ontology_files.ontology_path() == tmp_path / "sarckg.ttl"
    assert len(ontology_files.load_ontology()) == 1


def test_missing_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ontology_files.ONTOLOGY_DIR_ENV, str(tmp_path))
    with pytest.raises(OntologyFileError, match="does not exist"):
        ontology_files.load_shapes()


def test_bad_turtle_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vocabulary.ttl").write_text("<urn:a> <urn:b> ", encoding="utf-8")
    monkeypatch.setenv(ontology_files.ONTOLOGY_DIR_ENV, str(tmp_path))
    with pytest.raises(OntologyFileError, match="not valid Turtle"):
        ontology_files.load_vocabulary()


# --------------------------------------------------------------------------- HermiT (real Java)

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


@pytest.mark.slow
@needs_java
def test_ontology_is_consistent_under_hermit() -> None:
    report = check_consistency(include_vocabulary=False)
    assert report.consistent
    assert report.unsatisfiable_classes == ()
    assert report.ok
    assert report.message.startswith("consistent")


@pytest.mark.slow
@needs_java
def test_disjoint_types_make_the_graph_inconsistent_and_are_named() -> None:
    data = Graph().parse(format="turtle", data="""
        @prefix skg: <https://w3id.org/sarckg/ontology#> .
        <https://w3id.org/sarckg/entity/drug/x> a skg:PD1Inhibitor, skg:SarcomaSubtype .
    """)
    report = check_consistency(data, include_vocabulary=False)
    assert not report.consistent
    assert report.disjoint_clashes == (
        "https://w3id.org/sarckg/entity/drug/x is both https://w3id.org/sarckg/ontology#Drug "
        "and https://w3id.org/sarckg/ontology#SarcomaSubtype, which are disjoint",)
    assert "INCONSISTENT" in report.message


@pytest.mark.slow
@needs_java
def test_unsatisfiable_class_is_reported() -> None:
    data = Graph().parse(format="turtle", data="""
        @prefix skg: <https://w3id.org/sarckg/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        skg:DrugThatIsAStudy a owl:Class ; rdfs:subClassOf skg:Drug, skg:Study .
    """)
    report = check_consistency(data, include_vocabulary=False)
    assert report.consistent
    assert report.unsatisfiable_classes == (str(SKG.DrugThatIsAStudy),)
    assert not report.ok


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-binary")
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ReasonerUnavailableError, match="Java"):
        check_consistency(include_vocabulary=False)


@pytest.mark.slow
@needs_java
def test_graph_built_from_the_corpus_is_consistent_with_the_ontology() -> None:
    """Domains and ranges must not make the populated graph (punned classes included) inconsistent."""
    from sarckg.graph.build import build_graph

    result = build_graph(CORPUS)
    assert len(result.documents) == 5
    report = check_consistency(result.graph)
    assert report.ok, report.message
    assert report.triples > len(result.graph)


@pytest.mark.slow
@needs_java
def test_imports_are_dropped_so_the_reasoner_never_fetches_them() -> None:
    data = Graph().parse(format="turtle", data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:sarckg:test> a owl:Ontology ; owl:imports <http://example.invalid/not-there.owl> .
    """)
    report = check_consistency(data, include_vocabulary=False)
    assert report.ok
