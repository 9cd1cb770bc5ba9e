"""Sentences: offsets into the raw file, the mapping invariant, the splitter's behaviour."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sarckg.corpus import read_corpus, split_document
from sarckg.corpus.normalize import SUBSTITUTION_OPENERS
from sarckg.corpus.readers import document_from_text
from sarckg.corpus.sentences import CHUNK_CHARS, _chunks, sentence_spans
from sarckg.model import Document, Sentence

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Document, tuple[Sentence, ...]]]:
    return [(d, split_document(d)) for d in read_corpus(CORPUS).documents]


def doc_of(text: str) -> Document:
    return document_from_text("t.txt", text, text.encode("utf-8"))


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def assert_mapped(doc: Document, s: Sentence) -> None:
    """The exact invariant: offsets strictly increase within [start, end); every character is
    the raw one, or a space/tab standing for raw whitespace, or a substitution of a markup
    command (LaTeX ``\\``, HTML entity ``&``) at whose first character it stands; a tab between
    table cells may also stand at a Markdown cell bar ``|``."""
    raw = doc.text
    assert s.text and len(s.raw_offsets) == len(s.text)
    assert s.raw_offsets[0] == s.start < s.end <= len(raw)
    assert s.raw_offsets[-1] < s.end
    assert all(a < b for a, b in zip(s.raw_offsets, s.raw_offsets[1:], strict=False))
    for ch, off in zip(s.text, s.raw_offsets, strict=True):
        src = raw[off]
        spacing = (ch in " \t" and src.isspace()) or (ch == "\t" and src == "|")
        assert ch == src or spacing or src in SUBSTITUTION_OPENERS, (ch, src)


def test_every_sentence_maps_back_to_the_file(corpus) -> None:
    total = 0
    for doc, sents in corpus:
        for s in sents:
            assert doc.text[s.start : s.end].strip()
            assert_mapped(doc, s)
            total += 1
    assert total > 1000


def test_indexes_are_consecutive_and_ordered(corpus) -> None:
    for doc, sents in corpus:
        assert [s.index for s in sents] == list(range(len(sents)))
        assert all(s.doc_id == doc.doc_id for s in sents)
        starts = [s.start for s in sents]
        assert starts == sorted(starts)


def test_splitting_is_deterministic(corpus) -> None:
    for doc, sents in corpus:
        assert split_document(doc) == sents


def test_quote_keeps_what_normalization_removed(corpus) -> None:
    doc, sents = next((d, s) for d, s in corpus if d.file_name.startswith("001"))
    s = next(s for s in sents if "Both the PFS (P < 0.01) and OS (P < 0.01)" in s.text)
    assert "$P < 0.01$" in doc.text[s.start : s.end]
    doc, sents = next((d, s) for d, s in corpus if d.file_name.startswith("004"))
    s = next(s for s in sents if s.text.startswith("Sarcomas are rare tumors originating from mesenchymal tissue"))
    assert "tis-\n\nsue" in doc.text[s.start : s.end]
    span = s.text.index("tissue")
    start, end = s.raw_span(span, span + len("tissue"))
    assert doc.text[start:end] == "tis-\n\nsue"


def test_abbreviations_and_numbers_do_not_end_sentences() -> None:
    text = (
        "Groisberg et al. analyzed 84 patients, e.g. those with UPS vs. LPS (Fig. 2). "
        "The ORR was 48.1% (95% CI 30.7–66.0%) in the cohort (n = 5). "
        "The dose was 3 mg/kg, i.e. 200 mg (cat. no. KIT-5010). "
        "Responses lasted 7.5 months."
    )
    assert sentences_of(text) == [
        "Groisberg et al. analyzed 84 patients, e.g. those with UPS vs. LPS (Fig. 2).",
        "The ORR was 48.1% (95% CI 30.7–66.0%) in the cohort (n = 5).",
        "The dose was 3 mg/kg, i.e. 200 mg (cat. no. KIT-5010).",
        "Responses lasted 7.5 months.",
    ]


def test_labels_and_decimals_end_where_they_should() -> None:
    assert sentences_of("Abstract. Sarcoma is rare. It is hard to treat.") == [
        "Abstract. Sarcoma is rare.", "It is hard to treat."
    ]
    assert sentences_of("The median age was 46.5. There were 42 males.") == [
        "The median age was 46.5.", "There were 42 males."
    ]
    assert sentences_of("Semicolons join; they do not split (A) or (B, C). Next.") == [
        "Semicolons join; they do not split (A) or (B, C).", "Next."
    ]


def test_sentence_broken_across_lines_is_one_sentence() -> None:
    sents = split_document(doc_of("Results\n\nThe response rate was 25% and the median \n\nPFS was 5 months. Next one.\n"))
    assert [s.text for s in sents] == [
        "Results", "The response rate was 25% and the median PFS was 5 months.", "Next one."
    ]


def test_chunks_bound_the_splitter_input() -> None:
    text = ("A sentence with some words in it. " * 400) + "x" * 5000
    pieces = list(_chunks(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b for a, b in pieces)
    assert all(b1 == a2 for (_, b1), (a2, _) in itertools.pairwise(pieces))
    assert all(b - a <= CHUNK_CHARS for a, b in pieces)


@pytest.mark.slow
def test_a_huge_one_line_file_is_split_in_linear_passes() -> None:
    unit = "Anlotinib plus sintilimab gave an ORR of 22.2% (4/18) vs. 10% in Fig. 2. "
    text = unit * 30_000  # about 2 MB on one line
    sents = split_document(doc_of(text))
    assert len(sents) == 30_000
    assert sents[-1].end == len(text.rstrip())
    assert all(s.text == unit.strip() for s in sents[:: 997])


_PIECES = st.sampled_from([
    "Sarcoma", "PD-1", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u200a", ". ", "? ", "sus-\n\nceptible",
    "PD-\nL1", "<sup>3</sup>", "**", "*", "# ", "$P < 0.01$", "$\\geq$", "&amp;", "et al. ", "Fig. 2",
    "Table 1 ", "FIGURE 1\n", "References\n", "1. ", "- ", "é", "μ", "≥", "2.5", "(A)", "a\u200a b",
    "A   B   C\n", "| a | b |\n", "|---|---|\n", "|",
])
TEXTS = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_well_formed_sentences(text: str) -> None:
    if not text.strip():
        return
    doc = doc_of(text)
    sents = split_document(doc)
    assert [s.index for s in sents] == list(range(len(sents)))
    for s in sents:
        assert_mapped(doc, s)
