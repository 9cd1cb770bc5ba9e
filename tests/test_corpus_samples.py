"""Papers laid out differently (written for the tests, in tests/resources/corpus_samples/):
zones, sections, tables, sentences and reference entries on each."""

from __future__ import annotations

from pathlib import Path

import pytest

from sarckg.corpus import read_document, split_document
from sarckg.corpus.normalize import MappedText, is_faithful
from sarckg.model import Document, Sentence

SAMPLES = Path(__file__).resolve().parent / "resources" / "corpus_samples"


def load(name: str) -> tuple[Document, tuple[Sentence, ...]]:
    doc = read_document(SAMPLES / name)
    return doc, split_document(doc)


def one(sentences: tuple[Sentence, ...], needle: str) -> Sentence:
    found = [s for s in sentences if needle in s.text]
    assert len(found) == 1, f"{len(found)} sentences contain {needle!r}"
    return found[0]


def zone_texts(sentences: tuple[Sentence, ...], zone: str) -> list[str]:
    return [s.text for s in sentences if s.zone == zone]


def test_jats_like_flattened_text() -> None:
    doc, sents = load("jats_flat.txt")
    assert doc.title == "Thingamab plus doohickinib in advanced imaginary sarcoma: a phase II trial"
    assert one(sents, "objective response rate was 20%").zone == "abstract"
    assert one(sents, "Keywords: imaginary sarcoma").zone == "furniture"
    assert one(sents, "Imaginary sarcomas are rare [1].").section == "1. Introduction"
    assert one(sents, "TRIAL-42 study (NCT09999999)").section == "2.1. Patients"
    rows = [s for s in sents if s.zone == "table" and "\t" in s.text]
    assert [r.text.split("\t")[0] for r in rows] == [
        "Subtype", "Alveolar imaginary sarcoma", "Pleomorphic imaginary sarcoma"]
    assert {r.section for r in rows} == {"Table 2. Responses by subtype"}
    # the sentence interrupted by Table 2: two halves, neither quoting a row
    first, second = one(sents, "who received the"), one(sents, "combination was 20%")
    assert first.zone == second.zone == "body" and first.end < rows[0].start < second.start
    refs = zone_texts(sents, "reference")[1:]
    assert [r[:3] for r in refs] == ["[1]", "[2]", "[3]"]
    assert refs[2].endswith("WIDGET-1 phase II trial. Made Up Med. 2021;3:21-30.")


def test_markdown_paper_with_pipe_tables() -> None:
    doc, sents = load("pipe_tables.md")
    assert doc.media_type == "text/markdown"
    assert doc.title == "Whatsitumab in imaginary bone sarcoma: a retrospective study"
    assert one(sents, "disease control rate was 50%").zone == "abstract"
    assert one(sents, "(Table 1)").text.endswith("until progression (Table 1).")  # ** stripped
    assert one(sents, "Partial response\t4\t16.7").zone == "table"
    labelled = [s for s in sents if s.section.startswith("Table 1.")]
    assert "Age, median (range)\t17 (9–44)" in [s.text for s in labelled]
    first = one(sents, "patients who were treated with")
    second = one(sents, "whatsitumab was a partial response in four patients.")
    assert "|" not in doc.text[first.start : first.end] + doc.text[second.start : second.end]
    refs = zone_texts(sents, "reference")[1:]
    assert [r[:3] for r in refs] == ["(1)", "(2)"] and "WHAT-1" in refs[0]


def test_pdf_text_with_page_heads_and_hyphenation() -> None:
    doc, sents = load("pdf_pages.txt")
    assert doc.title == "Gizmotinib in refractory imaginary liposarcoma"
    heads = [s for s in sents if "Journal of Invented Oncology" in s.text]
    assert len(heads) == 2 and {s.zone for s in heads} == {"furniture"}  # page head, twice
    assert zone_texts(sents, "abstract")[1].startswith("Gizmotinib, a multikinase inhibitor")
    assert "imaginary liposarcoma." in one(sents, "16 patients").text  # "lipo-\nsarcoma" joined
    assert "chemotherapy regimens" in one(sents, "is resistant to most").text
    across = one(sents, "We therefore treated patients with refractory disease")
    assert across.zone == "body" and across.text.endswith("gizmotinib at 40 mg daily.")
    assert "Page 2 of 8" in doc.text[across.start : across.end]  # quote runs across the page
    assert "Page" not in across.text and "Journal" not in across.text
    refs = zone_texts(sents, "reference")[1:]
    assert [r.split(",")[0] for r in refs] == ["Brown", "Smith"]
    assert refs[1].endswith("biology and treatment. Fake Sarcoma J. 3, 45–60.")


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.iterdir()))
def test_every_sample_maps_back_to_its_file(name: str) -> None:
    doc, sents = load(name)
    assert sents and [s.index for s in sents] == list(range(len(sents)))
    for s in sents:
        assert s.raw_offsets == tuple(sorted(set(s.raw_offsets)))
        assert s.start == s.raw_offsets[0] and s.end > s.raw_offsets[-1]
        assert is_faithful(doc.text, MappedText(s.text, s.raw_offsets, s.raw_offsets))
