"""Subtype traits: whose trait it is (the copula subject, a list after it) and how it is graded
(negated, hedged, sensitive or only potentially sensitive)."""

from __future__ import annotations

import pytest

from extract_helpers import annotated, assert_quotes_exact, corpus_document, doc_of, ref, subtype
from sarckg.extract import subtypes
from sarckg.model import SubtypeProperty


def _found(text: str, labels: list[str], extra: list | None = None) -> set[tuple[str, str, bool, bool]]:
    """(subtype, trait, negated, hedged) of every property stated in ``text``."""
    entities = [(label, subtype(label)) for label in labels] + (extra or [])
    out = set()
    for s in subtypes.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, SubtypeProperty) and s.evidence.quote == text
        out.add((s.subtype.label, s.trait, s.evidence.negated, s.evidence.hedged))
    return out


# --------------------------------------------------------------------------- 1. subject and negation


@pytest.mark.parametrize("text", [
    "Foo sarcoma is a rare STS that is not responsive to chemotherapy.",
    "Foo sarcoma is a rare STS which is chemoresistant.",
])
def test_a_relative_clause_on_a_predicate_noun_is_said_of_the_subject(text: str) -> None:
    found = _found(text, ["Foo sarcoma", "STS"])
    assert ("Foo sarcoma", "ChemotherapyResistant", False, False) in found
    assert not any(s == "STS" for s, *_ in found)  # "a rare STS that ..." describes Foo sarcoma only


@pytest.mark.parametrize("text", [
    "B7-H3 is highly expressed in foo sarcoma and is associated with poor prognosis.",
    "B7-H3 is highly expressed in foo sarcoma and bar sarcoma, and is associated with poor prognosis.",
    "B7-H3 expression in foo sarcoma is associated with poor prognosis.",
])
def test_a_subtype_that_is_the_setting_of_a_molecule_takes_none_of_its_traits(text: str) -> None:
    assert _found(text, ["foo sarcoma", "bar sarcoma"], [("B7-H3", ref("target/cd276"))]) == set()


@pytest.mark.parametrize("text", [
    "Foo sarcoma expresses B7-H3 and is associated with poor prognosis.",
    "Foo sarcoma is associated with poor prognosis.",
    "Patients with foo sarcoma have a poor prognosis.",
])
def test_a_subtype_that_is_the_subject_keeps_its_trait(text: str) -> None:
    found = _found(text, ["Foo sarcoma", "foo sarcoma"], [("B7-H3", ref("target/cd276"))])
    assert {(s.lower(), t) for s, t, *_ in found} == {("foo sarcoma", "Aggressive")}


def test_a_plural_copula_subject_list_takes_the_trait() -> None:
    found = _found("Foo sarcoma and bar sarcoma are sarcomas that are chemoresistant.",
                   ["Foo sarcoma", "bar sarcoma", "sarcomas"])
    assert found == {(s, "ChemotherapyResistant", False, False) for s in ("Foo sarcoma", "bar sarcoma")}


def test_a_definite_predicate_is_no_class_of_the_subject() -> None:
    # "the STS that ..." picks one thing out; the relative clause is not moved to the subject
    found = _found("Foo sarcoma is the STS that is chemoresistant.", ["Foo sarcoma", "STS"])
    assert not any(s == "Foo sarcoma" for s, *_ in found)


@pytest.mark.parametrize(("text", "trait", "negated"), [
    ("Chordoma is not responsive to chemotherapy.", "ChemotherapyResistant", False),  # "not" is in the name
    ("Chordoma is unresponsive to chemotherapy.", "ChemotherapyResistant", False),
    ("Chordoma is not resistant to chemotherapy.", "ChemotherapyResistant", True),
    ("Chordoma is not sensitive to immune checkpoint inhibitors.", "ImmunotherapyResistant", False),
    ("Chordoma did not respond to immune checkpoint inhibitors.", "ImmunotherapySensitive", True),
    ("Chordoma is not immunologically hot.", "ImmunologicallyHot", True),
])
def test_a_negation_inside_the_trait_phrase_does_not_negate_it(text: str, trait: str, negated: bool) -> None:
    ((label, found_trait, found_negated, _),) = _found(text, ["Chordoma"])
    assert (label, found_trait, found_negated) == ("Chordoma", trait, negated)


