"""Which part of the graph a picture shows: a kind of network, focus entities, a size cap.

``mechanism`` (the default) is the drug-to-effect network: drugs, their classes and targets,
and what mechanism statements say agents do to cells, targets and processes, with the
clinical outcomes biomarkers lead to. ``outcomes`` is regimens, what they are made of, where
they were studied and what they achieved. ``all`` is both plus every other domain edge.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal as TypingLiteral

import networkx as nx
from rdflib import RDF, Graph, URIRef

from sarckg.export.domain import (
    DomainEdge,
    DomainGraph,
    DomainNode,
    domain_graph,
    evidence_of,
    label_of,
    local_name,
)
from sarckg.namespaces import SKG

Kind = TypingLiteral["mechanism", "outcomes", "all"]
KINDS: tuple[str, ...] = ("mechanism", "outcomes", "all")
DEFAULT_MAX_NODES = 150

EFFECTS = (
    "increases", "decreases", "activates", "inhibits", "normalizes", "suppresses",
    "upregulates", "downregulates", "converts", "binds", "promotes",
)
MECHANISM_PREDICATES = {str(SKG[p]) for p in (*EFFECTS, "targets", "associatedWith")} | {str(RDF.type)}
OUTCOME_PREDICATES = {str(SKG[p]) for p in ("hasComponent", "studiedIn", "hasAdverseEvent", "hasOutcome", "measuredIn")}

FOCUS_CATEGORIES: dict[str, tuple[str, ...]] = {
    "drug": ("Drug", "DrugClass", "Regimen"),
    "subtype": ("SarcomaSubtype", "Population"),
    "biomarker": ("Biomarker",),
}


class VizError(ValueError):
    """A picture that cannot be drawn as asked (unknown name, bad option); says why."""


@dataclass(frozen=True)
class View:
    """The nodes and edges to draw, and a note for the reader when something was left out."""

    nodes: tuple[DomainNode, ...]
    edges: tuple[DomainEdge, ...]
    title: str
    message: str = ""


def name_key(text: str) -> str:
    """A name without case, accents or punctuation, for matching what a user typed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def outcome_part(graph: Graph) -> tuple[list[DomainNode], list[DomainEdge]]:
    """Outcome measurements as nodes: regimen -has outcome-> "ORR 50%" -measured in-> subtype."""
    nodes, edges = [], []
    for stmt in sorted(s for s in graph.subjects(RDF.type, SKG.OutcomeMeasurement) if isinstance(s, URIRef)):
        measure = graph.value(stmt, SKG.measure)
        value, unit = graph.value(stmt, SKG.value), graph.value(stmt, SKG.unit)
        name = label_of(graph, measure) if isinstance(measure, URIRef) else "outcome"
        if isinstance(measure, URIRef) and name == local_name(str(measure)).lower():
            name = local_name(str(measure))
        sep = "" if unit is None or str(unit) == "%" else " "
        text = f"{name} {value}{sep}{unit or ''}" if value is not None else name
        timepoint = graph.value(stmt, SKG.timepoint)
        if timepoint is not None:
            text += f" at {timepoint} {graph.value(stmt, SKG.timepointUnit) or ''}".rstrip()
        nodes.append(DomainNode(str(stmt), text.strip(), "Outcome", ("OutcomeMeasurement",)))
        refs = tuple(evidence_of(graph, stmt))
        regimen, population = graph.value(stmt, SKG.regimen), graph.value(stmt, SKG.population)
        if isinstance(regimen, URIRef):
            edges.append(DomainEdge(str(regimen), str(SKG.hasOutcome), str(stmt), "has outcome", refs))
        if isinstance(population, URIRef):
            edges.append(DomainEdge(str(stmt), str(SKG.measuredIn), str(population), "measured in", refs))
    return nodes, edges


