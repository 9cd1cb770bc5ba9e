"""N-Triples: one triple a line, lines sorted (diffable, streamable, loads anywhere)."""

from __future__ import annotations

from rdflib import Graph

from sarckg.export.base import Exporter


def ntriples_lines(graph: Graph) -> list[str]:
    """The sorted N-Triples lines of ``graph`` (each ending with a newline)."""
    text = graph.serialize(format="nt11", encoding="utf-8").decode("utf-8")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


class NTriplesExporter(Exporter):
    name = "nt"
    suffix = ".nt"

    def write(self, graph: Graph) -> None:
        self.files.open(self.path).write("".join(ntriples_lines(graph)).encode("utf-8"))
