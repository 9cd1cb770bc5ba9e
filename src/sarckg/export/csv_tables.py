"""CSV tables for spreadsheets and ``neo4j-admin database import``.

``nodes.csv`` (``id:ID``, ``:LABEL`` = the entity's classes joined by ``;``),
``edges.csv`` (``:START_ID``, ``:END_ID``, ``:TYPE`` = the relation in upper snake case) and
``evidence.csv`` (one row per quote, keyed by ``edge_id``), all UTF-8 with a header row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from rdflib import Graph

from sarckg.export.base import Exporter
from sarckg.export.domain import DomainEdge, DomainGraph, domain_graph
from sarckg.model import short_hash

NODE_HEADER = ("id:ID", "label", "category", "alt_labels", ":LABEL")
EDGE_HEADER = (
    "edge_id", ":START_ID", ":END_ID", ":TYPE", "relation", "predicate",
    "evidence_count:int", "documents",
)
EVIDENCE_HEADER = ("edge_id", "statement", "document", "document_label", "start:int", "end:int",
                   "polarity", "quote")


def edge_id(edge: DomainEdge) -> str:
    return short_hash(edge.subject, edge.predicate, edge.object)


def neo4j_type(relation: str) -> str:
    """``"has adverse event"`` -> ``"HAS_ADVERSE_EVENT"``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", relation).strip("_").upper()


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def csv_tables(domain: DomainGraph) -> dict[str, bytes]:
    """File name -> content for the three tables."""
    nodes = (
        (n.iri, n.label, n.category, ";".join(n.alt_labels), ";".join(n.types or (n.category,)))
        for n in domain.nodes
    )
    edges = (
        (edge_id(e), e.subject, e.object, neo4j_type(e.relation), e.relation, e.predicate,
         len(e.evidence), ";".join(sorted({ev.document_label for ev in e.evidence})))
        for e in domain.edges
    )
    evidence = (
        (edge_id(e), ev.statement, ev.document, ev.document_label, ev.start, ev.end,
         ev.polarity, ev.quote)
        for e in domain.edges for ev in e.evidence
    )
    return {
        "nodes.csv": table(NODE_HEADER, nodes),
        "edges.csv": table(EDGE_HEADER, edges),
        "evidence.csv": table(EVIDENCE_HEADER, evidence),
    }


class CsvExporter(Exporter):
    name = "csv"
    suffix = ""
    multi_file = True

    def write(self, graph: Graph) -> None:
        for name, content in csv_tables(domain_graph(graph)).items():
            self.files.open(self.path / name).write(content)
