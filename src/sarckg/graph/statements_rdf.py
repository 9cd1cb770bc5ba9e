"""Triples for each kind of statement (docs/design.md, "Triples per statement kind")."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from sarckg.graph.terms import boolean, decimal, entity_iri, integer, regimen_iri
from sarckg.model import (
    AdverseEventReport,
    AliasDefinition,
    BiomarkerAssociation,
    BiomarkerMeasurement,
    DrugClassMembership,
    DrugTarget,
    EntityRef,
    Mechanism,
    OutcomeMeasurement,
    PatientObservation,
    Regimen,
    RegimenComponents,
    RegimenStudied,
    StatedMechanism,
    Statement,
    StudyDescription,
    SubtypeProperty,
)
from sarckg.namespaces import SKG

Writer = Callable[[Graph, URIRef, Statement], str]

_OUTCOME_INDIVIDUAL = {"response": "Response", "survival": "Survival", "prognosis": "Prognosis",
                       "recurrence": "Recurrence"}
_DIRECTION = {"positive": SKG.Positive, "negative": SKG.Negative, "none": SKG.NoAssociation}


def lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _opt(g: Graph, node: URIRef, prop: URIRef, value: object) -> None:
    """Add a triple when the value is stated; numbers get their XSD datatype."""
    if value is None:
        return
    if isinstance(value, EntityRef):
        g.add((node, prop, entity_iri(value)))
    elif isinstance(value, Regimen):
        g.add((node, prop, regimen_iri(value)))
    elif isinstance(value, bool):
        g.add((node, prop, boolean(value)))
    elif isinstance(value, int):
        g.add((node, prop, integer(value)))
    elif isinstance(value, Decimal):
        g.add((node, prop, decimal(value)))
    elif isinstance(value, URIRef):
        g.add((node, prop, value))
    else:
        g.add((node, prop, Literal(str(value))))


def add_regimen(g: Graph, regimen: Regimen) -> URIRef:
    """The regimen node and its components; the same combination is always the same node."""
    node = regimen_iri(regimen)
    g.add((node, RDF.type, SKG.Regimen))
    g.set((node, RDFS.label, Literal(regimen.label)))
    for component in regimen.components:
        g.add((node, SKG.hasComponent, entity_iri(component)))
    return node


def _binary(g: Graph, node: URIRef, subject: EntityRef, predicate: URIRef, obj: URIRef) -> None:
    g.add((node, RDF.subject, entity_iri(subject)))
    g.add((node, RDF.predicate, predicate))
    g.add((node, RDF.object, obj))
    g.add((entity_iri(subject), predicate, obj))


def _drug_target(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, DrugTarget)
    _binary(g, node, s.drug, SKG.targets, entity_iri(s.target))
    return f"{s.drug.label} targets {s.target.label}"


def _drug_class(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, DrugClassMembership)
    _binary(g, node, s.drug, RDF.type, SKG[s.drug_class])
    return f"{s.drug.label} is a {s.drug_class}"


def _regimen(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, RegimenComponents)
    g.add((node, SKG.regimen, add_regimen(g, s.regimen)))
    return f"regimen {s.regimen.label}"


def _regimen_studied(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, RegimenStudied)
    r = add_regimen(g, s.regimen)
    g.add((node, SKG.regimen, r))
    _opt(g, node, SKG.population, s.population)
    _opt(g, node, SKG.study, s.study)
    if s.population:
        g.add((r, SKG.studiedIn, entity_iri(s.population)))
    if s.study:
        g.add((entity_iri(s.study), SKG.evaluates, r))
    where = f" in {s.population.label}" if s.population else ""
    return f"{s.regimen.label} studied{where}"


def _outcome(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, OutcomeMeasurement)
    g.add((node, SKG.measure, SKG[s.measure]))
    if s.regimen:
        r = add_regimen(g, s.regimen)
        g.add((node, SKG.regimen, r))
        g.add((r, SKG.hasOutcome, node))
    for prop, value in ((SKG.population, s.population), (SKG.study, s.study), (SKG.value, s.value),
                        (SKG.unit, s.unit), (SKG.numerator, s.numerator),
                        (SKG.denominator, s.denominator), (SKG.ciLower, s.ci_low),
                        (SKG.ciUpper, s.ci_high), (SKG.ciLevel, s.ci_level),
                        (SKG.timepoint, s.timepoint), (SKG.timepointUnit, s.timepoint_unit),
                        (SKG.lineOfTherapy, s.line_of_therapy)):
        _opt(g, node, prop, value)
    if s.not_reached:
        g.add((node, SKG.notReached, boolean(True)))
    value = "not reached" if s.not_reached else f"{s.value}{' ' + s.unit if s.unit else ''}"
    who = f" in {s.population.label}" if s.population else ""
    what = f" with {s.regimen.label}" if s.regimen else ""
    return f"{s.measure} {value}{what}{who}"


def _association(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, BiomarkerAssociation)
    outcome = SKG[_OUTCOME_INDIVIDUAL.get(s.outcome, s.outcome.capitalize())]
    g.add((node, SKG.biomarker, entity_iri(s.biomarker)))
    g.add((node, SKG.outcome, outcome))
    g.add((node, SKG.direction, _DIRECTION[s.direction]))
    _opt(g, node, SKG.subtype, s.subtype)
    if s.context:
        g.add((node, SKG.therapyContext, add_regimen(g, s.context)))
    g.add((entity_iri(s.biomarker), SKG.associatedWith, outcome))
    where = f" in {s.subtype.label}" if s.subtype else ""
    return f"{s.biomarker.label}: {s.direction} association with {s.outcome}{where}"


def _measurement(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, BiomarkerMeasurement)
    g.add((node, SKG.biomarker, entity_iri(s.biomarker)))
    g.add((node, SKG.property, Literal(s.property)))
    for prop, value in ((SKG.subtype, s.subtype), (SKG.value, s.value), (SKG.valueHigh, s.value_high),
                        (SKG.unit, s.unit), (SKG.comparator, s.comparator), (SKG.assay, s.assay)):
        _opt(g, node, prop, value)
    where = f" in {s.subtype.label}" if s.subtype else ""
    return f"{s.biomarker.label} {s.property}{where}"


def _mechanism(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, Mechanism)
    agent = add_regimen(g, s.agent) if isinstance(s.agent, Regimen) else entity_iri(s.agent)
    g.add((node, SKG.agent, agent))
    g.add((node, SKG.effect, SKG[s.effect]))
    g.add((node, SKG.object, entity_iri(s.object)))
    _opt(g, node, SKG.via, s.via)
    g.add((agent, SKG[lower_camel(s.effect)], entity_iri(s.object)))
    label = f"{s.agent.label} {_effect_words(s.effect)} {s.object.label}"
    if isinstance(s, StatedMechanism):  # the text named the object through this entity
        g.add((node, SKG.statedAs, entity_iri(s.stated_as)))
        label += f" (stated as {s.stated_as.label})"
    return label


def _effect_words(effect: str) -> str:
    """``CompensatesFor`` -> ``"compensates for"``; one-word effects lower-cased."""
    return "".join(" " + c.lower() if c.isupper() else c for c in effect).strip()


def _adverse_event(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, AdverseEventReport)
    g.add((node, SKG.event, entity_iri(s.event)))
    if s.regimen:
        r = add_regimen(g, s.regimen)
        g.add((node, SKG.regimen, r))
        g.add((r, SKG.hasAdverseEvent, entity_iri(s.event)))
    _opt(g, node, SKG.grade, s.grade)
    if s.percent is not None:
        g.add((node, SKG.value, decimal(s.percent)))
        g.add((node, SKG.unit, Literal("%")))
    _opt(g, node, SKG["count"], s.count)
    _opt(g, node, SKG.denominator, s.denominator)
    _opt(g, node, SKG.study, s.study)
    grade = f" grade {s.grade}" if s.grade else ""
    return f"{s.event.label}{grade}" + (f" {s.percent}%" if s.percent is not None else "")


def _subtype_property(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, SubtypeProperty)
    g.add((node, SKG.subtype, entity_iri(s.subtype)))
    g.add((node, SKG.trait, SKG[s.trait]))
    g.add((entity_iri(s.subtype), SKG.hasTrait, SKG[s.trait]))
    if s.related:
        g.add((node, SKG.related, entity_iri(s.related)))
        g.add((entity_iri(s.subtype), SKG.harbours, entity_iri(s.related)))
    _opt(g, node, SKG.subtypeCount, s.subtype_count)
    _opt(g, node, SKG.countComparator, s.count_comparator)
    if s.subtype_count is not None:
        return f"{s.subtype.label}: {s.trait} ({s.count_comparator or ''}{s.subtype_count} subtypes)"
    return f"{s.subtype.label}: {s.trait}" + (f" ({s.related.label})" if s.related else "")


def _study(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, StudyDescription)
    study = entity_iri(s.study)
    g.add((node, SKG.study, study))
    for prop, value in ((SKG.nctId, s.nct_id), (SKG.phase, s.phase), (SKG.studyDesign, s.design),
                        (SKG.population, s.population), (SKG.cohortSize, s.size)):
        _opt(g, study, prop, value)
    if s.regimen:
        g.add((study, SKG.evaluates, add_regimen(g, s.regimen)))
    return f"study {s.study.label}"


def _patient(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, PatientObservation)
    g.add((node, SKG.patient, entity_iri(s.patient)))
    g.add((node, SKG.attribute, Literal(s.attribute)))
    g.add((node, SKG.valueText, Literal(s.value)))
    for prop, value in ((SKG.value, s.number), (SKG.unit, s.unit), (SKG.related, s.related),
                        (SKG.study, s.study)):
        _opt(g, node, prop, value)
    if s.study:
        g.add((entity_iri(s.patient), SKG.inStudy, entity_iri(s.study)))
    return f"patient {s.patient.label}: {s.attribute} = {s.value}"


def _alias(g: Graph, node: URIRef, s: Statement) -> str:
    assert isinstance(s, AliasDefinition)
    entity = entity_iri(s.entity)
    g.add((node, SKG.entity, entity))
    g.add((node, SKG.alias, Literal(s.alias)))
    if s.entity.category != "DrugClass":  # a class's names live in the ontology
        g.add((entity, SKOS.altLabel, Literal(s.alias)))
    return f"{s.alias} stands for {s.entity.label}"


WRITERS: dict[type[Statement], tuple[URIRef, Writer]] = {
    DrugTarget: (SKG.DrugTargetStatement, _drug_target),
    DrugClassMembership: (SKG.DrugClassStatement, _drug_class),
    RegimenComponents: (SKG.RegimenStatement, _regimen),
    RegimenStudied: (SKG.RegimenStudiedStatement, _regimen_studied),
    OutcomeMeasurement: (SKG.OutcomeMeasurement, _outcome),
    BiomarkerAssociation: (SKG.BiomarkerAssociation, _association),
    BiomarkerMeasurement: (SKG.BiomarkerMeasurement, _measurement),
    Mechanism: (SKG.Mechanism, _mechanism),
    StatedMechanism: (SKG.Mechanism, _mechanism),
    AdverseEventReport: (SKG.AdverseEventReport, _adverse_event),
    SubtypeProperty: (SKG.SubtypePropertyStatement, _subtype_property),
    StudyDescription: (SKG.StudyStatement, _study),
    PatientObservation: (SKG.PatientObservation, _patient),
    AliasDefinition: (SKG.AliasStatement, _alias),
}


def add_statement(g: Graph, node: URIRef, statement: Statement) -> None:
    """The statement's own triples, its class and a readable label."""
    cls, writer = WRITERS[type(statement)]
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(writer(g, node, statement))))
