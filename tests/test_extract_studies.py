"""Trials named in text, phases and designs, and the document's own design and size."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import pytest
from tests.test_extract_outcomes import (
    LEXICON,
    NIVO,
    SARC028,
    UPS,
    assert_quotes_exact,
    corpus_doc,
    make_doc,
    measured,
    ref,
)

from sarckg.assemble.study_identity import accepted_ties, find_ties
from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument
from sarckg.extract.entities import annotate
from sarckg.model import Document, EntityRef, Mention, Sentence, StudyDescription, Zone

IPI = ref("Drug", "ipilimumab")
WORDS = {**LEXICON, "ipilimumab": IPI}


@pytest.mark.parametrize(("text", "phase"), [
    ("a single-arm, phase 2 trial", "2"), ("a phase II study", "2"), ("phase 1/2", "1/2"),
    ("a phase Ib/II trial", "1b/2"), ("A Phase I/expanded phase II study", "1/2"), ("phase III", "3"),
    ("no phase here", None),
])
def test_phase(text: str, phase: str | None) -> None:
    assert studies.phase_of(text) == phase


@pytest.mark.parametrize(("text", "design"), [
    ("A retrospective cohort study was performed", "retrospective cohort"),
    ("We retrospectively reviewed the records", "retrospective"),
    ("a real-world, single-center study", "real-world"),
    ("two open-label, non-comparative, randomised, phase 2 trials", "randomised"),
    ("Case report: radiation-induced sarcoma", "case report"),
    ("This review summarizes emerging immunotherapy", "review"),
    ("In animal models, lenvatinib reduced macrophages", "preclinical"),
])
def test_design(text: str, design: str) -> None:
    assert studies.design_of(text) == design


@pytest.mark.parametrize(("text", "size"), [
    ("Thirty-three patients were enrolled; 27 were evaluable.", 33),
    ("A total of 79 patients were included in this study.", 79),
    ("We retrospectively analyzed 24 metastatic sarcoma patients.", 24),
    ("Patients aged 18 years or older were eligible.", None),
    ("This study included 52 patients with mSTS at one hospital.", 52),
    ("We reviewed 41 patients with advanced angiosarcoma treated at two centres.", 41),
])
def test_cohort_size(text: str, size: int | None) -> None:
    assert studies.cohort_size_of(text) == size


def _document(title: str, *lines: str, zone: str = "abstract") -> tuple[Document, list[Sentence]]:
    """A titled document whose other lines are sentences of one zone (an abstract, or the body
    of a letter without one)."""
    text = "\n".join([title, *lines])
    doc = Document("d", "d.txt", text, "0" * 64, title=title)
    sentences, offset = [], 0
    for i, (t, z) in enumerate([(title, "title"), *((line, zone) for line in lines)]):
        sentences.append(Sentence("d", i, offset, offset + len(t), t, tuple(range(offset, offset + len(t))), z))  # type: ignore[arg-type]
        offset += len(t) + 1
    return doc, sentences


def test_describe_document_study() -> None:
    doc, sentences = _document(
        "Efficacy and safety of AIs plus ICIs in advanced STS: a real-world, single-center study",
        "A retrospective cohort study was performed.", "Thirty-three patients were enrolled.",
    )
    assert studies.describe_document_study(doc, sentences) == ("retrospective cohort", 33)
    doc, sentences = _document("Radiation-induced sarcoma after rectal cancer: A case report",
                               "We report a 62-year-old man with 79 patients in the literature.")
    assert studies.describe_document_study(doc, sentences) == ("case report", 1)
    doc, sentences = _document("Emerging immunotherapy for advanced sarcoma", "This review covers 12 trials.")
    assert studies.describe_document_study(doc, sentences) == ("review", None)


def annotated_doc(texts: Sequence[str | tuple[str, Zone, str]], *, title: str | None = None,
                  design: str | None = None) -> AnnotatedDocument:
    """A document of the given sentences (text, or (text, zone, section)) annotated by the real
    matcher, so NCT numbers and code names are the matcher's Study mentions."""
    parts = [(t, "body", "Results") if isinstance(t, str) else t for t in texts]
    document = Document("doc-2", "doc-2.txt", "\n".join(p[0] for p in parts), "0" * 64, title=title)
    sentences, offset = [], 0
    for i, (text, zone, section) in enumerate(parts):
        sentences.append(Sentence("doc-2", i, offset, offset + len(text), text,
                                  tuple(range(offset, offset + len(text))), zone, section))
        offset += len(text) + 1
    return annotate(document, sentences, study_design=design)


