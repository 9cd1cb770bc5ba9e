"""Abbreviations a document defines: "long form (SF)", "SF (long form)" and legend entries."""

from __future__ import annotations

from sarckg.extract.abbreviations import (
    best_long_form,
    legend_definitions,
    parenthesis_definitions,
    reverse_definitions,
    sentence_definitions,
)


def pairs(definitions) -> list[tuple[str, str]]:
    return [(d.short, d.long) for d in definitions]


def test_long_form_before_the_parenthesis():
    text = "Biphenotypic sinonasal sarcoma (BSNS) and ossifying fibromyxoid tumour (OFMT) are rare."
    assert pairs(parenthesis_definitions(text)) == [
        ("BSNS", "Biphenotypic sinonasal sarcoma"), ("OFMT", "ossifying fibromyxoid tumour")]


def test_offsets_cover_the_definition():
    text = "patients with myxoinflammatory fibroblastic sarcoma (MIFS) were treated"
    (d,) = parenthesis_definitions(text)
    assert text[d.start:d.end] == "myxoinflammatory fibroblastic sarcoma (MIFS)"


def test_short_forms_with_hyphens_and_digits():
    assert pairs(parenthesis_definitions("lymphocyte activation gene 3 (LAG-3) is a receptor")) == [
        ("LAG-3", "lymphocyte activation gene 3")]


def test_parentheses_that_define_nothing():
    text = "the ORR was 28.1% (9/32), the PFS (95% CI 5.1-9.8) and patients (n = 14) (Table 2)"
    assert pairs(parenthesis_definitions(text)) == []
    assert pairs(parenthesis_definitions("a rare tumour (RT) of bone")) == [("RT", "rare tumour")]
    assert pairs(parenthesis_definitions("we saw no effect (XYZ) at all")) == []


def test_a_long_form_stays_in_its_clause():
    text = "after therapy; sinonasal sarcoma (SS)"
    assert pairs(parenthesis_definitions(text)) == [("SS", "sinonasal sarcoma")]
    assert pairs(parenthesis_definitions("spindle; (SS)")) == []


def test_short_form_first():
    text = "Patients with FDCS (follicular dendritic cell sarcoma) and TKIs (tyrosine kinase inhibitors)."
    defs = list(reverse_definitions(text))
    assert pairs(defs) == [("FDCS", "follicular dendritic cell sarcoma"), ("TKIs", "tyrosine kinase inhibitors")]
    assert text[defs[0].start:defs[0].end] == "FDCS (follicular dendritic cell sarcoma)"
    assert ("FDCS", "follicular dendritic cell sarcoma") in pairs(parenthesis_definitions(text))


def test_short_form_first_needs_a_spelled_out_long_form():
    assert pairs(reverse_definitions("KVR-2207 (a LAG-3 x PD-L1 bispecific antibody)")) == []
    assert pairs(reverse_definitions("CK (cat. no. Kit-0009) was used")) == []
    assert pairs(reverse_definitions("the ORR (overall, 28.1%)")) == []
    assert pairs(reverse_definitions("OS (95% CI 12-20 months)")) == []
    assert pairs(reverse_definitions("the sarcoma (see below)")) == []


def test_legend_entries():
    legend = "BSNS, biphenotypic sinonasal sarcoma; OFMT, ossifying fibromyxoid tumour; PFS, progression-free survival."
    assert pairs(legend_definitions(legend)) == [
        ("BSNS", "biphenotypic sinonasal sarcoma"), ("OFMT", "ossifying fibromyxoid tumour"),
        ("PFS", "progression-free survival")]
    assert pairs(legend_definitions("Sarcoma, bone and soft tissue; all patients.")) == []


def test_schwartz_hearst_first_letter_starts_a_word():
    assert best_long_form("MIFS", "in myxoinflammatory fibroblastic sarcoma") == (
        "myxoinflammatory fibroblastic sarcoma")
    assert best_long_form("DSRCT", "desmoplastic small round cell tumour") == (
        "desmoplastic small round cell tumour")
    assert best_long_form("ABC", "xabc") is None


