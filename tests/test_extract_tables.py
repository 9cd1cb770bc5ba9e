"""Tables: header detection, routing by header/caption, cells to statements that quote the row."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_extract_outcomes import (
    AI,
    ASPS,
    ICI,
    LEXICON,
    LPS,
    NIVO,
    PEMBRO,
    STS,
    UPS,
    assert_quotes_exact,
    corpus_doc,
    make_doc,
    ref,
)

from sarckg.extract import tables
from sarckg.model import (
    AdverseEventReport,
    EntityRef,
    OutcomeMeasurement,
    PatientObservation,
    RegimenStudied,
    StudyDescription,
)

HTN = ref("AdverseEvent", "hypertension")
OSTEO = ref("SarcomaSubtype", "osteosarcoma")
CAMRE = ref("Drug", "camrelizumab")
APA = ref("Drug", "apatinib")
NCT = EntityRef("study/nct02500797", "NCT02500797", "Study", ("ClinicalTrial",), False)
WORDS = {**LEXICON, "Hypertension": HTN, "OS": OSTEO, "camrelizumab": CAMRE, "apatinib": APA,
         "Pembrolizumab": PEMBRO, "NCT02500797": NCT, "Angiogenesis inhibitors": AI}
TITLE = ("Angiogenesis inhibitors plus ICIs in advanced soft tissue sarcoma", "title", "")


def rows(section: str, *lines: str, caption: str | None = None) -> list[tuple[str, str, str]]:
    head = [(caption, "caption", section)] if caption else []
    return [*head, *((line, "table", section) for line in lines)]


def test_adverse_event_table_reads_grade_columns_and_n_percent() -> None:
    doc = make_doc([TITLE, *rows(
        "Table 2 Toxicity profile of 30 evaluable patients",
        "Toxicity\tAny grade, n (%)\t≥ Grade 3, n (%)",
        "Hypertension\t15 (50.0)\t9 (27.3)",
        "ECG T-wave abnormality\t9 (30.0)\t–",
    )], WORDS)
    found = [s for s in tables.extract(doc) if isinstance(s, AdverseEventReport)]
    got = {(r.event.label, r.grade): (r.count, r.percent, r.denominator) for r in found}
    assert got == {
        ("hypertension", "any"): (15, Decimal("50.0"), 30),
        ("hypertension", ">=3"): (9, Decimal("27.3"), 30),
        ("ECG T-wave abnormality", "any"): (9, Decimal("30.0"), 30),
    }
    htn = next(r for r in found if r.grade == ">=3")
    assert htn.evidence.quote == "Hypertension\t15 (50.0)\t9 (27.3)"
    assert htn.regimen is not None and {c.key for c in htn.regimen.components} == {AI.key, ICI.key}


def test_adverse_event_table_with_roman_grades_and_glued_percent() -> None:
    doc = make_doc(rows("TABLE 2 Adverse events.", "Variable\tGrade I\tGrade II\tGrade III\tGrade IV\tTotal",
                        "Adverse events\t\t\t\t\t", "Hypertension\t7(8.9%)\t4(5.1%)\t2(2.5%)\t0\t12(16.5%)"), WORDS)
    got = {(r.grade, r.count, r.percent) for r in tables.extract(doc) if isinstance(r, AdverseEventReport)}
    assert got == {("1", 7, Decimal("8.9")), ("2", 4, Decimal("5.1")), ("3", 2, Decimal("2.5")),
                   ("any", 12, Decimal("16.5"))}


def test_response_table_by_timepoint_columns() -> None:
    doc = make_doc([TITLE, *rows(
        "Table 2 Clinical response to therapy",
        "Response\t12W\tOverall response",
        "CR\t0\t0",
        "PR\t4\t3",
        "ORR\t22.2% (4/18)\t16.7% (3/18)",
        "PFR 12W = 49.8%\tmPFS = 7.59 month",
        "mOS unreached",
    )], WORDS)
    found = [s for s in tables.extract(doc) if isinstance(s, OutcomeMeasurement)]
    orr12 = next(o for o in found if o.measure == "ORR" and o.timepoint == 12)
    assert (orr12.value, orr12.unit, orr12.numerator, orr12.denominator, orr12.timepoint_unit) == (
        Decimal("22.2"), "%", 4, 18, "weeks")
    overall = next(o for o in found if o.measure == "ORR" and o.timepoint is None)
    assert overall.value == Decimal("16.7")
    pr = {(o.timepoint, o.value) for o in found if o.measure == "PartialResponse"}
    assert pr == {(Decimal(12), Decimal(4)), (None, Decimal(3))}
    assert any(o.measure == "MedianPFS" and o.value == Decimal("7.59") for o in found)
    assert any(o.measure == "MedianOS" and o.not_reached for o in found)


def test_review_trial_table_gives_studies_and_outcomes() -> None:
    doc = make_doc(rows(
        "Table 1 Clinical trials of ICIs in sarcoma",
        "NCT number\tClinical Trial\tPhase\tStudy agent/ combination\tSarcoma subtype/ evaluable patients\tORR (%)\tOutcomes/details",
        "NCT02500797\tD'Angelo et al., 2018 (68)\tPhase II\tnivolumab plus pembrolizumab\t14 UPS and 6 ASPS\t16% in UPS\tPFS: 4.1 ms",
        "N/A\tLivingston et al., 2021 (72)\tPhase II\tpembrolizumab\t30 ASPS\t36.7%\tPFS: 5.7 ms; OS: 17 ms",
    ), WORDS, design="review")
    found = list(tables.extract(doc))
    described = {s.study.key: s for s in found if isinstance(s, StudyDescription)}
    first = described["study/nct02500797"]
    # a mixed cohort counted subtype by subtype is neither subtype (and the row cites no entry)
    assert (first.nct_id, first.phase, first.size, first.population) == ("NCT02500797", "2", 20, None)
    assert first.regimen is not None and {c.key for c in first.regimen.components} == {NIVO.key, PEMBRO.key}
    second = described["study/livingston-et-al-2021"]
    assert second.study.label == "Livingston et al., 2021" and second.size == 30
    outs = [s for s in found if isinstance(s, OutcomeMeasurement)]
    orr = next(o for o in outs if o.measure == "ORR" and o.study == first.study)
    assert (orr.value, orr.population) == (Decimal(16), UPS) and orr.evidence.secondary
    studied = {(s.regimen.key, s.study.key if s.study else None) for s in found if isinstance(s, RegimenStudied)}
    assert ("regimen/nivolumab--pembrolizumab", "study/nct02500797") in studied
    pfs = next(o for o in outs if o.measure == "MedianPFS" and o.study == second.study)
    assert (pfs.value, pfs.unit, pfs.population) == (Decimal("5.7"), "months", ASPS)
    assert pfs.regimen is not None and pfs.regimen.components == (PEMBRO,)


def test_per_patient_table_resolves_legend_definitions() -> None:
    doc = make_doc([
        *rows("Table 3 Response of all patients", "Patient\tPathologic type\tTreatment\t8w\t12w\tOverall\tPD-L1",
              "LYC\tOS\tPembrolizumab\tSD\tPR\tPR\t−", "WJH\tOS\tCombined\tSD\tPR\tSD\t",
              "ZFL\tOS\tCombined\tSD\tSD\tPD\t"),
        ("OS, osteosarcoma. Combined treatment (camrelizumab+apatinib).", "caption", "Table 3 Response of all patients"),
    ], WORDS)
    found = list(tables.extract(doc))
    obs = {(o.patient.key, o.attribute): o for o in found if isinstance(o, PatientObservation)}
    lyc = obs[("patient/doc-1-lyc", "Pathologic type")]
    assert (lyc.value, lyc.related, lyc.patient.label) == ("OS", OSTEO, "LYC")
    treated = {o.related for o in found if isinstance(o, PatientObservation)
               and o.patient.key == "patient/doc-1-wjh" and o.attribute == "Treatment"}
    assert treated == {CAMRE, APA}
    assert obs[("patient/doc-1-lyc", "12w")].value == "PR"
    assert ("patient/doc-1-wjh", "PD-L1") not in obs
    prs = [o for o in found if isinstance(o, OutcomeMeasurement) and o.measure == "PartialResponse"
           and o.evidence.quote.startswith("LYC")]
    assert {(o.timepoint, o.value, o.unit) for o in prs} == {(Decimal(12), Decimal(1), "patients"),
                                                          (None, Decimal(1), "patients")}
    assert all(o.population == OSTEO and o.regimen is not None and o.regimen.components == (PEMBRO,) for o in prs)
    combined = [o for o in found if isinstance(o, OutcomeMeasurement) and o.evidence.quote.startswith("WJH")]
    assert combined and all(o.regimen is not None and {c.key for c in o.regimen.components} == {CAMRE.key, APA.key}
                            for o in combined)
    # only a responder's row is an outcome; stable or progressive disease stays an observation
    assert {(o.measure, o.timepoint) for o in combined} == {("PartialResponse", Decimal(12))}
    assert not [o for o in found if isinstance(o, OutcomeMeasurement) and o.evidence.quote.startswith("ZFL")]
    assert obs[("patient/doc-1-zfl", "Overall")].value == "PD"


def test_legend_lists_abbreviation_comma_definitions() -> None:
    """A legend "UPS, undifferentiated pleomorphic sarcoma; OS, osteosarcoma" defines each cell
    word, even one the body uses otherwise (OS for overall survival)."""
    doc = make_doc([
        *rows("Table 2 Best response per patient", "Case\tHistology\tTherapy\tBest response",
              "P1\tOS\tPembrolizumab\tCR"),
        ("CR, complete response; OS, osteosarcoma.", "caption", "Table 2 Best response per patient"),
    ], {**{k: v for k, v in WORDS.items() if k != "OS"}, "osteosarcoma": OSTEO})
    crs = [o for o in tables.extract(doc) if isinstance(o, OutcomeMeasurement)]
    assert [(o.measure, o.population, o.value) for o in crs] == [("CompleteResponse", OSTEO, Decimal(1))]


def test_characteristics_table_gives_population_sizes() -> None:
    doc = make_doc([TITLE, *rows("TABLE 1 Patient Characteristics.", "Variable\tASPS (n=20)\tUPS (n=13)\tTotal(n=79)",
                        "Sex(n)\t\t\t", "Female\t9\t6\t37 (46.8%)")], WORDS)
    sizes = {(s.population.key if s.population else None, s.size) for s in tables.extract(doc)
             if isinstance(s, StudyDescription)}
    assert sizes == {(ASPS.key, 20), (UPS.key, 13), (STS.key, 79)}


def test_histology_rows_of_a_characteristics_table() -> None:
    doc = make_doc([TITLE, *rows("Table 1 Baseline characteristics", "Patient characteristics\tN = 33",
                        "Histology, n (%)\t", "ASPS\t10 (30.3)", "UPS\t3 (9.1)", "Male\t15 (45.5)")], WORDS)
    sizes = {(s.population.key if s.population else None, s.size) for s in tables.extract(doc)
             if isinstance(s, StudyDescription)}
    assert sizes == {(STS.key, 33), (ASPS.key, 10), (UPS.key, 3)}



def test_a_characteristics_row_named_by_a_short_form_the_legend_defines() -> None:
    doc = make_doc([TITLE, *rows("Table 1 Baseline characteristics", "Characteristic\tAll patients (N = 33)",
                                 "LPS, n (%)\t10 (30.3)", "FS, n (%)\t3 (9.1)", "ECOG 0, n (%)\t20 (60.6)"),
                    ("ECOG, Eastern Cooperative Oncology Group; FS, foo sarcoma.", "caption",
                     "Table 1 Baseline characteristics")], {**WORDS, "foo sarcoma": ref("SarcomaSubtype", "foo sarcoma")})
    sizes = {(s.population.key if s.population else None, s.size) for s in tables.extract(doc)
             if isinstance(s, StudyDescription)}
    assert sizes == {(STS.key, 33), (LPS.key, 10), ("subtype/foo-sarcoma", 3)}


# --------------------------------------------------------------------------- the real corpus


def test_corpus_tables_route_by_header() -> None:
    doc = corpus_doc("004")
    found = list(tables.extract(doc))
    assert_quotes_exact(doc, found)
    orr = next(o for o in found if isinstance(o, OutcomeMeasurement) and o.measure == "ORR" and o.timepoint == 12)
    assert (orr.value, orr.numerator, orr.denominator, orr.timepoint_unit) == (Decimal("22.2"), 4, 18, "weeks")
    lyc = {(o.attribute, o.value) for o in found if isinstance(o, PatientObservation)
           and o.patient.key == f"patient/{doc.document.doc_id}-lyc"}
    assert {("Treatment", "Pembrolizumab"), ("Overall", "PR")} <= lyc
    assert any(isinstance(o, StudyDescription) and o.population is not None
               and o.population.key == "subtype/osteosarcoma" and o.size == 5 for o in found)


def test_corpus_adverse_event_and_trial_tables() -> None:
    events = [s for s in tables.extract(corpus_doc("001")) if isinstance(s, AdverseEventReport)]
    assert any(r.event.label.lower() == "myelosuppression" and (r.grade, r.count, r.percent) == ("3", 8, Decimal("10.1"))
               for r in events)
    review = corpus_doc("003")
    found = list(tables.extract(review))
    chen = next(s for s in found if isinstance(s, StudyDescription) and s.nct_id == "NCT03141684")
    assert (chen.phase, chen.size) == ("2", 52) and chen.population is not None
    assert chen.population.key == "subtype/alveolar-soft-part-sarcoma"
    assert all(o.study is not None and o.evidence.secondary for o in found if isinstance(o, OutcomeMeasurement))


_CELL = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456789 .%()/-=≥–,:;NR", max_size=14)


@settings(max_examples=60, deadline=None)
@given(caption=st.sampled_from(["Table 1 Adverse events", "Table 2 Clinical response", "Table 3 Key trials",
                                "Table 4 Baseline characteristics", "Table 5 Patients", "Table 6"]),
       header=st.lists(_CELL, min_size=1, max_size=6),
       body=st.lists(st.lists(_CELL, min_size=0, max_size=8), max_size=5))
def test_ragged_or_odd_tables_never_crash(caption: str, header: list[str], body: list[list[str]]) -> None:
    lines = ["\t".join(header), *("\t".join(r) for r in body)]
    lines = [line if line.strip() else "x" for line in lines]
    heads = [["NCT number", "Trial", "Phase", "ORR (%)", "Outcomes"], ["Patient", "Type", "8w"], header]
    for head in heads:
        doc = make_doc(rows(caption, "\t".join(head), *lines[1:]), WORDS, design="review")
        for statement in tables.extract(doc):
            assert doc.document.text[statement.evidence.start : statement.evidence.end] == statement.evidence.quote


def test_one_group_per_row_and_one_measure_per_column() -> None:
    doc = make_doc([TITLE, *rows(
        "Table 2 Efficacy by treatment",
        "Treatment\tN\tORR, %\tMedian PFS, months\t12-month OS rate, %",
        "Pembrolizumab\t30\t16.7\t3.1\t55.0",
        "Nivolumab plus sunitinib\t12\t25.0\tNR\t71.4",
        "All patients\t42\t19.0\t4.0\t60.2",
    )], {**WORDS, "Nivolumab": NIVO, "sunitinib": ref("Drug", "sunitinib")})
    found = [o for o in tables.extract(doc) if isinstance(o, OutcomeMeasurement)]
    pembro = {o.measure: o for o in found if o.regimen is not None and o.regimen.components == (PEMBRO,)}
    assert (pembro["ORR"].value, pembro["ORR"].unit, pembro["ORR"].denominator) == (Decimal("16.7"), "%", 30)
    assert (pembro["MedianPFS"].value, pembro["MedianPFS"].unit) == (Decimal("3.1"), "months")
    assert (pembro["OSRate"].value, pembro["OSRate"].timepoint, pembro["OSRate"].timepoint_unit) == (
        Decimal("55.0"), Decimal(12), "months")
    combo = [o for o in found if o.regimen is not None and len(o.regimen.components) == 2]
    assert any(o.measure == "MedianPFS" and o.not_reached and o.value is None for o in combo)
    overall = [o for o in found if o.evidence.quote.startswith("All patients")]
    assert {(o.measure, o.value, o.population) for o in overall} >= {("ORR", Decimal("19.0"), STS)}


def test_n_percent_cells_under_a_share_header() -> None:
    doc = make_doc([TITLE, *rows("Table 3 Efficacy by histology", "Histology\tN\tORR, n (%)\tMedian PFS, months",
                                 "UPS\t10\t2 (20.0)\t6.3")], WORDS)
    orr = next(o for o in tables.extract(doc) if isinstance(o, OutcomeMeasurement) and o.measure == "ORR")
    assert (orr.value, orr.unit, orr.numerator, orr.denominator, orr.population) == (Decimal("20.0"), "%", 2, 10, UPS)


def test_a_mixed_cohort_row_takes_the_population_of_the_reference_it_cites() -> None:
    doc = make_doc([
        *rows(
            "Table 2 Trials",
            "NCT number\tClinical Trial\tPhase\tStudy agent\tSarcoma subtype/ evaluable patients\tOutcomes",
            "NCT09999999\tKarlsson et al., 2021 (7)\tPhase II\tpembrolizumab\t14 UPS, 6 ASPS and 3 others\tPFS: 4.1 ms",
            "NCT08888888\tOrtega et al., 2022 (8)\tPhase II\tpembrolizumab\t30 STS (14 UPS, 16 ASPS)\tPFS: 5.2 ms",
        ),
        ("References", "body", "References"),
        ("7. Karlsson AB, et al. Pembrolizumab in advanced liposarcoma. Lancet (2021) 5:2.", "reference", "References"),
    ], {**WORDS, "liposarcoma": LPS, **{n: EntityRef(f"study/{n.lower()}", n, "Study", ("ClinicalTrial",), False)
                                       for n in ("NCT09999999", "NCT08888888")}}, design="review")
    described = {s.study.key: s for s in tables.extract(doc) if isinstance(s, StudyDescription)}
    assert described["study/nct09999999"].population == LPS
    assert described["study/nct08888888"].population == STS  # one cohort, broken down in brackets


def test_corpus_mixed_cohort_row_is_not_its_first_subtype() -> None:
    doc = corpus_doc("003")
    saint = [s for s in tables.extract(doc) if isinstance(s, StudyDescription) and s.study.key == "study/nct03138161"]
    assert [s.population.key if s.population else None for s in saint] == ["subtype/soft-tissue-sarcoma"]


MDM4 = ref("Biomarker", "MDM4 amplification")
MSI = ref("Biomarker", "microsatellite instability")
PDL1 = ref("Target", "PD-L1")
PATIENT_WORDS = {**WORDS, "MDM4 amplification": MDM4, "MSI": MSI, "PD-L1": PDL1, "UPS": UPS}


def test_a_table_with_one_patient_per_column_gives_each_patient_its_values() -> None:
    doc = make_doc([
        *rows("Table 2 Clinical features", "Patient\tHistology\tMSI", "AB\tUPS\t3.1", "CD\tUPS\t0.4"),
        *rows("Table 4 Genomic results", "Sample\tAB.T1_WGS\tCD.T1_WGS", "MSI\t3.1\t0.4",
              "MDM4 amplification\tMDM4, amp6\t–", "Ragged row\tonly one cell"),
    ], PATIENT_WORDS)
    found = [o for o in tables.extract(doc) if isinstance(o, PatientObservation)]
    columns = {(o.patient.key, o.attribute, o.value, o.number, o.related) for o in found
               if o.evidence.quote.startswith(("MSI", "MDM4", "Ragged"))}
    assert columns == {
        ("patient/doc-1-ab", "MSI", "3.1", Decimal("3.1"), MSI), ("patient/doc-1-cd", "MSI", "0.4", Decimal("0.4"), MSI),
        ("patient/doc-1-ab", "MDM4 amplification", "MDM4, amp6", None, MDM4),
    }
    # a biomarker column of a one-patient-per-row table: its values are that biomarker's
    assert {o.related for o in found if o.attribute == "MSI" and o.evidence.quote.startswith("AB")} == {MSI}


def test_a_table_whose_columns_are_not_patients_is_not_read_as_one() -> None:
    doc = make_doc(rows("Table 1 Patients", "Patient\tMSI\tPD-L1", "AB\t3.1\t+", "CD\t0.4\t−"), PATIENT_WORDS)
    hyphenated = make_doc(rows("Table 1 Patients", "Patient\tPD-L1\tHLA-A", "AB\t+\t02:01"), PATIENT_WORDS)
    assert {o.patient.label for o in tables.extract(hyphenated) if isinstance(o, PatientObservation)} == {"AB"}
    found = [o for o in tables.extract(doc) if isinstance(o, PatientObservation)]
    assert {(o.patient.label, o.attribute, o.related) for o in found} == {
        ("AB", "MSI", MSI), ("AB", "PD-L1", PDL1), ("CD", "MSI", MSI), ("CD", "PD-L1", PDL1)}


def test_corpus_patient_columns_join_the_patient_rows() -> None:
    doc = corpus_doc("004")
    found = [o for o in tables.extract(doc) if isinstance(o, PatientObservation)]
    kzp = {(o.attribute, o.related.key if o.related else None) for o in found
           if o.patient.key == f"patient/{doc.document.doc_id}-kzp"}
    assert {("MDM2 amplification", "biomarker/mdm2-amplification"), ("Pathologic type", "subtype/undifferentiated-pleomorphic-sarcoma"),
            ("TMB", "biomarker/tumor-mutational-burden")} <= kzp
    assert not [o for o in found if o.attribute == "MDM4 amplification"]  # "–" everywhere: nothing observed
