"""sarckg.corpus: files to ``Document``s, documents to ``Sentence``s with raw offsets.

``read_corpus(folder)`` reads every paper of a folder (broken files reported, never fatal),
``read_document(path)`` one file, ``split_document(document)`` its sentences and table rows
in every zone (furniture included but marked, so the caller decides what to mine).
"""

from __future__ import annotations

from sarckg.corpus.readers import (
    CorpusReadResult,
    DocumentReader,
    IngestError,
    Problem,
    read_corpus,
    read_document,
    register_reader,
)
from sarckg.corpus.sentences import split_document

__all__ = [
    "CorpusReadResult",
    "DocumentReader",
    "IngestError",
    "Problem",
    "read_corpus",
    "read_document",
    "register_reader",
    "split_document",
]
