"""Outcome measurements from prose: pairing measures with values, regimens, populations, studies."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sarckg.corpus import read_corpus, split_document
from sarckg.extract import outcomes
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence, ExtractionContext
from sarckg.extract.entities import annotate
from sarckg.extract.pipeline import mined
from sarckg.extract.studies import describe_document_study
from sarckg.model import (
    Document,
    EntityRef,
    Mention,
    OutcomeMeasurement,
    RegimenStudied,
    Sentence,
    Statement,
    Zone,
    slugify,
)

# --------------------------------------------------------------------------- hand-built documents


def ref(category: str, label: str, key: str | None = None) -> EntityRef:
    folder = {"SarcomaSubtype": "subtype", "DrugClass": "class", "AdverseEvent": "adverseevent"}
    key = key or f"{folder.get(category, category.lower())}/{slugify(label)}"
    return EntityRef(key, label, category, (category,))


PEMBRO = ref("Drug", "pembrolizumab")
AXITINIB = ref("Drug", "axitinib")
NIVO = ref("Drug", "nivolumab")
SUNI = ref("Drug", "sunitinib")
PD1 = ref("DrugClass", "PD-1 inhibitor", "class/PD1Inhibitor")
AI = ref("DrugClass", "angiogenesis inhibitor", "class/AngiogenesisInhibitor")
ICI = ref("DrugClass", "immune checkpoint inhibitor", "class/ImmuneCheckpointInhibitor")
CHEMO = ref("DrugClass", "chemotherapy", "class/CytotoxicChemotherapy")
ASPS = ref("SarcomaSubtype", "alveolar soft part sarcoma")
NON_ASPS = ref("Population", "non-ASPS", "population/non-asps")
UPS = ref("SarcomaSubtype", "undifferentiated pleomorphic sarcoma")
LPS = ref("SarcomaSubtype", "liposarcoma")
STS = ref("SarcomaSubtype", "soft tissue sarcoma")
SARC028 = EntityRef("study/sarc028", "SARC028", "Study", ("ClinicalTrial",), False)

LEXICON: dict[str, EntityRef] = {
    "pembrolizumab": PEMBRO, "axitinib": AXITINIB, "nivolumab": NIVO, "sunitinib": SUNI,
    "PD-1 inhibitors": PD1, "PD-1 inhibitor": PD1, "antiangiogenic agents": AI,
    "angiogenesis inhibitors": AI, "AIs": AI, "ICIs": ICI, "immune checkpoint inhibitors": ICI,
    "cytotoxic agents": CHEMO, "ASPS": ASPS, "non-ASPS": NON_ASPS, "UPS": UPS,
    "undifferentiated pleomorphic sarcoma": UPS, "LPS": LPS, "liposarcoma": LPS, "STS": STS,
    "soft tissue sarcoma": STS, "SARC028": SARC028,
}


def _mentions(text: str, lexicon: dict[str, EntityRef]) -> tuple[Mention, ...]:
    found: list[Mention] = []
    for surface in sorted(lexicon, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?![\w-])", text):
            if not any(m.start() < x.end and x.start < m.end() for x in found):
                found.append(Mention(lexicon[surface], m.start(), m.end(), m[0]))
    return tuple(sorted(found, key=lambda m: m.start))


def make_doc(
    texts: Sequence[str | tuple[str, Zone, str]],
    lexicon: dict[str, EntityRef] | None = None,
    *,
    design: str | None = None,
    doc_id: str = "doc-1",
) -> AnnotatedDocument:
    """A document of the given sentences (text, or (text, zone, section)); entities are the
    lexicon's surfaces found in them."""
    lexicon = LEXICON if lexicon is None else lexicon
    parts = [(t, "body", "Results") if isinstance(t, str) else t for t in texts]
    full = "\n".join(p[0] for p in parts)
    document = Document(doc_id, f"{doc_id}.txt", full, "0" * 64)
    context = ExtractionContext(
        own_study=EntityRef(f"study/{doc_id}", "this study", "Study", ("Study",), False),
        study_design=design,
    )
    sentences, offset = [], 0
    for i, (text, zone, section) in enumerate(parts):
        sentence = Sentence(doc_id, i, offset, offset + len(text), text,
                            tuple(range(offset, offset + len(text))), zone, section)
        sentences.append(AnnotatedSentence(document, sentence, _mentions(text, lexicon), context))
        offset += len(text) + 1
    return AnnotatedDocument(document, tuple(sentences), context)


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@lru_cache(maxsize=8)
def corpus_doc(prefix: str) -> AnnotatedDocument:
    """A paper of the real corpus (by file-name prefix), split and annotated as the pipeline does."""
    (document,) = [d for d in read_corpus(CORPUS).documents if d.file_name.startswith(prefix)]
    sentences = mined(split_document(document))
    design, size = describe_document_study(document, sentences)
    return annotate(document, sentences, study_design=design, cohort_size=size)


