"""Paths between two entities over the domain relations (networkx).

The traversal graph holds entities and n-ary statement nodes (outcomes, biomarker associations
and measurements, adverse events, patient observations). Its edges are the direct domain edges
of docs/design.md (``targets``, ``hasComponent``, ``increases``, ``hasTrait``, ...) and the role
edges of n-ary statements (``biomarker``, ``subtype``, ``population``, ...), so that
subtype -> biomarker association -> biomarker is a path. Typing, labels, provenance, evidence,
documents, value-set roles (measure, effect, direction) and annotation properties (background
vocabulary such as ``skg:knownTarget``) are left out: they are hubs or notes, not evidenced
relations. Each edge carries the statement that states it, for one evidence quote.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from sarckg.namespaces import DCTERMS, OWL, PROV, RDF, RDFS, SKG
from sarckg.query.confidence import confidence_table
from sarckg.query.guard import QueryError
from sarckg.query.params import entity_index, resolve_entity
from sarckg.query.store import GraphStore

_SKG = str(SKG)
#: Statement kinds that become nodes of the traversal graph (they relate more than two things).
NARY_KINDS = frozenset(_SKG + k for k in (
    "OutcomeMeasurement", "BiomarkerAssociation", "BiomarkerMeasurement", "AdverseEventReport",
    "PatientObservation"))
STATEMENT_KINDS = NARY_KINDS | frozenset(_SKG + k for k in (
    "DrugTargetStatement", "DrugClassStatement", "RegimenStatement", "RegimenStudiedStatement",
    "Mechanism", "SubtypePropertyStatement", "StudyStatement", "AliasStatement"))
#: Properties that never make a traversal edge.
EXCLUDED = frozenset(_SKG + p for p in (
    "measure", "effect", "direction", "polarity", "reportsStudy", "citesStudy", "contradicts",
    "supportingDocuments", "disputingDocuments"))
_ROLE_PROPS = frozenset({str(RDF.subject), str(RDF.object)})
_SKIPPED_TYPES = frozenset({_SKG + "Evidence", _SKG + "Document"})
_ANNOTATION = str(OWL.AnnotationProperty)


@dataclass(frozen=True)
class Hop:
    """One edge of a path, in the direction it was walked."""

    source: str
    target: str
    relation: str  # local name of the property
    forward: bool  # True when the triple reads source -relation-> target
    statement: str | None
    support: int
    quote: str | None
    document: str | None


@dataclass(frozen=True)
class Path:
    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def weakest_support(self) -> int:
        return min((h.support for h in self.hops), default=0)

    def rank_key(self) -> tuple[int, int, int, tuple[str, ...]]:
        return (-self.weakest_support, len(self.hops), -sum(h.support for h in self.hops), self.nodes)


@dataclass
class TraversalGraph:
    """The networkx view plus what rendering needs: labels, kinds, edge statements, quotes."""

    graph: nx.Graph
    labels: dict[str, str]
    kinds: dict[str, str]  # statement node -> statement class local name
    quotes: dict[str, tuple[str, str]]  # statement -> (quote, document) of its first evidence

    def label(self, node: str) -> str:
        text = self.labels.get(node, node.rsplit("/", 1)[-1])
        kind = self.kinds.get(node)
        if kind:
            return f"[{kind}: {text}]"
        return f"{text} (regimen)" if "/entity/regimen/" in node else text


def traversal_graph(store: GraphStore) -> TraversalGraph:
    """Build (once per store content) the traversal graph by streaming the store's quads."""
    return store.derived("traversal_graph", _build)


@dataclass
class _Scan:
    """What one pass over the quads collects."""

    kinds: dict[str, str] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    derived: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    evidence: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    candidates: list[tuple[str, str, str]] = field(default_factory=list)
    annotations: set[str] = field(default_factory=set)  # owl:AnnotationProperty: not facts


