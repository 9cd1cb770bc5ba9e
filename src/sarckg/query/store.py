"""The loaded graph: one pyoxigraph store (graph + ontology + vocabulary), cached by file hash.

Every file goes into the store's default graph, so a triple stated in both the graph and the
vocabulary is one triple (oxigraph's union of named graphs would repeat it). A query that
narrows with ``FROM <GRAPH_IRI>`` or ``FROM <ONTOLOGY_IRI>`` gets those named graphs, loaded
on first need. The rdflib reference engine holds the same quads in a Dataset whose default
graph is the union of both (rdflib merges repeated triples), built on first use.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from sarckg.namespaces import GRAPH_IRI, ONTOLOGY_IRI

T = TypeVar("T")
_CACHE_SIZE = 4
_cache: OrderedDict[str, GraphStore] = OrderedDict()
_cache_lock = threading.Lock()

_RDFLIB_FORMATS = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".n3": "n3",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld",
}


class GraphNotFound(FileNotFoundError):
    """The graph file is missing; the message says how to build or point to one."""


@dataclass
class GraphStore:
    """A graph loaded for querying. ``oxigraph`` is ready; ``rdflib_dataset()`` loads on demand."""

    graph_files: tuple[Path, ...]
    ontology_files: tuple[Path, ...]
    digest: str
    oxigraph: ox.Store
    triples: int
    load_seconds: float
    _rdflib: Dataset | None = field(default=None, repr=False)
    _named: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _derived: dict[str, object] = field(default_factory=dict, repr=False)

    def derived(self, name: str, build: Callable[[GraphStore], T]) -> T:
        """A structure computed from this store once (name index, confidence, traversal
        graph); it lives and is dropped with the store."""
        if name not in self._derived:
            value = build(self)
            self._derived.setdefault(name, value)
        return self._derived[name]  # type: ignore[return-value]

    def ensure_named_graphs(self) -> None:
        """Also load the files into the named graphs ``GRAPH_IRI`` / ``ONTOLOGY_IRI`` (once)."""
        with self._lock:
            if not self._named:
                _bulk_load(self.oxigraph, self.graph_files, ox.NamedNode(GRAPH_IRI))
                _bulk_load(self.oxigraph, self.ontology_files, ox.NamedNode(ONTOLOGY_IRI))
                self._named = True

    def rdflib_dataset(self) -> Dataset:
        """The same quads in an rdflib Dataset (slow to build on large graphs; cached)."""
        with self._lock:
            if self._rdflib is None:
                ds = Dataset(default_union=True)
                for path in self.graph_files:
                    ds.graph(URIRef(GRAPH_IRI)).parse(path, format=_rdflib_format(path))
                for path in self.ontology_files:
                    ds.graph(URIRef(ONTOLOGY_IRI)).parse(path, format=_rdflib_format(path))
                self._rdflib = ds
            return self._rdflib


def repo_root() -> Path:
    """The working copy this package sits in (for default file locations)."""
    return Path(__file__).resolve().parents[3]


def default_graph_path() -> Path:
    """``$SARCKG_GRAPH``, else ``graphs/sarckg.ttl`` under the working directory or the repo."""
    env = os.environ.get("SARCKG_GRAPH")
    if env:
        return Path(env)
    local = Path("graphs/sarckg.ttl")
    return local if local.exists() else repo_root() / "graphs" / "sarckg.ttl"


def default_ontology_files() -> tuple[Path, ...]:
    """The ontology and vocabulary files the graph imports (those that exist)."""
    try:
        from sarckg.graph.ontology_files import ontology_path, vocabulary_path

        candidates = (ontology_path(), vocabulary_path())
    except ImportError:
        folder = repo_root() / "ontology"
        candidates = (folder / "sarckg.ttl", folder / "vocabulary.ttl")
    return tuple(p for p in candidates if p.is_file())


def load_store(
    graph: Path | str | Sequence[Path | str] | None = None,
    *,
    ontology: Iterable[Path | str] | None = None,
) -> GraphStore:
    """Load (or reuse) the store for these files; same file contents give the same store."""
    graph_files = _as_paths(graph if graph is not None else default_graph_path())
    ontology_files = tuple(Path(p) for p in (default_ontology_files() if ontology is None else ontology))
    for path in (*graph_files, *ontology_files):
        if not path.is_file():
            raise GraphNotFound(
                f"graph file not found: {path}; build it with `sarckg build` or pass --graph PATH"
            )
    digest = _digest(graph_files, ontology_files)
    with _cache_lock:
        if digest in _cache:
            _cache.move_to_end(digest)
            return _cache[digest]
    store = _load(graph_files, ontology_files, digest)
    with _cache_lock:
        _cache[digest] = store
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return store


def _as_paths(graph: Path | str | Sequence[Path | str]) -> tuple[Path, ...]:
    if isinstance(graph, str | Path):
        return (Path(graph),)
    return tuple(Path(p) for p in graph)


def _digest(graph_files: Sequence[Path], ontology_files: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for role, paths in (("graph", graph_files), ("ontology", ontology_files)):
        for path in paths:
            h.update(f"{role}\x1f{path.suffix}\x1f".encode())
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()


def _load(graph_files: Sequence[Path], ontology_files: Sequence[Path], digest: str) -> GraphStore:
    started = time.perf_counter()
    store = ox.Store()
    _bulk_load(store, (*graph_files, *ontology_files), ox.DefaultGraph())
    return GraphStore(
        graph_files=tuple(graph_files),
        ontology_files=tuple(ontology_files),
        digest=digest,
        oxigraph=store,
        triples=len(store),
        load_seconds=time.perf_counter() - started,
    )


def _bulk_load(store: ox.Store, paths: Iterable[Path], graph: ox.NamedNode | ox.DefaultGraph) -> None:
    for path in paths:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
        if fmt is None:
            raise ValueError(f"unknown RDF format for {path}: use .ttl, .nt, .nq, .trig or .rdf")
        try:
            store.bulk_load(path=str(path), format=fmt, to_graph=graph)
        except (SyntaxError, ValueError) as exc:
            raise ValueError(f"cannot parse {path}: {exc}") from None


def _rdflib_format(path: Path) -> str:
    return _RDFLIB_FORMATS.get(path.suffix.lower(), "turtle")