def assert_quotes_exact(doc: AnnotatedDocument, statements: Sequence[Statement]) -> None:
    """Every evidence quotes the document exactly at its offsets."""
    for s in statements:
        ev = s.evidence
        assert doc.document.text[ev.start : ev.end] == ev.quote and ev.doc_id == doc.document.doc_id


def measured(doc: AnnotatedDocument) -> list[OutcomeMeasurement]:
    return [s for s in outcomes.extract(doc) if isinstance(s, OutcomeMeasurement)]


def one(found: list[OutcomeMeasurement], measure: str, **fields: object) -> OutcomeMeasurement:
    hits = [o for o in found if o.measure == measure
            and all(getattr(o, k) == v for k, v in fields.items())]
    assert len(hits) == 1, (measure, fields, found)
    return hits[0]


# --------------------------------------------------------------------------- pairing


def test_coordinated_measures_pair_in_order_with_ci() -> None:
    doc = make_doc(["The ORR and DCR were 48.1% (95% CI 30.7–66.0%) and 85.2% (95% CI 67.5–94.1%)."])
    found = measured(doc)
    orr = one(found, "ORR")
    assert (orr.value, orr.unit, orr.ci_low, orr.ci_high, orr.ci_level) == (
        Decimal("48.1"), "%", Decimal("30.7"), Decimal("66.0"), Decimal("95"))
    assert one(found, "DCR").value == Decimal("85.2")
    assert orr.study is not None and orr.study.key == "study/doc-1"
    assert orr.evidence.quote == doc.sentences[0].text


def test_respectively_medians() -> None:
    found = measured(make_doc(["The mPFS and mOS was 7.5 months and 19.5 months, respectively."]))
    assert one(found, "MedianPFS").value == Decimal("7.5")
    assert one(found, "MedianOS").value == Decimal("19.5")
    assert {o.unit for o in found} == {"months"}


def test_rates_at_listed_timepoints() -> None:
    found = measured(make_doc([
        "The PFS rates at 3 months, 6 months, and 12 months were 84.8%, 62.0%, and 27.8%, respectively."
    ]))
    got = sorted((o.timepoint, o.value) for o in found if o.measure == "PFSRate")
    assert got == [(Decimal(3), Decimal("84.8")), (Decimal(6), Decimal("62.0")), (Decimal(12), Decimal("27.8"))]
    assert all(o.timepoint_unit == "months" for o in found)


def test_response_counts_and_not_reached() -> None:
    found = measured(make_doc([
        "In the total population, there were 3 cases of CR, 15 cases of PR, 38 cases of SD, and 23 cases of PD.",
        "The median OS was not reached.",
    ]))
    assert [(o.measure, o.value, o.unit) for o in found[:4]] == [
        ("CompleteResponse", Decimal(3), "patients"), ("PartialResponse", Decimal(15), "patients"),
        ("StableDisease", Decimal(38), "patients"), ("ProgressiveDisease", Decimal(23), "patients"),
    ]
    mos = one(found, "MedianOS")
    assert mos.not_reached and mos.value is None


def test_counts_with_percent_take_the_stated_denominator() -> None:
    found = measured(make_doc([
        "Of the 27 patients evaluable for objective response, 3 (11.1%) achieved complete response (CR), "
        "10 (37.0%) achieved partial response (PR), and 10 (37.0%) achieved stable disease (SD)."
    ]))
    cr = one(found, "CompleteResponse")
    assert (cr.value, cr.unit, cr.numerator, cr.denominator) == (Decimal("11.1"), "%", 3, 27)
    assert one(found, "PartialResponse").numerator == 10


