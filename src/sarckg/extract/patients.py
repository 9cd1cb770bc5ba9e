"""Case-report facts about a patient, from prose: age, sex, primary cancer, radiation dose,
latency, diagnosis, immunohistochemistry, performance status, treatment and outcome.

Read only where the document is a case report (its context says so), from the sentences of
its case sections and abstract, or, in other papers, from a section that presents cases.
The patient is ``patient/<doc-id>-case-<n>``; a new patient starts where a sentence
introduces one ("a 62-year-old male patient", "A patient with ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import EntityRef, Mention, PatientObservation, slugify

_INTRO_RE = re.compile(r"\b(?:a|an)\s+(?:\d+-year-old\s+)?(?:(?:male|female|man|woman|boy|girl)\s+)?patient\b|\b\d+-year-old\b", re.IGNORECASE)
_ABOUT_PATIENT_RE = re.compile(r"\b(?:the|this|our|present)\s+(?:present\s+)?patient(?:'s)?\b|\b(?:he|she|his|her)\b|year-old", re.IGNORECASE)
_CASE_SECTION_RE = re.compile(r"\bcases?\b", re.IGNORECASE)
_NOT_CASE_SECTION_RE = re.compile(r"introduc|background|discussion|conclusion|reference|method", re.IGNORECASE)
_AGE_RE = re.compile(r"\b(\d{1,3})-year-old\b")
_SEX_RE = re.compile(r"\b(male|female|man|woman|boy|girl)\b", re.IGNORECASE)
_SEX = {"man": "male", "boy": "male", "woman": "female", "girl": "female"}
_DOSE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*Gy\b")
_LATENCY_RE = re.compile(
    r"(?P<cmp>>|≥|more than|over)?\s*(?<![\d.–-])(?P<n>\d+(?:\.\d+)?)[- ](?P<unit>year|month)s?\s*"
    r"(?:latency|(?:after|following|post)\b[^.;]{0,40}?(?:radio|irradiat|radiation|treatment|therapy))",
    re.IGNORECASE,
)
_PRIMARY_RE = re.compile(r"\b(?:[\w-]+\s+){0,2}(?:adeno)?carcinoma\b", re.IGNORECASE)
_FUNCTION_WORDS_RE = re.compile(r"^(?:(?:for|the|a|an|of|with|and|primary|previous|original)\s+)+", re.IGNORECASE)
_DIAGNOSIS_RE = re.compile(r"\b(?:diagnosis of|diagnosed (?:with|as)|consistent with|confirmed)\s+", re.IGNORECASE)
_IHC_CONTEXT_RE = re.compile(r"immunohisto|IHC|stain", re.IGNORECASE)
_IHC_MARK_RE = re.compile(
    r"(?:\((?P<abbr>[A-Za-z][\w-]*)\)|(?P<marker>[A-Za-z][\w-]*(?:\s?\d)?))\s*\(\s*(?P<sign>[+\-−])\s*(?P<pct>\d+%)?\s*\)"
)
_IHC_WORDS_RE = re.compile(r"\b(?P<sign>positive|negative)\s+for\s+(?P<list>[^.;]+?)(?=[,;]?\s*(?:and\s+|but\s+)?(?:positive|negative)\b|[.;]|$)", re.IGNORECASE)
_ECOG_RE = re.compile(r"\bECOG\)?[^.;]{0,40}?(?:status|score)?\s+(?:of|to|was)\s+(\d)\b")
_OUTCOME_RE = re.compile(
    r"\b(progressive disease|disease progression|died|death|remained stable|complete response|partial response|"
    r"stable disease|recurrence|deteriorated)\b",
    re.IGNORECASE,
)
_TREATED_RE = re.compile(r"\b(?:received|underwent|was treated with|given)\b", re.IGNORECASE)


def patient_ref(doc_id: str, code: str) -> EntityRef:
    """A patient by the anonymous code the paper gives it ("QRT"), or "case <n>" for a case
    report's patients: the same IRI from prose and from every table."""
    return EntityRef(f"patient/{doc_id}-{slugify(code)}", code, "Patient", ("Patient",), False)


def _patient(doc: AnnotatedDocument, n: int) -> EntityRef:
    return patient_ref(doc.document.doc_id, f"case {n}")


def _observations(s: AnnotatedSentence) -> Iterator[tuple[str, str, Decimal | None, str | None, EntityRef | None]]:
    """``(attribute, value, number, unit, related)`` for each fact the sentence states."""
    text = s.text
    if m := _AGE_RE.search(text):
        yield "age", m[0], Decimal(m[1]), "years", None
    if _INTRO_RE.search(text) and (m := _SEX_RE.search(text)):
        yield "sex", _SEX.get(m[1].lower(), m[1].lower()), None, None, None
    for m in _DOSE_RE.finditer(text):
        yield "radiation dose", m[0], Decimal(m[1]), "Gy", None
    for m in _LATENCY_RE.finditer(text):
        cmp = {"more than": ">", "over": ">"}.get((m["cmp"] or "").lower(), m["cmp"] or "")
        yield "latency", f"{cmp}{m['n']} {m['unit'].lower()}s", Decimal(m["n"]), m["unit"].lower() + "s", None
    for m in _PRIMARY_RE.finditer(text):
        phrase = _FUNCTION_WORDS_RE.sub("", m[0].strip())
        if phrase.lower() not in ("carcinoma", "adenocarcinoma"):
            yield "primary cancer", phrase, None, None, None
    yield from _diagnoses(s)
    if _IHC_CONTEXT_RE.search(text) or _IHC_WORDS_RE.search(text):
        yield from _immunohistochemistry(s)
    if m := _ECOG_RE.search(text):
        yield "ECOG performance status", m[1], Decimal(m[1]), None, None
    if _ABOUT_PATIENT_RE.search(text) or _INTRO_RE.search(text):
        for m in _OUTCOME_RE.finditer(text):
            yield "outcome", m[1].lower(), None, None, None
        if _TREATED_RE.search(text):
            for agent in studies.given_agents(s):
                yield "treatment", agent.text, None, None, agent.entity