def test_every_negated_trait_label_reads_as_the_trait() -> None:
    """No label of the value set that carries its own negation word denies itself."""
    from rdflib.namespace import RDF, SKOS

    from sarckg.extract.cues import negation_cues
    from sarckg.graph.ontology_files import load_ontology
    from sarckg.namespaces import SKG

    graph = load_ontology()
    checked = 0
    for trait in graph.subjects(RDF.type, SKG.SubtypeTrait):
        name = str(trait).rsplit("#", 1)[-1]
        for label in graph.objects(trait, SKOS.altLabel):
            text = f"Chordoma is {label}."
            if name in {"HarboursFusion", "HarboursMutation"} or not negation_cues(text):
                continue
            checked += 1
            assert _found(text, ["Chordoma"]) == {("Chordoma", name, False, False)}, label
    assert checked >= 1


@pytest.mark.slow
def test_corpus_rare_sarcoma_not_responsive_to_chemotherapy() -> None:
    found = list(subtypes.extract(corpus_document("002")))
    assert_quotes_exact(found)
    facts = {(s.subtype.key, s.trait, s.evidence.negated) for s in found
             if "not responsive to chemotherapy" in s.evidence.quote}
    assert ("subtype/alveolar-soft-part-sarcoma", "ChemotherapyResistant", False) in facts
    assert not any(k == "subtype/soft-tissue-sarcoma" and t == "ChemotherapyResistant" for k, t, _ in facts)
    assert not any(negated for *_, negated in facts)


def test_pembrolizumab_is_immunotherapy_for_the_response_rules() -> None:
    pembrolizumab = ("pembrolizumab", ref("drug/pembrolizumab", "PD1Inhibitor"))
    found = _found("Chordoma did not respond to pembrolizumab.", ["Chordoma"], [pembrolizumab])
    assert found == {("Chordoma", "ImmunotherapySensitive", True, False)}


# --------------------------------------------------------------------------- 2. sensitivity grade


def test_sensitive_and_potentially_sensitive_groups_are_told_apart() -> None:
    text = "We divided STS into sensitive sarcomas (ASPS), potentially sensitive sarcomas (UPS, AS), and others (LMS)."
    found = _found(text, ["STS", "ASPS", "UPS", "AS", "LMS", "sarcomas"])
    # the "potentially" of the next group is part of that group's name, no hedge on ASPS
    assert found == {("ASPS", "ImmunotherapySensitive", False, False),
                     ("UPS", "PotentiallySensitive", False, False), ("AS", "PotentiallySensitive", False, False)}


@pytest.mark.parametrize(("text", "trait", "hedged"), [
    ("UPS is sensitive to immunotherapy.", "ImmunotherapySensitive", False),
    ("UPS is highly responsive to anti-PD-1 antibodies.", "ImmunotherapySensitive", False),
    ("UPS showed the best responses to checkpoint inhibitors.", "ImmunotherapySensitive", False),
    ("UPS may be sensitive to immunotherapy.", "PotentiallySensitive", True),
    ("UPS might respond to anti-PD-1 therapy.", "PotentiallySensitive", True),
    ("UPS is potentially sensitive to immunotherapy.", "PotentiallySensitive", False),
])
def test_a_hedged_sensitivity_is_only_potential(text: str, trait: str, hedged: bool) -> None:
    assert _found(text, ["UPS"]) == {("UPS", trait, False, hedged)}


def test_a_hedge_in_the_main_clause_leaves_a_fronted_concession_alone() -> None:
    text = ("Although studies have shown that UPS and ASPS are sensitive subtypes to anti-PD-1 therapy, "
            "our results suggest that LMS may also respond to anti-PD-1 therapy.")
    assert _found(text, ["UPS", "ASPS", "LMS"]) == {
        ("UPS", "ImmunotherapySensitive", False, False), ("ASPS", "ImmunotherapySensitive", False, False),
        ("LMS", "PotentiallySensitive", False, True)}


@pytest.mark.parametrize("text", [
    "Chemotherapy-sensitive sarcomas (ASPS) are treated first.",
    "Doxorubicin sensitive sarcomas (ASPS) are treated first.",
])
def test_sensitivity_to_another_therapy_is_no_immunotherapy_trait(text: str) -> None:
    assert not any(t in {"ImmunotherapySensitive", "PotentiallySensitive"}
                   for _, t, _, _ in _found(text, ["ASPS", "sarcomas"]))