def _scan(store: GraphStore) -> _Scan:
    scan = _Scan()
    evidence_props = (_SKG + "quote", str(DCTERMS.source), _SKG + "startOffset")
    for quad in store.oxigraph.quads_for_pattern(None, None, None, None):
        node, prop, value = quad.subject, quad.predicate.value, quad.object
        if not isinstance(node, ox.NamedNode) or not isinstance(value, ox.NamedNode | ox.Literal):
            continue
        subject = node.value
        if prop == str(RDF.type) and isinstance(value, ox.NamedNode):
            if value.value == _ANNOTATION:
                scan.annotations.add(subject)
            elif value.value in STATEMENT_KINDS:
                scan.kinds[subject] = value.value[len(_SKG):]
            elif value.value in _SKIPPED_TYPES:
                scan.skipped.add(subject)
        elif prop == str(RDFS.label) and isinstance(value, ox.Literal):
            scan.labels.setdefault(subject, value.value)
        elif prop == str(PROV.wasDerivedFrom) and isinstance(value, ox.NamedNode):
            scan.derived[subject].append(value.value)
        elif prop in evidence_props:
            scan.evidence[subject][prop] = value.value
        elif isinstance(value, ox.NamedNode) and prop not in EXCLUDED and (
                prop.startswith(_SKG) or prop in _ROLE_PROPS):
            scan.candidates.append((subject, prop, value.value))
    return scan


def _build(store: GraphStore) -> TraversalGraph:
    scan = _scan(store)
    roles: dict[str, set[str]] = defaultdict(set)
    for s, _, o in scan.candidates:
        if s in scan.kinds:
            roles[s].add(o)
    support = {k: c.support for k, c in confidence_table(store).items()}
    stated_by = _pair_index(roles)
    rank = {st: (-support.get(st, 0), len(values), st) for st, values in roles.items()}
    graph = nx.Graph()
    for s, p, o in scan.candidates:
        if s in scan.skipped or o in scan.skipped or p in _ROLE_PROPS or p in scan.annotations:
            continue
        if s in scan.kinds and _SKG + scan.kinds[s] not in NARY_KINDS:
            continue
        statement = s if s in scan.kinds else _best(stated_by, s, o, rank)
        _add_link(graph, s, o, p[len(_SKG):], statement, support.get(statement or "", 0))
    return TraversalGraph(graph, scan.labels, scan.kinds, _first_quotes(scan))


def _first_quotes(scan: _Scan) -> dict[str, tuple[str, str]]:
    """Each statement's first evidence (by document, then offset): (quote, document)."""
    quotes = {}
    for statement, evs in scan.derived.items():
        found = [e for e in evs if _SKG + "quote" in scan.evidence.get(e, {})]
        if not found:
            continue

        def order(e: str) -> tuple[str, int, str]:
            ev = scan.evidence[e]
            start = ev.get(_SKG + "startOffset", "0")
            return (ev.get(str(DCTERMS.source), ""), int(start) if start.isdigit() else 0, e)

        ev = scan.evidence[min(found, key=order)]
        quotes[statement] = (ev[_SKG + "quote"], ev.get(str(DCTERMS.source), ""))
    return quotes


def _pair_index(roles: dict[str, set[str]]) -> dict[tuple[str, str], list[str]]:
    """Statements by each pair of things they relate (and by each single thing, with '')."""
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for statement, values in roles.items():
        for a, b in itertools.permutations(sorted(values), 2):
            index[(a, b)].append(statement)
        for a in values:
            index[(a, "")].append(statement)
    return index


def _best(
    index: dict[tuple[str, str], list[str]], s: str, o: str,
    rank: dict[str, tuple[int, int, str]],
) -> str | None:
    """The best-supported statement relating s and o; else the best, most specific one about s."""
    pool = index.get((s, o)) or index.get((s, "")) or index.get((o, ""))
    return min(pool, key=rank.__getitem__) if pool else None


