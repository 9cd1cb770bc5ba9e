"""Read the files of a corpus folder into ``Document``s, reporting what cannot be read.

The text rule: ``Document.text`` is the file's bytes decoded as strict UTF-8, with nothing
translated (``\\r\\n`` stays ``\\r\\n``, a byte-order mark stays ``\\ufeff``). So every offset
indexes exactly what ``open(path, encoding="utf-8", newline="").read()`` returns.

Readers are registered by file extension (``register_reader``); a new format (JATS XML,
text extracted from PDF) plugs in with a class that turns bytes into text.
"""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sarckg.corpus.metadata import extract_metadata
from sarckg.corpus.sections import segment
from sarckg.model import Document, slugify

#: Files larger than this are refused (a paper is a few hundred kilobytes).
MAX_BYTES = 50 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be ingested: names the file, says why and what to do."""

    def __init__(self, file: str, reason: str, hint: str) -> None:
        super().__init__(f"{file}: {reason}. {hint}")
        self.file, self.reason, self.hint = file, reason, hint


@dataclass(frozen=True)
class Problem:
    """A file skipped or refused while reading a folder."""

    file: str
    reason: str
    hint: str


@dataclass(frozen=True)
class CorpusReadResult:
    documents: tuple[Document, ...]  # sorted by file name
    problems: tuple[Problem, ...]  # broken files (empty, binary, undecodable, duplicate, ...)
    skipped: tuple[Problem, ...] = ()  # files that are not papers (README, unknown format)


class DocumentReader(Protocol):
    """Turns a file's bytes into the text that offsets index."""

    media_type: str

    def decode(self, name: str, data: bytes) -> str: ...


class PlainTextReader:
    """UTF-8 text as it is (plain text, Markdown)."""

    def __init__(self, media_type: str = "text/plain") -> None:
        self.media_type = media_type

    def decode(self, name: str, data: bytes) -> str:
        if b"\x00" in data:
            raise IngestError(name, "binary file (contains NUL bytes)",
                              "Convert it to UTF-8 text first, or remove it from the corpus folder.")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(
                name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                "Re-save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`.",
            ) from exc


_READERS: dict[str, DocumentReader] = {
    ".txt": PlainTextReader("text/plain"),
    ".md": PlainTextReader("text/markdown"),
    ".markdown": PlainTextReader("text/markdown"),
}


def register_reader(extension: str, reader: DocumentReader) -> None:
    """Read files ending in ``extension`` (e.g. ``".xml"``) with ``reader``."""
    _READERS[extension.lower()] = reader


def reader_for(path: Path) -> DocumentReader | None:
    return _READERS.get(path.suffix.lower())


def _read_bytes(path: Path) -> bytes:
    name = path.name
    try:
        if path.is_symlink():
            path.resolve(strict=True)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(name, f"too large ({size} bytes)", "Split it or remove it.")
        return path.read_bytes()
    except IngestError:
        raise
    except RuntimeError as exc:  # symlink loop on older Pythons
        raise IngestError(name, "symbolic link loop", "Point the link at a real file.") from exc
    except PermissionError as exc:
        raise IngestError(name, "unreadable (permission denied)",
                          "Make the file readable (chmod u+r) or remove it.") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(name, "symbolic link loop", "Point the link at a real file.") from exc
        if exc.errno == errno.ENOENT:
            raise IngestError(name, "broken symbolic link or missing file",
                              "Point the link at a real file or remove it.") from exc
        raise IngestError(name, f"unreadable ({exc.strerror})", "Check the file.") from exc


def document_from_text(name: str, text: str, data: bytes, media_type: str = "text/plain") -> Document:
    """A ``Document`` for decoded ``text`` with its id, hash and stated metadata."""
    sha = hashlib.sha256(data).hexdigest()
    meta = extract_metadata(text, segment(text))
    doc_id = slugify(meta.doi) if meta.doi else f"sha-{sha[:16]}"
    return Document(doc_id=doc_id, file_name=name, text=text, sha256=sha, title=meta.title,
                    doi=meta.doi, year=meta.year, media_type=media_type)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one file; raises ``IngestError`` when it cannot be ingested."""
    path = Path(path)
    reader = reader_for(path)
    if reader is None:
        raise IngestError(path.name, f"no reader for '{path.suffix}' files",
                          f"Convert it to one of {', '.join(sorted(_READERS))} or register a reader.")
    data = _read_bytes(path)
    if not data.strip():
        raise IngestError(path.name, "empty file", "Remove it or put the paper's text in it.")
    text = reader.decode(path.name, data)
    if not text.strip():
        raise IngestError(path.name, "empty file (only whitespace)", "Remove it.")
    return document_from_text(path.name, text, data, reader.media_type)


def _skip_reason(path: Path) -> Problem | None:
    if path.name.upper().startswith("README"):
        return Problem(path.name, "documentation (README), not a paper", "Nothing to do.")
    if not path.is_symlink() and path.is_dir():
        return Problem(path.name, "a folder (folders are not read recursively)",
                       "Move its papers into the corpus folder to ingest them.")
    if reader_for(path) is None:
        return Problem(path.name, f"no reader for '{path.suffix or '(no extension)'}' files",
                       f"Use one of {', '.join(sorted(_READERS))} or register a reader.")
    return None


def read_corpus(folder: str | os.PathLike[str]) -> CorpusReadResult:
    """Read every paper in ``folder``; broken files are reported and skipped, never fatal.

    Files are taken in name order; a file whose bytes equal an earlier one's is reported
    as a duplicate, and so is one stating the same DOI as an earlier, different file."""
    root = Path(folder)
    if not root.is_dir():
        raise IngestError(str(root), "not a folder", "Pass the folder that holds the papers.")
    documents: list[Document] = []
    problems: list[Problem] = []
    skipped: list[Problem] = []
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        skip = _skip_reason(path)
        if skip is not None:
            skipped.append(skip)
            continue
        try:
            doc = read_document(path)
        except IngestError as exc:
            problems.append(Problem(exc.file, exc.reason, exc.hint))
            continue
        except Exception as exc:  # a defect in the analysis must not stop the other papers
            problems.append(Problem(path.name, f"could not be analysed ({type(exc).__name__}: {exc})",
                                    "Report this file to the sarckg maintainers."))
            continue
        if doc.sha256 in seen_hash:
            problems.append(Problem(path.name, f"duplicate of {seen_hash[doc.sha256]} (same content)",
                                    "Ingested once; remove the copy."))
            continue
        if doc.doc_id in seen_id:
            problems.append(Problem(path.name, f"same DOI as {seen_id[doc.doc_id]} ({doc.doi})",
                                    "Keep one version of the paper in the folder."))
            continue
        seen_hash[doc.sha256] = seen_id[doc.doc_id] = path.name
        documents.append(doc)
    return CorpusReadResult(tuple(documents), tuple(problems), tuple(skipped))
