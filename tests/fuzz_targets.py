"""Fuzz targets shared by the test suite and `benchmarks/fuzz_reader.py`: whatever the bytes,
reading, splitting and annotating a document either works or reports a problem; it never crashes,
and every sentence maps back to the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sarckg.corpus import read_corpus, split_document
from sarckg.extract.entities import annotate


def read_split_annotate(data: bytes, suffix: str = ".txt") -> int:
    """Run the front of the pipeline on one file made of ``data``; return the sentence count."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"paper{suffix}"
        path.write_bytes(data)
        result = read_corpus(Path(folder))
        assert len(result.documents) + len(result.problems) == 1
        if not result.documents:
            assert result.problems[0].reason
            return 0
        document = result.documents[0]
        sentences = split_document(document)
        for s in sentences:
            assert 0 <= s.start <= s.end <= len(document.text)
            assert len(s.raw_offsets) == len(s.text)
            assert all(s.start <= o < s.end for o in s.raw_offsets)
        annotated = annotate(document, sentences)
        for a in annotated.sentences:
            for m in a.mentions:
                assert a.sentence.text[m.start:m.end] == m.text
        return len(sentences)
