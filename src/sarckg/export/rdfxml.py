"""RDF/XML, the one RDF syntax every OWL tool reads (Protégé, owlready2).

Written by pyoxigraph from the sorted N-Triples, so the output is byte-stable (rdflib's
RDF/XML writer orders subjects by hash).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from sarckg.export.base import Exporter
from sarckg.export.ntriples import ntriples_lines
from sarckg.namespaces import PREFIXES


def to_rdfxml(graph: Graph) -> bytes:
    """``graph`` as RDF/XML, subjects in sorted order, with the sarckg prefixes."""
    triples = ox.parse("".join(ntriples_lines(graph)), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p not in ("ent", "stmt", "evid", "doc")}
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    assert data is not None
    return data


class RdfXmlExporter(Exporter):
    name = "rdfxml"
    suffix = ".rdf"

    def write(self, graph: Graph) -> None:
        self.files.open(self.path).write(to_rdfxml(graph))
