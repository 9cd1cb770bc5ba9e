"""Reading a corpus folder: documents with exact text, ids and metadata; broken files reported."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sarckg.corpus import IngestError, read_corpus, read_document, readers, register_reader
from sarckg.corpus.readers import PlainTextReader

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLES = Path(__file__).resolve().parent / "resources" / "corpus_samples"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def test_real_corpus_is_read_in_name_order(corpus) -> None:
    names = [d.file_name for d in corpus.documents]
    assert names == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert corpus.problems == ()
    assert [s.file for s in corpus.skipped] == ["README.md"]


def test_text_is_the_file_exactly(corpus) -> None:
    for doc in corpus.documents:
        path = CORPUS / doc.file_name
        with open(path, encoding="utf-8", newline="") as fh:
            assert doc.text == fh.read()
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_dois_and_titles_stated_in_the_papers(corpus) -> None:
    by_name = {d.file_name[:3]: d for d in corpus.documents}
    expected = {
        "000": ("10.3892/ol.2026.15684", "Undifferentiated pelvic sarcoma 5 years"),
        "001": ("10.3389/fimmu.2025.1504117", "The outcomes and treatment strategies"),
        "002": ("10.1038/s41598-023-30412-6", "Efficacy and safety of angiogenesis inhibitors"),
        "003": ("10.3389/fimmu.2025.1507870", "Emerging immunotherapy and tumor microenvironment"),
    }
    for key, (doi, title_start) in expected.items():
        doc = by_name[key]
        assert doc.doi == doi
        assert doc.doc_id == doi.replace(".", "-").replace("/", "-").lower()
        assert doc.title is not None and doc.title.startswith(title_start)
        assert doc.title in " ".join(doc.text.split())  # the title is read, not made up


def test_document_without_doi_gets_a_content_id(corpus) -> None:
    doc = next(d for d in corpus.documents if d.file_name.startswith("004"))
    assert doc.doi is None
    assert doc.title is None  # no title stated: never guessed from a random line
    assert doc.doc_id == "sha-" + doc.sha256[:16]


def test_publication_years(corpus) -> None:
    years = {d.file_name[:3]: d.year for d in corpus.documents}
    assert years == {"000": 2026, "001": 2025, "002": 2023, "003": 2025, "004": None}


def test_ids_are_unique_and_stable(corpus) -> None:
    again = read_corpus(CORPUS)
    assert [d.doc_id for d in again.documents] == [d.doc_id for d in corpus.documents]
    assert len({d.doc_id for d in corpus.documents}) == len(corpus.documents)


def test_markdown_sample_is_read_with_its_media_type() -> None:
    doc = read_document(SAMPLES / "markdown_paper.md")
    assert doc.media_type == "text/markdown"
    assert doc.doi == "10.8888/fake-2023-0001"


# --------------------------------------------------------------------------- bad input


def _problem(folder: Path, name: str):
    result = read_corpus(folder)
    matches = [p for p in result.problems if p.file == name]
    assert len(matches) == 1, result.problems
    return result, matches[0]


def test_empty_and_blank_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t ")
    (tmp_path / "good.txt").write_text("A paper about sarcoma.\n", encoding="utf-8")
    result, problem = _problem(tmp_path, "empty.txt")
    assert "empty" in problem.reason
    assert any(p.file == "blank.txt" and "empty" in p.reason for p in result.problems)
    assert [d.file_name for d in result.documents] == ["good.txt"]


def test_binary_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result, problem = _problem(tmp_path, "image.txt")
    assert "binary" in problem.reason
    assert result.documents == ()


def test_latin1_file_is_reported_with_a_fix(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Schöffski P. Sarcoma.".encode("latin-1"))
    _, problem = _problem(tmp_path, "latin.txt")
    assert "UTF-8" in problem.reason and "0xf6" in problem.reason
    assert "iconv" in problem.hint
    with pytest.raises(IngestError, match=r"latin\.txt"):
        read_document(tmp_path / "latin.txt")


def test_duplicate_content_is_ingested_once(tmp_path: Path) -> None:
    text = "Anlotinib plus sintilimab in sarcoma.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    result, problem = _problem(tmp_path, "b.txt")
    assert [d.file_name for d in result.documents] == ["a.txt"]
    assert "duplicate of a.txt" in problem.reason


def test_same_doi_in_two_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("DOI: 10.1234/abc.1\n\nFirst version.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("DOI: 10.1234/abc.1\n\nSecond version.\n", encoding="utf-8")
    result, problem = _problem(tmp_path, "b.txt")
    assert "same DOI" in problem.reason
    assert len(result.documents) == 1


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)  # root reads through chmod 000
    _, problem = _problem(tmp_path, "locked.txt")
    assert "permission" in problem.reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_by_permissions(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("text", encoding="utf-8")
    locked.chmod(0)
    try:
        _, problem = _problem(tmp_path, "locked.txt")
        assert "permission" in problem.reason
    finally:
        locked.chmod(0o644)


def test_symlink_loop_and_broken_link_are_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    (tmp_path / "ok.txt").write_text("Fine.\n", encoding="utf-8")
    result, problem = _problem(tmp_path, "loop.txt")
    assert "loop" in problem.reason
    assert any(p.file == "dangling.txt" for p in result.problems)
    assert [d.file_name for d in result.documents] == ["ok.txt"]


def test_readme_unknown_extensions_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this corpus\n", encoding="utf-8")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "paper.txt").write_text("Text.\n", encoding="utf-8")
    result = read_corpus(tmp_path)
    assert [d.file_name for d in result.documents] == ["paper.txt"]
    reasons = {s.file: s.reason for s in result.skipped}
    assert set(reasons) == {"README.md", "paper.pdf", "sub"}
    assert "'.pdf'" in reasons["paper.pdf"]
    assert result.problems == ()


def test_line_endings_and_bom_are_kept(tmp_path: Path) -> None:
    raw = "\ufeffTitle line\r\n\r\nFirst sentence here.\r\nSecond line.\r\n"
    (tmp_path / "crlf.txt").write_bytes(raw.encode("utf-8"))
    doc = read_document(tmp_path / "crlf.txt")
    assert doc.text == raw
    with open(tmp_path / "crlf.txt", encoding="utf-8", newline="") as fh:
        assert fh.read() == doc.text


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not a folder"):
        read_corpus(tmp_path / "nope")


def test_a_reader_can_be_registered_for_a_new_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "_READERS", dict(readers._READERS))  # leave the registry as it was
    register_reader(".jats", PlainTextReader("application/jats+xml"))
    (tmp_path / "a.jats").write_text("Body text.\n", encoding="utf-8")
    doc = read_document(tmp_path / "a.jats")
    assert doc.media_type == "application/jats+xml"
    assert doc.text == "Body text.\n"


def test_a_defect_in_one_file_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Good paper text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bad paper text.\n", encoding="utf-8")
    original = readers.document_from_text

    def flaky(name: str, text: str, data: bytes, media_type: str = "text/plain"):
        if name == "b.txt":
            raise ValueError("boom")
        return original(name, text, data, media_type)

    monkeypatch.setattr(readers, "document_from_text", flaky)
    result, problem = _problem(tmp_path, "b.txt")
    assert "ValueError: boom" in problem.reason
    assert [d.file_name for d in result.documents] == ["a.txt"]