def test_values_before_measures_and_group_populations() -> None:
    doc = make_doc([
        "In the ASPS group, 2 cases achieved CR and 8 achieved PR, resulting in an ORR of 50%.",
        ("Atezolizumab achieved a 37% ORR and 20.8 months median PFS in a phase II ASPS cohort (70).",
         "body", "Immunotherapy"),
    ])
    found = measured(doc)
    orr = one(found, "ORR", value=Decimal(50))
    assert orr.population == ASPS
    assert one(found, "CompleteResponse").value == Decimal(2)
    assert one(found, "PartialResponse").value == Decimal(8)
    cited = one(found, "ORR", value=Decimal(37))
    assert cited.study is None and cited.evidence.secondary
    assert one(found, "MedianPFS").value == Decimal("20.8")


def test_each_value_takes_its_own_subgroup_and_regimen() -> None:
    found = measured(make_doc([
        "In the STS cohorts of SARC028 (5), pembrolizumab monotherapy obtained an overall response "
        "rate (ORR) of 20% for liposarcoma (LPS) and 40% for undifferentiated pleomorphic sarcoma (UPS).",
        "In several phase 2 trials in ASPS, the ORR was 54.5% (6 of 11) to axitinib plus pembrolizumab "
        "treatment, 57% (4 of 7) to nivolumab plus sunitinib treatment.",
    ]))
    assert one(found, "ORR", value=Decimal(20)).population == LPS
    ups = one(found, "ORR", value=Decimal(40))
    assert ups.population == UPS and ups.study == SARC028 and ups.evidence.cites_study == "study/sarc028"
    assert ups.regimen is not None and ups.regimen.components == (PEMBRO,)
    nivo = one(found, "ORR", value=Decimal(57))
    assert (nivo.numerator, nivo.denominator) == (4, 7)
    assert nivo.regimen is not None and {c.key for c in nivo.regimen.components} == {NIVO.key, SUNI.key}
    assert nivo.population == ASPS and nivo.study is None and nivo.evidence.secondary


def test_clauses_split_regimens_and_group_sizes() -> None:
    found = measured(make_doc([
        "Among the non-ASPS patients, 19 patients received a combination of PD-1 inhibitors and "
        "cytotoxic agents, with the mPFS of 6.2 months and the mOS of 15.0 months, respectively, "
        "while 30 received a combination of PD-1 inhibitors and antiangiogenic agents, with the mPFS "
        "of 5.4 months and the mOS of 14 months, respectively."
    ]))
    first = one(found, "MedianPFS", value=Decimal("6.2"))
    second = one(found, "MedianPFS", value=Decimal("5.4"))
    assert first.regimen is not None and {c.key for c in first.regimen.components} == {PD1.key, CHEMO.key}
    assert second.regimen is not None and {c.key for c in second.regimen.components} == {PD1.key, AI.key}
    assert (first.denominator, second.denominator) == (19, 30)
    assert first.population == second.population == NON_ASPS


@pytest.mark.parametrize("tail", ["it was 40% (4/10)", "the rate was 40% (4/10)"])
def test_a_later_clause_restating_the_measure_takes_its_own_regimen(tail: str) -> None:
    found = measured(make_doc([f"With axitinib alone the ORR was 20% (2/10), and with axitinib plus "
                               f"pembrolizumab {tail}."]))
    alone, both = one(found, "ORR", value=Decimal(20)), one(found, "ORR", value=Decimal(40))
    assert alone.regimen is not None and alone.regimen.components == (AXITINIB,)
    assert both.regimen is not None and {c.key for c in both.regimen.components} == {AXITINIB.key, PEMBRO.key}
    assert (both.numerator, both.denominator) == (4, 10)


def test_a_result_naming_no_agent_takes_the_regimen_given_in_the_sentence_before() -> None:
    doc = make_doc(["Oral axitinib was given at 5 mg twice daily to patients with sarcoma.",
                    "Among 10 patients with UPS, the ORR was 30% (3/10)."], design="review")
    (orr,) = measured(doc)
    assert orr.regimen is not None and orr.regimen.components == (AXITINIB,) and orr.population == UPS
    assert orr.evidence.quote.startswith("Oral axitinib was given") and orr.evidence.quote.endswith("(3/10).")
    assert_quotes_exact(doc, [orr])


@pytest.mark.parametrize("before", ["Oral axitinib inhibits VEGFR signalling in sarcoma.",
                                    ("Oral axitinib was given at 5 mg twice daily.", "body", "Methods")])
