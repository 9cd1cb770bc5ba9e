"""Reference lists: one entry per Sentence (zone ``reference``), whatever marks the entries."""

from __future__ import annotations

import pytest

from sarckg.corpus import split_document
from sarckg.corpus.readers import document_from_text
from sarckg.model import Sentence

BODY = ("Introduction\n\nTwenty patients with sarcoma were treated with the study drug and "
        "followed for two years in this single-centre cohort.\n\n")


def entries(text: str) -> list[Sentence]:
    doc = document_from_text("t.txt", text, text.encode("utf-8"))
    return [s for s in split_document(doc) if s.zone == "reference" and s.text != s.section]


def quotes(text: str) -> list[str]:
    return [text[s.start : s.end] for s in entries(text)]


ENTRIES = [
    "Smith JA, Doe B. Pembrolizumab in sarcoma (SARC028). Lancet Oncol. 2017;18:1493-501.",
    "Brown K, Lee C, et al. Nivolumab with ipilimumab (Alliance A091401). Lancet Oncol. "
    "2018;19:416-26.",
    "Green P. Anlotinib in soft tissue sarcoma. Front Oncol. 2021;11:664853.",
]


@pytest.mark.parametrize("mark", ["{n}. ", "({n}) ", "[{n}] ", "{n} ", "{n}) "])
def test_numbered_lists_one_entry_per_line(mark: str) -> None:
    lines = [mark.format(n=n) + e for n, e in enumerate(ENTRIES, 1)]
    text = BODY + "References\n\n" + "\n".join(lines) + "\n"
    assert [q.strip() for q in quotes(text)] == lines


@pytest.mark.parametrize("mark", ["{n}. ", "({n}) ", "[{n}] ", "{n} "])
def test_a_list_flattened_to_one_line_is_cut_at_each_number(mark: str) -> None:
    line = " ".join(mark.format(n=n) + e for n, e in enumerate(ENTRIES, 1))
    found = quotes(BODY + "References\n\n" + line + "\n")
    assert len(found) == 3
    assert "SARC028" in found[0] and "A091401" in found[1] and "Anlotinib" in found[2]
    assert "A091401" not in found[0]


def test_wrapped_entries_run_across_lines_and_blank_lines() -> None:
    text = (BODY + "References\n\n"
            "1. Smith JA, Doe B. Pembrolizumab in advanced soft-tissue sarcoma and bone\n\n"
            "sarcoma (SARC028): a multicentre, two-cohort, single-arm, open-label, phase 2\n\n"
            "2017 trial. Lancet Oncol. 2017;18:1493-501.\n\n"
            "2. Brown K. Nivolumab in sarcoma. Lancet Oncol. 2018;19:416-26.\n")
    found = entries(text)
    assert len(found) == 2  # the line starting "2017" is no entry: 2 is the next number
    assert "SARC028" in found[0].text and "2017 trial" in found[0].text
    assert found[1].text.startswith("2. Brown K.")


def test_author_year_entries_with_wrapped_lines() -> None:
    text = (BODY + "References\n\n"
            "Smith JA, Doe B. Pembrolizumab in advanced sarcoma: results of a phase\n"
            "2 trial. Lancet Oncol. 2017;18:1493-501.\n"
            "van der Graaf WTA, Orbach D. Soft tissue sarcomas in adolescents.\n"
            "Lancet Oncol. 2017;18:e166-75.\n"
            "Brown, K. A., & Lee, C. (2018). Nivolumab in sarcoma. Cancer, 12, 1-9.\n")
    found = entries(text)
    assert [s.text.split()[0] for s in found] == ["Smith", "van", "Brown,"]
    assert found[1].text.endswith("2017;18:e166-75.")


