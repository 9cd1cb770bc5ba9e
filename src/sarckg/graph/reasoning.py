"""OWL consistency check of the ontology (and vocabulary, and any graph) with HermiT.

owlready2 does not read Turtle, so the graphs are merged in rdflib, written as RDF/XML to a
temporary folder and loaded into a fresh owlready2 ``World``; HermiT (Java) then classifies
it. Pellet is not used: the jar owlready2 0.50+ ships needs a newer Java than 17.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from sarckg.graph.ontology_files import load_ontology, load_vocabulary


class ReasonerUnavailableError(RuntimeError):
    """Java (needed by HermiT) is not installed or not on the PATH."""


class ReasonerError(RuntimeError):
    """HermiT failed for another reason than an inconsistency (its message is kept)."""


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT said about a graph.

    ``consistent`` is False when the ontology has no model; ``unsatisfiable_classes`` are the
    classes that can have no member (only computable when consistent); ``disjoint_clashes``
    name individuals asserted in two disjoint classes, the usual cause of an inconsistency.
    """

    consistent: bool
    unsatisfiable_classes: tuple[str, ...]
    disjoint_clashes: tuple[str, ...]
    triples: int
    message: str

    @property
    def ok(self) -> bool:
        """Consistent and without unsatisfiable classes."""
        return self.consistent and not self.unsatisfiable_classes


def check_consistency(
    graph: Graph | None = None,
    *,
    include_ontology: bool = True,
    include_vocabulary: bool = True,
) -> ReasonerReport:
    """Run HermiT on ``graph`` together with the ontology and (by default) the vocabulary.

    Raises:
        ReasonerUnavailableError: Java is missing.
        ReasonerError: HermiT failed (unsupported datatype, Java error).
    """
    merged = _merge(graph, include_ontology=include_ontology, include_vocabulary=include_vocabulary)
    consistent, unsatisfiable = _run_hermit(merged)
    clashes = () if consistent else tuple(disjoint_clashes(merged))
    return ReasonerReport(
        consistent=consistent,
        unsatisfiable_classes=unsatisfiable,
        disjoint_clashes=clashes,
        triples=len(merged),
        message=_message(consistent, unsatisfiable, clashes, len(merged)),
    )


def _merge(graph: Graph | None, *, include_ontology: bool, include_vocabulary: bool) -> Graph:
    merged = Graph()
    parts: list[Graph] = []
    if include_ontology:
        parts.append(load_ontology())
    if include_vocabulary:
        parts.append(load_vocabulary())
    if graph is not None:
        parts.append(graph)
    for part in parts:
        merged += part
    # owl:imports would make owlready2 fetch the imported IRI from the network.
    merged.remove((None, OWL.imports, None))
    return merged


def _java() -> str:
    import owlready2

    java = shutil.which(owlready2.JAVA_EXE) or shutil.which("java")
    if java is None:
        raise ReasonerUnavailableError(
            "HermiT needs Java (17 or newer) on the PATH; install a JRE, e.g. "
            "`apt-get install openjdk-17-jre-headless`"
        )
    return java


def _run_hermit(graph: Graph) -> tuple[bool, tuple[str, ...]]:
    """(consistent, sorted IRIs of unsatisfiable classes), quietly."""
    import owlready2

    java = _java()
    with tempfile.TemporaryDirectory(prefix="sarckg-hermit-") as tmp:
        path = Path(tmp) / "graph.owl"
        graph.serialize(path, format="xml")
        world = owlready2.World()
        sink = io.StringIO()
        saved_java = owlready2.JAVA_EXE
        owlready2.JAVA_EXE = java
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                warnings.simplefilter("ignore")
                world.get_ontology(path.as_uri()).load()
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
                unsatisfiable = tuple(sorted(
                    c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing
                ))
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, ()
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerError(f"HermiT failed: {exc}") from exc
        except owlready2.OwlReadyOntologyParsingError as exc:
            raise ReasonerError(f"owlready2 could not read the graph: {exc}") from exc
        finally:
            owlready2.JAVA_EXE = saved_java
            world.close()
    return True, unsatisfiable


# --------------------------------------------------------------------------- diagnosis


def _disjoint_pairs(graph: Graph) -> set[frozenset[URIRef]]:
    """Every pair of named classes the graph declares disjoint."""
    pairs: set[frozenset[URIRef]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add(frozenset((a, b)))
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members_node = graph.value(axiom, OWL.members)
        if not isinstance(members_node, BNode | URIRef):
            continue
        members = [m for m in Collection(graph, members_node) if isinstance(m, URIRef)]
        pairs.update(frozenset(p) for p in itertools.combinations(members, 2))
    return pairs


def _ancestors(graph: Graph, cls: URIRef) -> set[URIRef]:
    return {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}


def disjoint_clashes(graph: Graph) -> Iterable[str]:
    """Readable lines for individuals whose asserted types fall in two disjoint classes."""
    pairs = _disjoint_pairs(graph)
    if not pairs:
        return []
    lines = []
    cache: dict[URIRef, set[URIRef]] = {}
    for node in sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        types: set[URIRef] = set()
        for t in graph.objects(node, RDF.type):
            if isinstance(t, URIRef):
                types |= cache.setdefault(t, _ancestors(graph, t))
        for pair in sorted(pairs, key=sorted):
            if pair <= types:
                a, b = sorted(pair)
                lines.append(f"{node} is both {a} and {b}, which are disjoint")
    return lines


def _message(consistent: bool, unsatisfiable: tuple[str, ...], clashes: tuple[str, ...], size: int) -> str:
    if not consistent:
        detail = "; ".join(clashes) if clashes else "no individual is asserted in two disjoint classes"
        return f"INCONSISTENT ({size} triples): {detail}"
    if unsatisfiable:
        return f"consistent ({size} triples) but unsatisfiable: {', '.join(unsatisfiable)}"
    return f"consistent ({size} triples), no unsatisfiable classes"
