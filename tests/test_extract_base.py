"""The extractor interface: evidence spans and the previous-sentence lookup (real corpus)."""

from __future__ import annotations

import pytest

from extract_helpers import corpus_document


def test_previous_is_the_sentence_just_before_in_the_same_section() -> None:
    doc = corpus_document("003")
    pairs = 0
    for annotated in doc.sentences[1:]:
        before = doc.previous(annotated)
        if before is None:
            continue
        pairs += 1
        assert before.sentence.index == annotated.sentence.index - 1
        assert before.sentence.zone == annotated.sentence.zone
        assert before.sentence.section == annotated.sentence.section
    assert pairs > 100
    assert doc.previous(doc.sentences[0]) is None


def test_evidence_with_an_antecedent_quotes_both_sentences_exactly() -> None:
    doc = corpus_document("003")
    annotated = next(a for a in doc.sentences if a.sentence.zone == "body" and doc.previous(a))
    before = doc.previous(annotated)
    assert before is not None
    evidence = annotated.evidence("test", antecedent=before)
    text = doc.document.text
    assert evidence.quote == text[evidence.start : evidence.end]
    assert evidence.start == before.sentence.start and evidence.end == annotated.sentence.end
    assert evidence.sentence_index == annotated.sentence.index
    assert evidence.antecedent_index == before.sentence.index
    assert annotated.evidence("test").antecedent_index is None


def test_an_antecedent_must_come_before() -> None:
    doc = corpus_document("003")
    first, second = doc.sentences[3], doc.sentences[4]
    with pytest.raises(ValueError, match="earlier sentence"):
        first.evidence("test", antecedent=second)


def test_sentences_are_in_file_order() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        doc = corpus_document(prefix)
        starts = [a.sentence.start for a in doc.sentences]
        indices = [a.sentence.index for a in doc.sentences]
        assert starts == sorted(starts) and indices == sorted(indices)


def test_raw_is_the_sentence_as_it_stands_in_the_file() -> None:
    doc = corpus_document("004")
    wrapped = [a for a in doc.sentences if "\n" in a.raw]
    assert wrapped  # the corpus wraps lines inside sentences: raw keeps them, text does not
    for a in doc.sentences:
        assert a.raw == doc.document.text[a.sentence.start : a.sentence.end]
        assert a.raw == a.evidence("test").quote
    assert all(a.raw != a.text for a in wrapped)
