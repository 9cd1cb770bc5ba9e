"""The SHACL shapes (ontology/shapes.ttl): one conforming graph and one violation per rule."""

from __future__ import annotations

import functools

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from sarckg.graph.ontology_files import load_ontology, load_shapes
from sarckg.namespaces import ENT, EVID, SKG, STMT

SH = Namespace("http://www.w3.org/ns/shacl#")
PREFIXES = """
@prefix skg: <https://w3id.org/sarckg/ontology#> .
@prefix ent: <https://w3id.org/sarckg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix s: <https://w3id.org/sarckg/statement/> .
@prefix ev: <https://w3id.org/sarckg/evidence/> .
@prefix doc: <https://w3id.org/sarckg/document/> .
"""

# A small graph written the way docs/design.md says the builder writes it.
GOOD = PREFIXES + """
doc:d1 a skg:Document ; dcterms:title "A study" ; skg:doi "10.1000/xyz.1" ; dcterms:date "2024"^^xsd:gYear ;
    skg:fileName "d1.txt" ; skg:sha256 "%s" ; skg:reportsStudy ent:study\\/d1 .
ent:study\\/d1 a skg:Study ; rdfs:label "study d1" ; skg:nctId "NCT01234567" ; skg:cohortSize 24 .
ent:drug\\/pembrolizumab a skg:Drug, skg:PD1Inhibitor ; rdfs:label "pembrolizumab" .
ent:drug\\/axitinib a skg:Drug ; rdfs:label "axitinib" .
ent:subtype\\/alveolar-soft-part-sarcoma a skg:SarcomaSubtype ; rdfs:label "alveolar soft part sarcoma" .
ent:biomarker\\/tumor-mutational-burden a skg:Biomarker ; rdfs:label "tumor mutational burden" .
ent:regimen\\/axitinib--pembrolizumab a skg:Regimen ; rdfs:label "axitinib + pembrolizumab" ;
    skg:hasComponent ent:drug\\/axitinib, ent:drug\\/pembrolizumab .
ev:e1 a skg:Evidence ; skg:quote "ORR was 54.5%%." ; skg:startOffset 10 ; skg:endOffset 25 ;
    dcterms:source doc:d1 ; skg:zone "abstract" ; skg:negated false ; skg:polarity skg:Supports ;
    skg:sentenceIndex 4 ; skg:antecedentSentenceIndex 3 .
s:o1 a skg:OutcomeMeasurement ; rdfs:label "ORR 54.5%%" ; prov:wasDerivedFrom ev:e1 ;
    skg:measure skg:ORR ; skg:regimen ent:regimen\\/axitinib--pembrolizumab ; skg:study ent:study\\/d1 ;
    skg:population ent:subtype\\/alveolar-soft-part-sarcoma ;
    skg:value 54.5 ; skg:unit "%%" ; skg:numerator 6 ; skg:denominator 11 ; skg:ciLower 23.4 ; skg:ciUpper 83.3 ;
    skg:supportingDocuments 1 .
s:b1 a skg:BiomarkerAssociation ; rdfs:label "TMB goes with response" ; prov:wasDerivedFrom ev:e1 ;
    skg:biomarker ent:biomarker\\/tumor-mutational-burden ; skg:outcome skg:Response ; skg:direction skg:Positive .
s:m1 a skg:Mechanism ; rdfs:label "axitinib inhibits angiogenesis" ; prov:wasDerivedFrom ev:e1 ;
    skg:agent ent:drug\\/axitinib ; skg:effect skg:Inhibits ; skg:object ent:process\\/angiogenesis ;
    skg:statedAs ent:biomarker\\/tumor-mutational-burden .
s:a1 a skg:AliasStatement ; rdfs:label "ASPS is alveolar soft part sarcoma" ; prov:wasDerivedFrom ev:e1 ;
    skg:entity ent:subtype\\/alveolar-soft-part-sarcoma ; skg:alias "ASPS" .
s:p1 a skg:SubtypePropertyStatement ; rdfs:label "ASPS is histologically diverse" ; prov:wasDerivedFrom ev:e1 ;
    skg:subtype ent:subtype\\/alveolar-soft-part-sarcoma ; skg:trait skg:HistologicallyDiverse ;
    skg:subtypeCount 40 ; skg:countComparator ">" .
""" % ("0" * 64)


