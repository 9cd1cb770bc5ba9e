"""GraphML of the domain view (entities and direct edges, readable labels) for Gephi/Cytoscape."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph

from sarckg.export.base import Exporter
from sarckg.export.domain import DomainGraph, domain_graph


def to_networkx(domain: DomainGraph) -> nx.MultiDiGraph:
    """The domain view as a networkx multigraph with only string/int attributes."""
    net = nx.MultiDiGraph()
    for node in domain.nodes:
        net.add_node(
            node.iri, label=node.label, category=node.category,
            types=" ".join(node.types), alt_labels="; ".join(node.alt_labels),
        )
    for edge in domain.edges:
        docs = sorted({ev.document_label for ev in edge.evidence})
        net.add_edge(
            edge.subject, edge.object, key=edge.predicate,
            label=edge.relation, predicate=edge.predicate,
            evidence_count=len(edge.evidence),
            documents="; ".join(docs),
            quote=edge.evidence[0].quote if edge.evidence else "",
        )
    return net


class GraphMLExporter(Exporter):
    name = "graphml"
    suffix = ".graphml"

    def write(self, graph: Graph) -> None:
        nx.write_graphml(to_networkx(domain_graph(graph)), self.files.open(self.path))
