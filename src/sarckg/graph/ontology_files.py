"""Where the ontology, the vocabulary and the SHACL shapes live, and how to load them.

The files sit in ``<repository>/ontology/``; the environment variable
``SARCKG_ONTOLOGY_DIR`` points elsewhere (a test, an installed copy).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

ONTOLOGY_DIR_ENV = "SARCKG_ONTOLOGY_DIR"
ONTOLOGY_FILE = "sarckg.ttl"
VOCABULARY_FILE = "vocabulary.ttl"
SHAPES_FILE = "shapes.ttl"


class OntologyFileError(RuntimeError):
    """An ontology file is missing or is not valid Turtle."""


def ontology_dir() -> Path:
    """The folder holding the three files: ``$SARCKG_ONTOLOGY_DIR``, else ``<repo>/ontology``
    (the repository this package is checked out in), else ``./ontology``."""
    override = os.environ.get(ONTOLOGY_DIR_ENV)
    if override:
        return Path(override).expanduser().resolve()
    # src/sarckg/graph/ontology_files.py -> the repository root is three folders above sarckg.
    in_repository = Path(__file__).resolve().parents[3] / "ontology"
    if in_repository.is_dir():
        return in_repository
    return Path.cwd() / "ontology"


def ontology_path() -> Path:
    """Path of the OWL ontology (``sarckg.ttl``)."""
    return ontology_dir() / ONTOLOGY_FILE


def vocabulary_path() -> Path:
    """Path of the entity vocabulary (``vocabulary.ttl``)."""
    return ontology_dir() / VOCABULARY_FILE


def shapes_path() -> Path:
    """Path of the SHACL shapes (``shapes.ttl``)."""
    return ontology_dir() / SHAPES_FILE


def load_turtle(path: Path) -> Graph:
    """Parse one Turtle file, turning a missing file or a syntax error into one clear error.

    The graph is parsed once per file version (path, size, modification time) and shared:
    treat it as read-only (``graph + other`` makes a new one).
    """
    if not path.is_file():
        raise OntologyFileError(
            f"{path} does not exist (set {ONTOLOGY_DIR_ENV} to the folder holding "
            f"{ONTOLOGY_FILE}, {VOCABULARY_FILE} and {SHAPES_FILE})"
        )
    stat = path.stat()
    return _parse_turtle(path.resolve(), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _parse_turtle(path: Path, size: int, mtime_ns: int) -> Graph:
    del size, mtime_ns  # part of the cache key only
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise OntologyFileError(f"{path} is not valid Turtle: {exc}") from exc
    return graph


def load_ontology() -> Graph:
    """The OWL ontology as an rdflib graph."""
    return load_turtle(ontology_path())


def load_vocabulary() -> Graph:
    """The entity vocabulary as an rdflib graph."""
    return load_turtle(vocabulary_path())


def load_shapes() -> Graph:
    """The SHACL shapes as an rdflib graph."""
    return load_turtle(shapes_path())