@pytest.mark.slow
def test_corpus_sensitive_and_potentially_sensitive_subtypes() -> None:
    found = [s for p in ("001", "004") for s in subtypes.extract(corpus_document(p))
             if isinstance(s, SubtypeProperty)]
    grades = {(s.subtype.key, s.trait, s.evidence.hedged) for s in found if "divided STS into" in s.evidence.quote}
    assert ("subtype/alveolar-soft-part-sarcoma", "ImmunotherapySensitive", False) in grades
    assert ("subtype/undifferentiated-pleomorphic-sarcoma", "PotentiallySensitive", False) in grades
    assert not any(k == "subtype/alveolar-soft-part-sarcoma" and t == "PotentiallySensitive" for k, t, _ in grades)
    stated = {(s.subtype.key, s.trait) for s in found if "extended cohort studies" in s.evidence.quote}
    assert ("subtype/alveolar-soft-part-sarcoma", "ImmunotherapySensitive") in stated
    assert ("subtype/leiomyosarcoma", "PotentiallySensitive") in stated


# --------------------------------------------------------------------------- 3. lists after a trait


_PEMBROLIZUMAB = [("Pembrolizumab", ref("drug/pembrolizumab", "PD1Inhibitor")),
                  ("pembrolizumab", ref("drug/pembrolizumab", "PD1Inhibitor"))]


@pytest.mark.parametrize("text", [
    "The subtypes resistant to chemotherapy may be given immunotherapy as first-line treatment, for example, "
    "foo sarcoma and bar sarcoma (BS).",
    "Chemoresistant subtypes are usually given immunotherapy in the first line, such as foo sarcoma and bar sarcoma.",
])
def test_examples_of_a_group_the_trait_modifies_take_it(text: str) -> None:
    found = {(s, t) for s, t, _, _ in _found(text, ["foo sarcoma", "bar sarcoma", "BS"])}
    assert {("foo sarcoma", "ChemotherapyResistant"), ("bar sarcoma", "ChemotherapyResistant")} <= found


@pytest.mark.parametrize("text", [
    # another group comes between: the examples are of "other sarcomas"
    "The subtypes resistant to chemotherapy may be given drugs also used in other sarcomas, such as foo sarcoma.",
    # a predicate trait has no group for the examples to exemplify
    "Bar sarcoma is resistant to chemotherapy and was given immunotherapy, for example, foo sarcoma.",
    # the examples are in another clause
    "The subtypes resistant to chemotherapy were given new drugs; for example, foo sarcoma got X.",
])
def test_no_examples_of_the_trait(text: str) -> None:
    assert not any(s == "foo sarcoma" for s, *_ in _found(text, ["foo sarcoma", "Bar sarcoma"]))


@pytest.mark.parametrize("text", [
    "In a phase 2 trial, pembrolizumab showed activity in patients with STS, especially in patients with certain "
    "subtypes, such as foo sarcoma (FS) and bar sarcoma.",
    "Pembrolizumab demonstrated promising efficacy in certain sarcoma subtypes, including foo sarcoma and bar sarcoma.",
])
def test_efficacy_of_immunotherapy_in_named_subsets_is_sensitivity(text: str) -> None:
    found = _found(text, ["STS", "foo sarcoma", "FS", "bar sarcoma", "sarcoma"], _PEMBROLIZUMAB)
    assert {("foo sarcoma", "ImmunotherapySensitive", False, False),
            ("bar sarcoma", "ImmunotherapySensitive", False, False)} <= found
    assert not any(s in {"STS", "sarcoma"} for s, *_ in found)  # the whole is not singled out


@pytest.mark.parametrize(("text", "expected"), [
    ("Pembrolizumab failed to show activity in certain subtypes, such as foo sarcoma.",
     {("foo sarcoma", "ImmunotherapySensitive", True, False)}),
    ("Doxorubicin demonstrated promising efficacy in certain subtypes, including foo sarcoma.", set()),
    ("Pembrolizumab showed activity in foo sarcoma and bar sarcoma.", set()),  # one trial's result, an outcome
])
def test_efficacy_in_subsets_negated_or_not_immunotherapy(text: str, expected: set) -> None:
    doxorubicin = ("Doxorubicin", ref("drug/doxorubicin", "Anthracycline"))
    assert _found(text, ["foo sarcoma", "bar sarcoma"], [*_PEMBROLIZUMAB, doxorubicin]) == expected


@pytest.mark.slow
def test_corpus_examples_and_efficacy_in_subsets() -> None:
    found = [s for p in ("001", "002") for s in subtypes.extract(corpus_document(p)) if isinstance(s, SubtypeProperty)]
    facts = {(s.subtype.key, s.trait) for s in found}
    assert {("subtype/alveolar-soft-part-sarcoma", "ChemotherapyResistant"),
            ("subtype/clear-cell-sarcoma", "ChemotherapyResistant")} <= facts
    assert {("subtype/undifferentiated-pleomorphic-sarcoma", "ImmunotherapySensitive"),
            ("subtype/dedifferentiated-liposarcoma", "ImmunotherapySensitive"),
            ("subtype/myxofibrosarcoma", "ImmunotherapySensitive")} <= facts
    assert ("subtype/soft-tissue-sarcoma", "ImmunotherapySensitive") not in facts