def test_trials_named_in_text() -> None:
    doc = annotated_doc([
        "In a single-arm, phase 2 trial (SARC028), pembrolizumab showed activity in patients with UPS.",
        "Nivolumab with or without ipilimumab treatment for metastatic sarcoma (Alliance A091401): "
        "two open-label, non-comparative, randomised, phase 2 trials",
        "In the phase II SPEARHEAD-1 trial, afami-cel achieved an ORR of 43.2%.",
        "A phase II trial (NCT02834013) of ipilimumab and nivolumab in UPS reported a 25% ORR.",
        "The trial enrolled 40 patients at ECOG 0-1 in STS.",
    ])
    found = {s.study.key: s for s in studies.extract(doc) if isinstance(s, StudyDescription)}
    assert set(found) == {"study/sarc028", "study/alliance-a091401", "study/spearhead-1", "study/nct02834013"}
    sarc = found["study/sarc028"]
    assert (sarc.phase, sarc.design, sarc.population.key) == ("2", "single-arm", UPS.key)  # type: ignore[union-attr]
    assert found["study/alliance-a091401"].design == "randomised"
    nct = found["study/nct02834013"]
    assert nct.nct_id == "NCT02834013" and nct.regimen is not None
    assert {c.key for c in nct.regimen.components} == {IPI.key, NIVO.key}


def test_sentence_study_attribution() -> None:
    doc = make_doc([
        ("The SARC028 study reported 20% (2/10) ORR in DDLPS.", "body", "Discussion"),
        ("In the present study, 71.4% (5/7) of patients with ASPS displayed a partial response.", "body", "Discussion"),
        ("Pazopanib showed a 20% (8/40) response rate in a retrospective study (17).", "body", "Discussion"),
        ("The ORR was 22.8% and the DCR was 70.9%.", "body", "Efficacy"),
    ], WORDS)
    got = [studies.sentence_study(s) for s in doc.sentences]
    own = doc.context.own_study
    assert got == [(SARC028, True), (own, False), (None, True), (own, False)]
    review = make_doc(["The ORR was 22.8% and the DCR was 70.9%."], WORDS, design="review")
    assert studies.sentence_study(review.sentences[0]) == (None, True)


@pytest.mark.parametrize(("prefix", "design", "size"), [
    ("000", "case report", 1), ("001", "retrospective", 79), ("002", "retrospective cohort", 33),
    ("003", "review", None), ("004", "retrospective", 24),
])
def test_corpus_document_designs(prefix: str, design: str, size: int | None) -> None:
    doc = corpus_doc(prefix)
    assert (doc.context.study_design, doc.context.cohort_size) == (design, size)


def test_corpus_trials_named() -> None:
    doc = corpus_doc("002")
    found = [s for s in studies.extract(doc) if isinstance(s, StudyDescription)]
    assert_quotes_exact(doc, found)
    keys = {s.study.key for s in found}
    assert {"study/sarc028", "study/alliance-a091401"} <= keys
    assert not any(k.startswith("study/the-") for k in keys)
    own = next(s for s in found if s.study == doc.context.own_study)
    assert (own.design, own.size) == ("retrospective cohort", 33)
    alliance = next(s for s in found if s.study.key == "study/alliance-a091401" and s.evidence.zone == "reference")
    assert (alliance.phase, alliance.design) == ("2", "randomised")
    assert {c.key for c in alliance.regimen.components} == {"drug/ipilimumab", "drug/nivolumab"}  # type: ignore[union-attr]
    review = corpus_doc("003")
    assert not any(s.study == review.context.own_study for s in studies.extract(review))