def test_author_year_list_flattened_to_one_line() -> None:
    text = (BODY + "References\n\n"
            "Smith JA, Doe B. Pembrolizumab in sarcoma. Lancet Oncol. 2017;18:1493-501. "
            "Brown K, Lee C. Nivolumab in sarcoma. Lancet Oncol. 2018;19:416-26. "
            "Green P. Anlotinib in sarcoma. Front Oncol. 2021;11:664853.\n")
    assert [s.text.split()[0] for s in entries(text)] == ["Smith", "Brown", "Green"]


def test_heading_run_into_the_list() -> None:
    text = BODY + "References 1. " + ENTRIES[0] + " 2. " + ENTRIES[1] + "\n"
    found = entries(text)
    assert [s.text[:2] for s in found] == ["1.", "2."]
    assert all(s.section == "References" for s in found)


def test_bullet_before_a_lower_case_word_continues_an_entry() -> None:
    text = (BODY + "References\n\n"
            "- Smith JA, Doe B. Trabectedin modulates macrophages in the tumor-\n"
            "- microenvironment. Lancet Oncol. 2017;18:1493-501.\n"
            "- Brown K. Nivolumab in sarcoma. Lancet Oncol. 2018;19:416-26.\n")
    found = entries(text)
    assert len(found) == 2 and "microenvironment" in found[0].text


@pytest.mark.parametrize(("key", "count"), [("000", 32), ("002", 23), ("003", 155)])
def test_real_reference_lists_have_one_sentence_per_entry(key: str, count: int) -> None:
    from pathlib import Path

    from sarckg.corpus import read_corpus

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    doc = next(d for d in read_corpus(corpus).documents if d.file_name.startswith(key))
    found = [s for s in split_document(doc) if s.zone == "reference" and s.text != "References"]
    assert len(found) == count
    numbers = [int(s.text.split(".")[0]) for s in found if s.text[:1].isdigit()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_paper_flattened_to_one_line_keeps_its_list_apart() -> None:
    text = ("Pembrolizumab was active in twenty patients with sarcoma and was followed for two "
            "years in this cohort. " * 30
            + "References 1. " + ENTRIES[0] + " 2. von Mehren M, et al. Guidelines for sarcoma. "
            "J Natl Compr Canc Netw. 2020;18:1604-12. 4. " + ENTRIES[2])
    found = entries(text)
    assert [s.text.split(" ")[0] for s in found] == ["1.", "2.", "4."]  # 3 is missing: 4 is next
    doc = document_from_text("t.txt", text, text.encode("utf-8"))
    body = [s for s in split_document(doc) if s.zone in ("body", "abstract")]
    assert body and all("References" not in s.text for s in body)


def test_numbered_list_without_a_heading_is_a_reference_list() -> None:
    lines = [f"{n}. {e}" for n, e in enumerate(ENTRIES, 1)]
    text = BODY + "Acknowledged limitations remain in this small cohort.\n\n" + "\n".join(lines) + "\n"
    found = entries(text)
    assert [s.text for s in found] == lines and {s.section for s in found} == {"References"}


def test_numbered_steps_in_the_methods_are_no_reference_list() -> None:
    text = (BODY + "Methods\n\n1. Patients aged 18 years or older were eligible in 2019.\n"
            "2. Tumours were sequenced in 2020 at baseline.\n3. Responses were read in 2021 by "
            "RECIST.\n")
    assert entries(text) == []


def test_reference_heading_variants() -> None:
    for heading in ("REFERENCES", "References and notes", "Literature cited", "7. References"):
        text = BODY + heading + "\n\n" + "\n".join(f"{n}. {e}" for n, e in enumerate(ENTRIES, 1))
        assert len(entries(text)) == 3, heading


def test_reference_list_straight_after_the_abstract() -> None:
    text = ("A short note on imaginary sarcoma\n\nAbstract\n\nWe treated two patients with gizmo "
            "therapy and both responded for more than a year after treatment.\n\nReferences\n\n"
            + "\n".join(f"{n}. {e}" for n, e in enumerate(ENTRIES, 1)) + "\n")
    assert [s.text[:2] for s in entries(text)] == ["1.", "2.", "3."]
