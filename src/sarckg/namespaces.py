"""The namespaces of sarckg, declared once.

Ontology terms live under ``SKG`` (``https://w3id.org/sarckg/ontology#``); things found in
papers live under ``https://w3id.org/sarckg/`` in one folder per kind (entity, statement,
evidence, document), so an IRI says what it names.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/sarckg/"
SKG = Namespace(BASE + "ontology#")
ENT = Namespace(BASE + "entity/")
STMT = Namespace(BASE + "statement/")
EVID = Namespace(BASE + "evidence/")
DOC = Namespace(BASE + "document/")
OA = Namespace("http://www.w3.org/ns/oa#")

ONTOLOGY_IRI = BASE + "ontology"
GRAPH_IRI = BASE + "graph"

#: Prefix -> namespace IRI, for Turtle output and SPARQL headers.
PREFIXES: dict[str, str] = {
    "skg": str(SKG),
    "ent": str(ENT),
    "stmt": str(STMT),
    "evid": str(EVID),
    "doc": str(DOC),
    "oa": str(OA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())

__all__ = [
    "BASE", "DCTERMS", "DOC", "ENT", "EVID", "GRAPH_IRI", "OA", "ONTOLOGY_IRI", "OWL",
    "PREFIXES", "PROV", "RDF", "RDFS", "SKG", "SKOS", "SPARQL_PREFIXES", "STMT", "XSD",
]