def test_no_regimen_from_a_sentence_that_gives_none_or_is_elsewhere(before: object) -> None:
    (orr,) = measured(make_doc([before, "Among 10 patients with UPS, the ORR was 30% (3/10)."],  # type: ignore[list-item]
                               design="review"))
    assert orr.regimen is None and "axitinib" not in orr.evidence.quote


def test_line_of_therapy_and_document_defaults() -> None:
    doc = make_doc([
        ("Efficacy of angiogenesis inhibitors plus immune checkpoint inhibitors in advanced soft tissue sarcoma",
         "title", ""),
        "Totally, there were 37 patients who were treated in ≤ 2 lines, with the mPFS of 11 months.",
        "The median PFS for all 33 patients was 8.90 months (95% CI 5.98–11.82).",
    ])
    found = measured(doc)
    lines = one(found, "MedianPFS", value=Decimal(11))
    assert lines.line_of_therapy == "<=2 lines"
    overall = one(found, "MedianPFS", value=Decimal("8.90"))
    assert overall.population == STS and overall.denominator == 33
    assert overall.regimen is not None and {c.key for c in overall.regimen.components} == {AI.key, ICI.key}
    assert (overall.ci_low, overall.ci_high) == (Decimal("5.98"), Decimal("11.82"))


@pytest.mark.parametrize("text", [
    "The primary endpoint was ORR; the secondary endpoints included PFS, DCR, OS, and AEs.",
    "ORR referred to the proportion of patients with CR and PR, and DCR to CR, PR and SD.",
    "PFS was defined as the time from start of therapy to progression at 12 months.",
    "The PFS (P < 0.01) and OS (P < 0.01) were significantly better in the ASPS group.",
])
def test_methods_and_p_values_yield_nothing(text: str) -> None:
    assert measured(make_doc([text])) == []


def test_review_never_claims_a_cited_number() -> None:
    doc = make_doc(["The ORR was 39% for UPS, with a median response duration of 10.6 months."],
                   design="review")
    found = measured(doc)
    assert one(found, "ORR").study is None
    assert one(found, "DurationOfResponse").value == Decimal("10.6")
    assert all(o.evidence.secondary for o in found)


def test_regimens_with_outcomes_are_stated_studied() -> None:
    doc = make_doc(["Our study shows that AIs plus ICIs achieved an ORR of 48.1% (13/27) in STS."])
    statements = list(outcomes.extract(doc))
    studied = [s for s in statements if isinstance(s, RegimenStudied)]
    assert len(studied) == 1 and studied[0].population == STS
    assert studied[0].study is not None and studied[0].study.key == "study/doc-1"
    orr = one(measured(doc), "ORR")
    assert (orr.numerator, orr.denominator) == (13, 27)


def test_non_prefixed_subtype_is_the_complementary_population(tmp_path: Path) -> None:
    """Through the real matcher: "non-ASPS" is a population, and the ORR is its own."""
    paper = tmp_path / "paper.txt"
    paper.write_text("Results\n\nIn the non-ASPS group, 1 case achieved CR and 7 achieved PR, "
                     "resulting in an ORR of 13.6%.\n", encoding="utf-8")
    (document,) = read_corpus(tmp_path).documents
    orr = one(measured(annotate(document, mined(split_document(document)))), "ORR")
    assert orr.population is not None and orr.population.key == "population/non-asps"
    assert orr.population.label == "non-ASPS" and not orr.population.in_vocabulary


def test_parenthetical_breakdowns_do_not_set_the_population() -> None:
    doc = make_doc([
        ("Efficacy of PD-1 inhibitors in soft tissue sarcoma", "title", ""),
        "Totally, there were 37 patients (14 patients with ASPS and 23 patients with UPS) who were "
        "treated in ≤ 2 lines, with the mPFS of 11 months.",
    ])
    pfs = one(measured(doc), "MedianPFS")
    assert (pfs.population, pfs.denominator) == (STS, 37)


# --------------------------------------------------------------------------- the real corpus


def test_corpus_own_results_with_ci_and_study() -> None:
    doc = corpus_doc("002")
    found = measured(doc)
    assert_quotes_exact(doc, found)
    orr = next(o for o in found if o.measure == "ORR" and o.value == Decimal("48.1") and o.ci_low is not None)
    assert (orr.ci_low, orr.ci_high, orr.ci_level, orr.unit) == (Decimal("30.7"), Decimal("66.0"), Decimal(95), "%")
    assert orr.study == doc.context.own_study and not orr.evidence.secondary
    assert orr.population is not None and orr.population.key == "subtype/soft-tissue-sarcoma"
    cited = next(o for o in found if o.measure == "ORR" and o.value == Decimal(20) and o.numerator == 2)
    assert cited.study is not None and cited.study.key == "study/sarc028" and cited.evidence.secondary
    assert cited.population is not None and "liposarcoma" in cited.population.label.lower()


