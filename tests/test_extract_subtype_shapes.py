"""Subtype names found by shape: one-word "-sarcoma" names, defined long forms, phrases."""

from __future__ import annotations

import pytest

from sarckg.extract.subtype_shapes import (
    is_generic_head,
    new_subtype,
    sarcoma_phrases,
    sarcoma_words,
)


def keys(matches) -> dict[str, str]:
    return {m.entity.key: m.entity.label for m in matches}


def test_one_word_subtypes():
    assert keys(sarcoma_words("Myxofibrosarcomas and osteosarcoma, not sarcoma")) == {
        "subtype/myxofibrosarcoma": "myxofibrosarcoma", "subtype/osteosarcoma": "osteosarcoma"}
    assert list(sarcoma_words("a sarcoma or blastoma workup")) == []


def test_new_subtype_from_a_definition():
    entity = new_subtype("Biphenotypic sinonasal sarcomas")
    assert entity is not None and entity.key == "subtype/biphenotypic-sinonasal-sarcoma"
    assert entity.label == "biphenotypic sinonasal sarcoma" and not entity.in_vocabulary
    tumour = new_subtype("ossifying fibromyxoid tumour")
    assert tumour is not None and tumour.key == "subtype/ossifying-fibromyxoid-tumour"
    assert new_subtype("SMARCA4-deficient thoracic tumor").label == "SMARCA4-deficient thoracic tumor"


def test_no_new_subtype_from_other_phrases():
    assert new_subtype("overall survival") is None
    assert new_subtype("sarcoma") is None
    assert new_subtype("tumour") is None
    assert new_subtype("") is None


def test_generic_heads():
    assert is_generic_head("Sarcomas") and is_generic_head(" tumour ")
    assert not is_generic_head("angiosarcoma") and not is_generic_head("sinonasal sarcoma")


def test_phrases_that_end_in_tumour_but_name_no_subtype():
    assert new_subtype("Response Evaluation Criteria in Solid Tumours") is None
    assert new_subtype("advanced solid tumours") is None
    assert new_subtype("bone and soft tissue sarcoma") is None
    assert new_subtype("myxoinflammatory fibroblastic sarcoma") is not None


def phrases(text: str) -> dict[str, str]:
    return {text[m.start:m.end]: m.entity.key for m in sarcoma_phrases(text)}


@pytest.mark.parametrize(("text", "surface", "key"), [
    ("Low-grade myofibroblastic sarcoma most commonly arises in the head and neck.",
     "Low-grade myofibroblastic sarcoma", "subtype/low-grade-myofibroblastic-sarcoma"),
    ("patients with advanced low-grade myofibroblastic sarcomas were treated",
     "low-grade myofibroblastic sarcomas", "subtype/low-grade-myofibroblastic-sarcoma"),
    ("Pseudomyogenic hemangioendothelioma, which carries a SERPINE1-FOSB fusion",
     "Pseudomyogenic hemangioendothelioma", "subtype/pseudomyogenic-hemangioendothelioma"),
    ("more typical of round cell sarcomas", "round cell sarcomas", "subtype/round-cell-sarcoma"),
])
def test_subtypes_named_in_several_words(text, surface, key):
    assert phrases(text) == {surface: key}


@pytest.mark.parametrize("text", [
    "It is a vascular sarcoma driven by fusions.",  # a description after "a"
    "is a low-grade spindle cell sarcoma of the sinonasal tract",
    "is among the most immunologically cold sarcomas",
    "other translocation-associated sarcomas and EWSR1-CREB1-rearranged sarcomas",
    "in abdominal sarcoma, high-grade sarcomas and pediatric sarcomas",
    "Pelvic secondary sarcomas were rare.",
    "cell sarcoma (CCS, 2 cases)",  # a sentence fragment
    "reviewed by an interdisciplinary sarcoma board and the clinical sarcoma team",
    "nongastrointestinal stromal tumor sarcomas",
    "patients with chemotherapy-refractory sarcomas",
    "Sarcomas such as MIFS respond; genomic sarcoma studies",
])
def test_phrases_ending_in_sarcoma_that_name_no_subtype(text):
    assert phrases(text) == {}


def test_new_subtype_with_other_mesenchymal_heads():
    afh = new_subtype("angiomatoid fibrous histiocytoma")
    assert afh is not None and afh.key == "subtype/angiomatoid-fibrous-histiocytoma"
    assert new_subtype("pseudomyogenic hemangioendotheliomas").label == "pseudomyogenic hemangioendothelioma"