def test_document_regimen_title_abstract_then_backbone() -> None:
    titled = make_doc([("Angiogenesis inhibitors plus ICIs in soft tissue sarcoma", "title", ""),
                       ("We gave pembrolizumab to all.", "abstract", "")],
                      {**WORDS, "Angiogenesis inhibitors": LEXICON["angiogenesis inhibitors"]})
    regimen = studies.document_regimen(titled)
    assert regimen is not None and {c.key for c in regimen.components} == {
        "class/AngiogenesisInhibitor", "class/ImmuneCheckpointInhibitor"}
    alternatives = [("Outcomes of immunotherapy-based therapy in sarcoma", "title", ""),
                    ("Background: axitinib and nivolumab had effects in mice.", "abstract", ""),
                    ("Patients received PD-1 inhibitors alone or with axitinib and/or sunitinib.", "abstract", "")]
    results = [(f"{n} patients received PD-1 inhibitors and axitinib.", "body", "Results") for n in (3, 4)]
    assert studies.document_regimen(make_doc(alternatives + results, WORDS)) is None
    backbone = studies.document_regimen(make_doc(
        [*alternatives, *results, ("Nine received PD-1 inhibitors with sunitinib.", "body", "Efficacy")], WORDS))
    assert backbone is not None and [c.key for c in backbone.components] == ["class/PD1Inhibitor"]


def test_trial_descriptions_are_cited_and_read_from_their_own_clause() -> None:
    doc = make_doc([
        ("In the SARC028 study, pembrolizumab gave no responses in LPS, which is consistent with a "
         "phase 3 study of nivolumab and ipilimumab in UPS.", "body", "Discussion"),
    ], WORDS)
    (sarc,) = [s for s in studies.extract(doc) if s.study == SARC028]
    assert sarc.phase is None and sarc.population is not None and sarc.population.label == "liposarcoma"
    assert sarc.regimen is not None and [c.key for c in sarc.regimen.components] == ["drug/pembrolizumab"]
    assert sarc.evidence.secondary and sarc.evidence.cites_study == "study/sarc028"


@pytest.mark.parametrize("text", [
    "A pilot trial evaluated XR-415 in six heavily pretreated patients.",
    "Later work found that XR-415 triggers immunogenic cell death.",
    "Phase 2 study of XR-415 in patients with relapsed osteosarcoma.",
])
def test_code_names_that_are_agents_are_no_trials(text: str) -> None:
    doc = make_doc([text], {**WORDS})
    code = next(iter(re.finditer(r"XR-415", text)))
    sentence = doc.sentences[0]
    mention = Mention(EntityRef(f"study/{code[0].lower()}", code[0], "Study", ("ClinicalTrial",), False),
                      code.start(), code.end(), code[0], via="pattern")
    annotated = replace(sentence, mentions=(*sentence.mentions, mention))
    assert studies.named_studies(annotated) == []


def test_the_documents_own_trial_keeps_its_nct_number() -> None:
    doc = make_doc([
        ("Pembrolizumab in UPS: a single-arm phase 2 trial", "title", ""),
        ("Methods: TRIAL-9 (NCT01234567) is a single-arm phase 2 trial of pembrolizumab in UPS.", "abstract", "Abstract"),
    ], WORDS, design="single-arm")
    own = next(s for s in studies.extract(doc) if s.study == doc.context.own_study)
    assert (own.nct_id, own.phase, own.design) == ("NCT01234567", "2", "single-arm")


