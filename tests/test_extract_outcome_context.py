"""What a result sentence takes from the sentences before it: the subgroup of the document's
own patients a sentence set up, the one regimen of the trial just described."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.test_extract_outcomes import assert_quotes_exact, corpus_doc, measured, one

from sarckg.extract.base import AnnotatedDocument
from sarckg.extract.entities import annotate
from sarckg.model import Document, OutcomeMeasurement, Sentence, Zone

TITLE = "Pembrolizumab in soft tissue sarcoma: a retrospective study"
STS, ASPS = "subtype/soft-tissue-sarcoma", "subtype/alveolar-soft-part-sarcoma"


def document(*paras: list[str], section: str = "Results", title: str = TITLE,
             design: str | None = None) -> AnnotatedDocument:
    """A titled document of paragraphs (sentences joined by a space, paragraphs by a blank
    line) in one section, annotated by the real matcher."""
    text = title
    spans: list[tuple[int, str, Zone, str]] = [(0, title, "title", "")]
    for para in paras:
        text += "\n\n"
        for i, s in enumerate(para):
            text += " " if i else ""
            spans.append((len(text), s, "body", section))
            text += s
    doc = Document("doc-c", "doc-c.txt", text, "0" * 64, title=title)
    sentences = [Sentence("doc-c", i, start, start + len(s), s, tuple(range(start, start + len(s))), zone, sec)
                 for i, (start, s, zone, sec) in enumerate(spans)]
    return annotate(doc, sentences, study_design=design)


def population(o: OutcomeMeasurement) -> str | None:
    return o.population.key if o.population else None


# --------------------------------------------------------------------------- own subgroups


@pytest.mark.parametrize("frame", [
    "In the alveolar soft part sarcoma group, 2 cases achieved CR and 8 achieved PR, resulting in an ORR of 50%.",
    "Among the 20 patients with alveolar soft part sarcoma, 2 achieved CR and 8 achieved PR (ORR 50%).",
    "Of the 20 alveolar soft part sarcoma patients, 10 responded, giving an ORR of 50%.",
    "Twenty patients with alveolar soft part sarcoma received pembrolizumab, with an ORR of 50%.",
])
def test_a_result_naming_no_population_keeps_the_subgroup_the_sentence_before_set(frame: str) -> None:
    follow = "The mPFS and mOS was 17.5 months and 45 months, respectively."
    doc = document([frame, follow])
    found = measured(doc)
    pfs = one(found, "MedianPFS")
    assert population(pfs) == ASPS and population(one(found, "MedianOS")) == ASPS
    assert pfs.evidence.antecedent_index == 1 and pfs.evidence.quote == f"{frame} {follow}"
    assert pfs.study is not None and pfs.study.key == doc.context.own_study.key and not pfs.evidence.secondary
    assert_quotes_exact(doc, found)


def test_a_complementary_population_frame_is_kept_too() -> None:
    doc = document(["In the non-ASPS group, 1 case achieved CR and 7 achieved PR, resulting in an ORR of 13.6%.",
                    "The mPFS and mOS was 6.3 months and 15.5 months, respectively."])
    assert population(one(measured(doc), "MedianPFS")) == "population/non-asps"


def test_the_subgroup_goes_on_over_sentences_naming_none() -> None:
    doc = document(["In the alveolar soft part sarcoma group, the ORR was 50%.", "The median PFS was 17.5 months.",
                    "The median OS was 45 months."])
    os_ = one(measured(doc), "MedianOS")
    assert population(os_) == ASPS and os_.evidence.antecedent_index == 1


def test_the_others_in_a_frame_are_the_rest_of_that_subgroup() -> None:
    doc = document(["Among the 20 patients with alveolar soft part sarcoma, 14 received pembrolizumab plus axitinib, "
                    "with the mPFS of 24.4 months.",
                    "While the others received pembrolizumab monotherapy, with the mPFS of 7.5 months."])
    rest = one(measured(doc), "MedianPFS", value=Decimal("7.5"))
    assert population(rest) == ASPS and [c.label for c in rest.regimen.components] == ["pembrolizumab"]  # type: ignore[union-attr]


@pytest.mark.parametrize("others", ["The others received pembrolizumab alone, with a median PFS of 7.5 months.",
                                    "The remaining patients had a median PFS of 7.5 months."])
def test_the_others_after_a_subject_subgroup_are_not_that_subgroup_nor_everyone(others: str) -> None:
    doc = document(["Six patients with alveolar soft part sarcoma received pembrolizumab plus axitinib.", others])
    pfs = one(measured(doc), "MedianPFS")
    assert pfs.population is None and pfs.evidence.antecedent_index is None


@pytest.mark.parametrize("paras", [
    # another paragraph
    [["In the alveolar soft part sarcoma group, the ORR was 50%."], ["The median PFS was 17.5 months."]],
    # the whole cohort, or both groups
    [["In the alveolar soft part sarcoma group, the ORR was 50%.", "In the total population, the median PFS was 17.5 months."]],
    *[[["In the alveolar soft part sarcoma group, the ORR was 50%.", f"{total}, the median PFS was 17.5 months."]]
      for total in ("Altogether", "In all", "Totally", "Overall")],
    [["In the alveolar soft part sarcoma group, the ORR was 50%.",
      "The median PFS was 17.5 months versus 6.3 months in the two groups."]],
    # a population named only in passing, or in parentheses
    [["Lung metastases were common in alveolar soft part sarcoma.", "The median PFS was 17.5 months."]],
    [["Seven received pembrolizumab monotherapy (6 with alveolar soft part sarcoma and 1 with leiomyosarcoma).",
      "The median PFS was 17.5 months."]],
])
def test_no_subgroup_is_carried_where_the_text_does_not_continue_one(paras: list[list[str]]) -> None:
    pfs = one(measured(document(*paras)), "MedianPFS", value=Decimal("17.5"))
    assert population(pfs) == STS and (pfs.evidence.antecedent_index is None)


def test_a_sentence_naming_its_own_population_keeps_it() -> None:
    doc = document(["In the alveolar soft part sarcoma group, the ORR was 50%.",
                    "The median PFS was 6.3 months in leiomyosarcoma."])
    assert population(one(measured(doc), "MedianPFS")) == "subtype/leiomyosarcoma"


def test_a_cited_frame_sets_no_subgroup_of_the_documents_own() -> None:
    doc = document(["In the alveolar soft part sarcoma cohort of SARC028, the ORR was 50%.",
                    "In our study, the median PFS was 7.5 months."], section="Discussion")
    assert population(one(measured(doc), "MedianPFS")) == STS


def test_corpus_subgroup_results_keep_their_subgroup() -> None:
    found = measured(corpus_doc("001"))
    subgroups = {(o.measure, o.value): population(o) for o in found
                 if o.evidence.antecedent_index is not None and not o.evidence.secondary}
    assert subgroups[("MedianPFS", Decimal("17.5"))] == ASPS  # "In the ASPS group, ... . The mPFS and mOS was ..."
    assert subgroups[("MedianOS", Decimal("15.5"))] == "population/non-asps"
    assert subgroups[("MedianPFS", Decimal("7.5"))] == ASPS  # "Among the 20 patients with ASPS, ... . While the others"
    assert subgroups[("MedianPFS", Decimal("11"))] == "population/non-asps"  # "Among the non-ASPS ... . 9 received"
    whole = [o for o in found if (o.measure, o.value) == ("MedianPFS", Decimal("7.5")) and population(o) == STS]
    assert whole and all(o.evidence.antecedent_index is None for o in whole)  # the whole cohort's stays the cohort's


# --------------------------------------------------------------------------- cited studies


def components(o: OutcomeMeasurement) -> set[str] | None:
    return {c.label for c in o.regimen.components} if o.regimen else None


SEVERAL = ("In several phase 2 trials among patients with alveolar soft part sarcoma, the ORR was 54.5% (6 of 11) "
           "to axitinib plus pembrolizumab and 57% (4 of 7) to nivolumab plus sunitinib (8, 9).")


def test_the_documents_own_result_never_takes_the_cited_trials_agents() -> None:
    own = ("In the present study, 71.4% (5/7) of patients with alveolar soft part sarcoma displayed a partial "
           "response, confirming the favorable efficacy of the combination therapy.")
    doc = document([SEVERAL, own], section="Discussion", title="Pembrolizumab plus axitinib in soft tissue sarcoma")
    pr = one(measured(doc), "PartialResponse")
    assert components(pr) == {"pembrolizumab", "axitinib"}  # the document's own regimen, from its title
    assert pr.study is not None and pr.study.key == doc.context.own_study.key and not pr.evidence.secondary
    assert pr.evidence.antecedent_index is None


def test_the_combination_after_several_regimens_is_none_of_them() -> None:
    doc = document([SEVERAL, "A later trial of the combination reported an ORR of 30% (10)."], section="Discussion")
    assert one(measured(doc), "ORR", value=Decimal("30")).regimen is None


@pytest.mark.parametrize(("described", "expected"), [
    ("Wilky et al. evaluated the VEGF receptor tyrosine kinase inhibitor, axitinib, plus the PD-1 inhibitor, "
     "pembrolizumab, in patients with sarcomas.", {"axitinib", "pembrolizumab"}),
    ("Wilky et al. evaluated a combination of axitinib and pembrolizumab in patients with sarcomas.",
     {"axitinib", "pembrolizumab"}),
    ("Wilky et al. treated patients with sarcomas with pembrolizumab.", {"pembrolizumab"}),
    # arms or alternatives: no one regimen
    ("Wilky et al. compared axitinib with pembrolizumab in patients with sarcomas.", None),
    ("Wilky et al. gave axitinib or pembrolizumab to patients with sarcomas.", None),
    ("Wilky et al. evaluated axitinib, pembrolizumab and nivolumab in patients with sarcomas.", None),
])
def test_a_result_going_on_about_a_study_takes_its_one_regimen(described: str, expected: set[str] | None) -> None:
    doc = document([described, "The results showed that the ORR was 21.9%."], section="Discussion")
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.label.startswith("Wilky et al")
    assert components(orr) == expected and population(orr) == "subtype/sarcoma"
    assert orr.evidence.antecedent_index == 1 and orr.evidence.secondary


def test_a_result_naming_other_agents_takes_no_regimen_from_before() -> None:
    doc = document(["Wilky et al. evaluated axitinib plus pembrolizumab in patients with sarcomas.",
                    "The results showed that the ORR was 5% with nivolumab."], section="Discussion")
    assert components(one(measured(doc), "ORR")) == {"nivolumab"}


def test_the_combination_in_a_sentence_naming_its_trial_is_the_regimen_named_before() -> None:
    doc = document(["A combination of nivolumab and the CTLA-4 inhibitor ipilimumab demonstrated an improved response.",
                    "In the Alliance A091401 trial for metastatic sarcoma, the combination therapy had a 16% ORR "
                    "compared to 5% for nivolumab alone (67)."], section="Discussion")
    found = measured(doc)
    combo = one(found, "ORR", value=Decimal("16"))
    assert components(combo) == {"nivolumab", "ipilimumab"} and combo.evidence.antecedent_index == 1
    assert combo.study is not None and combo.study.key == "study/alliance-a091401"
    assert components(one(found, "ORR", value=Decimal("5"))) == {"nivolumab"}
    assert_quotes_exact(doc, found)


def test_a_definite_result_after_one_unnamed_trial_takes_its_regimen_and_population() -> None:
    trial = ("In a single-arm phase 2 trial of apatinib in combination with camrelizumab for osteosarcoma, "
             "the 6-month PFS rate was 50.9%.")
    doc = document([trial, "The final objective response rate was 20.9% (9/43)."], section="Introduction")
    orr = one(measured(doc), "ORR")
    assert components(orr) == {"apatinib", "camrelizumab"} and population(orr) == "subtype/osteosarcoma"
    assert orr.evidence.antecedent_index == 1 and orr.evidence.secondary


@pytest.mark.parametrize("paras", [
    [[SEVERAL.replace(" (8, 9)", ""), "The final objective response rate was 20.9% (9/43)."]],  # several trials
    [["In a single-arm phase 2 trial of apatinib in combination with camrelizumab for osteosarcoma, the 6-month "
      "PFS rate was 50.9%."], ["The final objective response rate was 20.9% (9/43)."]],  # another paragraph
])
def test_no_trial_is_continued_where_the_text_does_not_continue_one(paras: list[list[str]]) -> None:
    orr = one(measured(document(*paras, section="Introduction")), "ORR", value=Decimal("20.9"))
    assert orr.regimen is None and orr.evidence.antecedent_index is None


def test_a_standard_compared_with_is_not_the_trials_regimen() -> None:
    doc = document(["The KESTREL-3 study was a phase II study of nivolumab combined with ipilimumab for patients "
                    "with advanced sarcoma.",
                    "The patients in the trial achieved an ORR of 16%, which was comparable to standard chemotherapy."],
                   section="Introduction")
    orr = one(measured(doc), "ORR")
    assert components(orr) == {"nivolumab", "ipilimumab"} and orr.study is not None and orr.study.key == "study/kestrel-3"


def test_corpus_results_take_the_one_regimen_of_the_study_before() -> None:
    cited = {(o.measure, o.value): components(o) for o in measured(corpus_doc("004")) if o.evidence.secondary}
    assert cited[("ORR", Decimal("21.9"))] == {"axitinib", "pembrolizumab"}
    assert cited[("ORR", Decimal("16"))] == {"nivolumab", "ipilimumab"}
    review = {(o.measure, o.value): components(o) for o in measured(corpus_doc("003"))}
    assert review[("ORR", Decimal("16"))] == {"nivolumab", "ipilimumab"}
    own = [o for o in measured(corpus_doc("002")) if o.measure == "PartialResponse" and o.value == Decimal("71.4")]
    assert own and all(components(o) == {"angiogenesis inhibitor", "immune checkpoint inhibitor"} for o in own)


def test_the_combination_is_the_one_combination_beside_an_arm_of_one_agent() -> None:
    doc = document(["A randomized phase II study compared cabozantinib alone with a combination of nivolumab, "
                    "ipilimumab and cabozantinib in sarcoma (24).",
                    "The results showed that the PFS for the combination therapy was significantly longer than that "
                    "for the monotherapy (5.3 months vs 3.5 months)."], section="Discussion")
    found = measured(doc)
    assert components(one(found, "MedianPFS", value=Decimal("5.3"))) == {"nivolumab", "ipilimumab", "cabozantinib"}
    assert components(one(found, "MedianPFS", value=Decimal("3.5"))) != {"nivolumab", "ipilimumab", "cabozantinib"}


def test_such_a_combination_after_the_value_is_the_combination_named_before() -> None:
    doc = document(["Combining immune checkpoint inhibitors with anti-angiogenic therapy has shown enhanced efficacy.",
                    "One real-world study (93) reported an ORR of 48.1% with such a combination."], section="Discussion")
    assert components(one(measured(doc), "ORR")) == {"immune checkpoint inhibitor", "angiogenesis inhibitor"}


# --------------------------------------------------------------------------- a trial's own report

TRIAL_TITLE = "Sorutamab vedotin plus pembrolizumab in advanced sarcoma: the VEDO-PEM phase 2 trial"
THIS_TRIAL = ("In this trial, the combination of a B7-H3-directed antibody-drug conjugate with PD-1 blockade "
              "achieved an ORR of 26.2%, which compares favourably with earlier reports.")


def test_this_trial_in_a_trials_report_is_its_own_with_its_own_drugs() -> None:
    doc = document(["Thirty patients received sorutamab vedotin plus pembrolizumab."], [THIS_TRIAL],
                   section="Discussion", title=TRIAL_TITLE, design="phase 2")
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.key == "study/vedo-pem" and not orr.evidence.secondary
    assert components(orr) == {"sorutamab vedotin", "pembrolizumab"}  # the classes stand for its drugs


def test_our_trial_is_the_documents_own_and_class_words_for_other_drugs_stay_classes() -> None:
    doc = document(["In our trial, adding chemotherapy to PD-1 blockade gave an ORR of 30%."],
                   section="Discussion", title=TRIAL_TITLE, design="phase 2")
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.key == "study/vedo-pem"
    assert components(orr) == {"cytotoxic chemotherapy", "PD-1 inhibitor"}  # chemotherapy is not its drug


def test_this_trial_in_a_report_of_no_trial_is_not_the_documents_own() -> None:
    doc = document([THIS_TRIAL], section="Discussion", title="Pembrolizumab in soft tissue sarcoma: a retrospective study",
                   design="retrospective")
    orr = one(measured(doc), "ORR")
    assert orr.evidence.secondary and (orr.study is None or orr.study.key != doc.context.own_study.key)
    assert components(orr) == {"antibody-drug conjugate", "PD-1 inhibitor"}


def test_this_trial_right_after_a_cited_trial_is_that_trial() -> None:
    doc = document(["In a phase 2 trial of nivolumab for angiosarcoma, 12 patients were enrolled.",
                    "In this trial, the ORR was 25%."], section="Discussion", title=TRIAL_TITLE, design="phase 2")
    orr = one(measured(doc), "ORR")
    assert orr.evidence.secondary and components(orr) == {"nivolumab"} and population(orr) == "subtype/angiosarcoma"


def test_a_sentence_on_the_documents_own_work_passing_to_a_cited_study_gives_it_the_cited_values() -> None:
    doc = document(["Our study found that the combination of PD-1 inhibitors and cytotoxic agents had promising activity, "
                    "which was consistent with a previous study published by Zhou et al, whose report showed that "
                    "penpulimab plus eribulin for 32 patients with leiomyosarcoma achieved an ORR of 12.5% (26)."],
                   section="Discussion")
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.label == "Zhou et al." and orr.evidence.secondary
    assert components(orr) == {"penpulimab", "eribulin"} and population(orr) == "subtype/leiomyosarcoma"


def test_a_comparison_with_an_earlier_value_of_its_own_stays_the_documents() -> None:
    doc = document(["Our study found an ORR of 22.8% with PD-1 inhibitors, which was consistent with a previous "
                    "study (12)."], section="Discussion")
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.key == doc.context.own_study.key and not orr.evidence.secondary


def test_a_subgroup_aside_after_the_cohorts_results_does_not_take_the_next_result() -> None:
    doc = document(["Thirty-two patients were enrolled.", "The ORR was 28.1% (9/32).",
                    "In alveolar soft part sarcoma, the ORR was 42.9% (6/14).", "The median PFS was 7.4 months."])
    pfs = one(measured(doc), "MedianPFS")
    assert population(pfs) == STS and pfs.evidence.antecedent_index is None


@pytest.mark.parametrize(("between", "expected"), [
    ("Lung metastases were frequent in these patients.", {"nivolumab", "ipilimumab"}),  # names no treatment
    ("Pembrolizumab alone gave an ORR of 5%.", None),  # names one: "this combination" is not reached past it
])
def test_this_combination_reaches_past_a_sentence_naming_no_treatment(between: str, expected: set[str] | None) -> None:
    doc = document(["A combination of nivolumab and ipilimumab improved responses in sarcoma.", between,
                    "In an expanded UPS cohort, this combination showed an ORR of 40% (9)."], section="Discussion")
    orr = one(measured(doc), "ORR", value=Decimal("40"))
    assert components(orr) == expected
    assert orr.evidence.antecedent_index == (1 if expected else None)


def test_this_combination_reaches_no_further_than_its_paragraph() -> None:
    doc = document(["A combination of nivolumab and ipilimumab improved responses in sarcoma."],
                   ["Lung metastases were frequent.", "In an expanded UPS cohort, this combination showed an ORR of 40% (9)."],
                   section="Discussion")
    assert one(measured(doc), "ORR").regimen is None


def test_a_regimen_given_is_carried_to_the_next_result_of_its_paragraph_only() -> None:
    given = "Sunitinib was given at 37.5 mg daily to patients with sarcoma (4)."
    result = "Among 10 patients with undifferentiated pleomorphic sarcoma, the ORR was 30% (3/10)."
    same = one(measured(document([given, result], section="Discussion", design="review")), "ORR")
    assert components(same) == {"sunitinib"} and same.evidence.quote.startswith("Sunitinib was given")
    apart = one(measured(document([given], [result], section="Discussion", design="review")), "ORR")
    assert apart.regimen is None and "Sunitinib" not in apart.evidence.quote


def test_totally_within_a_sentence_is_not_the_whole_cohort() -> None:
    doc = document(["In the alveolar soft part sarcoma group, the ORR was 50%.",
                    "The lesions were totally resected, and the median PFS was 17.5 months."])
    assert population(one(measured(doc), "MedianPFS")) == ASPS