@functools.cache
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return load_shapes(), load_ontology()


def _results(ttl: str) -> set[tuple[str, str, str]]:
    """(focus node, result path, constraint component local name) of every violation."""
    data = Graph().parse(data=ttl, format="turtle")
    shapes, ontology = _shapes_and_ontology()
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert isinstance(report, Graph)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        found.add((str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
                   component))
    assert conforms == (not found)
    return found


def _with(*replacements: tuple[str, str]) -> str:
    ttl = GOOD
    for old, new in replacements:
        assert old in ttl, old
        ttl = ttl.replace(old, new, 1)
    return ttl


S, EV, ENT_ = str(STMT), str(EVID), str(ENT)


def test_a_graph_written_as_designed_conforms() -> None:
    assert _results(GOOD) == set()


@pytest.mark.parametrize(("replacement", "expected"), [
    (('rdfs:label "pembrolizumab" .', 'rdfs:label "pembrolizumab", "Keytruda" .'),
     (ENT_ + "drug/pembrolizumab", str(RDFS.label), "MaxCountConstraintComponent")),
    (('rdfs:label "axitinib" .', "."),
     (ENT_ + "drug/axitinib", str(RDFS.label), "MinCountConstraintComponent")),
    (('rdfs:label "ORR 54.5%" ; prov:wasDerivedFrom ev:e1 ;', 'rdfs:label "ORR 54.5%" ;'),
     (S + "o1", str(PROV.wasDerivedFrom), "MinCountConstraintComponent")),
    (("skg:startOffset 10 ;", 'skg:startOffset "10"^^xsd:int ;'),
     (EV + "e1", str(SKG.startOffset), "DatatypeConstraintComponent")),
    (("skg:startOffset 10 ;", "skg:startOffset 30 ;"),
     (EV + "e1", str(SKG.startOffset), "LessThanConstraintComponent")),
    (('skg:quote "ORR was 54.5%." ;', ""),
     (EV + "e1", str(SKG.quote), "MinCountConstraintComponent")),
    (("dcterms:source doc:d1 ;", "dcterms:source ent:study\\/d1 ;"),
     (EV + "e1", str(DCTERMS.source), "ClassConstraintComponent")),
    (("skg:measure skg:ORR ;", "skg:measure skg:ResponseRate ;"),
     (S + "o1", str(SKG.measure), "InConstraintComponent")),
    (("skg:measure skg:ORR ;", "skg:measure skg:ORR, skg:DCR ;"),
     (S + "o1", str(SKG.measure), "MaxCountConstraintComponent")),
    (("skg:value 54.5 ;", "skg:value 54 ;"),
     (S + "o1", str(SKG.value), "DatatypeConstraintComponent")),
    (("skg:numerator 6 ;", "skg:numerator 6.0 ;"),
     (S + "o1", str(SKG.numerator), "DatatypeConstraintComponent")),
    (("skg:direction skg:Positive .", 'skg:direction "positive" .'),
     (S + "b1", str(SKG.direction), "InConstraintComponent")),
    (("skg:outcome skg:Response ;", ""),
     (S + "b1", str(SKG.outcome), "MinCountConstraintComponent")),
    (("skg:object ent:process\\/angiogenesis ;", ""),
     (S + "m1", str(SKG.object), "MinCountConstraintComponent")),
    (("skg:effect skg:Inhibits ;", "skg:effect skg:Blocks ;"),
     (S + "m1", str(SKG.effect), "InConstraintComponent")),
    (('skg:sha256 "' + "0" * 64 + '"', 'skg:sha256 "abc"'),
     ("https://w3id.org/sarckg/document/d1", str(SKG.sha256), "PatternConstraintComponent")),
    (('skg:nctId "NCT01234567"', 'skg:nctId "NCT123"'),
     (ENT_ + "study/d1", str(SKG.nctId), "PatternConstraintComponent")),
    (("skg:antecedentSentenceIndex 3 .", "skg:antecedentSentenceIndex -1 ."),
     (EV + "e1", str(SKG.antecedentSentenceIndex), "MinInclusiveConstraintComponent")),
    (("skg:statedAs ent:biomarker\\/tumor-mutational-burden .", 'skg:statedAs "TMB" .'),
     (S + "m1", str(SKG.statedAs), "NodeKindConstraintComponent")),
    (('skg:alias "ASPS" .', 'skg:alias "" .'),
     (S + "a1", str(SKG.alias), "MinLengthConstraintComponent")),
    (("skg:entity ent:subtype\\/alveolar-soft-part-sarcoma ;", ""),
     (S + "a1", str(SKG.entity), "MinCountConstraintComponent")),
    (("skg:subtypeCount 40 ;", "skg:subtypeCount 0 ;"),
     (S + "p1", str(SKG.subtypeCount), "MinInclusiveConstraintComponent")),
    (('skg:countComparator ">" .', 'skg:countComparator "more than" .'),
     (S + "p1", str(SKG.countComparator), "InConstraintComponent")),
])
def test_each_rule_names_the_offending_node_and_property(
        replacement: tuple[str, str], expected: tuple[str, str, str]) -> None:
    assert _results(_with(replacement)) == {expected}