def test_a_short_cell_therapy_name_is_a_short_form():
    defs = list(parenthesis_definitions("Ostiraleucel (ostira-cel) is a T cell therapy for patients (n-cel)."))
    assert [(d.short, d.long) for d in defs] == [("ostira-cel", "Ostiraleucel")]


def test_a_short_form_with_more_in_its_parenthesis():
    text = "Subtypes were leiomyosarcoma (LMS, 2 cases, 6.1%) and angiosarcoma (AS; n = 3)."
    defs = list(parenthesis_definitions(text))
    assert pairs(defs) == [("LMS", "leiomyosarcoma"), ("AS", "angiosarcoma")]
    assert text[defs[0].start:defs[0].end] == "leiomyosarcoma (LMS, 2 cases, 6.1%)"
    assert pairs(parenthesis_definitions("the hazard ratio (HR, 0.52; 95% CI 0.31-0.88)")) == [("HR", "hazard ratio")]
    # the first item must still spell a long form before it: counts and doses define nothing
    assert pairs(parenthesis_definitions("treated with pembrolizumab (PD-1, 200 mg)")) == []
    assert pairs(parenthesis_definitions("in 12 patients (UPS, 5; LMS, 7)")) == []


def test_a_long_word_starting_with_the_short_form_is_no_long_form():
    assert pairs(parenthesis_definitions("reads were aligned using BWA-mem (BWA, version 0.7.12)")) == []
    assert pairs(parenthesis_definitions("patients with myxofibrosarcoma (FBS, n = 6)")) == [("FBS", "myxofibrosarcoma")]


def test_abbreviation_lists_that_hold_for_the_whole_document():
    from sarckg.extract.abbreviations import document_wide_definitions

    headed = "Abbreviations: AS, angiosarcoma; ORR, objective response rate; XY, something else."
    # an entry whose letters do not spell its long form stays out
    assert pairs(document_wide_definitions(headed, "body")) == [("AS", "angiosarcoma"), ("ORR", "objective response rate")]
    legend = "AS, Angiosarcoma; US, Undifferentiated sarcoma; FBS, Myxofibrosarcoma; CCS, Clear cell sarcoma."
    assert pairs(document_wide_definitions(legend, "caption")) == [
        ("AS", "Angiosarcoma"), ("US", "Undifferentiated sarcoma"), ("FBS", "Myxofibrosarcoma"),
        ("CCS", "Clear cell sarcoma")]
    # prose with a pair or two is no list; a reference entry is no definition
    assert document_wide_definitions("AS, Angiosarcoma; US, Undifferentiated sarcoma.", "caption") == []
    assert document_wide_definitions(legend, "body") == []
    assert document_wide_definitions(headed, "reference") == []


def test_corpus_short_forms_defined_with_case_counts_are_read_in_the_prose():
    import re

    from extract_helpers import corpus_document

    doc = corpus_document("002")
    with_as = [s for s in doc.sentences if s.sentence.zone == "body" and re.search(r"patients with AS\b", s.text)]
    assert len(with_as) >= 4
    for s in with_as:
        (mention,) = [m for m in s.mentions if m.text == "AS"]
        assert mention.entity.key == "subtype/angiosarcoma"


def test_a_sentence_reads_legend_entries_only_in_a_table_or_with_a_semicolon():
    legend = "Alveolar soft part sarcoma (ASPS) was studied. ES, Ewing sarcoma. OS, osteosarcoma."
    assert pairs(sentence_definitions(legend, "body")) == [("ASPS", "Alveolar soft part sarcoma")]
    assert pairs(sentence_definitions(legend, "caption")) == [
        ("ASPS", "Alveolar soft part sarcoma"), ("ES", "Ewing sarcoma"), ("OS", "osteosarcoma")]
    assert pairs(sentence_definitions("ES, Ewing sarcoma; OS, osteosarcoma.", "body")) == [
        ("ES", "Ewing sarcoma"), ("OS", "osteosarcoma")]