def test_own_treatments_lists_alternatives_and_combinations() -> None:
    doc = annotated_doc([
        ("We retrospectively reviewed 40 patients with advanced STS at Riverside Hospital.", "abstract", "Abstract"),
        ("Checkpoint inhibitors, including toripalimab and tislelizumab, and anti-angiogenic agents, such as "
         "regorafenib and cabozantinib, were included in the treatment regimens.", "body", "Patients and methods"),
        ("Twelve patients received tislelizumab + regorafenib (n = 12).", "body", "Results"),
        ("Patients who had previously received nivolumab were excluded.", "body", "Patients and methods"),
        ("Chemotherapy-sensitive subtypes may be given sorafenib if chemotherapy fails.", "body", "Patients and methods"),
        ("In the SARC028 trial, pembrolizumab was given to 40 patients.", "body", "Results"),
    ], design="retrospective")
    found = [s for s in studies.own_treatments(doc) if s.study == doc.context.own_study]
    regimens = {tuple(c.label for c in s.regimen.components) for s in found if s.regimen}
    assert {("toripalimab",), ("tislelizumab",), ("regorafenib",), ("cabozantinib",),
            ("regorafenib", "tislelizumab")} <= regimens
    assert not {("nivolumab",), ("sorafenib",), ("pembrolizumab",)} & regimens
    assert all(s.evidence.sentence_index in (1, 2) for s in found)
    review = annotated_doc(["Patients received toripalimab and regorafenib."], design="review")
    assert list(studies.own_treatments(review)) == []


def test_corpus_own_study_evaluates_what_its_patients_received() -> None:
    doc = corpus_doc("002")
    given = {c.label for s in studies.extract(doc) if s.study == doc.context.own_study and s.regimen
             for c in s.regimen.components}
    assert {"anlotinib", "apatinib", "sunitinib", "sintilimab", "toripalimab", "camrelizumab",
            "pembrolizumab"} <= given
    assert not given & {"durvalumab", "tremelimumab", "atezolizumab"}  # cited trials' agents


def test_corpus_own_study_evaluates_its_combinations_and_listed_agents() -> None:
    doc = corpus_doc("001")
    regimens = {tuple(sorted(c.label for c in s.regimen.components))
                for s in studies.own_treatments(doc) if s.regimen}
    assert {("anlotinib", "sintilimab"), ("apatinib", "camrelizumab", "ifosfamide"), ("geptanolimab",),
            ("eribulin",)} <= regimens
    assert ("anlotinib", "apatinib", "camrelizumab", "sintilimab") not in regimens  # alternatives stay apart


@pytest.mark.parametrize(("title", "key"), [
    ("Veltrolimab plus davoratinib in BSNS: the VELDA-2 phase 2 trial", "study/velda-2"),
    ("Pembrolizumab in advanced soft-tissue sarcoma (SARC028): a multicentre, single-arm, phase 2 trial",
     "study/sarc028"),
    ("Ostiraleucel in advanced sarcomas: results from the multicohort PRISM-S phase 1/2 study", "study/prism-s"),
    ("Pembrolizumab in sarcoma: the ORCA-7 trial (NCT04567891)", "study/orca-7"),
    ("Drug X plus drug Y in two sarcomas: a multicentre phase Ib/II trial (HARBOR-3)", "study/harbor-3"),
    ("Drug X in UPS: a phase II study (KITE-2)", "study/kite-2"),  # the phase numeral is no code name
    ("Lessons from the SARC028 trial: a narrative review", None),  # reviews trials
    ("Comparing the ORCA-7 trial and the KESTREL-3 trial in sarcoma", None),  # several
    ("Efficacy of angiogenesis inhibitors plus ICIs in soft tissue sarcoma: a single-center study", None),
])
def test_the_trial_a_title_names_as_the_papers_own(title: str, key: str | None) -> None:
    trial = studies.title_trial(title)
    assert (trial.key if trial else None) == key


def test_own_study_is_the_trial_its_title_names() -> None:
    from sarckg.extract.entities import own_study

    named = Document("d", "d.txt", "x", "0" * 64, title="Drug X in UPS: the ORCA-7 phase 2 trial")
    assert own_study(named).key == "study/orca-7" and "ClinicalTrial" in own_study(named).types
    plain = Document("d", "d.txt", "x", "0" * 64, title="Drug X in UPS: a retrospective study")
    assert own_study(plain).key == "study/d" and own_study(plain).label == plain.title
    assert own_study(Document("d", "d.txt", "x", "0" * 64)).key == "study/d"


