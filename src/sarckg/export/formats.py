"""The export formats by name, and :func:`export_graph` to write one."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from sarckg.export.base import Exporter, ExportError
from sarckg.export.csv_tables import CsvExporter
from sarckg.export.graphml import GraphMLExporter
from sarckg.export.jsonld import JsonLdExporter
from sarckg.export.kgx import KgxExporter
from sarckg.export.nanopub import NanopubExporter
from sarckg.export.nquads import NQuadsExporter
from sarckg.export.ntriples import NTriplesExporter
from sarckg.export.rdfxml import RdfXmlExporter
from sarckg.export.turtle import TurtleExporter

EXPORTERS: dict[str, type[Exporter]] = {
    cls.name: cls
    for cls in (
        TurtleExporter, NTriplesExporter, NQuadsExporter, JsonLdExporter, RdfXmlExporter,
        GraphMLExporter, KgxExporter, CsvExporter, NanopubExporter,
    )
}

#: Formats whose files hold exactly the graph's triples (they round-trip isomorphically).
RDF_FORMATS: tuple[str, ...] = ("ttl", "nt", "nq", "jsonld", "rdfxml")


def load_graph(path: Path | str) -> Graph:
    """Parse an RDF file (format from its suffix) with a clear error when it is bad."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"graph file not found: {path}; build it with `sarckg build` or pass --graph")
    try:
        return Graph().parse(path)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ExportError(f"cannot parse {path}: {exc}") from None


def export_graph(graph: Graph, fmt: str, path: Path | str) -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``path`` (a folder for ``kgx`` and ``csv``); return the files."""
    try:
        exporter_class = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORTERS)}") from None
    exporter = exporter_class(path)
    with exporter:
        exporter.write(graph)
    return sorted(exporter.written)
