"""Turtle: the graph as built, with the sarckg prefixes."""

from __future__ import annotations

from rdflib import Graph

from sarckg.export._rdf import sorted_copy
from sarckg.export.base import Exporter


class TurtleExporter(Exporter):
    name = "ttl"
    suffix = ".ttl"

    def write(self, graph: Graph) -> None:
        sorted_copy(graph).serialize(destination=self.files.open(self.path), format="turtle")
