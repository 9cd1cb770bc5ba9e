"""The shape every exporter shares: open, write, finalize (as KGX's sinks), with atomic files.

An exporter writes into temporary files next to its targets and moves them into place with
``os.replace`` only in :meth:`Exporter.finalize`, so a failed export never leaves a half
written file where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from types import TracebackType
from typing import IO, ClassVar

from rdflib import Graph


class ExportError(ValueError):
    """An export that cannot be written (bad path, unsupported content); the message says why."""


class AtomicFiles:
    """Temporary files that become their targets together on :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path, IO[bytes]]] = []

    def open(self, target: Path) -> IO[bytes]:
        """A binary handle whose content will become ``target`` on commit."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; an export is meant to be read by others
        handle = os.fdopen(fd, "wb")
        self._pending.append((target, Path(tmp), handle))
        return handle

    def commit(self) -> list[Path]:
        """Close every handle and move each file into place; return the targets."""
        done = []
        for target, tmp, handle in self._pending:
            handle.close()
            os.replace(tmp, target)
            done.append(target)
        self._pending.clear()
        return done

    def discard(self) -> None:
        """Close and delete every temporary file (after an error)."""
        for _, tmp, handle in self._pending:
            handle.close()
            tmp.unlink(missing_ok=True)
        self._pending.clear()


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file and ``os.replace``."""
    files = AtomicFiles()
    try:
        files.open(target).write(data)
        return files.commit()[0]
    except BaseException:
        files.discard()
        raise


class Exporter(ABC):
    """One output format. Use as ``with Exporter(path) as out: out.write(graph)``.

    ``path`` is a file, or a folder for formats that write several files (``multi_file``).
    """

    name: ClassVar[str]
    suffix: ClassVar[str]
    multi_file: ClassVar[bool] = False

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if self.multi_file and self.path.exists() and not self.path.is_dir():
            raise ExportError(f"{self.name} writes a folder of files, but {self.path} is a file")
        if not self.multi_file and self.path.is_dir():
            raise ExportError(f"{self.name} writes one file, but {self.path} is a folder")
        self.files = AtomicFiles()
        self.written: list[Path] = []

    def __enter__(self) -> Exporter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.finalize()
        else:
            self.files.discard()

    @abstractmethod
    def write(self, graph: Graph) -> None:
        """Serialize ``graph`` into the temporary file(s)."""

    def finalize(self) -> list[Path]:
        """Move the written files into place; returns the paths written."""
        self.written = self.files.commit()
        return self.written