def test_the_own_trial_and_its_registry_number_are_not_cited() -> None:
    doc = annotated_doc([
        ("Drug X in UPS: the ORCA-7 phase 2 trial", "title", ""),
        ("Methods: ORCA-7 (NCT04567891) is a single-arm phase 2 trial in UPS.", "abstract", "Abstract"),
        ("The KESTREL-3 trial (NCT05550001) enrolled 20 patients with UPS.", "body", "Discussion"),
    ], title="Drug X in UPS: the ORCA-7 phase 2 trial", design="single-arm")
    assert doc.context.own_study.key == "study/orca-7"
    assert studies.sentence_study(doc.sentences[1]) == (doc.context.own_study, False)
    described = {(s.study.key, s.evidence.secondary) for s in studies.extract(doc) if isinstance(s, StudyDescription)}
    assert {("study/orca-7", False), ("study/nct04567891", False)} <= described
    assert {("study/kestrel-3", True), ("study/nct05550001", True)} <= described
    assert ("study/nct04567891", True) not in described


@pytest.mark.parametrize(("text", "names"), [
    ("PRISM-S (NCT06218874) is an open-label phase 1/2 study.", {"study/prism-s", "study/nct06218874"}),
    ("A trial of TQB2450 (NCT01234567) is ongoing.", {"study/nct01234567"}),  # the code names a drug
])
def test_a_code_name_before_its_registry_number_is_a_trial(text: str, names: set[str]) -> None:
    (sentence,) = annotated_doc([text]).sentences
    assert {r.key for r in studies.named_studies(sentence)} == names


@pytest.mark.parametrize(("text", "key"), [
    ("In SARC028 (NCT02301039), 40 patients were evaluable.", "study/sarc028"),
    ("The KESTREL-3 trial enrolled 20 patients.", "study/kestrel-3"),
    ("The ORCA-7 trial and the KESTREL-3 trial enrolled patients.", None),
    ("NCT04567891 and NCT05550001 enrolled patients.", None),
])
def test_one_named_trial(text: str, key: str | None) -> None:
    (sentence,) = annotated_doc([text]).sentences
    trial = studies.one_named_trial(sentence)
    assert (trial.key if trial else None) == key


def test_a_letter_without_abstract_is_read_from_its_first_sentences_and_no_review_by_a_word() -> None:
    doc, sentences = _document(
        "Response to PD-1 blockade in fusion-driven sarcomas",
        "Findings: In this multicentre series of 37 patients, the objective response rate was 29.7%.",
        "Limitations include the retrospective design and the lack of central review of imaging.",
        zone="body",
    )
    assert studies.describe_document_study(doc, sentences) == ("retrospective", 37)
    doc, sentences = _document("Checkpoint inhibitors in rare sarcomas", "In this review, we summarise 12 trials.",
                                zone="body")
    assert studies.describe_document_study(doc, sentences)[0] == "review"
    doc, sentences = _document("Drug X in synovial sarcoma: results from the ORCA-7 phase 1/2 study",
                               *["Patients received drug X."] * 30, "A randomised comparison with drug Y is planned.",
                               zone="body")
    assert studies.describe_document_study(doc, sentences)[0] == "phase 1/2"  # the title's, not a planned trial's


@pytest.mark.parametrize(("text", "same"), [
    ("An ORR of 40% was reported with such a combination.", True),
    ("After 9 months of the combination treatment, lesions shrank.", True),
    ("Due to toxicity, this regimen used a lower dose.", True),
    ("The same therapy gave a median PFS of 5 months.", True),
    ("A combination of X and Y gave an ORR of 30%.", False),
    ("Combination therapy is under study.", False),
])
def test_a_regimen_named_before_is_referred_to(text: str, same: bool) -> None:
    assert (studies.SAME_REGIMEN_RE.search(text) is not None) is same


@pytest.mark.parametrize(("title", "key"), [
    ("Drug X in advanced synovial sarcoma: a phase 2 trial", "subtype/synovial-sarcoma"),
    ("Drug X in synovial sarcoma and myxoid liposarcoma: a phase 2 trial", None),  # the cohort is both
    ("Drug X in synovial sarcoma or leiomyosarcoma: a phase 2 trial", None),
])
def test_the_population_a_title_names(title: str, key: str | None) -> None:
    doc = annotated_doc([(title, "title", ""), "Patients received drug X."], title=title)
    found = studies.document_population(doc)
    assert (found.key if found else None) == key