def test_corpus_timepoints_subgroups_and_lines() -> None:
    found = measured(corpus_doc("001"))
    rates = {(o.timepoint, o.value) for o in found if o.measure == "PFSRate" and o.timepoint_unit == "months"}
    assert {(Decimal(3), Decimal("84.8")), (Decimal(6), Decimal("62.0")), (Decimal(12), Decimal("27.8"))} <= rates
    asps = next(o for o in found if o.measure == "ORR" and o.value == Decimal(50))
    assert asps.population is not None and asps.population.key == "subtype/alveolar-soft-part-sarcoma"
    non_asps = next(o for o in found if o.measure == "ORR" and o.value == Decimal("13.6"))
    assert non_asps.population is not None and non_asps.population.key == "population/non-asps"
    combo = next(o for o in found if o.measure == "MedianPFS" and o.value == Decimal("24.4"))
    assert combo.denominator == 14 and combo.regimen is not None
    assert {c.key for c in combo.regimen.components} == {"class/PD1Inhibitor", "class/AngiogenesisInhibitor"}
    assert any(o.measure == "MedianOS" and o.not_reached and o.line_of_therapy == "<=2 lines" for o in found)


def test_corpus_review_claims_no_number_for_itself() -> None:
    doc = corpus_doc("003")
    found = measured(doc)
    assert len(found) > 20
    assert all(o.study != doc.context.own_study and o.evidence.secondary for o in found)
    spearhead = next(o for o in found if o.measure == "ORR" and o.value == Decimal("43.2"))
    assert spearhead.study is not None and spearhead.study.key == "study/spearhead-1"


@pytest.mark.parametrize(("text", "expected"), [
    ("A phase II trial reported a 25% ORR, rising to 60% in scalp tumors.", [("ORR", "25", None)]),
    ("The trial reported a 36.7% ORR and an 80.0% disease control rate (DCR).",
     [("ORR", "36.7", None), ("DCR", "80.0", None)]),
    ("Sunitinib plus nivolumab demonstrated an ORR of 21% and an 18-month OS rate of 100%.",
     [("ORR", "21", None), ("OSRate", "100", Decimal(18))]),
    ("The median PFS was 2.9 months, with a 6-month PFS of 32%, and a median OS of 12.9 months.",
     [("MedianPFS", "2.9", None), ("PFSRate", "32", Decimal(6)), ("MedianOS", "12.9", None)]),
    ("Our results showed that ORR−12w was 22.2% and the median PFS was 7.59 months.",
     [("ORR", "22.2", Decimal(12)), ("MedianPFS", "7.59", None)]),
    ("At 12 weeks, the DCR was 71.5% (5/7) and the ORR was 28.5% (2/7) for UPS.",
     [("DCR", "71.5", Decimal(12)), ("ORR", "28.5", Decimal(12))]),
])
def test_which_value_and_time_point_a_measure_takes(text: str, expected: list[tuple[str, str, Decimal | None]]) -> None:
    found = measured(make_doc([text]))
    assert [(o.measure, str(o.value), o.timepoint) for o in found] == expected


def test_a_fraction_alone_is_no_value_and_a_glued_count_is() -> None:
    found = measured(make_doc(["A phase II study achieved an 87% response rate (6/13 evaluable patients) in UPS."]))
    assert [(o.value, o.numerator, o.denominator) for o in found] == [(Decimal(87), None, None)]
    found = measured(make_doc(["Dividing the patients into a response group (PR patients, n = 2) and a non-response "
                               "group (SD/PD patients, n = 5), we scored 10 cell types."]))
    assert not any(o.measure in ("StableDisease", "ProgressiveDisease") and o.value == 10 for o in found)