def test_an_outcome_without_any_number_is_a_violation() -> None:
    found = _results(_with(("skg:value 54.5 ;", ""), ("skg:numerator 6 ;", "")))
    assert found == {(S + "o1", "None", "OrConstraintComponent")}


def test_a_regimen_without_components_is_a_violation() -> None:
    found = _results(_with(("skg:hasComponent ent:drug\\/axitinib, ent:drug\\/pembrolizumab .", ".")))
    assert found == {(ENT_ + "regimen/axitinib--pembrolizumab", str(SKG.hasComponent),
                      "MinCountConstraintComponent")}


# --------------------------------------------------------------------------- shapes vs ontology


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def test_every_value_set_list_is_exactly_the_ontology_value_set(shapes: Graph, onto: Graph) -> None:
    checked = 0
    for list_node in shapes.objects(None, SH["in"]):
        members = list(Collection(shapes, list_node))
        if not all(isinstance(m, URIRef) for m in members):
            continue
        classes = {c for m in members for c in onto.objects(m, RDF.type) if c != OWL.NamedIndividual}
        assert len(classes) == 1, members
        (value_set,) = classes
        assert set(members) == set(onto.subjects(RDF.type, value_set)), value_set
        checked += 1
    assert checked >= 6


def test_shapes_only_name_declared_classes_and_properties(shapes: Graph, onto: Graph) -> None:
    declared = set(onto.subjects())
    for cls in shapes.objects(None, SH.targetClass):
        assert cls in declared, cls
    for path in shapes.objects(None, SH.path):
        if isinstance(path, URIRef) and str(path).startswith(str(SKG)):
            assert path in declared, path


@pytest.mark.slow
def test_graph_built_from_the_corpus_conforms() -> None:
    from pathlib import Path

    from sarckg.graph.build import build_graph

    result = build_graph(Path(__file__).resolve().parents[1] / "corpus")
    shapes, ontology = _shapes_and_ontology()
    conforms, _, text = validate(result.graph, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text[:2000]


def test_the_vocabulary_itself_conforms() -> None:
    from sarckg.graph.ontology_files import load_vocabulary

    shapes, ontology = _shapes_and_ontology()
    conforms, _, text = validate(load_vocabulary(), shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, text[:2000]
