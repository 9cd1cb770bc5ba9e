"""One document in, its statements out: split, annotate, run every extractor."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sarckg.extract.base import AnnotatedDocument, Extractor
from sarckg.extract.entities import annotate
from sarckg.extract.lexicon import Lexicon
from sarckg.model import MINED_ZONES, Document, Sentence, Statement

log = logging.getLogger(__name__)

#: Extractor modules, each exposing ``extract(doc: AnnotatedDocument)``; run in this order.
EXTRACTOR_MODULES: tuple[str, ...] = (
    "drugs",
    "studies",
    "outcomes",
    "tables",
    "adverse_events",
    "patients",
    "biomarkers",
    "mechanisms",
    "subtypes",
    "aliases",
)


def extractors() -> list[tuple[str, Extractor]]:
    """The registered extractors by name, imported on first use."""
    found = []
    for name in EXTRACTOR_MODULES:
        module = importlib.import_module(f"sarckg.extract.{name}")
        found.append((name, module.extract))
    return found


@dataclass(frozen=True)
class DocumentExtraction:
    document: Document
    annotated: AnnotatedDocument
    statements: tuple[Statement, ...]


def mined(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """The sentences worth reading: page furniture is never mined."""
    return tuple(s for s in sentences if s.zone in MINED_ZONES)


def extract_document(document: Document, *, lexicon: Lexicon | None = None) -> DocumentExtraction:
    """Read one document end to end. Statements are returned in a deterministic order."""
    from sarckg.corpus import split_document
    from sarckg.extract.studies import describe_document_study

    sentences = mined(split_document(document))
    design, size = describe_document_study(document, sentences)
    annotated = annotate(document, sentences, lexicon=lexicon, study_design=design, cohort_size=size)
    statements: list[Statement] = []
    for name, extractor in extractors():
        found = list(extractor(annotated))
        log.debug("%s: %s found %d statements", document.file_name, name, len(found))
        statements.extend(found)
    statements.sort(key=lambda s: (s.evidence.start, s.evidence.end, s.kind, repr(s.key())))
    return DocumentExtraction(document, annotated, tuple(statements))