@pytest.mark.parametrize(("text", "expected"), [
    ("Smith et al. evaluated the VEGF receptor tyrosine kinase inhibitor, axitinib, plus the PD-1 inhibitor, "
     "pembrolizumab, in sarcoma.", {"axitinib", "pembrolizumab"}),
    ("A combination of nivolumab and the CTLA-4 inhibitor ipilimumab improved responses.", {"nivolumab", "ipilimumab"}),
    ("Patients received apatinib in combination with camrelizumab (SHR-1210).", {"apatinib", "camrelizumab"}),
    ("A phase 2 trial paired axitinib with pembrolizumab in UPS.", {"axitinib", "pembrolizumab"}),
    ("Nine received a combination of PD-1 inhibitors, cytotoxic agents, and antiangiogenic agents.",
     {"PD-1 inhibitor", "cytotoxic chemotherapy", "angiogenesis inhibitor"}),
    ("Patients were treated with pembrolizumab.", {"pembrolizumab"}),
    # an adjective describing a drug does not part the combination
    ("A combination of sunitinib and novel PD-1 antibody nivolumab was active.", {"sunitinib", "nivolumab"}),
    ("A combination of sunitinib and oral apatinib was active.", {"sunitinib", "apatinib"}),
    # arms, alternatives and lists are not one combination
    ("Sunitinib was given, and a new cohort received nivolumab.", None),
    ("The study compared nivolumab with ipilimumab in sarcoma.", None),
    ("Patients received nivolumab or ipilimumab.", None),
    ("The agents included anlotinib, apatinib, and sunitinib.", None),
    ("Nivolumab plus ipilimumab was compared with nivolumab alone.", None),
    ("The ORR was 54.5% to axitinib plus pembrolizumab and 57% to nivolumab plus sunitinib.", None),
    ("Sarcoma is a rare tumour.", None),
])
def test_one_regimen_is_one_combination_or_one_agent(text: str, expected: set[str] | None) -> None:
    (sentence,) = annotated_doc([text]).sentences
    regimen = studies.one_regimen(sentence)
    assert ({c.label for c in regimen.components} if regimen else None) == expected


def _cohort_doc(texts: Sequence[str | tuple[str, Zone, str]], size: int | None = 24) -> AnnotatedDocument:
    doc = annotated_doc(texts, design="retrospective")
    return annotate(doc.document, [s.sentence for s in doc.sentences], study_design="retrospective", cohort_size=size)


ABSTRACT = ("Results: Six patients received 2 cycles of anti-PD-1 therapy and the ORR was 16.7%.", "abstract", "Abstract")
MOST = ("A total of 20 patients were given anti-PD-1 therapy combined with apatinib, an angiogenesis inhibitor.",
        "body", "Patient information and treatment")


def labels(regimen: object) -> set[str] | None:
    return {c.label for c in regimen.components} if regimen is not None else None  # type: ignore[attr-defined]


def test_the_document_regimen_is_what_most_of_its_patients_were_given() -> None:
    doc = _cohort_doc([ABSTRACT, MOST])
    assert labels(studies.document_regimen(doc)) == {"PD-1 inhibitor", "apatinib"}


@pytest.mark.parametrize(("texts", "size"), [
    ([ABSTRACT, MOST], 48),  # 20 of 48 is not most
    ([ABSTRACT, MOST], None),  # a cohort of unknown size
    ([ABSTRACT, ("A total of 20 patients had received chemotherapy before enrolment.", "body", "Patients")], 24),
    ([ABSTRACT, ("Twenty patients received either pembrolizumab or nivolumab.", "body", "Treatment")], 24),
])
def test_a_minority_prior_treatment_or_alternatives_are_not_the_document_regimen(
        texts: list[tuple[str, Zone, str]], size: int | None) -> None:
    assert labels(studies.document_regimen(_cohort_doc(texts, size))) == {"PD-1 inhibitor"}  # the abstract's


def test_the_title_names_the_document_regimen_before_its_methods() -> None:
    doc = _cohort_doc([("Pembrolizumab in metastatic sarcoma", "title", ""), ABSTRACT, MOST])
    assert labels(studies.document_regimen(doc)) == {"pembrolizumab"}


