"""Tables (found by ``table_layout``) routed by what their header and caption say.

- adverse-event tables (event rows, grade columns, "n (%)") -> ``AdverseEventReport``;
- response tables (CR/PR/SD/PD/ORR/DCR rows by time-point columns) -> ``OutcomeMeasurement``;
- trial tables of reviews (NCT, trial, phase, agents, subtypes, ORR) -> ``StudyDescription``
  and ``OutcomeMeasurement``;
- measure-column tables (a regimen or subtype per row; "ORR, %", "Median PFS, months" columns)
  -> ``OutcomeMeasurement`` per cell;
- per-patient tables (a patient-code column) -> ``PatientObservation`` per cell, and a
  responder's objective response as an ``OutcomeMeasurement`` of one patient;
- characteristics tables (subtype columns "(n=20)", subtype rows with counts) ->
  ``StudyDescription`` of the population sizes.
Rows that fit none are read as prose by ``outcomes.measure_sentence``. Evidence quotes the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from sarckg.extract import adverse_events, outcomes, studies
from sarckg.extract.base import AnnotatedDocument
from sarckg.extract.numbers import readings
from sarckg.extract.outcome_citations import cited_population
from sarckg.extract.outcome_pairing import AS_RATE
from sarckg.extract.patients import patient_ref
from sarckg.extract.patterns import nct_id
from sarckg.extract.table_layout import (
    GROUP_SIZE_RE,
    N_PERCENT_RE,
    Row,
    Table,
    agents_as_mentions,
    cell_mentions,
    cell_populations,
    cell_sentence,
    column,
    find_tables,
    own_study,
)
from sarckg.model import (
    AdverseEventReport,
    EntityRef,
    OutcomeMeasurement,
    PatientObservation,
    Regimen,
    Statement,
    StudyDescription,
    slugify,
)

_AE_RE = re.compile(r"adverse|toxicit|\bT?R?AEs?\b|side effect", re.IGNORECASE)
_ROW_LABEL_RE = re.compile(r"\s*,?\s*(?:n\s*\(%\)|no\.\s*\(%\)|n|%)\s*$", re.IGNORECASE)  # "EIMS, n (%)"
_CHARACTERISTICS_RE = re.compile(r"characteristic|baseline|demograph", re.IGNORECASE)
_PATIENT_HEAD_RE = re.compile(r"(?:patients?|cases?|pt)?\s*(?:no\.?|id|code|#)?", re.IGNORECASE)
# a patient's row reports a response measurement only for an objective response (a responder);
# stable or progressive disease stays a patient observation
_RESPONSE_WORDS = frozenset({"CompleteResponse", "PartialResponse"})
_CITATION_RE = re.compile(r"\s*\(\d+(?:[,–-]\s*\d+)*\)\s*$")


def _adverse_events(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    size = GROUP_SIZE_RE.search(table.words) or re.search(r"\bof (\d+) (?:\w+ )?patients", table.caption)
    regimen = studies.document_regimen(doc)
    for row in table.rows:
        if not any(c for c in row.cells[1:]):
            continue
        events = cell_mentions(row, 0, "AdverseEvent")
        event = events[0] if events else adverse_events.event_ref(row.cell(0), [], 0)
        if event is None:
            continue
        for j, head in enumerate(table.header[1:], start=1):
            m = N_PERCENT_RE.match(row.cell(j))
            if not m or int(m[1]) == 0:
                continue
            grade = adverse_events.grade_of(head) or ("any" if re.search(r"total|any|all", head, re.I) else None)
            yield AdverseEventReport(
                evidence=row.sentence.evidence(extractor="tables"), regimen=regimen, event=event,
                grade=grade, percent=Decimal(m[2]) if m[2] else None, count=int(m[1]),
                denominator=int(size[1]) if size else None, study=own_study(doc),
            )


def _timepoint(head: str) -> tuple[Decimal | None, str | None]:
    q = [r for r in readings(head) if r.unit in outcomes.TIME_UNITS]
    return (q[0].value, q[0].unit) if q else (None, None)


def _responses(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    regimen, population = studies.document_regimen(doc), studies.document_population(doc)
    for row in table.rows:
        hits = outcomes.find_measures(row.cell(0), outcomes.measure_aliases(doc.document))
        if not hits or hits[0].start > 0 or not any(row.cells[1:]) or readings(row.cell(0)):  # not a label row
            yield from outcomes.measure_sentence(row.sentence, doc)
            continue
        for j, head in enumerate(table.header[1:], start=1):
            found = readings(row.cell(j))
            if not found:
                continue
            r = found[0]
            value, unit = (r.value, r.unit) if r.value is not None else (
                (Decimal(r.count), "patients") if r.count is not None else (None, None))
            if value is None and not r.not_reached:
                continue
            tp, tp_unit = _timepoint(head)
            yield OutcomeMeasurement(
                evidence=row.sentence.evidence(extractor="tables"), measure=hits[0].measure,
                regimen=regimen, population=population, study=own_study(doc), value=value, unit=unit,
                numerator=r.numerator, denominator=r.denominator, not_reached=r.not_reached,
                ci_low=r.ci.low if r.ci else None, ci_high=r.ci.high if r.ci else None,
                ci_level=r.ci.level if r.ci else None, timepoint=tp, timepoint_unit=tp_unit,
            )


def _measure_columns(doc: AnnotatedDocument, table: Table) -> list[tuple[int, str]]:
    """Header cells after the first that name one measure: "ORR, %", "Median PFS, months"."""
    aliases = outcomes.measure_aliases(doc.document)
    found = []
    for j, head in enumerate(table.header[1:], start=1):
        hits = outcomes.find_measures(head, aliases)
        if len(hits) == 1:
            found.append((j, hits[0].measure))
    return found


def _column_value(cell: str, head: str, measure: str) -> tuple[Decimal | None, str | None, int | None, bool] | None:
    """A cell's value in its column's unit: "8.3" under "ORR, %", "5 (13.9)" under "ORR, n (%)"."""
    found = readings(cell)
    if not found:
        return None
    r = found[0]
    unit = "%" if "%" in head else next((u for u in outcomes.TIME_UNITS if u.rstrip("s") in head.lower()), None)
    unit = unit or ("%" if measure in outcomes.RATE else "months" if measure in outcomes.TIME else "patients")
    if r.not_reached:
        return None, None, None, True
    if r.value is not None and r.count is not None and r.unit is None and "%" in head:
        return r.value, "%", r.count, False  # "2 (20.0)" under "ORR, n (%)"
    if r.value is not None:
        return r.value, r.unit or unit, r.count if r.count is not None else r.numerator, False
    if r.count is not None:
        return Decimal(r.count), unit, None, False
    return None


def _by_measure_columns(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    """A table with one group per row (a regimen, a subtype) and one measure per column."""
    columns = _measure_columns(doc, table)
    size_col = column(table, r"^\s*(?:n|no\.?|patients|cases)\s*$")
    for row in table.rows:
        agents = studies.regimen_of(agents_as_mentions(row, 0))
        pops = cell_populations(row, 0)
        if agents is None and not pops and not re.match(r"\s*(?:all|total|overall|entire)\b", row.cell(0), re.IGNORECASE):
            continue  # not a group row
        size = N_PERCENT_RE.match(row.cell(size_col)) if size_col is not None else None
        for j, measure in columns:
            value = _column_value(row.cell(j), table.header[j], measure)
            if value is None:
                continue
            tp, tp_unit = _timepoint(table.header[j])
            if tp is not None and measure in AS_RATE:
                measure = AS_RATE[measure]
            yield OutcomeMeasurement(
                evidence=row.sentence.evidence(extractor="tables"), measure=measure,
                regimen=agents or studies.document_regimen(doc), population=pops[0] if pops else studies.document_population(doc),
                study=own_study(doc), value=value[0], unit=value[1], numerator=value[2],
                denominator=int(size[1]) if size else None, not_reached=value[3],
                timepoint=tp, timepoint_unit=tp_unit,
            )


def _study_of(row: Row, nct_col: int | None, name_col: int | None) -> EntityRef | None:
    for j in (nct_col, name_col):
        if j is not None and (found := cell_mentions(row, j, "Study")):
            return found[0]
    if name_col is None or not row.cell(name_col):
        return None
    label = _CITATION_RE.sub("", row.cell(name_col)).strip()
    return EntityRef(f"study/{slugify(label)}", label, "Study", ("ClinicalTrial",), False)


def _cohort(cell: str) -> int | None:
    outside = re.sub(r"\([^)]*\)", " ", cell)
    sizes = [int(n) for n in re.findall(r"(?<![\w.-])(\d+)\s+[A-Za-z]", outside)]
    return sum(sizes) or None


def _trials(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    cols = {k: column(table, p) for k, p in (
        ("nct", r"\bNCT"), ("name", r"trial|study\b|author|reference"), ("phase", r"phase"),
        ("agents", r"agent|drug|regimen|treatment|combination|intervention"),
        ("population", r"subtype|population|histolog|patients"), ("outcomes", r"outcome|detail|result|efficacy"),
    )}
    orr = column(table, r"\bORR\b|response rate")
    for row in table.rows:
        study = _study_of(row, cols["nct"], cols["name"])
        if study is None:
            yield from outcomes.measure_sentence(row.sentence, doc)
            continue
        regimen = studies.regimen_of(agents_as_mentions(row, cols["agents"]))
        pops = _row_populations(doc, row, cols["population"])
        nct = studies.NCT_RE.search(row.cell(cols["nct"])) if cols["nct"] is not None else None
        phase_cell = row.cell(cols["phase"]) if cols["phase"] is not None else row.sentence.text
        yield StudyDescription(
            evidence=row.sentence.evidence(extractor="tables", cites_study=study.key),
            study=study, nct_id=nct_id(nct[0]) if nct else None, phase=studies.phase_of(phase_cell),
            design=studies.design_of(phase_cell), regimen=regimen, population=pops[0] if pops else None,
            size=_cohort(row.cell(cols["population"])) if cols["population"] is not None else None,
        )
        for j, prefix in ((orr, "ORR "), (cols["outcomes"], "")):
            if j is None or j >= len(row.spans):
                continue
            if prefix and outcomes.find_measures(row.cell(j)):
                prefix = ""  # the cell names its own measure ("pathologic response was 8.8%")
            for o in outcomes.measure_sentence(cell_sentence(row, j, prefix), doc):
                yield replace(
                    o, study=study, regimen=o.regimen or regimen, population=o.population or (pops[0] if pops else None),
                    evidence=replace(o.evidence, secondary=True, cites_study=study.key),
                )


def _row_populations(doc: AnnotatedDocument, row: Row, j: int | None) -> list[EntityRef]:
    """The populations of a trial row's population cell; a mixed cohort counted subtype by
    subtype ("26 LMS, 14 LPS, 9 UPS, 24 others") is none of them but the population of the
    reference the row cites, if any."""
    pops = cell_populations(row, j)
    if j is None or len(pops) < 2:
        return pops
    start, _ = row.spans[j]
    text = row.sentence.text
    counted = [m for m in row.sentence.of_category(*studies.POPULATION_CATEGORIES)
               if m.start >= start and re.search(r"\d+\s+$", text[max(start, m.start - 6):m.start])
               and text.count("(", start, m.start) == text.count(")", start, m.start)]
    if len(counted) < 2:
        return pops
    cited = cited_population(doc, row.sentence)
    return [cited] if cited is not None else []


def _defined(table: Table, doc: AnnotatedDocument, word: str) -> list[EntityRef]:
    """What a cell word stands for: a legend definition ("OS, osteosarcoma; SS, synovial
    sarcoma", "Combined treatment (camrelizumab+apatinib)"), the most local one, else a
    document abbreviation."""
    listed = re.compile(rf"(?:^|[;.]\s*)(?:{re.escape(word)})\s*[,:=]\s*([^;.]+)")
    described = re.compile(rf"(?<!\w){re.escape(word)}\b[^;.()]{{0,30}}\(([^)]*)\)")
    for rx in (listed, described):
        for s in table.legend:
            if m := rx.search(s.text):
                found = [x.entity for x in s.mentions if m.start(1) <= x.start and x.end <= m.end(1)]
                if found:
                    return found
    if word in doc.context.abbreviations:
        return [doc.context.abbreviations[word]]
    return []


def _related(row: Row, j: int, table: Table, doc: AnnotatedDocument) -> list[EntityRef]:
    found = [e for e in cell_mentions(row, j, *studies.AGENT_CATEGORIES, *studies.POPULATION_CATEGORIES,
                                       "Biomarker", "Target", "Radiotherapy")]
    return found or (_defined(table, doc, row.cell(j)) if row.cell(j) else [])


def _patients(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    type_col = column(table, r"type|histolog|subtype|diagnos")
    treat_col = column(table, r"treat|therap|regimen|drug")
    response_cols = [j for j, h in enumerate(table.header) if j and re.search(r"\d\s*w|week|month|overall|best|respon", h, re.I)]
    aliases = outcomes.measure_aliases(doc.document)

    def named_by_head(j: int) -> list[EntityRef]:  # a "PD-L1" or "MSI" column: its values are that biomarker's
        return cell_mentions(table.head, j, "Biomarker", "Target") if table.head is not None else []

    for row in table.rows:
        code = row.cell(0)
        if not code or not re.fullmatch(r"[\w.-]{1,12}", code):
            continue
        patient = patient_ref(doc.document.doc_id, code)
        evidence = row.sentence.evidence(extractor="tables")
        for j, head in enumerate(table.header[1:], start=1):
            cell = row.cell(j)
            if not cell:
                continue
            number = Decimal(cell) if re.fullmatch(r"\d+(?:\.\d+)?", cell) else None
            relateds: list[EntityRef | None] = [*_related(row, j, table, doc)] or [*named_by_head(j)[:1]] or [None]
            for related in relateds:  # "Combined": each drug it stands for
                yield PatientObservation(evidence=evidence, patient=patient, attribute=head, value=cell,
                                         number=number, related=related, study=own_study(doc))
        subtype = [e for e in _related(row, type_col, table, doc) if e.category in studies.POPULATION_CATEGORIES] if type_col else []
        agents = [e for e in _related(row, treat_col, table, doc) if e.category not in studies.POPULATION_CATEGORIES] if treat_col else []
        for j in response_cols:
            hits = [h for h in outcomes.find_measures(row.cell(j), aliases) if h.measure in _RESPONSE_WORDS]
            if hits:
                tp, tp_unit = _timepoint(table.header[j])
                yield OutcomeMeasurement(
                    evidence=evidence, measure=hits[0].measure, regimen=Regimen.of(*agents) if agents else None,
                    population=subtype[0] if subtype else None, study=own_study(doc), value=Decimal(1), unit="patients",
                    timepoint=tp, timepoint_unit=tp_unit,
                )


_SAMPLE_HEAD_RE = re.compile(r"(?:samples?|patients?|cases?|pts?)\s*(?:no\.?|id|code|#)?", re.IGNORECASE)
# "QRT.T1_WES", "P3", "Case 2": a patient code, maybe with a sample suffix (time point, assay)
_SAMPLE_CODE_RE = re.compile(r"(?P<code>[A-Z]{1,5}\d{0,3}|(?:P|Pt|Case|Patient)\s?\d{1,3})(?P<suffix>[._]\w[\w.-]*)?")  # not "-": "PD-L1" is no sample
_ABSENT_RE = re.compile(r"[-–—−]|n/?a|nd|none", re.IGNORECASE)
_CELL_NUMBER_RE = re.compile(r"(?:[A-Za-z][\w-]*\s*:\s*)?(\d+(?:\.\d+)?)")  # "4.69", "TMB-L:1.35"


def _column_patients(table: Table, known: set[str]) -> list[str] | None:
    """The patient code of each column of a table with one patient per column ("Sample |
    QRT.T1_WES | BLN.T1_WES"), or None: every header cell after the first is a patient code the
    document's patient rows name, or every one carries a sample suffix."""
    if not table.header or not _SAMPLE_HEAD_RE.fullmatch(table.header[0].strip()):
        return None
    found = [_SAMPLE_CODE_RE.fullmatch(h.strip()) for h in table.header[1:]]
    codes = [m["code"] for m in found if m]
    if len(codes) < 2 or len(codes) < len(found) or len(set(codes)) < len(codes):
        return None
    return codes if set(codes) <= known or all(m and m["suffix"] for m in found) else None


def _patient_columns(doc: AnnotatedDocument, table: Table, codes: list[str]) -> Iterator[Statement]:
    """One observation per patient column of each aligned row; an absent value ("–") says nothing."""
    for row in table.rows:
        if len(row.spans) != len(table.header) or not row.cell(0):
            continue
        named = cell_mentions(row, 0, "Biomarker", "Target")
        for j, code in enumerate(codes, start=1):
            cell = row.cell(j)
            if not cell or _ABSENT_RE.fullmatch(cell):
                continue
            m = _CELL_NUMBER_RE.fullmatch(cell)
            related = named[0] if named else next(iter(_related(row, j, table, doc)), None)
            yield PatientObservation(evidence=row.sentence.evidence(extractor="tables"), patient=patient_ref(doc.document.doc_id, code),
                                     attribute=row.cell(0), value=cell, number=Decimal(m[1]) if m else None,
                                     related=related, study=own_study(doc))


def _row_patient_codes(tables: list[Table]) -> set[str]:
    """The codes of the patients of the document's one-patient-per-row tables."""
    return {row.cell(0) for t in tables if t.header and _is_patient_rows(t) for row in t.rows}


def _is_patient_rows(table: Table) -> bool:
    return bool(table.header[0].strip()) and bool(_PATIENT_HEAD_RE.fullmatch(table.header[0].strip()))


def _characteristics(doc: AnnotatedDocument, table: Table) -> Iterator[Statement]:
    own = own_study(doc)
    if own is None:
        return
    if table.head is not None:
        for j, head in enumerate(table.header):
            if m := GROUP_SIZE_RE.search(head):
                pops = cell_mentions(table.head, j, *studies.POPULATION_CATEGORIES)
                yield StudyDescription(evidence=table.head.sentence.evidence(extractor="tables"), study=own,
                                       population=pops[0] if pops else studies.document_population(doc),
                                       size=int(m[1]))
    for row in table.rows:
        named = studies.populations(row.sentence, *row.spans[0])
        values = [c for c in row.cells[1:] if c]
        m = N_PERCENT_RE.match(values[0]) if values else None
        if not m:
            continue
        label = _ROW_LABEL_RE.sub("", row.cell(0))  # "Synovial sarcoma, n (%)": the subtype is the label
        if named and (named[0][0].end - named[0][0].start) >= 0.6 * len(label):
            population: EntityRef | None = named[0][1]
        else:  # "EIMS, n (%)": a short form the legend or the document defines
            population = next((e for e in _defined(table, doc, label)
                               if e.category in studies.POPULATION_CATEGORIES), None)
        if population is not None:
            yield StudyDescription(evidence=row.sentence.evidence(extractor="tables"), study=own,
                                   population=population, size=int(m[1]))  # a subtype row: its count


def read_table(doc: AnnotatedDocument, table: Table, known_patients: frozenset[str] = frozenset()) -> Iterator[Statement]:
    """The statements of one table, by what its header and caption say it holds
    (``known_patients``: the patient codes other tables of the document name)."""
    header = table.header
    if header and (column(table, r"\bNCT") is not None or (column(table, r"trial") is not None
                                                           and column(table, r"phase") is not None)):
        yield from _trials(doc, table)
    elif (codes := _column_patients(table, set(known_patients))) is not None:
        yield from _patient_columns(doc, table, codes)
    elif header and _is_patient_rows(table):
        yield from _patients(doc, table)
    elif _AE_RE.search(table.words):
        yield from _adverse_events(doc, table)
    elif sum(bool(outcomes.find_measures(r.cell(0), outcomes.measure_aliases(doc.document))) for r in table.rows) >= 2:
        yield from _responses(doc, table)
    elif header and _measure_columns(doc, table):
        yield from _by_measure_columns(doc, table)
    elif _CHARACTERISTICS_RE.search(table.words) or any(GROUP_SIZE_RE.search(h) for h in header):
        yield from _characteristics(doc, table)
    else:
        for row in table.rows:
            yield from outcomes.measure_sentence(row.sentence, doc)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Statements of every table of the document."""
    tables = find_tables(doc)
    known = frozenset(_row_patient_codes(tables))
    for table in tables:
        found = list(read_table(doc, table, known))
        yield from found
        yield from outcomes.regimen_statements([o for o in found if isinstance(o, OutcomeMeasurement)])
