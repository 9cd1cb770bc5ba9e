"""Incremental builds: a document's statements are cached under its content hash.

The cache key also holds a fingerprint of the pipeline itself (every source file of the package
and the ontology files), so a change of code or vocabulary invalidates everything. Entries are
written atomically; an unreadable entry is ignored and recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from functools import lru_cache
from pathlib import Path

from sarckg.atomic import write_atomic
from sarckg.model import Statement

log = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Hash of the package sources and ontology files: what the statements depend on."""
    from sarckg.graph.ontology_files import ontology_path, vocabulary_path

    digest = hashlib.sha256()
    files = [*sorted(_PACKAGE.rglob("*.py")), ontology_path(), vocabulary_path()]
    for path in files:
        digest.update(str(path.relative_to(path.parents[2])).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """``<dir>/<pipeline fingerprint>/<document sha256>.pickle`` -> the document's statements.

    The folder is the build's own (graphs/.cache by default); it is never shared or downloaded,
    which is what makes pickle acceptable here.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory / pipeline_fingerprint()

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.pickle"

    def get(self, sha256: str) -> tuple[Statement, ...] | None:
        path = self._path(sha256)
        if not path.is_file():
            return None
        try:
            value = pickle.loads(path.read_bytes())
        except Exception:  # a torn or stale entry is recomputed
            log.warning("ignoring unreadable cache entry %s", path)
            return None
        return value if isinstance(value, tuple) else None

    def put(self, sha256: str, statements: tuple[Statement, ...]) -> None:
        write_atomic(self._path(sha256), pickle.dumps(statements, protocol=pickle.HIGHEST_PROTOCOL))
