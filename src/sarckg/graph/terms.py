"""IRIs and literals for the things of model.py (docs/design.md, "IRIs")."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from sarckg.model import Assertion, EntityRef, Evidence, Regimen
from sarckg.namespaces import BASE, DOC, ENT, EVID, SKG


def entity_iri(entity: EntityRef) -> URIRef:
    """An entity's IRI; a drug class named in text is the class itself (OWL 2 punning)."""
    if entity.category == "DrugClass":
        return SKG[entity.key.split("/", 1)[1]]
    return ENT[entity.key]


def regimen_iri(regimen: Regimen) -> URIRef:
    return ENT[regimen.key]


def statement_iri(assertion: Assertion) -> URIRef:
    return URIRef(f"{BASE}statement/{assertion.iri_id}")


def evidence_iri(assertion: Assertion, evidence: Evidence) -> URIRef:
    hashed = assertion.iri_id.rsplit("/", 1)[-1]
    return EVID[f"{hashed}/{evidence.doc_id}-{evidence.start}-{evidence.end}"]


def document_iri(doc_id: str) -> URIRef:
    return DOC[doc_id]


def decimal(value: Decimal) -> Literal:
    return Literal(value, datatype=XSD.decimal)


def integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def boolean(value: bool) -> Literal:
    return Literal(value, datatype=XSD.boolean)
