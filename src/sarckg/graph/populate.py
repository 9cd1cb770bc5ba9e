"""Assertions and documents to one rdflib Graph (docs/design.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from sarckg.assemble.merge import disputing_documents, supporting_documents
from sarckg.graph.statements_rdf import add_statement
from sarckg.graph.terms import (
    boolean,
    document_iri,
    entity_iri,
    evidence_iri,
    integer,
    statement_iri,
)
from sarckg.model import Assertion, Document, EntityRef, Evidence, Regimen, Statement
from sarckg.namespaces import GRAPH_IRI, ONTOLOGY_IRI, PREFIXES, SKG

#: What the built graph copies from the vocabulary for each entity it uses.
_VOCABULARY_PROPERTIES = (RDF.type, RDFS.label, SKOS.altLabel, SKOS.definition, SKOS.exactMatch,
                          SKG.subtypeOf)


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def entities_of(statement: Statement) -> Iterator[EntityRef]:
    """Every entity a statement names, regimen components included."""
    for f in fields(statement):
        value = getattr(statement, f.name)
        if isinstance(value, EntityRef):
            yield value
        elif isinstance(value, Regimen):
            yield from value.components


def add_documents(g: Graph, documents: Sequence[Document], own_studies: dict[str, EntityRef]) -> None:
    for doc in documents:
        node = document_iri(doc.doc_id)
        g.add((node, RDF.type, SKG.Document))
        g.add((node, RDFS.label, Literal(doc.title or doc.file_name)))
        g.add((node, SKG.fileName, Literal(doc.file_name)))
        g.add((node, SKG.sha256, Literal(doc.sha256)))
        if doc.title:
            g.add((node, DCTERMS.title, Literal(doc.title)))
        if doc.doi:
            g.add((node, SKG.doi, Literal(doc.doi)))
            g.add((node, DCTERMS.identifier, Literal(f"doi:{doc.doi}")))
        if doc.year:
            g.add((node, DCTERMS.date, Literal(str(doc.year), datatype=XSD.gYear)))
        study = own_studies.get(doc.doc_id)
        if study:
            g.add((node, SKG.reportsStudy, entity_iri(study)))


def add_evidence(g: Graph, assertion: Assertion, evidence: Evidence) -> URIRef:
    node = evidence_iri(assertion, evidence)
    g.add((node, RDF.type, SKG.Evidence))
    g.add((node, SKG.quote, Literal(evidence.quote)))
    g.add((node, SKG.startOffset, integer(evidence.start)))
    g.add((node, SKG.endOffset, integer(evidence.end)))
    g.add((node, SKG.sentenceIndex, integer(evidence.sentence_index)))
    if evidence.antecedent_index is not None:
        g.add((node, SKG.antecedentSentenceIndex, integer(evidence.antecedent_index)))
    g.add((node, DCTERMS.source, document_iri(evidence.doc_id)))
    g.add((node, SKG.zone, Literal(evidence.zone)))
    if evidence.section:
        g.add((node, SKG.section, Literal(evidence.section)))
    g.add((node, SKG.extractor, Literal(evidence.extractor)))
    for prop, flag in ((SKG.negated, evidence.negated), (SKG.hedged, evidence.hedged),
                       (SKG.isCitation, evidence.is_citation), (SKG.curated, evidence.curated),
                       (SKG.secondary, evidence.secondary)):
        g.add((node, prop, boolean(flag)))
    g.add((node, SKG.polarity, SKG.Supports if evidence.polarity == "supports" else SKG.Disputes))
    if evidence.cites_study:
        g.add((node, SKG.citesStudy, entity_iri(EntityRef(evidence.cites_study, "", "Study"))))
    if evidence.study_design:
        g.add((node, SKG.studyDesign, Literal(evidence.study_design)))
    if evidence.cohort_size is not None:
        g.add((node, SKG.cohortSize, integer(evidence.cohort_size)))
    return node


def add_assertions(g: Graph, assertions: Sequence[Assertion]) -> None:
    index = {a.iri_id: a for a in assertions}
    for assertion in assertions:
        node = statement_iri(assertion)
        add_statement(g, node, assertion.statement)
        for evidence in assertion.evidences:
            g.add((node, PROV.wasDerivedFrom, add_evidence(g, assertion, evidence)))
        g.add((node, SKG.supportingDocuments, integer(len(supporting_documents(assertion)))))
        g.add((node, SKG.disputingDocuments, integer(len(disputing_documents(assertion, index)))))
        for other in assertion.contradicted_by:
            g.add((node, SKG.contradicts, statement_iri(index[other])))


def add_entities(g: Graph, entities: Iterable[EntityRef], vocabulary: Graph) -> None:
    """Type, label and synonyms of every entity used; vocabulary entries are copied with
    their broader subtypes, entities found only in text are flagged as such."""
    labels: dict[str, set[str]] = defaultdict(set)
    refs: dict[str, EntityRef] = {}
    for e in entities:
        if e.category == "DrugClass":
            continue
        labels[e.key].add(e.label)
        refs.setdefault(e.key, e)
    pending = sorted(entity_iri(e) for e in refs.values())
    copied: set[URIRef] = set()
    for key in sorted(refs):
        node = entity_iri(refs[key])
        if (node, RDFS.label, None) in vocabulary:
            continue
        names = sorted(labels[key])
        ref = refs[key]
        g.add((node, RDF.type, SKG[ref.category]))
        for t in ref.types:
            g.add((node, RDF.type, SKG[t]))
        g.add((node, RDFS.label, Literal(names[0])))
        for alt in names[1:]:
            g.add((node, SKOS.altLabel, Literal(alt)))
        g.add((node, SKG.foundInText, boolean(True)))
    while pending:
        node = pending.pop()
        if node in copied or (node, RDFS.label, None) not in vocabulary:
            continue
        copied.add(node)
        for prop in _VOCABULARY_PROPERTIES:
            for obj in vocabulary.objects(node, prop):
                g.add((node, prop, obj))
                if prop == SKG.subtypeOf and isinstance(obj, URIRef):
                    pending.append(obj)


def populate(
    documents: Sequence[Document],
    assertions: Sequence[Assertion],
    vocabulary: Graph,
    own_studies: dict[str, EntityRef],
) -> Graph:
    """The whole populated graph: header, documents, assertions, evidence, entities."""
    g = new_graph()
    header = URIRef(GRAPH_IRI)
    g.add((header, RDF.type, OWL.Ontology))
    g.add((header, OWL.imports, URIRef(ONTOLOGY_IRI)))
    g.add((header, RDFS.label, Literal("sarckg: sarcoma immunotherapy knowledge graph")))
    add_documents(g, documents, own_studies)
    add_assertions(g, assertions)
    used = [e for a in assertions for e in entities_of(a.statement)]
    used += list(own_studies.values())
    add_entities(g, used, vocabulary)
    return g