def short_label(label: str, limit: int = 40) -> str:
    """A label short enough to draw; the full one is in the tooltip."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"


def _keep(edge: DomainEdge, kind: str) -> bool:
    if kind == "all":
        return True
    return edge.predicate in (MECHANISM_PREDICATES if kind == "mechanism" else OUTCOME_PREDICATES)


def find_focus(nodes: Iterable[DomainNode], role: str, name: str) -> list[DomainNode]:
    """Nodes of ``role`` (drug, subtype, biomarker) whose label, synonym or IRI is ``name``."""
    wanted = name_key(name)
    candidates = [n for n in nodes if n.category in FOCUS_CATEGORIES[role]
                  or set(n.types) & set(FOCUS_CATEGORIES[role])]
    found = [n for n in candidates
             if wanted in {name_key(x) for x in (n.label, *n.alt_labels, local_name(n.iri), n.iri)}]
    if not found:
        names = sorted({n.label for n in candidates})
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise VizError(f"no {role} named {name!r} in this view of the graph{hint}")
    return found


def select_view(
    graph: Graph,
    *,
    kind: str = "mechanism",
    drug: str | None = None,
    subtype: str | None = None,
    biomarker: str | None = None,
    hops: int = 2,
    max_nodes: int = DEFAULT_MAX_NODES,
    domain: DomainGraph | None = None,
) -> View:
    """The part of ``graph`` to draw (see module docstring), at most ``max_nodes`` nodes."""
    if kind not in KINDS:
        raise VizError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if hops < 0 or max_nodes < 1:
        raise VizError("--hops must be 0 or more and the node limit at least 1")
    domain = domain or domain_graph(graph)
    nodes = {n.iri: n for n in domain.nodes}
    edges = [e for e in domain.edges if _keep(e, kind)]
    if kind != "mechanism":
        extra_nodes, extra_edges = outcome_part(graph)
        nodes.update({n.iri: n for n in extra_nodes})
        edges += extra_edges
    net = nx.MultiDiGraph()
    net.add_nodes_from(sorted({e.subject for e in edges} | {e.object for e in edges}))
    for e in sorted(edges):
        net.add_edge(e.subject, e.object, key=e.predicate, edge=e)
    seeds = _seeds(list(nodes.values()), drug=drug, subtype=subtype, biomarker=biomarker)
    title = _title(kind, drug, subtype, biomarker)
    if seeds:
        net = _around(net, seeds, hops, f"{nodes[seeds[0]].label!r} has no edges in the {kind} network; try --kind all")
    message = ""
    if net.number_of_nodes() > max_nodes:
        total = net.number_of_nodes()
        net = _most_connected(net, max_nodes, set(seeds))
        message = (f"Showing the {net.number_of_nodes()} most connected of {total} nodes. "
                   "Narrow the picture with --drug, --subtype, --biomarker or --hops.")
    if net.number_of_nodes() == 0:
        message = f"The graph has no {kind} edges to draw."
    shown = tuple(sorted(nodes[n] for n in net.nodes if n in nodes))
    drawn = tuple(sorted(d["edge"] for _, _, d in net.edges(data=True)))
    return View(shown, drawn, title, message)


def _around(net: nx.MultiDiGraph, seeds: list[str], hops: int, empty: str) -> nx.MultiDiGraph:
    """The nodes within ``hops`` of any seed (edges in either direction)."""
    if not any(seed in net for seed in seeds):
        raise VizError(empty)
    undirected = net.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        if seed in net:
            keep |= set(nx.single_source_shortest_path_length(undirected, seed, cutoff=hops))
    return net.subgraph(keep).copy()


def _seeds(nodes: list[DomainNode], **focus: str | None) -> list[str]:
    seeds: list[str] = []
    for role, name in focus.items():
        if name:
            seeds += [n.iri for n in find_focus(nodes, role, name)]
    return sorted(set(seeds))


def _title(kind: str, drug: str | None, subtype: str | None, biomarker: str | None) -> str:
    focus = ", ".join(x for x in (drug, subtype, biomarker) if x)
    name = {"mechanism": "Mechanism network", "outcomes": "Regimens and outcomes", "all": "sarckg"}[kind]
    return f"{name}: {focus}" if focus else name


def _most_connected(net: nx.MultiDiGraph, limit: int, seeds: set[str]) -> nx.MultiDiGraph:
    """The ``limit`` best-connected nodes (seeds first), then the largest connected part of them."""
    ranked = sorted(net.nodes, key=lambda n: (n not in seeds, -net.degree(n), n))
    sub = net.subgraph(ranked[:limit])
    parts = sorted(nx.weakly_connected_components(sub), key=lambda c: (-len(c), min(c)))
    keep = set(parts[0]) if parts else set()
    keep |= seeds & set(sub.nodes)
    return sub.subgraph(keep).copy()