def test_concessive_opening_keeps_its_agents() -> None:
    found = measured(make_doc([
        "Although sunitinib showed no benefit in UPS, pembrolizumab demonstrated modest efficacy "
        "(ORR, 11%; PFS, 3 months) in patients with UPS in a retrospective analysis (21)."
    ]))
    orr = one(found, "ORR")
    assert orr.value == Decimal(11) and orr.regimen is not None and orr.regimen.components == (PEMBRO,)
    pfs = one(found, "MedianPFS")
    assert pfs.value == Decimal(3) and pfs.regimen is not None and pfs.regimen.components == (PEMBRO,)


_WORDS = st.sampled_from([
    "ORR", "DCR", "mPFS", "median OS", "PFS rates at", "CR", "PR", "SD", "PD", "respectively", "and", ",", "of",
    "was", "were", "(", ")", "95% CI", "not reached", "NR", "12-week", "at 6 months", "n = 5", "4/18", "6 of 11",
    "48.1%", "7.5 months", "3", "two", "in UPS", "for ASPS", "pembrolizumab", "plus", "axitinib", ";", "while",
    "non-ASPS", "≤ 2 lines", "P < 0.01", "–", "Of the 27 patients",
])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(_WORDS, max_size=30), design=st.sampled_from([None, "review", "retrospective"]))
def test_any_sentence_gives_well_formed_measurements(words: list[str], design: str | None) -> None:
    doc = make_doc([" ".join(words) or "x"], design=design)
    for o in measured(doc):
        assert o.measure in outcomes.RATE | outcomes.TIME | outcomes.CATEGORY
        assert not (o.not_reached and o.value is not None)
        assert o.value is not None or o.not_reached or o.numerator is not None
        assert o.unit in (None, "%", "months", "weeks", "years", "days", "patients")
        assert o.evidence.quote == doc.sentences[0].text
        if design == "review":
            assert o.study != doc.context.own_study


def test_short_forms_the_document_defines_for_measures() -> None:
    doc = make_doc([
        "Secondary endpoints were the progression-free rate (PFR) and DCR at 12 weeks.",
        "Our results showed that the PFR−12w was 49.8% and the DCR was 72.2%.",
    ])
    assert outcomes.measure_aliases(doc.document) == (("PFR", "PFSRate"),)
    pfr = one(measured(doc), "PFSRate")
    assert (pfr.value, pfr.timepoint, pfr.timepoint_unit) == (Decimal("49.8"), Decimal(12), "weeks")


# --------------------------------------------------------------------------- cited trials in reviews


def test_confirmed_response_share_of_a_named_trial() -> None:
    found = measured(make_doc([
        ("In the SARC028 study, a confirmed response was observed in 25.0% (3/12) of patients with "
         "liposarcoma in the pembrolizumab arm.", "body", "Discussion"),
    ]))
    orr = one(found, "ORR")
    assert (orr.value, orr.numerator, orr.denominator, orr.population) == (Decimal("25.0"), 3, 12, LPS)
    assert orr.study == SARC028 and orr.evidence.secondary and orr.evidence.cites_study == "study/sarc028"
    assert orr.regimen is not None and orr.regimen.components == (PEMBRO,)


def test_a_clause_hung_on_a_value_keeps_its_population() -> None:
    doc = make_doc([("Immunotherapy for soft tissue sarcoma: a review", "title", ""),
                    ("Nivolumab plus sunitinib achieved an 18.2% ORR, with two partial responses in ASPS.",
                     "body", "Combinations")], design="review")
    orr = one(measured(doc), "ORR")
    assert orr.population == STS  # the review's scope, not the clause's ASPS
    assert one(measured(doc), "PartialResponse").population == ASPS


def test_review_results_without_a_population_take_the_review_scope() -> None:
    doc = make_doc([("Checkpoint inhibitors in soft tissue sarcoma: a narrative review", "title", ""),
                    ("Axitinib with pembrolizumab gave a median PFS of 4.7 months (12).", "body", "Combinations")],
                   design="review")
    pfs = one(measured(doc), "MedianPFS")
    assert pfs.population == STS and pfs.study is None and pfs.evidence.secondary


def test_a_sentence_going_on_about_the_cited_study_before_it() -> None:
    doc = make_doc([
        ("Nivolumab in soft tissue sarcoma: a retrospective study", "title", ""),
        ("A randomized trial compared sunitinib alone with nivolumab plus sunitinib in UPS (14).", "body", "Discussion"),
        ("The results showed a longer PFS with the combination (6.1 months vs 3.0 months).", "body", "Discussion"),
        ("Our study also showed a median PFS of 7.5 months.", "body", "Discussion"),
    ])
    found = measured(doc)
    cited = one(found, "MedianPFS", value=Decimal("6.1"))
    assert cited.population == UPS and cited.evidence.secondary
    own = one(found, "MedianPFS", value=Decimal("7.5"))
    assert own.population == STS and not own.evidence.secondary


