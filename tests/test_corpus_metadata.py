"""Title, DOI and year: read where the text states them, never guessed."""

from __future__ import annotations

from sarckg.corpus.metadata import clean_doi, extract_metadata, find_dois
from sarckg.corpus.readers import document_from_text
from sarckg.corpus.sections import segment


def meta(text: str):
    return extract_metadata(text, segment(text))


def test_doi_trailing_punctuation_is_trimmed() -> None:
    assert find_dois("see doi: 10.3389/fimmu.2025.1504117.") == ["10.3389/fimmu.2025.1504117"]
    assert find_dois("(doi:10.1038/s41598-023-30412-6);") == ["10.1038/s41598-023-30412-6"]
    assert find_dois("<https://doi.org/10.1038/abc-1>.") == ["10.1038/abc-1"]
    assert clean_doi("10.1002/(SICI)1097-0142(1995)75") == "10.1002/(SICI)1097-0142(1995)75"
    assert clean_doi("10.1016/s1470-2045(17)30624-1)") == "10.1016/s1470-2045(17)30624-1"


def test_own_doi_not_a_cited_one() -> None:
    text = (
        "A study of gadgets in sarcoma\n\n"
        "Gadgets were given to 20 patients with imaginary sarcoma and the response rate was 25% in this "
        "cohort, with a median PFS of 4 months and manageable toxicity in most of the treated patients "
        "across both centres; no deaths occurred during treatment or follow-up (doi: 10.1111/cited.1).\n\n"
        "References\n\n1. Doe J. Prior work. J Fake (2020). doi: 10.2222/ref.2\n\n"
        "Published online: 3 May 2022\n\nDOI: 10.3333/own.3\n"
    )
    # furniture is preferred (where a paper states its own DOI) over the body; references never
    assert meta(text).doi == "10.3333/own.3"
    only_refs = "Introduction\n\nText here.\n\nReferences\n\n1. Doe J. Prior. doi: 10.2222/ref.2\n"
    assert meta(only_refs).doi is None


def test_year_from_publication_furniture_not_from_cited_years() -> None:
    text = (
        "Gizmo trial results\n\nReceived January 30, 2021; Accepted May 11, 2022\n\n"
        "Abstract. In 2019 and 2020, patients were enrolled; a 2018 study reported less.\n"
    )
    assert meta(text).year == 2022
    text2 = "Gizmo trial results\n\n© 2017 The Authors\n\nAbstract. Enrolled in 2015.\n"
    assert meta(text2).year == 2017
    text3 = "Gizmo trial results\n\nPUBLISHED 28 March 2025\n\nRECEIVED 1 May 2024\n\nAbstract. Text.\n"
    assert meta(text3).year == 2025
    assert meta("Introduction\n\nIn 2019, 20 patients were treated.\n").year is None
    cited = (
        "CITATION\n\nDoe J and Roe R (2021) Gizmos in sarcoma.\nJ Fake Oncol 3:12.\n"
        "doi: 10.5555/jfo.2021.12\n\nGizmos in sarcoma\n\nAbstract. In 2019 we began.\n"
    )
    assert meta(cited).year == 2021


def test_title_is_none_when_not_stated() -> None:
    text = " ABSTRACT Objective: Gizmos may help.\n\nMethods: We reviewed 12 patients.\n Introduction\n\nText.\n"
    assert meta(text).title is None
    doc = document_from_text("x.txt", text, text.encode())
    assert doc.title is None and doc.doc_id.startswith("sha-")


def test_title_after_front_matter_labels() -> None:
    text = (
        "OPEN ACCESS\n\nEDITED BY\n\nA Person,\nSome University, Country\n\n"
        "Gizmo inhibitors in imaginary sarcoma: a review\n\nB Author¹ and C Writer²\n\n"
        "Sarcomas are rare. Gizmo inhibitors are new and they are reviewed here in detail for "
        "clinicians who treat patients with imaginary sarcoma, with a summary of trials, biomarkers "
        "and toxicities reported so far, and an outlook on combinations with other drugs that may "
        "work better than single agents in this hard-to-treat disease.\n\nIntroduction\n\nText.\n"
    )
    assert meta(text).title == "Gizmo inhibitors in imaginary sarcoma: a review"
