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
    doc = Document("doc-c", "doc-c.txt", text, "0" * 64)
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