def test_the_combination_takes_the_agents_of_the_sentence_before() -> None:
    doc = make_doc([
        ("A phase I trial paired axitinib with pembrolizumab in UPS (20).", "body", "Discussion"),
        ("A later phase II trial in LPS confirmed the combination's activity, with an ORR of 21.0% (21).",
         "body", "Discussion"),
    ])
    orr = one(measured(doc), "ORR")
    assert orr.regimen is not None and {c.key for c in orr.regimen.components} == {AXITINIB.key, PEMBRO.key}
    assert orr.population == LPS and orr.evidence.secondary


def test_best_response_share_is_the_response_rate() -> None:
    found = measured(make_doc([("Nivolumab achieved a best overall response of 14.0% in LPS (9).", "body", "Discussion")]))
    orr = one(found, "ORR")
    assert (orr.value, orr.population) == (Decimal("14.0"), LPS)


def test_versus_gives_each_arm_its_own_value_and_regimen() -> None:
    doc = make_doc([
        ("Immunotherapy in soft tissue sarcoma: a retrospective study", "title", ""),
        "With axitinib plus pembrolizumab, the median OS was 18.3 months versus 12.1 months with sunitinib alone.",
        "The ORR was 16% compared with 5% for nivolumab alone in UPS.",
    ])
    found = measured(doc)
    first = one(found, "MedianOS", value=Decimal("18.3"))
    assert first.regimen is not None and {c.key for c in first.regimen.components} == {AXITINIB.key, PEMBRO.key}
    other = one(found, "MedianOS", value=Decimal("12.1"))
    assert other.regimen is not None and other.regimen.components == (SUNI,)
    five = one(found, "ORR", value=Decimal(5))
    assert five.regimen is not None and five.regimen.components == (NIVO,) and five.population == UPS
    sixteen = one(found, "ORR", value=Decimal(16))
    assert sixteen.regimen is None  # nivolumab is the arm it is compared with


@pytest.mark.parametrize(("text", "expected"), [
    ("Objective responses were observed in 3 of 20 patients (15%).", ("ORR", Decimal(15), 3, 20, None)),
    ("Disease control was achieved in 12 of 20 patients (60%).", ("DCR", Decimal(60), 12, 20, None)),
    ("PFS at 24 weeks was 30%.", ("PFSRate", Decimal(30), None, None, Decimal(24))),
    ("The OS rate at 1 year was 80%.", ("OSRate", Decimal(80), None, None, Decimal(1))),
    ("Partial responses were seen in 4 patients (20%).", ("PartialResponse", Decimal(20), 4, None, None)),
])
def test_shares_of_counted_patients_and_rates_read_at_a_time(text: str, expected: tuple[object, ...]) -> None:
    (o,) = measured(make_doc([text]))
    assert (o.measure, o.value, o.numerator, o.denominator, o.timepoint) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Disease control was achieved in 31 of 42 patients (DCR 73.8%).", {("DCR", Decimal("73.8"), 31, 42)}),
    ("An objective response occurred in 11 of 42 patients (ORR, 26.2%).", {("ORR", Decimal("26.2"), 11, 42)}),
    # the percent disagrees with the fraction: two readings, and "31 of 42" lends no denominator of 31
    ("Disease control was achieved in 31 of 42 patients (DCR 60%).",
     {("DCR", None, 31, 42), ("DCR", Decimal(60), None, 42)}),
])
def test_a_fraction_restated_as_a_percent_is_one_measurement(text: str, expected: set[tuple[object, ...]]) -> None:
    found = measured(make_doc([text]))
    assert {(o.measure, o.value, o.numerator, o.denominator) for o in found} == expected


# --------------------------------------------------------------------------- restated results

