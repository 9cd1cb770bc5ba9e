"""``sarckg build``: corpus folder in, ``graphs/sarckg.ttl`` out, atomically and deterministically."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from sarckg.assemble.merge import merge_statements
from sarckg.assemble.study_identity import resolve_study_identity
from sarckg.atomic import write_atomic
from sarckg.corpus import read_corpus
from sarckg.corpus.readers import Problem
from sarckg.export.void import describe_graph
from sarckg.extract.entities import default_lexicon, own_study
from sarckg.extract.lexicon import Lexicon
from sarckg.extract.pipeline import extract_document
from sarckg.graph.cache import ExtractionCache
from sarckg.graph.ontology_files import load_vocabulary
from sarckg.graph.populate import populate
from sarckg.model import Assertion, Document, Statement

log = logging.getLogger(__name__)

GRAPH_FILE = "sarckg.ttl"
REPORT_FILE = "build-report.json"

#: Exit statuses of ``sarckg build`` (documented in the README).
EXIT_OK = 0
EXIT_PROBLEMS = 3  # the graph was built, but some documents were skipped
EXIT_NOTHING = 4  # no document could be read: nothing was written


@dataclass
class BuildResult:
    graph: Graph
    documents: list[Document]
    assertions: list[Assertion]
    problems: list[Problem] = field(default_factory=list)
    statements_per_document: dict[str, int] = field(default_factory=dict)

    @property
    def exit_status(self) -> int:
        if not self.documents:
            return EXIT_NOTHING
        return EXIT_PROBLEMS if self.problems else EXIT_OK


def _statements_of(document: Document, lexicon: Lexicon, cache: ExtractionCache | None) -> tuple[Statement, ...]:
    """A document's statements, from the cache when its content and the pipeline are unchanged."""
    cached = cache.get(document.sha256) if cache else None
    if cached is not None:
        return cached
    statements = extract_document(document, lexicon=lexicon).statements
    if cache:
        cache.put(document.sha256, statements)
    return statements


def build_graph(
    corpus_dir: Path, *, on_document: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None, cache_dir: Path | None = None,
) -> BuildResult:
    """Read, extract, assemble and populate; a document that fails is reported and skipped.

    With ``cache_dir``, only documents whose content (or the pipeline) changed are re-read.
    """
    read = read_corpus(corpus_dir)
    problems = list(read.problems)
    lexicon = default_lexicon()
    cache = ExtractionCache(cache_dir) if cache_dir else None
    statements: list[Statement] = []
    documents: list[Document] = []
    per_doc: dict[str, int] = {}
    if on_start:
        on_start(len(read.documents))
    for document in read.documents:
        try:
            found = _statements_of(document, lexicon, cache)
        except Exception as error:  # one bad document must not stop the build
            log.exception("extraction failed for %s", document.file_name)
            problems.append(Problem(document.file_name, f"extraction failed: {error!r}",
                                    "report this file with the error; the rest was built"))
        else:
            documents.append(document)
            statements.extend(found)
            per_doc[document.file_name] = len(found)
        if on_document:
            on_document(document.file_name)
    assertions = merge_statements(resolve_study_identity(statements))  # one trial, one study entity
    own_studies = {d.doc_id: own_study(d) for d in documents}
    graph = populate(documents, assertions, load_vocabulary(), own_studies)
    graph += describe_graph(graph, documents)  # VoID/DCAT: version, date, sources and counts
    return BuildResult(graph, documents, assertions, problems, per_doc)


def serialize_turtle(graph: Graph) -> bytes:
    """Turtle with a stable order: the same graph always gives the same bytes."""
    data = graph.serialize(format="turtle", encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def write_outputs(result: BuildResult, out_dir: Path) -> Path:
    """Write the graph and a build report; the previous files stay intact until the rename."""
    target = out_dir / GRAPH_FILE
    write_atomic(target, serialize_turtle(result.graph))
    report = {
        "documents": [{"file": d.file_name, "doc_id": d.doc_id, "sha256": d.sha256,
                       "statements": result.statements_per_document.get(d.file_name, 0)}
                      for d in result.documents],
        "problems": [{"file": p.file, "reason": p.reason, "hint": p.hint} for p in result.problems],
        "assertions": len(result.assertions),
        "triples": len(result.graph),
    }
    write_atomic(out_dir / REPORT_FILE, (json.dumps(report, indent=2, sort_keys=True) + "\n").encode())
    return target