def _add_link(graph: nx.Graph, s: str, o: str, relation: str, statement: str | None, support: int) -> None:
    data = graph.get_edge_data(s, o)
    link = (support, s, relation, o, statement)
    if data is None:
        graph.add_edge(s, o, links=[link])
    elif link not in data["links"]:
        data["links"].append(link)


def find_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    max_hops: int = 3,
    via: Sequence[str] = (),
    limit: int = 20,
    scan: int = 20_000,
) -> list[Path]:
    """Simple paths of at most ``max_hops`` edges from ``source`` to ``target`` (labels,
    synonyms, IRIs), strongest evidence first, then shortest. ``via`` names classes every
    intermediate entity must belong to (statement nodes may always be crossed)."""
    if max_hops < 1:
        raise QueryError("--max-hops must be at least 1")
    tg = traversal_graph(store)
    a = str(resolve_entity(source, (), store, param="from").value)
    b = str(resolve_entity(target, (), store, param="to").value)
    for name, node in (("--from", a), ("--to", b)):
        if node not in tg.graph:
            raise QueryError(f"{name} {tg.label(node)} has no domain relations in the graph")
    view = tg.graph
    if via:
        classes = [str(resolve_entity(c, (), store, param="via").value) for c in via]
        index = entity_index(store)
        keep = {n for n in tg.graph if n in (a, b) or n in tg.kinds
                or index.is_a(URIRef(n), classes)}
        view = tg.graph.subgraph(keep)
    found = []
    for nodes in itertools.islice(nx.all_simple_paths(view, a, b, cutoff=max_hops), scan):
        found.append(_path(tg, nodes))
    found.sort(key=Path.rank_key)
    return found[:limit]


def _path(tg: TraversalGraph, nodes: Iterable[str]) -> Path:
    nodes = tuple(nodes)
    hops = []
    for x, y in itertools.pairwise(nodes):
        support, s, relation, _, statement = max(tg.graph[x][y]["links"], key=lambda k: (k[0], k[1] == x))
        quote, document = tg.quotes.get(statement or "", (None, None))
        hops.append(Hop(x, y, relation, s == x, statement, support, quote, document))
    return Path(nodes, tuple(hops))


def describe(tg: TraversalGraph, path: Path) -> str:
    """``A -[targets]-> B <-[biomarker]- [BiomarkerAssociation: ...]``."""
    parts = [tg.label(path.nodes[0])]
    for hop in path.hops:
        arrow = f" -[{hop.relation}]-> " if hop.forward else f" <-[{hop.relation}]- "
        parts.append(arrow + tg.label(hop.target))
    return "".join(parts)


def paths_to_json(tg: TraversalGraph, paths: Sequence[Path]) -> list[dict[str, object]]:
    """Paths as JSON-ready dicts: the readable chain and each hop with its evidence."""
    return [{
        "path": describe(tg, p),
        "length": len(p.hops),
        "weakestSupport": p.weakest_support,
        "hops": [{
            "from": h.source, "fromLabel": tg.label(h.source), "relation": h.relation,
            "direction": "forward" if h.forward else "backward",
            "to": h.target, "toLabel": tg.label(h.target), "statement": h.statement,
            "support": h.support, "quote": h.quote, "document": h.document,
        } for h in p.hops],
    } for p in paths]


def paths_to_text(tg: TraversalGraph, paths: Sequence[Path]) -> str:
    """Numbered paths, each hop with its relation, support and one evidence quote."""
    if not paths:
        return "no path found; raise --max-hops or drop --via\n"
    lines = []
    for n, p in enumerate(paths, 1):
        lines.append(f"{n}. {describe(tg, p)}  (hops {len(p.hops)}, weakest support {p.weakest_support})")
        for h in p.hops:
            arrow = "->" if h.forward else "<-"
            text = " ".join((h.quote or "").split())
            text = text if len(text) <= 240 else text[:237] + "..."
            quote = f'"{text}"' if text else "(no evidence: vocabulary or structural link)"
            lines.append(f"   {arrow} {h.relation} [{h.support} doc(s)]: {quote}")
    return "\n".join(lines) + "\n"