def _diagnoses(s: AnnotatedSentence) -> Iterator[tuple[str, str, Decimal | None, str | None, EntityRef | None]]:
    subtypes = s.of_category(*studies.POPULATION_CATEGORIES)
    for m in _DIAGNOSIS_RE.finditer(s.text):
        after = [x for x in subtypes if 0 <= x.start - m.end() <= 40]
        if after:
            yield "diagnosis", after[0].text, None, None, after[0].entity


def _marker_ref(s: AnnotatedSentence, start: int, end: int) -> EntityRef | None:
    hits: list[Mention] = [m for m in s.mentions if m.start < end and start < m.end
                           and m.entity.category not in ("Drug", "DrugClass", "Study")]
    return hits[0].entity if hits else None


def _immunohistochemistry(s: AnnotatedSentence) -> Iterator[tuple[str, str, Decimal | None, str | None, EntityRef | None]]:
    text = s.text
    for m in _IHC_MARK_RE.finditer(text):
        sign = "positive" if m["sign"] == "+" else "negative"
        value = f"{sign} ({m['pct']})" if m["pct"] else sign
        number = Decimal(m["pct"].rstrip("%")) if m["pct"] else None
        marker = m["abbr"] or m["marker"]
        yield f"IHC {marker}", value, number, "%" if number is not None else None, _marker_ref(s, m.start(), m.end())
    for m in _IHC_WORDS_RE.finditer(text):
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m["list"]):
            marker = part.strip()
            if marker and len(marker) <= 40:
                start = m.start("list") + m["list"].find(marker)
                yield f"IHC {marker}", m["sign"].lower(), None, None, _marker_ref(s, start, start + len(marker))


def _in_case(s: AnnotatedSentence, case_report: bool) -> bool:
    section, zone = s.sentence.section, s.sentence.zone
    if zone not in ("abstract", "body"):
        return False
    if _NOT_CASE_SECTION_RE.search(section) and not _CASE_SECTION_RE.search(section):
        return False
    if case_report:
        return bool(_CASE_SECTION_RE.search(section) or _ABOUT_PATIENT_RE.search(s.text) or _INTRO_RE.search(s.text))
    return bool(_CASE_SECTION_RE.search(section)) and bool(_ABOUT_PATIENT_RE.search(s.text) or _INTRO_RE.search(s.text))


# "1 patient (QRT) carried a CDK4 amplification", "patient P3 harboured TP53 mutations": a coded
# patient of a series with a biomarker; the code is the one the paper's patient tables use
_CODED_PATIENT_RE = re.compile(r"\b(?i:patients?)\s*\((?P<paren>[A-Z][A-Z0-9]{1,5})\)|\b(?i:patient)\s+(?P<bare>[A-Z][A-Z0-9]{1,5})\b")
_CARRIES_RE = re.compile(r"\s*,?\s*(?:who\s+)?(?:carried|carries|carrying|harbou?r(?:ed|s|ing)|had|has|showed|bore)\s+"
                         r"(?:an?\s+|the\s+)?", re.IGNORECASE)


def coded_patient_biomarkers(doc: AnnotatedDocument, s: AnnotatedSentence) -> Iterator[PatientObservation]:
    """A coded patient said to carry a biomarker: an observation of it, ``related`` the biomarker."""
    for m in _CODED_PATIENT_RE.finditer(s.text):
        code = m["paren"] or m["bare"]
        carries = _CARRIES_RE.match(s.text, m.end())
        at = m.start("paren") if m["paren"] else m.start("bare")
        if not carries or any(x.start <= at < x.end for x in s.mentions):  # "patients (UPS) had": a subtype
            continue
        named = [x for x in s.of_category("Biomarker") if x.start == carries.end()]
        if not named:
            continue
        patient = patient_ref(doc.document.doc_id, code)
        yield PatientObservation(evidence=s.evidence(extractor="patients"), patient=patient,
                                 attribute=named[0].entity.label, value="present", related=named[0].entity,
                                 study=doc.context.own_study)


def extract(doc: AnnotatedDocument) -> Iterator[PatientObservation]:
    """Patient observations of a case report (or of a paper's case section), and the biomarkers
    of coded patients anywhere in the body."""
    for s in doc.sentences:
        if s.sentence.zone in ("abstract", "body"):
            yield from coded_patient_biomarkers(doc, s)
    case_report = (doc.context.study_design or "") == "case report"
    n = 0
    for s in doc.sentences:
        if not _in_case(s, case_report):
            continue
        if _INTRO_RE.search(s.text) and (n == 0 or not case_report):
            n += 1
        if n == 0:
            if not case_report:
                continue
            n = 1
        patient = _patient(doc, n)
        seen: set[tuple[str, str]] = set()
        for attribute, value, number, unit, related in _observations(s):
            key = (attribute, value)
            if key in seen:
                continue
            seen.add(key)
            yield PatientObservation(
                evidence=s.evidence(extractor="patients"), patient=patient, attribute=attribute,
                value=value, number=number, unit=unit, related=related, study=doc.context.own_study,
            )
