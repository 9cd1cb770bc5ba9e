"""The one reference a restated result cites, named after its first author and year."""

from __future__ import annotations

from decimal import Decimal

from tests.test_extract_outcomes import LPS, PEMBRO, corpus_doc, make_doc

from sarckg.extract import outcomes, studies
from sarckg.extract.outcome_citations import cited_population, cited_reference, reference_list
from sarckg.model import OutcomeMeasurement, StudyDescription

BODY = [
    ("Pembrolizumab in sarcoma: a narrative review", "title", ""),
    ("A phase II trial of pembrolizumab gave an ORR of 18% (2).", "body", "Immunotherapy"),
    ("Two trials of pembrolizumab gave ORRs of 10% and 20% (1, 2).", "body", "Immunotherapy"),
    ("References", "body", "References"),
    ("- Smith AB, Jones C. Sarcoma biology. J Onc (2019) 1:1.", "reference", "References"),
    ("2. Kelly-Ward CM, Qin LX, et al. A phase II study of pembrolizumab in sarcoma. Lancet (2023) 5:2.",
     "reference", "References"),
    ("3. World Health Organization. Soft tissue tumours (2020).", "reference", "References"),
]


def test_the_reference_list_numbers_bullets_in_order_and_skips_organisations() -> None:
    refs = reference_list(make_doc(BODY).document)
    assert {n: r.study.label for n, r in refs.items()} == {1: "Smith et al., 2019", 2: "Kelly-Ward et al., 2023"}
    assert refs[2].study.key == "study/kelly-ward-et-al-2023"


def test_one_marker_names_the_study_several_name_none() -> None:
    doc = make_doc(BODY)
    one_ref = cited_reference(doc.document, "gave an ORR of 18% (2).")
    assert one_ref is not None and one_ref.number == 2
    assert cited_reference(doc.document, "gave ORRs (1, 2).") is None
    assert cited_reference(doc.document, "as shown<sup>1</sup>") is not None
    assert cited_reference(doc.document, "no marker here") is None


def test_a_restated_result_takes_the_cited_study() -> None:
    doc = make_doc(BODY, design="review")
    found = [o for o in outcomes.extract(doc) if isinstance(o, OutcomeMeasurement)]
    cited = next(o for o in found if o.value == Decimal(18))
    assert cited.study is not None and cited.study.label == "Kelly-Ward et al., 2023"
    assert cited.evidence.secondary and cited.evidence.cites_study == "study/kelly-ward-et-al-2023"
    assert all(o.study is None for o in found if o.value in (Decimal(10), Decimal(20)))


def test_an_unnamed_trial_in_the_reference_list_is_described() -> None:
    doc = make_doc(BODY, design="review")
    described = {s.study.label: s for s in studies.extract(doc) if isinstance(s, StudyDescription)}
    kelly = described["Kelly-Ward et al., 2023"]
    assert kelly.phase == "2" and kelly.regimen is not None and kelly.regimen.components == (PEMBRO,)
    assert "Smith et al., 2019" not in described  # no clinical study in its title


def test_corpus_cited_trials_meet_the_reference_list() -> None:
    doc = corpus_doc("002")
    refs = reference_list(doc.document)
    assert refs[12].study.label == "Somaiah et al., 2022"
    described = {s.study.key for s in studies.extract(doc) if isinstance(s, StudyDescription)}
    assert "study/somaiah-et-al-2022" in described


def test_one_author_and_year_twice_are_told_apart_by_letters() -> None:
    doc = make_doc([
        ("References", "body", "References"),
        ("1. Kelly CM, et al. A phase II study of drug A. Lancet (2023) 1:1.", "reference", "References"),
        ("2. Kelly CM, et al. A phase II study of drug B. Lancet (2023) 2:2.", "reference", "References"),
        ("3. Ruiz P, et al. A phase I trial of drug C. Ann Oncol (2021) 3:3.", "reference", "References"),
    ])
    labels = {n: r.study.label for n, r in reference_list(doc.document).items()}
    assert labels == {1: "Kelly et al., 2023a", 2: "Kelly et al., 2023b", 3: "Ruiz et al., 2021"}