def test_corpus_document_regimen_of_a_cohort_mostly_given_a_combination() -> None:
    doc = corpus_doc("004")
    assert labels(studies.document_regimen(doc)) == {"PD-1 inhibitor", "apatinib"}
    assert labels(studies.document_regimen(corpus_doc("001"))) == {"PD-1 inhibitor"}
    own = [o for o in measured(doc) if o.study is not None and o.study.key == doc.context.own_study.key]
    assert own and all(labels(o.regimen) == {"PD-1 inhibitor", "apatinib"} for o in own if o.evidence.sentence_index < 10)


@pytest.mark.parametrize(("text", "given"), [
    ("A phase 2 trial of apatinib in combination with camrelizumab for osteosarcomas that progressed after advanced "
     "chemotherapy reported a 6-month PFS of 50.9%.", {"apatinib", "camrelizumab"}),
    ("Pembrolizumab was given to patients refractory to doxorubicin.", {"pembrolizumab"}),
    ("Nivolumab was studied in patients previously treated with ipilimumab.", {"nivolumab"}),
    ("Sunitinib was given after failure of doxorubicin and ifosfamide.", {"sunitinib"}),
    ("Patients progressing on pembrolizumab received ipilimumab.", {"ipilimumab"}),
    ("Patients whose sarcoma relapsed after doxorubicin received eribulin.", {"eribulin"}),
    # treatment given, not a line before
    ("After 2 cycles of pembrolizumab, the ORR was 20%.", {"pembrolizumab"}),
    ("Pembrolizumab was given until progression or unacceptable toxicity.", {"pembrolizumab"}),
    ("Patients who progressed received nivolumab plus ipilimumab.", {"nivolumab", "ipilimumab"}),
    ("Eribulin was active in patients unresponsive to doxorubicin.", {"eribulin"}),
    ("Eribulin was active in patients non-responsive to doxorubicin.", {"eribulin"}),
    ("Eribulin was active in patients responsive to doxorubicin.", {"eribulin", "doxorubicin"}),
])
def test_agents_of_a_line_before_are_not_given(text: str, given: set[str]) -> None:
    (sentence,) = annotated_doc([text]).sentences
    assert {m.entity.label for m in studies.given_agents(sentence)} == given


def test_corpus_prior_chemotherapy_is_not_part_of_the_cited_regimen() -> None:
    cited = [o for o in measured(corpus_doc("004")) if o.population is not None
             and o.population.key == "subtype/osteosarcoma" and o.evidence.secondary]
    assert cited and all(labels(o.regimen) == {"apatinib", "camrelizumab"} for o in cited)


@pytest.mark.parametrize(("text", "ncts"), [
    ("The ORVIK trial and another trial (NCT05688888) enrolled patients with UPS.",
     {"study/orvik": None, "study/nct05688888": "NCT05688888"}),  # two trials: the number is not ORVIK's
    ("The ORVIK phase 2 trial (NCT05688888) enrolled patients with UPS.",
     {"study/orvik": "NCT05688888", "study/nct05688888": "NCT05688888"}),  # apposition: one trial
])
def test_a_named_trial_has_only_its_own_registry_number(text: str, ncts: dict[str, str | None]) -> None:
    found = {s.study.key: s.nct_id for s in studies.extract(annotated_doc([text])) if isinstance(s, StudyDescription)}
    assert found == ncts
    tied = accepted_ties(find_ties(studies.extract(annotated_doc([text]))))
    assert tied == ({} if ncts["study/orvik"] is None else {"NCT05688888": "study/orvik"})


def test_document_level_readings_are_computed_once_per_document() -> None:
    calls: list[AnnotatedDocument] = []

    @studies.per_document
    def read(doc: AnnotatedDocument) -> int:
        calls.append(doc)
        return len(doc.sentences)

    a, b = annotated_doc(["One sentence."]), annotated_doc(["One sentence.", "Two sentences."])
    assert (read(a), read(a), read(b), read(b)) == (1, 1, 2, 2)
    assert len(calls) == 2 and calls[0] is a and calls[1] is b