# --------------------------------------------------------------------------- 4. populations


_NON_FOO = ("non-FS", ref("population/non-fs", label="non-FS"))


@pytest.mark.parametrize(("text", "labels"), [
    ("In the characteristic of “cold tumors” in non-FS, ICI monotherapy showed disappointing activity.", ["non-FS"]),
    ("Given the immunologically cold nature of LMS and OS, ICIs rarely work.", ["LMS", "OS"]),
])
def test_a_trait_named_a_characteristic_of_a_subtype_or_population(text: str, labels: list[str]) -> None:
    found = _found(text, [x for x in labels if x != "non-FS"], [_NON_FOO] if "non-FS" in labels else [])
    assert {(s, t) for s, t, _, _ in found} == {(x, "ImmunologicallyCold") for x in labels}


@pytest.mark.parametrize("text", [
    "Cold tumors in LMS are common.",  # a share of cases, no characteristic of the subtype
    "High TMB in LMS is found in 5% of cases.",
    "The features of high TMB in LMS were studied.",
])
def test_a_trait_in_a_subtype_is_not_always_its_characteristic(text: str) -> None:
    assert _found(text, ["LMS"]) == set()


@pytest.mark.slow
def test_corpus_cold_tumours_in_a_population() -> None:
    facts = {(s.subtype.key, s.trait) for s in subtypes.extract(corpus_document("001")) if isinstance(s, SubtypeProperty)}
    assert ("population/non-asps", "ImmunologicallyCold") in facts


# --------------------------------------------------------------------------- 5. better than the rest


_SINTILIMAB = [("sintilimab", ref("drug/sintilimab", "PD1Inhibitor")),
               ("doxorubicin", ref("drug/doxorubicin", "Anthracycline"))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Patients treated with sintilimab and doxorubicin showed that foo sarcoma and bar sarcoma had significantly "
     "longer PFS than other subtypes (25).",
     {("foo sarcoma", "ImmunotherapySensitive", False, False), ("bar sarcoma", "ImmunotherapySensitive", False, False)}),
    ("With sintilimab, patients with foo sarcoma (FS) had significantly longer median PFS (16.2 months) compared "
     "to other subtypes (4.4 months).",
     {("foo sarcoma", "ImmunotherapySensitive", False, False), ("FS", "ImmunotherapySensitive", False, False)}),
    ("With sintilimab, foo sarcoma had shorter OS than other subtypes.",
     {("foo sarcoma", "ImmunotherapyResistant", False, False)}),
    ("With sintilimab, foo sarcoma did not have longer PFS than other subtypes.",
     {("foo sarcoma", "ImmunotherapySensitive", True, False)}),
])
def test_an_outcome_better_than_the_other_subtypes_under_immunotherapy(text: str, expected: set) -> None:
    assert _found(text, ["foo sarcoma", "FS", "bar sarcoma"], _SINTILIMAB) == expected


@pytest.mark.parametrize("text", [
    "With doxorubicin, foo sarcoma had longer PFS than other subtypes.",  # not immunotherapy
    "With sintilimab, foo sarcoma had longer PFS than bar sarcoma.",  # one pair, not the rest
])
def test_no_sensitivity_from_other_comparisons(text: str) -> None:
    assert _found(text, ["foo sarcoma", "bar sarcoma"], _SINTILIMAB) == set()


@pytest.mark.slow
def test_corpus_longer_pfs_than_other_subtypes() -> None:
    found = {(s.subtype.key, s.trait) for p in ("001", "003") for s in subtypes.extract(corpus_document(p))
             if isinstance(s, SubtypeProperty) and "other subtypes" in s.evidence.quote}
    assert {("subtype/undifferentiated-pleomorphic-sarcoma", "ImmunotherapySensitive"),
            ("subtype/dedifferentiated-liposarcoma", "ImmunotherapySensitive"),
            ("subtype/clear-cell-sarcoma", "ImmunotherapySensitive")} <= found


@pytest.mark.parametrize("text", [
    "Immunologically cold foo sarcomas can be turned into hot tumours by radiotherapy.",
    "Foo sarcoma was converted into an inflamed tumour by radiotherapy.",
])
def test_what_a_subtype_is_converted_into_is_not_its_trait(text: str) -> None:
    found = _found(text, ["foo sarcomas", "Foo sarcoma"])
    assert not any(t == "ImmunologicallyHot" for _, t, *_ in found)