RESULTS = [
    ("Patients with STS received PD-1 inhibitors.", "abstract", "Abstract"),
    ("In the ASPS group, 10 patients responded, resulting in an ORR of 50%.", "body", "Results"),
    ("The mPFS and mOS was 17.5 months and 45 months, respectively.", "body", "Results"),
    ("In the non-ASPS group, 8 patients responded, resulting in an ORR of 13.6%.", "body", "Results"),
    ("The mPFS and mOS was 6.3 months and 15.5 months, respectively.", "body", "Results"),
    ("In the whole cohort, the mPFS was 7.5 months.", "body", "Efficacy"),
    ("Among the 20 patients with ASPS, 6 received pembrolizumab, with the mPFS of 7.5 months.", "body", "Efficacy"),
]


@pytest.mark.parametrize(("discussion", "expected"), [
    # every value equals the non-ASPS group's results only
    ("Our study also showed modest efficacy, with the mPFS of 6.3 months and the mOS of 15.5 months.", "non-ASPS"),
    ("Our study showed an ORR of 13.6%.", "non-ASPS"),
    # a value of no result of its own, of two groups, or of the whole cohort too: the document's
    ("Our study also showed modest efficacy, with the mPFS of 6.3 months and the mOS of 20 months.", "soft tissue sarcoma"),
    ("Our study showed the mPFS of 17.5 months and the mOS of 15.5 months.", "soft tissue sarcoma"),
    ("Our study showed the mPFS of 7.5 months.", "soft tissue sarcoma"),
    # a population of its own
    ("Our study showed the mPFS of 6.3 months in UPS.", "undifferentiated pleomorphic sarcoma"),
])
def test_a_result_restated_in_the_discussion_keeps_the_population_of_the_one_it_restates(
        discussion: str, expected: str) -> None:
    doc = make_doc([*RESULTS, (discussion, "body", "Discussion")], design="retrospective")
    restated = [o for o in measured(doc) if o.evidence.sentence_index == len(RESULTS)]
    assert restated and all(o.population is not None and o.population.label == expected for o in restated)
    assert all(o.evidence.quote == discussion for o in restated)  # quoted where it is restated


def test_corpus_a_restated_subgroup_result_keeps_its_subgroup() -> None:
    doc = corpus_doc("001")
    restated = [o for o in measured(doc) if o.evidence.quote.startswith("Our study also showed modest efficacy")]
    assert {(o.measure, o.value) for o in restated} == {("MedianPFS", Decimal("6.3")), ("MedianOS", Decimal("15.5"))}
    assert all(o.population is not None and o.population.key == "population/non-asps" for o in restated)
    whole = [o for o in measured(corpus_doc("004")) if o.evidence.quote.startswith("Our results showed that ORR")]
    assert whole and all(o.population is not None and o.population.key == "subtype/sarcoma" for o in whole)


# --------------------------------------------------------------------------- values listed respectively

REGO, ANLO = ref("Drug", "regorafenib"), ref("Drug", "anlotinib")
LMS = ref("SarcomaSubtype", "leiomyosarcoma")
ARMS = {**LEXICON, "regorafenib": REGO, "anlotinib": ANLO, "leiomyosarcoma": LMS}


@pytest.mark.parametrize(("agents", "first", "second"), [
    ("anlotinib and regorafenib", ANLO, REGO),  # each arm its own agent, in order
    ("regorafenib", REGO, REGO),  # one agent named for both
    ("anlotinib, regorafenib and sunitinib", None, None),  # three agents for two pairs: none
])
def test_values_listed_respectively_take_the_agent_in_their_place(
        agents: str, first: EntityRef | None, second: EntityRef | None) -> None:
    text = (f"In placebo-controlled trials of {agents}, PFS improved over placebo "
            "(5.8 months vs. 1.4 months, 3.7 months vs. 1.8 months, respectively) in leiomyosarcoma.")
    found = measured(make_doc([(text, "body", "Discussion")], ARMS))
    for value, agent in ((Decimal("5.8"), first), (Decimal("3.7"), second)):
        regimen = one(found, "MedianPFS", value=value).regimen
        assert (regimen.components if regimen else None) == ((agent,) if agent else None)


def test_corpus_placebo_controlled_trials_listed_respectively_give_each_its_agent() -> None:
    found = [o for o in measured(corpus_doc("002")) if o.measure == "MedianPFS"
             and o.value in (Decimal("5.83"), Decimal("3.7")) and o.population is not None
             and o.population.key == "subtype/leiomyosarcoma"]
    assert {(o.value, o.regimen.key if o.regimen else None) for o in found} == {
        (Decimal("5.83"), "regimen/anlotinib"), (Decimal("3.7"), "regimen/regorafenib")}