def test_a_restated_result_without_population_takes_the_cited_entrys() -> None:
    body = [
        ("Pembrolizumab in sarcoma: a narrative review", "title", ""),
        ("Pembrolizumab plus axitinib gave an ORR of 18% (2).", "body", "Immunotherapy"),
        ("Pembrolizumab gave a 9% ORR in 4 of 44 patients with CCS (2).", "body", "Immunotherapy"),
        ("References", "body", "References"),
        ("2. Kelly-Ward CM, Qin LX, et al. Pembrolizumab and axitinib in advanced liposarcoma. Lancet (2023) 5:2.",
         "reference", "References"),
    ]
    doc = make_doc(body, design="review")
    found = {o.value: o for o in outcomes.extract(doc) if isinstance(o, OutcomeMeasurement)}
    assert found[Decimal(18)].population == LPS
    # the sentence names its own (unresolved) population: the cited entry's is not substituted
    assert found[Decimal(9)].population != LPS
    assert cited_population(doc, doc.sentences[1]) == LPS and cited_population(doc, doc.sentences[0]) is None


def test_corpus_restated_result_population_from_the_cited_entry() -> None:
    doc = corpus_doc("003")
    immunosarc = [o for o in outcomes.extract(doc) if isinstance(o, OutcomeMeasurement)
                  and "ImmunoSarc-I" in o.evidence.quote and o.measure == "ORR"]
    assert [(o.value, o.population.key if o.population else None) for o in immunosarc] == [
        (Decimal(21), "subtype/soft-tissue-sarcoma")]


def test_a_study_named_by_its_authors() -> None:
    from sarckg.extract.outcome_citations import author_study

    document = make_doc(BODY).document
    listed = author_study(document, "Kelly-Ward et al. assessed pembrolizumab in sarcoma.")
    assert listed is not None and listed.key == "study/kelly-ward-et-al-2023"  # the entry of the list
    glued = author_study(document, "Kelly-Ward et al.2 evaluated pembrolizumab.")  # a superscript citation
    assert glued is not None and glued.key == "study/kelly-ward-et-al-2023"
    unlisted = author_study(document, "Groisberg et al. (2018) analyzed the records of 50 patients.")
    assert unlisted is not None and (unlisted.key, unlisted.label) == ("study/groisberg-et-al-2018", "Groisberg et al., 2018")
    assert author_study(document, "Smith et al. and Kelly-Ward et al. disagreed.") is None  # two studies
    assert author_study(document, "A phase II trial of pembrolizumab.") is None


def test_a_result_right_after_a_sentence_naming_a_studys_authors_is_that_studys() -> None:
    doc = make_doc([
        ("Pembrolizumab in sarcoma: a narrative review", "title", ""),
        ("In another study, Nasr et al. assessed pembrolizumab in patients with LPS.", "body", "Immunotherapy"),
        ("The median PFS was 2.9 months, with a 6-month PFS of 32%.", "body", "Immunotherapy"),
        ("Smith et al. gave pembrolizumab to patients with LPS.", "body", "Immunotherapy"),
        ("The median PFS was 4.1 months in a phase II trial (2).", "body", "Immunotherapy"),
    ], design="review")
    found = [o for o in outcomes.extract(doc) if isinstance(o, OutcomeMeasurement)]
    after = [o for o in found if o.evidence.sentence_index == 2]
    assert after and all(o.study is not None and o.study.key == "study/nasr-et-al" for o in after)
    assert all(o.population == LPS and o.evidence.antecedent_index == 1 for o in after)
    other = [o for o in found if o.evidence.sentence_index == 4]  # its own citation: not Smith's
    assert other and all(o.study is None or o.study.key != "study/smith-et-al" for o in other)


def test_corpus_results_after_an_author_named_study() -> None:
    found = [o for o in outcomes.extract(corpus_doc("004")) if isinstance(o, OutcomeMeasurement)]
    orr = [o for o in found if o.measure == "ORR" and o.value == Decimal("21.9")]
    assert orr and orr[0].study is not None and orr[0].study.label == "Wilky et al."
    assert "Wilky et al." in orr[0].evidence.quote and orr[0].evidence.antecedent_index is not None
