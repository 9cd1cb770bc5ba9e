"""Subtype traits from the ontology's value set, fusions and mutated genes a subtype harbours."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract_helpers import (
    annotated,
    assert_entities_mentioned,
    assert_quotes_exact,
    corpus_document,
    doc_of,
    ref,
    subtype,
)
from sarckg.extract import subtypes
from sarckg.model import SubtypeProperty


def _props(text: str, entities: list) -> set[tuple[str, str, str | None]]:
    found = set()
    for s in subtypes.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, SubtypeProperty) and s.evidence.quote == text
        found.add((s.subtype.label, s.trait, s.related.key if s.related else None))
    return found


def _subs(*labels: str) -> list:
    return [(label, subtype(label)) for label in labels]


def test_subjects_before_a_trait() -> None:
    text = "Subtypes like ASPS, SS and UPS display an immunologically “hot” phenotype."
    assert _props(text, _subs("ASPS", "SS", "UPS")) == {
        (s, "ImmunologicallyHot", None) for s in ("ASPS", "SS", "UPS")}


def test_list_in_parentheses_after_a_trait() -> None:
    text = "We split STS into sensitive (ASPS), potentially sensitive sarcomas (UPS, DDLPS, AS), and others (LMS)."
    assert _props(text, _subs("STS", "ASPS", "UPS", "DDLPS", "AS", "LMS")) == {
        (s, "PotentiallySensitive", None) for s in ("UPS", "DDLPS", "AS")}


def test_list_after_including() -> None:
    text = "Some are translocation-associated sarcomas, including Ewing sarcoma and synovial sarcoma."
    assert _props(text, _subs("Ewing sarcoma", "synovial sarcoma")) == {
        ("Ewing sarcoma", "TranslocationDriven", None), ("synovial sarcoma", "TranslocationDriven", None)}


def test_comparison_baseline_is_not_the_subject() -> None:
    text = "RIS, compared with primary sarcomas, frequently harbors TP53 mutations and exhibits higher TMB."
    found = _props(text, [*_subs("RIS", "primary sarcomas"), ("TP53", ref("target/tp53", "Gene"))])
    assert found == {("RIS", "HarboursMutation", "target/tp53"), ("RIS", "HighTMB", None)}


def test_unseen_fusion_by_shape_is_out_of_vocabulary() -> None:
    text = "Foo sarcoma is driven by the ABCD1-WXYZ2 fusion gene."
    (s,) = subtypes.extract(doc_of(annotated(text, _subs("Foo sarcoma"))))
    assert s.trait == "HarboursFusion" and s.related is not None
    assert (s.related.key, s.related.category, s.related.in_vocabulary) == (
        "fusion/abcd1-wxyz2", "GeneFusion", False)


def test_variant_spelling_of_a_vocabulary_fusion_resolves_to_it() -> None:
    text = "ASPS often harbors the ASPS-CRI-TFE3 fusion."
    (s,) = subtypes.extract(doc_of(annotated(text, _subs("ASPS"))))
    assert s.related is not None
    assert (s.related.key, s.related.in_vocabulary) == ("fusion/aspscr1-tfe3", True)


def test_trait_not_in_the_value_set_is_not_invented() -> None:
    assert _props("UPS is considered immunologically quiet.", _subs("UPS")) == set()
    assert _props("Ewing sarcoma has a high PD-L1 mRNA level.", _subs("Ewing sarcoma")) == set()


def test_trait_words_inside_hedges_are_not_hedges_but_real_hedges_count() -> None:
    (s,) = subtypes.extract(doc_of(annotated("UPS is potentially sensitive to immunotherapy.", _subs("UPS"))))
    assert not s.evidence.hedged
    (s,) = subtypes.extract(doc_of(annotated("UPS may be immunologically hot.", _subs("UPS"))))
    assert s.evidence.hedged
    (s,) = subtypes.extract(doc_of(annotated("UPS is not immunologically hot.", _subs("UPS"))))
    assert s.evidence.negated and s.evidence.polarity == "disputes"
    (s,) = subtypes.extract(doc_of(annotated("ASPS is a rare tumour that is not treated often.", _subs("ASPS"))))
    assert s.trait == "Rare" and not s.evidence.negated


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_real_traits_lists_and_fusions() -> None:
    found = [*subtypes.extract(corpus_document("001")), *subtypes.extract(corpus_document("003")),
             *subtypes.extract(corpus_document("004"))]
    assert_quotes_exact(found)
    facts = {(s.subtype.key, s.trait, s.related.key if s.related else None) for s in found}
    for key in ("undifferentiated-pleomorphic-sarcoma", "dedifferentiated-liposarcoma", "angiosarcoma"):
        assert (f"subtype/{key}", "PotentiallySensitive", None) in facts
    for key in ("alveolar-soft-part-sarcoma", "synovial-sarcoma", "undifferentiated-pleomorphic-sarcoma"):
        assert (f"subtype/{key}", "ImmunologicallyHot", None) in facts
    for key in ("ewing-sarcoma", "rhabdomyosarcoma", "synovial-sarcoma"):
        assert (f"subtype/{key}", "TranslocationDriven", None) in facts
    assert ("subtype/alveolar-soft-part-sarcoma", "HarboursFusion", "fusion/aspscr1-tfe3") in facts
    # a list's head noun ("potentially sensitive sarcomas") names a subset, never the whole
    assert ("subtype/sarcoma", "PotentiallySensitive", None) not in facts
    for s in found:
        assert_entities_mentioned(s, "subtype")


# --------------------------------------------------------------------------- responses


def test_subtypes_that_respond_to_immunotherapy_are_potentially_sensitive() -> None:
    text = "Our data suggest that myxoid sarcoma and chordoma may also respond to anti-PD-1 antibodies."
    found = list(subtypes.extract(doc_of(annotated(text, _subs("myxoid sarcoma", "chordoma")))))
    assert {(s.subtype.label, s.trait) for s in found} == {
        ("myxoid sarcoma", "PotentiallySensitive"), ("chordoma", "PotentiallySensitive")}
    assert all(s.evidence.hedged and not s.evidence.negated for s in found)


def test_superlative_response_rates_give_sensitive_and_resistant_subtypes() -> None:
    text = "With nivolumab, chordoma showed the best responses, whereas Ewing sarcoma had the lowest response rate."
    nivolumab = ("nivolumab", ref("drug/nivolumab", "PD1Inhibitor"))
    assert _props(text, [*_subs("chordoma", "Ewing sarcoma"), nivolumab]) == {
        ("chordoma", "ImmunotherapySensitive", None), ("Ewing sarcoma", "ImmunotherapyResistant", None)}


def test_failing_to_elicit_a_response_disputes_sensitivity() -> None:
    text = "Thus anti-PD-1 monotherapy may not be able to elicit a response in chordoma."
    (s,) = subtypes.extract(doc_of(annotated(text, _subs("chordoma"))))
    assert (s.subtype.label, s.trait, s.evidence.negated) == ("chordoma", "PotentiallySensitive", True)
    text = "None of the patients with chordoma responded to pembrolizumab."
    pembrolizumab = ("pembrolizumab", ref("drug/pembrolizumab", "PD1Inhibitor"))
    (s,) = subtypes.extract(doc_of(annotated(text, [*_subs("chordoma"), pembrolizumab])))
    assert s.evidence.negated and s.evidence.polarity == "disputes"


def test_response_to_other_therapies_is_not_immunotherapy_sensitivity() -> None:
    text = "Ewing sarcoma and chordoma respond well to chemotherapy."
    assert _props(text, _subs("Ewing sarcoma", "chordoma")) == set()
    text = "Chordoma had the lowest response rates to doxorubicin."
    assert _props(text, _subs("Chordoma")) == set()


def test_sensitive_or_refractory_to_immunotherapy_words() -> None:
    assert _props("Chordoma is highly sensitive to immune checkpoint inhibitors.", _subs("Chordoma")) == {
        ("Chordoma", "ImmunotherapySensitive", None)}
    assert _props("Chordoma was refractory to anti-PD-1 therapy.", _subs("Chordoma")) == {
        ("Chordoma", "ImmunotherapyResistant", None)}
    assert _props("Chordoma was refractory to doxorubicin, unlike ICIs.", _subs("Chordoma")) == set()
    text = "Many sarcoma subtypes remain poorly responsive to ICIs, and chordoma is less sensitive to ICIs."
    assert _props(text, _subs("sarcoma", "chordoma")) == {("chordoma", "ImmunotherapyResistant", None)}


def test_indefinite_predicate_noun_leaves_the_fusion_to_the_subject() -> None:
    text = "Foo sarcoma is a low-grade spindle cell sarcoma that harbours a PAX3-MAML3 fusion."
    found = _props(text, _subs("Foo sarcoma", "spindle cell sarcoma"))
    assert ("Foo sarcoma", "HarboursFusion", "fusion/pax3-maml3") in found
    assert not any(s == "spindle cell sarcoma" and t == "HarboursFusion" for s, t, _ in found)


@pytest.mark.parametrize("link", ["or less often a", "or, in about 10% of cases, a", "or"])
def test_a_coordinated_second_fusion_has_the_holder_of_the_first(link: str) -> None:
    text = f"Foo sarcoma is defined by a PAX3-MAML3 fusion, {link} PAX3-NCOA1 fusion."
    assert _props(text, _subs("Foo sarcoma")) == {("Foo sarcoma", "HarboursFusion", "fusion/pax3-maml3"),
                                                   ("Foo sarcoma", "HarboursFusion", "fusion/pax3-ncoa1")}


def test_a_generic_head_restricted_by_a_fusion_gives_it_to_the_subtypes_it_includes() -> None:
    text = "Sarcomas with ABCD1-WXYZ2 fusions include foo sarcoma (FS) and bar tumour."
    found = _props(text, _subs("Sarcomas", "foo sarcoma", "FS", "bar tumour"))
    assert found == {(s, "HarboursFusion", "fusion/abcd1-wxyz2") for s in ("foo sarcoma", "FS", "bar tumour")}
    assert _props("Do sarcomas with ABCD1-WXYZ2 fusions respond to chemotherapy?", _subs("sarcomas")) == set()


def test_a_contrasted_subtype_is_not_in_the_subject_list() -> None:
    text = "Unlike Ewing sarcoma, chordoma has a low TMB."
    assert _props(text, _subs("Ewing sarcoma", "chordoma")) == {("chordoma", "LowTMB", None)}


def _two_sentences(first: str, second: str, entities: list) -> list[SubtypeProperty]:
    """Two consecutive sentences of one document, the second one starting after the first."""
    full = f"{first} {second}"
    a = annotated(first, entities, doc_text=full)
    b = annotated(second, entities, doc_text=full, start=len(first) + 1)
    b = replace(b, sentence=replace(b.sentence, index=1))
    return [s for s in subtypes.extract(doc_of(a, b)) if isinstance(s, SubtypeProperty)]


@pytest.mark.parametrize(("text", "holder"), [
    ("Chondrosarcoma has more than 12 distinct histologic subtypes with varied outcomes.", "Chondrosarcoma"),
    ("The classification lists approximately 40 subtypes of chondrosarcoma.", "chondrosarcoma"),
    ("Bone sarcoma comprises about twenty different subtypes.", "Bone sarcoma"),
])
def test_a_count_of_subtypes_makes_the_holder_histologically_diverse(text: str, holder: str) -> None:
    found = _props(text, _subs("Chondrosarcoma", "chondrosarcoma", "Bone sarcoma"))
    assert found == {(holder, "HistologicallyDiverse", None)}


@pytest.mark.parametrize("text", [
    "Chondrosarcoma has 4 histologic subtypes.",  # a classification, not a diverse group
    # many subtypes counted, but chondrosarcoma neither has them nor is the counted group
    "Chondrosarcoma was compared with 12 distinct histologic subtypes of bone tumour.",
])
def test_no_count_of_subtypes(text: str) -> None:
    assert subtypes._SUBTYPE_COUNT.search(text)  # the count is read, then refused
    assert not any(t == "HistologicallyDiverse" for _, t, _ in _props(text, _subs("chondrosarcoma", "Chondrosarcoma")))


def test_a_counting_verb_without_subject_finds_the_sarcoma_in_the_sentence_before() -> None:
    first = "Chondrosarcomas are rare cartilage tumours."
    second = "A consensus panel recognizes over 15 subtypes, grouped into two families."
    found = _two_sentences(first, second, _subs("Chondrosarcomas"))
    (s,) = [p for p in found if p.trait == "HistologicallyDiverse"]
    assert s.subtype.label == "Chondrosarcomas"
    assert s.evidence.quote == f"{first} {second}" and s.evidence.antecedent_index == 0
    assert (s.subtype_count, s.count_comparator) == (15, ">")


@pytest.mark.parametrize(("text", "count", "comparator"), [
    ("Chondrosarcoma has more than 12 distinct histologic subtypes.", 12, ">"),
    ("Chondrosarcoma comprises at least 14 subtypes.", 14, ">="),
    ("Chondrosarcoma has about twenty different subtypes.", 20, "~"),
    ("Chondrosarcoma has 31 histologic subtypes.", 31, "="),
])
def test_the_count_of_subtypes_and_its_qualifier(text: str, count: int, comparator: str) -> None:
    (s,) = [p for p in subtypes.extract(doc_of(annotated(text, _subs("Chondrosarcoma"))))
            if isinstance(p, SubtypeProperty) and p.trait == "HistologicallyDiverse"]
    assert (s.subtype_count, s.count_comparator) == (count, comparator)


def test_corpus_subtype_counts() -> None:
    found = {(s.subtype.key, s.evidence.quote[:30]) for p in ("001", "003")
             for s in subtypes.extract(corpus_document(p))
             if isinstance(s, SubtypeProperty) and s.trait == "HistologicallyDiverse"}
    assert ("subtype/soft-tissue-sarcoma", "STS has more than 70 different") in found
    assert any(k == "subtype/sarcoma" for k, _ in found)


def test_a_genomic_biomarker_naming_an_alteration_is_harboured() -> None:
    text = "Intimal sarcoma, unlike other sarcomas, often harbours PDGFRA amplification and shows high TMB."
    alteration = ref("biomarker/pdgfra-amplification", "Biomarker", "GenomicBiomarker", label="PDGFRA amplification")
    burden = ref("biomarker/tumor-mutational-burden", "Biomarker", "GenomicBiomarker", label="TMB")
    found = _props(text, [*_subs("Intimal sarcoma", "sarcomas"), ("PDGFRA amplification", alteration), ("TMB", burden)])
    assert ("Intimal sarcoma", "HarboursMutation", "biomarker/pdgfra-amplification") in found
    assert not any(r == "biomarker/tumor-mutational-burden" for _, t, r in found if t == "HarboursMutation")
    assert not any(s == "sarcomas" for s, t, _ in found if t == "HarboursMutation")


@pytest.mark.parametrize(("text", "count", "holder"), [
    ("The consensus divides chondrosarcomas into more than 15 subtypes.", 15, "chondrosarcomas"),
    ("Experts classify bone sarcoma into over 30 histologic subtypes4.", 30, "bone sarcoma"),
])
def test_a_dividing_verb_makes_its_object_the_holder_of_the_count(text: str, count: int, holder: str) -> None:
    (s,) = [p for p in subtypes.extract(doc_of(annotated(text, _subs("chondrosarcomas", "bone sarcoma"))))
            if isinstance(p, SubtypeProperty) and p.trait == "HistologicallyDiverse"]
    assert (s.subtype.label, s.subtype_count, s.count_comparator) == (holder, count, ">")


def test_a_plural_anaphor_gives_the_trait_to_the_subtypes_listed_before() -> None:
    first = "Responses were also seen in translocation-negative tumours (LMS, MPNST, and OS)."
    second = "These subtypes are characterized by a complex karyotype with many copy number changes."
    found = _two_sentences(first, second, _subs("tumours", "LMS", "MPNST", "OS"))
    props = {(p.subtype.label, p.trait) for p in found if p.evidence.antecedent_index == 0}
    assert props == {(s, "ComplexKaryotype") for s in ("LMS", "MPNST", "OS")}
    assert all(p.evidence.quote == f"{first} {second}" for p in found if p.evidence.antecedent_index == 0)


@pytest.mark.parametrize("second", [
    "These patients are characterized by a complex karyotype.",  # the anaphor is not a subtype
    "These subtypes, which we studied in detail, and many others, have a complex karyotype.",  # too far
])
def test_no_anaphoric_trait(second: str) -> None:
    first = "We treated LMS and MPNST with pembrolizumab."
    found = _two_sentences(first, second, _subs("LMS", "MPNST"))
    assert not [p for p in found if p.evidence.antecedent_index == 0]


def test_a_single_subtype_before_is_not_these_subtypes() -> None:
    found = _two_sentences("We treated LMS with pembrolizumab.", "These subtypes have a complex karyotype.",
                           _subs("LMS"))
    assert not [p for p in found if p.evidence.antecedent_index == 0]


def test_corpus_anaphoric_traits_harboured_alterations_and_counts() -> None:
    genomic = {s.subtype.key for s in subtypes.extract(corpus_document("001"))
               if isinstance(s, SubtypeProperty) and s.trait == "ComplexKaryotype" and s.evidence.antecedent_index is not None}
    assert {"subtype/undifferentiated-pleomorphic-sarcoma", "subtype/dedifferentiated-liposarcoma",
            "subtype/angiosarcoma"} <= genomic
    harboured = {(s.subtype.key, s.related.key) for s in subtypes.extract(corpus_document("000"))
                 if isinstance(s, SubtypeProperty) and s.trait == "HarboursMutation" and s.related}
    assert ("subtype/radiation-induced-sarcoma", "biomarker/tp53-mutation") in harboured
    counts = {(s.subtype.key, s.subtype_count) for s in subtypes.extract(corpus_document("004"))
              if isinstance(s, SubtypeProperty) and s.subtype_count}
    assert {("subtype/sarcoma", 100), ("subtype/soft-tissue-sarcoma", 50)} <= counts
