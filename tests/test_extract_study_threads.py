"""A result sentence that names no trial but goes on describing one takes that trial."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.test_extract_outcomes import assert_quotes_exact, corpus_doc, measured, one

from sarckg.extract import study_threads
from sarckg.extract.base import AnnotatedDocument
from sarckg.extract.entities import annotate
from sarckg.model import Document, Sentence

ORCA = "In the ORCA-7 trial (NCT04567891), 40 patients with soft tissue sarcoma were evaluable for response."
RESULT = "The UPS cohort achieved its primary endpoint (ORR: 23%; median PFS: 3 months)."


def paragraphs(*paras: list[str], section: str = "Discussion", references: str = "") -> AnnotatedDocument:
    """A document of paragraphs (sentences joined by a space, paragraphs by a blank line),
    annotated by the real matcher; ``references`` is a reference list written after them."""
    text, spans = "", []
    for p, sentences in enumerate(paras):
        if p:
            text += "\n\n"
        for i, s in enumerate(sentences):
            text += " " if i else ""
            spans.append((len(text), s))
            text += s
    document = Document("doc-t", "doc-t.txt", text + references, "0" * 64)
    sentences = [Sentence("doc-t", i, start, start + len(s), s, tuple(range(start, start + len(s))), "body", section)
                 for i, (start, s) in enumerate(spans)]
    return annotate(document, sentences)


def test_an_expansion_cohort_result_takes_the_trial_named_sentences_before() -> None:
    doc = paragraphs([
        ORCA,
        "Of these patients, 10 had UPS and 10 had liposarcoma.",
        "To confirm the activity in UPS, the study opened an expansion cohort of 30 patients with UPS.",
        RESULT,
    ])
    found = measured(doc)
    orr = one(found, "ORR", value=Decimal("23"))
    assert orr.study is not None and orr.study.key == "study/orca-7"
    ev = orr.evidence
    assert ev.antecedent_index == 0 and ev.sentence_index == 3
    assert ev.quote.startswith("In the ORCA-7 trial") and ev.quote.endswith(RESULT)
    assert ev.secondary and ev.cites_study == "study/orca-7"
    assert one(found, "MedianPFS").study == orr.study
    assert_quotes_exact(doc, found)


def test_a_thread_gives_the_trials_one_regimen_and_population_to_a_result_naming_none() -> None:
    doc = paragraphs([
        "The KESTREL-3 study was a randomized phase II study of nivolumab combined with ipilimumab "
        "for patients with advanced soft tissue sarcoma.",
        "The patients in the trial achieved an objective remission of 16%.",
        "In the same clinical trial, the objective remission with nivolumab was 5%.",
    ])
    found = measured(doc)
    combo, alone = one(found, "ORR", value=Decimal("16")), one(found, "ORR", value=Decimal("5"))
    assert {c.label for c in combo.regimen.components} == {"nivolumab", "ipilimumab"}  # type: ignore[union-attr]
    assert [c.label for c in alone.regimen.components] == ["nivolumab"]  # type: ignore[union-attr]
    assert combo.population is not None and combo.population.key == "subtype/soft-tissue-sarcoma"
    assert alone.population == combo.population
    assert combo.study == alone.study and combo.study is not None and combo.study.key == "study/kestrel-3"
    assert alone.evidence.antecedent_index == 0


def test_a_trial_of_several_arms_gives_no_regimen() -> None:
    doc = paragraphs([
        "The KESTREL-3 study compared nivolumab with ipilimumab in soft tissue sarcoma.",
        "In the trial, the ORR was 15%.",
    ])
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.key == "study/kestrel-3" and orr.regimen is None


@pytest.mark.parametrize(("given", "expected"), [
    ("nivolumab with ipilimumab", {"nivolumab", "ipilimumab"}),  # one combination, however joined
    ("axitinib together with pembrolizumab", {"axitinib", "pembrolizumab"}),
    ("nivolumab or ipilimumab", None),  # alternatives: neither
])
def test_a_thread_gives_the_one_regimen_its_trial_names_however_joined(given: str, expected: set[str] | None) -> None:
    doc = paragraphs([f"The KESTREL-3 study was a phase II study of {given} in soft tissue sarcoma.", RESULT])
    thread = study_threads.thread_of(doc, doc.sentences[-1])
    assert thread is not None and thread.study.key == "study/kestrel-3"
    regimen = thread.regimen()
    assert ({c.label for c in regimen.components} if regimen else None) == expected
    orr = one(measured(doc), "ORR")
    assert orr.regimen == regimen and orr.study == thread.study


def test_the_nearest_named_trial_wins() -> None:
    doc = paragraphs([
        ORCA,
        "The KESTREL-3 trial (NCT05550001) enrolled 20 patients with UPS.",
        "In the trial, the ORR was 15%.",
    ])
    orr = one(measured(doc), "ORR")
    assert orr.study is not None and orr.study.key == "study/kestrel-3"
    assert orr.evidence.antecedent_index == 1


@pytest.mark.parametrize("paras", [
    [[ORCA], [RESULT]],  # a paragraph break
    [[ORCA, "Immunotherapy remains an active field of research in sarcoma.", RESULT]],  # no reference back
    [[ORCA, "A randomized study of the same agent is under way.", RESULT]],  # a new study introduced
    [[ORCA, "In our cohort, the UPS cohort had an ORR of 23%."]],  # the document's own work
    [[ORCA, "A subsequent phase II trial reported an ORR of 23% in the UPS cohort."]],  # another trial
    [[ORCA, "In the phase 2 trial evaluating nivolumab, the ORR was 23%."]],  # a trial described afresh
    [[ORCA, "Smith et al. found that the UPS cohort had an ORR of 23%."]],  # authors' own study
    [["The ORCA-7 and KESTREL-3 trials enrolled patients with UPS.", RESULT]],  # two trials named
    [[ORCA, *["Of these patients, the study kept the UPS cohort."] * 4, RESULT]],  # too far back
])
def test_no_trial_is_carried_over(paras: list[list[str]]) -> None:
    doc = paragraphs(*paras)
    last = doc.sentences[-1]
    assert study_threads.thread_of(doc, last) is None
    results = [o for o in measured(doc) if o.evidence.sentence_index == last.sentence.index]
    assert results  # each last sentence reports a value: what it takes is checked
    for o in results:
        assert o.study is None or o.study.key not in ("study/orca-7", "study/kestrel-3")
        assert o.evidence.antecedent_index is None


@pytest.mark.parametrize(("text", "continues"), [
    ("The study created 2 expansion cohorts.", True),
    ("In the same clinical trial, the ORR with nivolumab was 5%.", True),
    ("Of these cases, patients with UPS had higher responses.", True),
    ("An expansion cohort of 40 patients was added.", True),
    ("The LPS cohort had an ORR of 10%.", True),
    ("In this study, we found an ORR of 10%.", False),
    ("The study of Smith showed an ORR of 10%.", False),
    ("A later trial showed an ORR of 10%.", False),
    ("The ORR was 10%.", False),
])
def test_what_refers_back_to_a_trial(text: str, continues: bool) -> None:
    assert study_threads.continues_a_trial(text) is continues


def test_corpus_expansion_cohort_result_is_the_named_trials() -> None:
    doc = corpus_doc("004")
    found = measured(doc)
    orr = one(found, "ORR", value=Decimal("23"))
    assert orr.study is not None and orr.study.key == "study/sarc028"
    assert [c.label for c in orr.regimen.components] == ["pembrolizumab"]  # type: ignore[union-attr]
    remission = one(found, "ORR", value=Decimal("16"))  # "The patients in the trial achieved ..."
    assert remission.study is not None and remission.study.key == "study/alliance-a091401"
    anchor = doc.sentences[[s.sentence.index for s in doc.sentences].index(orr.evidence.antecedent_index)]
    assert "SARC028" in anchor.text and "(ORR: 23%" in " ".join(orr.evidence.quote.split())
    assert_quotes_exact(doc, found)


def test_corpus_a_trial_described_afresh_keeps_its_own_study() -> None:
    """"In the phase 2 trial evaluating the durvalumab plus tremelimumab ..." follows a sentence
    naming Alliance A091401, but is another trial: the one its citation names."""
    doc = corpus_doc("002")
    (after,) = [s for s in doc.sentences if s.text.startswith("In the phase 2 trial evaluating the durvalumab")]
    assert "Alliance A091401" in doc.sentences[doc.sentences.index(after) - 1].text
    assert study_threads.thread_of(doc, after) is None
    orr = one([o for o in measured(doc) if o.evidence.sentence_index == after.sentence.index], "ORR")
    assert orr.study is not None and orr.study.key != "study/alliance-a091401"
    assert orr.evidence.antecedent_index is None


def test_a_call_for_future_study_neither_continues_nor_breaks_the_thread() -> None:
    doc = paragraphs([
        ORCA,
        "To confirm the activity, the study opened expansion cohorts of UPS and liposarcoma.",
        RESULT,
        "The efficacy in UPS therefore deserves further evaluation in a randomized study.",
        "However, the activity was not confirmed in the liposarcoma cohort (ORR: 10%).",
    ])
    found = measured(doc)
    lps = one(found, "ORR", value=Decimal("10"))
    assert lps.study is not None and lps.study.key == "study/orca-7"
    assert lps.population is not None and lps.population.key == "subtype/liposarcoma"  # not the comment's UPS
    assert lps.evidence.antecedent_index == 0
    assert_quotes_exact(doc, found)


@pytest.mark.parametrize(("text", "comment"), [
    ("The efficacy in UPS therefore deserves further evaluation in a randomized study.", True),
    ("These findings should be validated in larger trials.", True),
    ("This warrants prospective investigation.", True),
    ("The ORR of 23% warrants further evaluation.", False),  # reports a result
    ("Our study should be validated.", False),  # the document's own work
    ("The ORR was 10%.", False),
])
def test_what_is_a_call_for_future_study(text: str, comment: bool) -> None:
    assert study_threads.comments_on_future_work(text) is comment


def test_corpus_the_second_expansion_cohort_after_a_comment_is_the_named_trials() -> None:
    doc = corpus_doc("004")
    found = measured(doc)
    lps = one(found, "ORR", value=Decimal("10"))
    assert lps.study is not None and lps.study.key == "study/sarc028"
    assert lps.population is not None and lps.population.key == "subtype/liposarcoma"
    assert_quotes_exact(doc, found)


# --------------------------------------------------------------------------- cited studies

REFERENCES = ("\n\nReferences\n\n12. Kowalski CM, Ortega A. Lenvatinib and toripalimab in sarcoma. Lancet Oncol. 2019.\n"
              "13. Haverkamp J, Lund K. An expanded cohort. J Clin Oncol. 2021.\n"
              "14. Mbeki P, Sato R. Nivolumab and sunitinib in sarcoma. Ann Oncol. 2020.\n")
COMBO = ("A combination of lenvatinib and novel PD-1 antibody toripalimab exhibited a favorable efficacy in metastatic "
         "leiomyosarcoma patients unresponsive to chemotherapy (12).")
ENROLLED = "Among the 24 evaluable patients, the ORR was 29.2%, and median PFS was 6.1 months."
LT = {"lenvatinib", "toripalimab"}


def cited(*paras: list[str]) -> AnnotatedDocument:
    return paragraphs(*paras, references=REFERENCES)


def components(o: object) -> set[str] | None:
    regimen = getattr(o, "regimen", None)
    return {c.label for c in regimen.components} if regimen is not None else None


def test_results_going_on_about_a_cited_study_take_its_regimen_study_and_population() -> None:
    doc = cited([COMBO, ENROLLED])
    found = measured(doc)
    orr, pfs = one(found, "ORR"), one(found, "MedianPFS")
    assert components(orr) == LT and components(pfs) == LT  # chemotherapy was before, not given
    assert orr.population is not None and orr.population.key == "subtype/leiomyosarcoma"
    assert orr.study is not None and orr.study.label == "Kowalski et al., 2019" and orr.evidence.secondary
    assert orr.evidence.antecedent_index == 0 and orr.evidence.quote == f"{COMBO} {ENROLLED}"
    assert_quotes_exact(doc, found)


def test_a_cohort_of_the_cited_study_naming_its_population_keeps_it() -> None:
    expanded = "In an expanded UPS cohort, this regimen achieved an ORR of 40%, including 2 CR and 8 PR."
    doc = cited([COMBO, ENROLLED, expanded])
    found = [o for o in measured(doc) if o.evidence.sentence_index == 2]
    orr = one(found, "ORR")
    assert components(orr) == LT and orr.study is not None and orr.study.label == "Kowalski et al., 2019"
    assert orr.population is not None and orr.population.key == "subtype/undifferentiated-pleomorphic-sarcoma"
    assert orr.evidence.antecedent_index == 0 and components(one(found, "PartialResponse")) == LT
    assert_quotes_exact(doc, found)


def test_a_cohort_citing_another_report_keeps_its_study_and_takes_this_combination() -> None:
    """Its own citation is another report: the study is that one's; "this combination" still
    names the regimen, reaching past a sentence that names no treatment."""
    doc = cited([COMBO, ENROLLED, "In an expanded UPS cohort, this combination showed an ORR of 40% (13)."])
    orr = one(measured(doc), "ORR", value=Decimal("40"))
    assert orr.study is not None and orr.study.label == "Haverkamp et al., 2021"
    assert components(orr) == LT and orr.evidence.antecedent_index == 0


@pytest.mark.parametrize("follow", [
    "The ORR was 29.2% and median PFS was 6.1 months.",  # a definite result right after
    "Notably, UPS patients achieved an ORR of 29.2%.",  # a subgroup right after
    "In the trial, the ORR was 29.2%.",
    "These patients had an ORR of 29.2%.",
    "With this regimen, the ORR was 29.2%.",
])
def test_what_goes_on_about_the_cited_study_just_introduced(follow: str) -> None:
    orr = one(measured(cited([COMBO, follow])), "ORR")
    assert components(orr) == LT and orr.evidence.antecedent_index == 0


@pytest.mark.parametrize("paras", [
    [[COMBO], [ENROLLED]],  # another paragraph
    [[COMBO, "Among the 24 evaluable patients treated with sunitinib, the ORR was 29.2%."]],  # another agent
    [[COMBO, "Among the 24 enrolled patients, the ORR was 29.2% (14)."]],  # another study's citation
    [[COMBO, "A randomized trial enrolled 40 patients.", ENROLLED]],  # another study introduced
    [[COMBO, "Mbeki et al. enrolled 40 patients.", ENROLLED]],  # (their patients: the authors' study)
    [[COMBO.replace(" (12)", ""), ENROLLED]],  # no cited study: no citation, authors or trial name
    [["Lenvatinib is recommended as a first-line treatment for metastatic leiomyosarcoma (12).",
      "The ORR was 29.2%."]],  # a general claim, not a study
    [[COMBO.replace("A combination of lenvatinib and", "Lenvatinib was compared with"), ENROLLED]],  # arms
    [[COMBO, "Immunotherapy remains an active field.", ENROLLED]],  # a sentence not going on about it
    [[COMBO, "Lung metastases were frequent.", "The ORR was 29.2%."]],  # a definite result, not right after
    [[COMBO, ENROLLED, ENROLLED, ENROLLED, ENROLLED]],  # too far back
])
def test_no_cited_study_is_carried_where_the_text_does_not_go_on_about_it(paras: list[list[str]]) -> None:
    doc = cited(*paras)
    last = doc.sentences[-1]
    assert study_threads.cited_thread(doc, last) is None
    results = [o for o in measured(doc) if o.evidence.sentence_index == last.sentence.index]
    assert results  # each last sentence reports a value: what it takes is checked
    for o in results:
        assert not (components(o) or set()) & LT and o.evidence.antecedent_index != 0


SUBSEQUENT = "A subsequent phase II trial (NCT01234567) showed activity in several other subtypes (13)."


def test_a_subsequent_trial_naming_no_agent_is_of_the_regimen_described_before() -> None:
    doc = cited(["Sunitinib plus nivolumab achieved an ORR of 21% in sarcoma (14).",
                 "Due to toxicity, this regimen used a lower dose of sunitinib.", SUBSEQUENT,
                 "Angiosarcoma patients had a PR rate of 33% and a median PFS of 3.9 months."])
    found = [o for o in measured(doc) if o.evidence.sentence_index == 3]
    pr = one(found, "PartialResponse")
    assert components(pr) == {"sunitinib", "nivolumab"} and pr.population is not None
    assert pr.population.key == "subtype/angiosarcoma" and pr.study is not None and pr.study.key == "study/nct01234567"
    assert pr.evidence.antecedent_index == 0  # the quote starts where the regimen is named
    assert_quotes_exact(doc, found)


@pytest.mark.parametrize(("later", "expected"), [
    ("A subsequent phase II trial reported an ORR of 30% in angiosarcoma (13).", {"sunitinib", "nivolumab"}),
    ("A subsequent phase II trial of pembrolizumab reported an ORR of 30% in angiosarcoma (13).", {"pembrolizumab"}),
    ("A randomized phase II trial reported an ORR of 30% in angiosarcoma (13).", None),  # not said to follow
])
def test_a_later_trial_reporting_results_takes_the_regimen_only_when_it_follows_naming_none(
        later: str, expected: set[str] | None) -> None:
    doc = cited(["Sunitinib plus nivolumab achieved an ORR of 21% in sarcoma (14).", later])
    orr = one(measured(doc), "ORR", value=Decimal("30"))
    assert components(orr) == expected
    assert orr.study is not None and orr.study.label == "Haverkamp et al., 2021"


@pytest.mark.parametrize(("text", "cue"), [
    ("Among the 30 enrolled patients, the ORR was 36%.", "strong"),
    ("In an expanded ASPS cohort, the ORR was 79%.", "strong"),
    ("Due to toxicity, this regimen used a lower dose.", "strong"),
    ("The ORR was 30.4% and the median PFS was 7.7 months.", "weak"),
    ("Notably, ASPS patients achieved an ORR of 54%.", "weak"),
    ("The prognosis remains poor.", None),  # a definite sentence reporting nothing
    ("ASPS is rare.", None),
    ("Another trial reported an ORR of 30% in these patients.", None),  # another study
    ("In our study, these patients had an ORR of 30%.", None),  # the document's own
])
def test_how_a_sentence_refers_back_to_a_cited_study(text: str, cue: str | None) -> None:
    (s,) = paragraphs([text]).sentences
    assert study_threads._cue(s) == cue


def test_corpus_a_reviews_cited_studies_go_on_over_sentences() -> None:
    doc = corpus_doc("003")
    found = measured(doc)
    (enrolled,) = [o for o in found if o.measure == "ORR" and o.value == Decimal("36.7")
                   and o.evidence.quote.endswith("Among the 30 enrolled patients, the ORR was 36.7%, and median PFS was 7.8 months.")]
    assert components(enrolled) == {"anlotinib", "benmelstobart"}
    assert enrolled.population is not None and enrolled.population.key == "subtype/soft-tissue-sarcoma"
    expanded = one(found, "ORR", value=Decimal("79.3"))
    assert components(expanded) == {"anlotinib", "benmelstobart"}
    assert expanded.population is not None and expanded.population.key == "subtype/alveolar-soft-part-sarcoma"
    angio = one(found, "PartialResponse", value=Decimal("33"))
    assert components(angio) == {"nivolumab", "sunitinib"} and angio.population is not None
    assert angio.population.key == "subtype/angiosarcoma" and angio.study is not None and "NCT03277924" in angio.study.label
    asps = one(found, "ORR", value=Decimal("54.5"))
    assert components(asps) == {"axitinib", "pembrolizumab"}
    assert asps.population is not None and asps.population.key == "subtype/alveolar-soft-part-sarcoma"
    assert components(one(found, "ORR", value=Decimal("30.4"))) == {"durvalumab", "pazopanib"}
    assert_quotes_exact(doc, found)
