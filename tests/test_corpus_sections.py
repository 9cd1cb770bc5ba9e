"""Zones and sections: title, abstract, body, tables, captions, references, furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sarckg.corpus import read_corpus, read_document, split_document
from sarckg.corpus.readers import document_from_text
from sarckg.corpus.sections import section_label, segment
from sarckg.model import Sentence

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLES = Path(__file__).resolve().parent / "resources" / "corpus_samples"


@pytest.fixture(scope="module")
def papers() -> dict[str, tuple[Sentence, ...]]:
    return {d.file_name[:3]: split_document(d) for d in read_corpus(CORPUS).documents}


def containing(sentences: tuple[Sentence, ...], needle: str) -> Sentence:
    found = [s for s in sentences if needle in s.text]
    assert found, f"no sentence contains {needle!r}"
    return found[0]


def split_text(text: str) -> tuple[Sentence, ...]:
    return split_document(document_from_text("t.txt", text, text.encode("utf-8")))


# --------------------------------------------------------------------------- real corpus


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_reference_lists_are_zone_reference(papers, key: str) -> None:
    refs = [s for s in papers[key] if s.section == "References"]
    assert len(refs) > 20
    assert {s.zone for s in refs} == {"reference"}
    entries = [s for s in refs if s.text != "References"]
    assert all(len(s.text) > 30 for s in entries)  # one entry per sentence, not one per line
    assert not any(s.zone == "reference" for s in papers[key] if s.section != "References")


def test_reference_entries_are_split_one_per_entry(papers) -> None:
    s = containing(papers["001"], "Nivolumab with or without ipilimumab treatment for metastatic sarcoma")
    assert s.zone == "reference"
    assert s.text.startswith("6. D'Angelo SP")
    assert "7. Chen AP" not in s.text


@pytest.mark.parametrize(("key", "needle"), [
    ("001", "EDITED BY"),
    ("001", "REVIEWED BY"),
    ("001", "This is an open-access article"),
    ("003", "Creative Commons"),
    ("003", "✉ fpshan@cmu.edu.cn"),
    ("001", "The authors declare that the research was conducted in the absence"),
    ("002", "© The Author(s) 2023"),
    ("002", "This article is licensed under a Creative Commons"),
    ("002", "Rare Tumors Department, Shandong Cancer Hospital"),
    ("000", "Correspondence to: Dr Yubin Long"),
    ("000", "Key words: radiation-induced sarcoma"),
    ("000", "The authors declare that they have no competing interests."),
    ("004", "928 Lu et al. Anti-PD-1 based therapy"),
    ("003", "no Generative AI was used"),
])
def test_page_furniture(papers, key: str, needle: str) -> None:
    assert containing(papers[key], needle).zone == "furniture"


def test_front_matter(papers) -> None:
    assert containing(papers["000"], "Radiation-induced sarcoma (RIS) is a rare, life-threatening").zone == "abstract"
    assert containing(papers["001"], "A total of 79 patients were included in this study.").zone == "abstract"
    assert containing(papers["002"], "This study evaluated the efficacy and safety of AIs plus ICIs").zone == "abstract"
    assert containing(papers["004"], "We retrospectively analyzed clinical data of 24").zone == "abstract"
    titles = [s for s in papers["003"] if s.zone == "title"]
    assert [s.text for s in titles] == [
        "Emerging immunotherapy and tumor microenvironment for advanced sarcoma: a comprehensive review"
    ]
    assert not any(s.zone == "title" for s in papers["004"])


def test_body_sections_are_named_by_their_heading(papers) -> None:
    s = containing(papers["001"], "In the ASPS group, 2 cases achieved CR and 8 achieved PR")
    assert (s.zone, s.section) == ("body", "Efficacy on ASPS, “potentially sensitive sarcomas”, and others")
    s = containing(papers["004"], "monocytes were found to be significantly higher")
    assert (s.zone, s.section) == ("body", "Immune microenvironment")
    s = containing(papers["002"], "The last follow-up date of this study was 1st October 2022.")
    assert (s.zone, s.section) == ("body", "Efficacy")  # a run-in bold heading
    s = containing(papers["004"], "Among all 24 patients, 6 patients received only 2 cycles")
    assert s.section == "Clinical responses at 12 weeks"  # a heading glued to its paragraph


def test_tables_of_004_are_rows_with_cells(papers) -> None:
    rows = [s for s in papers["004"] if s.zone == "table" and "\t" in s.text]
    sections = {s.section.split(" ")[1] for s in rows}
    assert sections == {"1", "2", "3", "4", "5", "6"}
    row = containing(papers["004"], "LYC\tOS\tPembrolizumab")
    assert row.zone == "table" and row.section.startswith("Table 3 Response of all patients")
    assert row.text.split("\t")[:6] == ["LYC", "OS", "Pembrolizumab", "SD", "PR", "PR"]
    assert containing(papers["004"], "ORR\t22.2% (4/18)\t16.7% (3/18)").section.startswith("Table 2")
    assert containing(papers["004"], "MSI\t4.69\t0.9\t1.71").zone == "table"
    assert containing(papers["004"], "RCCEP\t7\t0\t0\t0\t7 (17.9%)").section.startswith("Table 4")


def test_table_1_of_001_is_rows_with_cells(papers) -> None:
    row = containing(papers["001"], "Female\t9\t6\t3")
    assert row.zone == "table" and row.section == "TABLE 1 Patient Characteristics"
    assert row.text.split("\t") == ["Female", "9", "6", "3", "3", "3", "2", "3", "2", "3", "3", "37 (46.8%)"]
    legend = containing(papers["001"], "ECOG, Eastern Cooperative Oncology Group; ASPS")
    assert (legend.zone, legend.section) == ("caption", "TABLE 1 Patient Characteristics")


def test_table_caption_after_its_rows_names_them(papers) -> None:
    row = containing(papers["002"], "Alveolar soft part sarcoma\t10 (30.3)")
    assert row.zone == "table" and row.section == "Table 1. Baseline characteristics"
    assert containing(papers["002"], "Hypertension\t15 (50.0)\t9 (27.3)").section.startswith("Table 2")


def test_figure_captions(papers) -> None:
    assert containing(papers["001"], "Efficacy of immunotherapy-based in total patients").zone == "caption"
    assert containing(papers["000"], "Initial computed tomography imaging in February 2019").zone == "caption"
    # a legend continued from another page, recognised by its panel labels
    assert containing(papers["004"], "Changes of the target lesions in 18 patients").zone == "caption"


def test_abbreviation_list_inside_a_broken_paragraph_is_a_caption(papers) -> None:
    legend = containing(papers["003"], "Abbreviations: AS, Angiosarcoma; ASPS")
    assert legend.zone == "caption"
    s = containing(papers["003"], "therapy, adoptive T-cell therapy (ACT)")
    assert s.zone == "body" and "Abbreviations" not in s.text


def _quotes(key: str) -> tuple[str, tuple[Sentence, ...]]:
    doc = next(d for d in read_corpus(CORPUS).documents if d.file_name.startswith(key))
    return doc.text, split_document(doc)


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_no_prose_quote_holds_a_table_or_caption(key: str) -> None:
    raw, sentences = _quotes(key)
    for s in sentences:
        if s.zone in ("body", "abstract"):
            quote = raw[s.start : s.end]
            assert "\t" not in quote and "\u200a" not in quote, quote[:200]
            assert not re.search(r"\n\s*(?:TABLE|FIGURE|Table \d+ [A-Z]|Abbreviations:)", quote), quote[:200]


def test_sentence_broken_by_a_table_keeps_its_halves_apart(papers) -> None:
    raw, sentences = _quotes("004")
    first = containing(sentences, "Samples from all 8 patients were")
    table = containing(sentences, "Table 1 The baseline characteristics of patients")
    assert first.zone == "body" and table.zone == "table"
    assert first.end < table.start  # the quote ends before the table
    after = next(s for s in sentences if s.start > table.start and s.zone == "body")
    assert after.text[:1].islower()  # the sentence's second half, after the table
    assert "Table 1" not in raw[after.start : after.end]


def test_sentence_across_a_running_head_stays_one() -> None:
    text = ("Introduction\n\nTwenty patients were treated with the combination. The median\n"
            "overall survival of the patients who were enrolled in the second\n\n"
            "928 Smith et al. Immunotherapy of sarcomas\n\n"
            "cohort was twelve months after the start of treatment.\n")
    s = containing(split_text(text), "The median overall survival")
    assert s.text.endswith("after the start of treatment.")
    assert "928 Smith et al." in text[s.start : s.end] and "928" not in s.text


def test_sentence_across_a_pipe_table_is_cut_at_the_table() -> None:
    text = ("Results\n\nTwenty patients were treated with the combination of both drugs.\n"
            "The response rate among the patients who received the\n\n"
            "| Arm | ORR |\n|---|---|\n| A | 20% |\n| B | 10% |\n\n"
            "combination was higher than in the control arm.\n")
    sentences = split_text(text)
    first = containing(sentences, "The response rate")
    rows = [s for s in sentences if s.zone == "table"]
    second = containing(sentences, "combination was higher")
    assert len(rows) == 3 and first.end < rows[0].start < rows[-1].end < second.start
    assert all("|" not in text[s.start : s.end] for s in (first, second))


def test_hyphenation_across_lines_is_joined_in_004(papers) -> None:
    raw = next(d for d in read_corpus(CORPUS).documents if d.file_name.startswith("004")).text
    text = " ".join(s.text for s in papers["004"])
    breaks = re.findall(r"\b([A-Za-z]{2,})-[ ]?\n\n ?([a-z]{2,})\b", raw)
    assert len(breaks) > 50
    attested = {m.lower() for m in re.findall(r"[A-Za-z]+-[ ]?[a-z]+", raw.replace("\n", "\x00"))}
    for before, after in breaks:
        if f"{before}-{after}".lower() in attested or f"{before}- {after}".lower() in attested:
            assert f"{before}-{after}" in text
        else:
            assert f"{before}{after}" in text, (before, after)
    assert "anti-PD-1-based" in text and "PD-L1" in text and "HLA-LOH" in text


# --------------------------------------------------------------------------- written samples


def test_journal_sample_zones() -> None:
    doc = read_document(SAMPLES / "journal_frontmatter.txt")
    sents = split_document(doc)
    assert doc.title == "Widget therapy in imaginary sarcoma: a two-center study"
    assert containing(sents, "Ana Example ✉").zone == "furniture"
    assert containing(sents, "Widget therapy was tested").zone == "abstract"
    assert containing(sents, "widget, imaginary sarcoma, response").zone == "furniture"
    assert containing(sents, "The disease control rate was 70.5%.").zone == "body"
    row = containing(sents, "Widget + gadget\t20\t25%\t5.8")
    assert (row.zone, row.section) == ("table", "TABLE 1 Outcomes by arm")
    assert containing(sents, "N, number of patients.").zone == "caption"
    assert containing(sents, "(A) Waterfall plot").zone == "caption"
    assert containing(sents, "Invented Foundation").zone == "furniture"
    assert containing(sents, "2. Poe E. Widgets and gadgets.").zone == "reference"


def test_flattened_pdf_sample() -> None:
    sents = split_document(read_document(SAMPLES / "flattened_pdf.txt"))
    assert containing(sents, "Introduction").zone == "body"
    # the sentence interrupted by Table 1 is kept as two halves, neither quoting the table
    first = containing(sents, "Samples from all 12 patients were")
    second = containing(sents, "sequenced at baseline.")
    assert first.section == second.section == "Patients and treatment"
    assert first.index < containing(sents, "Median\t52 years").index < second.index
    assert containing(sents, "Median\t52 years").zone == "table"
    assert containing(sents, "ECOG, Eastern Cooperative").zone == "caption"
    assert containing(sents, "42 Doe et al.").zone == "furniture"
    assert containing(sents, "susceptible population").zone == "body"
    assert containing(sents, "Non-measurable lesions were allowed").zone == "body"


def test_numbered_sections_sample() -> None:
    doc = read_document(SAMPLES / "numbered_sections.txt")
    assert doc.title == "GIZMO INHIBITION IN IMAGINARY SARCOMA: A PHASE II TRIAL"  # not the running head
    assert (doc.doi, doc.year) == ("10.7777/jio.2024.100", 2024)
    sents = split_document(doc)
    assert containing(sents, "Journal of Imaginary Oncology 12 (2024)").zone == "furniture"
    assert containing(sents, "Keywords: gizmo").zone == "furniture"
    assert containing(sents, "Methods: We treated 30 patients.").zone == "abstract"
    s = containing(sents, "Thirty patients were enrolled")
    assert (s.zone, s.section) == ("body", "2.1. Patients")
    row = containing(sents, "Male, n (%)\t18 (60)")
    assert (row.zone, row.section) == ("table", "Table 1 Baseline characteristics")
    assert not any(s.text == "Baseline characteristics" and s.zone == "table" and "\t" not in s.text
                   for s in sents if s.text.startswith("Baseline"))
    assert containing(sents, "[3] Poe E. Gizmos.").zone == "reference"
    assert containing(sents, "https://doi.org/10.7777").zone == "furniture"


def test_markdown_sample() -> None:
    sents = split_document(read_document(SAMPLES / "markdown_paper.md"))
    assert sents[0].zone == "title" and sents[0].text.startswith("Gadget inhibitors")
    s = containing(sents, "CD8+ T cells increased after treatment.")
    assert (s.zone, s.section) == ("body", "Efficacy")
    assert containing(sents, "1. Author, A. et al.").zone == "reference"
    assert containing(sents, "Published online").zone == "furniture"


def test_text_without_paper_layout_is_body() -> None:
    sents = split_text("Pembrolizumab targets PD-1. Anlotinib inhibits VEGFR2.")
    assert [(s.zone, s.text) for s in sents] == [
        ("body", "Pembrolizumab targets PD-1."), ("body", "Anlotinib inhibits VEGFR2.")
    ]


def test_multi_space_table_without_caption() -> None:
    text = "Results\n\nArm   N   ORR\nA   10   20%\nB   12   25%\n\nThe arms were similar.\n"
    sents = split_text(text)
    rows = [s.text for s in sents if s.zone == "table"]
    assert rows == ["Arm\tN\tORR", "A\t10\t20%", "B\t12\t25%"]
    assert containing(sents, "The arms were similar.").zone == "body"


def test_markdown_pipe_table() -> None:
    text = (
        "## Results\n\nTable 2. Outcomes by arm\n\n| Arm | N | ORR |\n|---|---|:---:|\n"
        "| A | 10 | 20% |\n| B \\| C | 12 | 25% |\n\nThe arms were similar.\n"
    )
    sents = split_text(text)
    rows = [(s.section, s.text) for s in sents if s.zone == "table" and "\t" in s.text]
    assert rows == [
        ("Table 2. Outcomes by arm", "Arm\tN\tORR"),
        ("Table 2. Outcomes by arm", "A\t10\t20%"),
        ("Table 2. Outcomes by arm", "B | C\t12\t25%"),
    ]
    assert containing(sents, "The arms were similar.").zone == "body"


def test_thin_spaces_inside_text_do_not_make_a_table() -> None:
    text = "Results\n\nPatients got 10\u2009mg/kg (P\u2009<\u20090.01).\nThe ORR was 20\u2009%.\n"
    sents = split_text(text)
    assert {s.zone for s in sents} == {"body"}
    assert containing(sents, "10 mg/kg (P < 0.01).").zone == "body"


def test_furniture_headings_open_furniture_sections_until_the_next_heading() -> None:
    text = (
        "Discussion\n\nDrug X worked in 3 of 10 patients.\n\nAcknowledgements\n\n"
        "We thank the nurses.\n\nData availability statement\n\nData are available on request.\n\n"
        "References\n\n1. A B. Title one. J (2020).\n2. C D. Title two. J (2021).\n"
    )
    zones = [(s.zone, s.text) for s in split_text(text)]
    assert ("body", "Drug X worked in 3 of 10 patients.") in zones
    assert ("furniture", "We thank the nurses.") in zones
    assert ("furniture", "Data are available on request.") in zones
    assert ("reference", "2. C D. Title two. J (2021).") in zones


def test_reference_entries_without_numbers() -> None:
    text = (
        "Discussion\n\nIt worked.\n\nReferences\n\nDoe J, Roe R. Imaginary sarcoma. J Med. 2020;1:1-10.\n"
        "Poe E. Widgets and gadgets. Fake Oncol.\n2019;2:3-4.\nSmith A. Gizmos. Sci. 2018.\n"
    )
    entries = [s.text for s in split_text(text) if s.zone == "reference" and s.text != "References"]
    assert entries == [
        "Doe J, Roe R. Imaginary sarcoma. J Med. 2020;1:1-10.",
        "Poe E. Widgets and gadgets. Fake Oncol. 2019;2:3-4.",
        "Smith A. Gizmos. Sci. 2018.",
    ]


def test_section_label() -> None:
    assert section_label("Table 1. Baseline characteristics. AIs Angiogenesis inhibitors.") == (
        "Table 1. Baseline characteristics"
    )
    assert section_label("TABLE 2 Adverse events.") == "TABLE 2 Adverse events"
    assert len(section_label("Results " * 40)) <= 120


def test_units_cover_only_text_of_the_document() -> None:
    raw = (SAMPLES / "journal_frontmatter.txt").read_text(encoding="utf-8")
    for unit in segment(raw):
        for start, end in unit.ranges:
            assert 0 <= start < end <= len(raw)
            assert raw[start:end].strip()


@pytest.mark.parametrize("line", [
    "Journal of Invented Oncology 2024; 12: 100–110", "J Clin Oncol (2021) 39:1234–40",
    "Frontiers in Immunology 05 frontiersin.org", "www.frontiersin.org",
    "Downloaded from https://academic.oup.com/x/article by guest on 1 May 2024", "Page 3 of 9",
])
def test_running_heads_and_feet_are_page_furniture(line: str) -> None:
    from sarckg.corpus import zones

    assert zones.is_page_furniture(line)


@pytest.mark.parametrize("line", [
    "Patients were enrolled in 2019, 12", "The response in 2019; 12", "the cohort of 2020; 15: 3",
])
def test_wrapped_lines_with_years_are_not_page_furniture(line: str) -> None:
    from sarckg.corpus import zones

    assert not zones.is_page_furniture(line)


def test_sentence_end_after_a_tab_table_is_not_a_row() -> None:
    text = ("Results\n\nTwenty patients were treated with the study drug. The response rate was\n"
            "Arm\tORR\nA\t20%\nB\t10%\nhigher in arm A than in arm B.\n")
    sentences = split_text(text)
    assert containing(sentences, "higher in arm A than in arm B.").zone == "body"
    assert [s.text for s in sentences if s.zone == "table"] == ["Arm\tORR", "A\t20%", "B\t10%"]


def _wrapped_lines(heading: str) -> str:
    """A double-spaced PDF flattening: every line its own block, lines about 55 wide."""
    filler = [f"the cohort number {i} was treated with the same agent and" for i in range(60)]
    lines = [*filler, "followed for survival until the data cutoff was reached.",
             "However, the second cohort did not respond to the same",
             "agent at all.",
             "A new paragraph starts here after a short last line."]
    return heading + "\n\n".join(lines) + "\n"


def test_a_sentence_ending_on_a_full_line_of_a_wrapped_layout_stays_in_its_paragraph() -> None:
    text = _wrapped_lines("Introduction\n\n")
    units = sorted((u for u in segment(text) if u.kind == "paragraph"), key=lambda u: u.ranges[0][0])
    starts = [text[u.ranges[0][0]:u.ranges[0][1]] for u in units]
    assert not any(s.startswith("However") for s in starts)  # the full line before it goes on
    assert any(s.startswith("A new paragraph") for s in starts)  # "agent at all." is short


def test_one_line_paragraphs_are_no_wrapped_layout() -> None:
    text = "Introduction\n\n" + "\n\n".join(
        f"Paragraph {i} is a whole paragraph on one line and it ends with a full stop." for i in range(80)) + "\n"
    paragraphs = [u for u in segment(text) if u.kind == "paragraph"]
    assert len(paragraphs) == 80
