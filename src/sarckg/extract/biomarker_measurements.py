"""Biomarker measurements: thresholds, prevalences, levels and comparisons, with the assay
when the sentence names one; and (``phenotypes``, which needs the document for "These
macrophages ...") the phenotype of a cell population with the markers that show it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from sarckg.extract import cues
from sarckg.extract.anaphora import resolve_anaphor
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.biomarker_mentions import (
    ANCHOR,
    BIOMARKER_TYPES,
    amount_of,
    biomarker_mentions,
    is_state,
)
from sarckg.extract.numbers import Fraction, Quantity, ValueRange, parse_numbers
from sarckg.model import BiomarkerMeasurement, EntityRef, Mention

EXTRACTOR = "biomarkers"

_ASSAYS: tuple[tuple[str, str], ...] = (
    (r"\b(22C3|28-8|SP263|SP142|E1L3N|73-10)\b", ""),
    (r"\bwhole[\s-]exome(?:\s+sequencing)?|\bWES\b", "whole exome"),
    (r"\bwhole[\s-]genome(?:\s+sequencing)?|\bWGS\b", "whole genome"),
    (r"\bwhole[\s-]transcript\w*(?:\s+sequencing)?|\bRNA[\s-]seq\w*", "whole transcriptome"),
    (r"\b(?:targeted\s+)?(?:gene\s+)?panel(?:\s+DNA)?(?:\s+sequencing)?", "gene panel"),
    (r"\bMSI\s*sensor\w*|\bMSI\s+score", "MSI score"),
    (r"\b(?:TPS|CPS)\b|\btumou?r\s+proportion\s+score|\bcombined\s+positive\s+score", "PD-L1 score"),
    (r"\bimmunohistochemi\w+|\bIHC\b", "immunohistochemistry"),
)
_METHODS = {"PD-L1 score", "immunohistochemistry"}  # how a clone's staining is read, not an assay of its own
_CLONE = re.compile(_ASSAYS[0][0])
# "TMB was 1.3 mutations/Mb", "TMB was a median of 1.3": a level; not "a TMB of 10 mut/Mb or more"
_LEVEL_GAP = re.compile(r"\s*(?:was|were|=|:)\s*(?:an?\s+(?:median|mean)\s+of\s+)?", re.IGNORECASE)
_OPEN_ABOVE = re.compile(r"\s*(?:or\s+(?:more|higher|greater|above)|and\s+(?:above|over)|\+)", re.IGNORECASE)
_NO = re.compile(r"\b(?:no|none|not|neither|nor|without)\b", re.IGNORECASE)
_THRESHOLD_WORDS = re.compile(r"\b(?:defin\w+|cut-?off|threshold|classif\w+|considered)\b|-(?:high|H)\b",
                              re.IGNORECASE)
_WORD_COMPARATOR = re.compile(r"(?P<ge>at\s+least|(?:equal\s+to\s+)?or\s+(?:more|greater|higher)(?:\s+than)?)\s*$|"
                              r"(?:more\s+than|greater\s+than|above|over|exceed\w*)\s*$"
                              r"|(?P<lt>(?:less\s+than|below|under|fewer\s+than)\s*$)", re.IGNORECASE)
_PER_MB = re.compile(r"^\s*(?:mutations?|muts?)\s*(?:per|/)\s*(?:megabase|Mb)\b", re.IGNORECASE)
_PREVALENCE_AFTER = re.compile(
    r"^[\s\w+()-]{0,30}?\b(?:positiv\w*|expression|express\w*|status|detected|high|loss|"
    r"amplification)?\s*(?:was\s+|were\s+)?(?:found\s+|seen\s+|observed\s+|present\s+|detected\s+)?"
    r"(?:in|among)\s+(?:only\s+)?(?:~|approximately\s+|about\s+)?$", re.IGNORECASE)
_PREVALENCE_BEFORE = re.compile(
    r"^\s*(?:\)\s*)?(?:of\s+(?:the\s+)?(?:\w+\s+){0,3}?)?(?:were|was|had|have|showed|show\w*|exhibit\w*|"
    r"qualif\w+\s+as|harbou?r\w*|displayed|carried)\s+(?:an?\s+)?(?:high\s+|elevated\s+|positive\s+)?$",
    re.IGNORECASE)
_OUTCOME_WORDS = re.compile(r"\b(?:ORR|DCR|response|PFS|OS|survival|rate)\b", re.IGNORECASE)
#: "dMMR remains exceptionally rare (~1%) in STS": how common, then the share in brackets.
_RARITY_BEFORE = re.compile(
    r"^\s*(?:is|are|was|were|remains?|remained|appears?|seems?)\s+(?:\w+ly\s+)?"
    r"(?:rare|uncommon|infrequent|common|frequent|prevalent)\s*\(\s*(?:~|≈|approximately\s+|about\s+)?$",
    re.IGNORECASE)
#: "IDO was detected on endothelial cells in 23% and on tumor cells in 41%": a share per compartment.
_COMPARTMENT_VERB = re.compile(r"\s*(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:detected|expressed|found|observed|"
                               r"present|seen)\s+", re.IGNORECASE)
_COMPARTMENT_SHARE = re.compile(r"\s+(?:in|of)\s+(?:~|approximately\s+|about\s+)?(?P<n>\d+(?:\.\d+)?)\s*%")
#: "... in 41% of responders", "in 41% ORR": a share of an outcome group, not of the tumours.
_SUBGROUP = re.compile(r"\s*(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:(?:non-?)?respon\w*|ORR|DCR|PFS|OS|survival|rate)\b",
                       re.IGNORECASE)
_COMPARTMENT_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|while\s+|whereas\s+)")
#: "TMB was low in all patients, ranging from 1.12–3.45 mutations/Mb": the range of its level.
_RANGE_GAP = re.compile(r"^[^;.\d]{0,60}?\b(?:rang(?:ing|ed|es?)\s+(?:from|between)|(?:in\s+)?the\s+range\s+(?:of\s+)?|"
                        r"(?:was|were|is|are)\s+between)\s*$", re.IGNORECASE)


def assay_of(text: str) -> str | None:
    """How the sentence says the biomarker was measured (antibody clone, sequencing, score)."""
    found: list[str] = []
    for pattern, name in _ASSAYS:
        for m in re.finditer(pattern, text, re.IGNORECASE if name else 0):
            found.append(name or m.group(1))
    clones = [f for f in found if f not in _METHODS]  # "the SP263 assay": the clone is the assay
    return "; ".join(sorted(set(clones or found))) if found else None


def measurements(sentence: AnnotatedSentence) -> Iterator[BiomarkerMeasurement]:
    """Thresholds ("TMB-high as >= 10 mutations/Mb"), prevalences ("PD-L1 positivity in
    12-23% of STS") and comparative levels ("higher TMB in RIS than in primary sarcomas")."""
    text = sentence.text
    markers = biomarker_mentions(sentence)
    if not markers:
        return
    numbers = [n for n in parse_numbers(text) if isinstance(n, Quantity | ValueRange | Fraction)]
    assay = assay_of(text)
    for m in markers:
        # a share per compartment ("on tumour cells in 41%") is the finer reading of its numbers
        shares = list(_compartments(sentence, m, assay)) or list(_prevalence(sentence, m, markers, numbers, assay))
        found = [*_threshold(sentence, m, numbers, assay), *shares, *_range_level(sentence, m, numbers, assay)]
        yield from found or _level(sentence, m, assay)


def _measurement(sentence: AnnotatedSentence, subtypes: list[EntityRef | None] | None = None,
                 **fields: object) -> Iterator[BiomarkerMeasurement]:
    evidence = sentence.evidence(extractor=EXTRACTOR, hedged=cues.is_hedged(sentence.text),
                                 negated=False)
    for subtype in subtypes or cues.subtypes_named(sentence):
        yield BiomarkerMeasurement(evidence=evidence, subtype=subtype, **fields)  # type: ignore[arg-type]


def _threshold(sentence: AnnotatedSentence, m: Mention, numbers: Sequence[object],
               assay: str | None) -> Iterator[BiomarkerMeasurement]:
    text = sentence.text
    for n in numbers:
        if not isinstance(n, Quantity) or any(c.start() <= n.start < c.end() for c in _CLONE.finditer(text)):
            continue  # "22C3" names an antibody, not a number
        # "considered positive at a tumour proportion score of at least 1%": a cut-off further on
        reach = 140 if _THRESHOLD_WORDS.search(text, m.end, n.start) else 40
        if not m.end <= n.start <= m.end + reach:
            continue
        between = _CLONE.sub("clone", text[m.end:n.start])
        if re.search(r"[;.]|\d", between):
            break
        word = _WORD_COMPARATOR.search(between)
        comparator = n.comparator or (
            ("<" if word.group("lt") else ">=" if word.group("ge") else ">") if word else None)
        unit = n.unit or ("mutations/Mb" if _PER_MB.match(text[n.end:]) else
                          "score" if re.search(r"\bscores?\b", between, re.IGNORECASE) else None)
        if comparator is None and unit is not None and unit != "%" and _LEVEL_GAP.fullmatch(between) and not (
                _OPEN_ABOVE.match(text, n.end) or _NO.search(_own_clause(text, m.start))):
            # "The median tumour mutational burden was 1.3 mutations/Mb": a level, no cut-off
            yield from _measurement(sentence, biomarker=m.entity, property="level", value=n.value,
                                    unit=unit, assay=assay_of(_own_clause(text, m.start)))
            break
        if comparator is None or unit is None:
            break
        prop = "threshold" if _THRESHOLD_WORDS.search(text[max(0, m.start - 40):n.end + 40]) else "level"
        yield from _measurement(sentence, biomarker=m.entity, property=prop, value=n.value,
                                unit=unit, comparator=comparator, assay=assay)
        break


_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|whereas|while)\s+", re.IGNORECASE)


def _own_clause(text: str, pos: int) -> str:
    """The coordinated clause around ``pos``: "..., and IHC showed ..." is another clause."""
    breaks = [0, *(b for m in _CLAUSE_BREAK.finditer(text) for b in m.span()), len(text)]
    start = max(b for b in breaks[::2] if b <= pos)
    return text[start:min(b for b in breaks[1::2] if b > pos)]


def _percent(n: object) -> tuple[Decimal, Decimal | None] | None:
    if isinstance(n, Quantity) and n.unit == "%":
        return n.value, None
    if isinstance(n, ValueRange) and n.unit == "%":
        return n.low, n.high
    return None


def _prevalence(sentence: AnnotatedSentence, m: Mention, markers: Sequence[Mention],
                numbers: Sequence[object], assay: str | None) -> Iterator[BiomarkerMeasurement]:
    text = sentence.text
    for n in numbers:
        value = _percent(n)
        if value is None:
            continue
        start, end = n.start, n.end  # type: ignore[attr-defined]
        if m.end <= start:
            gap = text[m.end:start]
            ok = _PREVALENCE_AFTER.match(gap) or _RARITY_BEFORE.match(gap)
        else:
            gap, ok = text[end:m.start], _PREVALENCE_BEFORE.match(text[end:m.start])
        others = [o for o in markers if o is not m and min(m.end, end) <= o.start < max(m.start, start)]
        if not ok or others or _OUTCOME_WORDS.search(gap) or (m.end <= start and _SUBGROUP.match(text, end)):
            continue
        yield from _measurement(sentence, biomarker=m.entity, property="prevalence",
                                value=value[0], value_high=value[1], unit="%", assay=assay,
                                subtypes=_subtype_after(sentence, end))


def _subtype_after(sentence: AnnotatedSentence, end: int) -> list[EntityRef | None] | None:
    """The subtype a share is "of" ("3.8% of STS", "rare (~1%) in STS"), when it follows the number."""
    for s in sentence.of_category("SarcomaSubtype", "Population"):
        if s.start >= end and re.fullmatch(r"\s*\)?\s*(?:of|in|among)\s+(?:all\s+|the\s+)?(?:[\w-]+\s+)?",
                                           sentence.text[end:s.start]):
            return [s.entity]
    return None


def _compartments(sentence: AnnotatedSentence, m: Mention,
                  assay: str | None) -> Iterator[BiomarkerMeasurement]:
    """"IDO was detected on endothelial cells in 23% and on tumor cells in 41%": one
    prevalence per cell compartment, each with its own share (``property`` "prevalence
    (endothelial cell)")."""
    text = sentence.text
    verb = _COMPARTMENT_VERB.match(text, m.end)
    at = verb.end() if verb else -1
    while verb is not None:
        prep = re.compile(r"(?:on|in|by|within)\s+(?:the\s+)?").match(text, at)
        cell = next((c for c in sentence.of_category("CellType") if prep and c.start == prep.end()), None)
        share = _COMPARTMENT_SHARE.match(text, cell.end) if cell is not None else None
        if cell is None or share is None or _SUBGROUP.match(text, share.end()):
            return
        yield from _measurement(sentence, biomarker=m.entity, property=f"prevalence ({cell.entity.label})",
                                value=Decimal(share["n"]), unit="%", assay=assay,
                                subtypes=_subtype_after(sentence, share.end()))
        join = _COMPARTMENT_JOIN.match(text, share.end())
        at = join.end() if join else -1
        if join is None:
            return


def _range_level(sentence: AnnotatedSentence, m: Mention, numbers: Sequence[object],
                 assay: str | None) -> Iterator[BiomarkerMeasurement]:
    """"TMB was low in all patients, ranging from 1.12–3.45 mutations/Mb": the level as a
    range in a biomarker's own unit (not a share, a time or a count of patients)."""
    text = sentence.text
    for n in numbers:
        if not isinstance(n, ValueRange) or n.start < m.end:
            continue
        unit = n.unit or ("mutations/Mb" if _PER_MB.match(text[n.end:]) else None)
        gap = text[m.end:n.start]
        if unit != "mutations/Mb" or not _RANGE_GAP.match(gap) or _OUTCOME_WORDS.search(gap) or any(
                o.start < n.start and o.entity != m.entity for o in biomarker_mentions(sentence) if o.start > m.end):
            return
        yield from _measurement(sentence, biomarker=m.entity, property="level", value=n.low,
                                value_high=n.high, unit=unit, assay=assay)
        return


_COMPARATIVE = re.compile(r"\b(?:higher|greater|more(?:\s+abundant)?|lower|less|fewer|increased|"
                          r"decreased|reduced)\b", re.IGNORECASE)


def _level(sentence: AnnotatedSentence, m: Mention,
           assay: str | None) -> Iterator[BiomarkerMeasurement]:
    """"higher TMB in RIS than in primary sarcomas", "high PD-L1 expression in ASPS cells"."""
    text = sentence.text
    is_marker = m.entity.category == "Biomarker" or bool(BIOMARKER_TYPES & set(m.entity.types))
    amount = amount_of(text, m)
    c_start, c_end = cues.clause_of(text, m.start)
    if not is_marker or not amount or ANCHOR.search(text[c_start:c_end]) or re.search(
            r"\b(?:if|whether|unless)\b", text[c_start:c_end], re.IGNORECASE):
        return
    subtype = _level_subtype(sentence, m)
    if subtype is None:
        return
    window = text[max(0, m.start - 35):m.end + 60]
    comparative = bool(_COMPARATIVE.search(window)) or bool(
        re.search(r"\b(?:than|compared\s+(?:with|to)|versus|relative\s+to)\b", text))
    prop = ("higher" if amount > 0 else "lower") if comparative else ("high" if amount > 0 else "low")
    if is_state(m.entity):
        prop = "present" if amount > 0 else "absent"  # a state is there or not, never high
    negated = cues.is_negated(text, m.start, m.end)
    evidence = sentence.evidence(extractor=EXTRACTOR, hedged=cues.is_hedged(text, m.start),
                                 negated=negated, polarity="disputes" if negated else "supports")
    yield BiomarkerMeasurement(evidence=evidence, biomarker=m.entity, property=prop,
                               subtype=subtype, assay=assay)


def _level_subtype(sentence: AnnotatedSentence, m: Mention) -> EntityRef | None:
    """The subtype whose level it is: "... X in S" after it, or S the subject before it."""
    text = sentence.text
    c_start, c_end = cues.clause_of(text, m.start)
    subtypes = [s for s in sentence.of_category("SarcomaSubtype", "Population")
                if c_start <= s.start < c_end]
    for s in subtypes:
        if s.start >= m.end and re.fullmatch(r"[^,;]{0,40}?\bin\s+(?:the\s+)?(?:\w+\s+)?",
                                             text[m.end:s.start]):
            return s.entity
    for s in subtypes:
        gap = cues.without_comparison(text[s.end:m.start])
        if s.end <= m.start and len(gap.split()) <= 12 and "," not in gap and re.search(
                r"\b(?:exhibit|display|show|ha[sv]e?|harbou?r|present)\w*\b", gap) and not re.search(
                r"\b(?:than|with|to)\s*$", text[:s.start]):
            return s.entity
    return None


# "These macrophages predominantly display an M2-type (immunosuppressive), marked by high
# expression of CD163 and CSF1R": the phenotype of a cell population and the markers that show it
_PHENOTYPE = re.compile(
    r"\s*(?:(?:predominantly|mainly|mostly|largely|often|typically|frequently)\s+)?(?:display|exhibit|show|"
    r"adopt|acquire|ha[sv]e|are|is)\w*\s+(?:of\s+)?(?:an?\s+|the\s+)?(?P<p>M[12]|Th(?:1|2|17)|exhausted|"
    r"immunosuppressive|pro-?inflammatory|anti-?inflammatory|tolerogenic)(?:[-\s](?:type|like|polari[sz]ed))?"
    r"(?:\s+phenotype)?\b", re.IGNORECASE)
_MARKED_BY = re.compile(cues.MARKED_BY + r"(?:expression\s+of\s+)?", re.IGNORECASE)


def phenotypes(doc: AnnotatedDocument, sentence: AnnotatedSentence) -> Iterator[BiomarkerMeasurement]:
    """A cell population's phenotype (``property`` "M2 phenotype"), with the markers the
    sentence says mark it as the ``assay``. "These macrophages" stands for the kind of
    macrophage the sentence before named ("TAM densities ..."): the evidence then quotes both."""
    text = sentence.text
    for m in sentence.of_category("CellType"):
        found = _PHENOTYPE.match(text, m.end)
        if found is None:
            continue
        cell, antecedent = m.entity, None
        anaphor = resolve_anaphor(doc, sentence, {"CellType"})
        if anaphor is not None and anaphor.start <= m.start < anaphor.end:
            cell, antecedent = anaphor.mention.entity, anaphor.earlier(sentence)
        marked = _MARKED_BY.search(text, found.end(), found.end() + 60)
        markers = []
        if marked is not None:  # the list after "marked by", up to a citation or the next clause
            stop = re.compile(r"\(\s*\d|;|,\s*(?:which|that|and\s+(?:these|this|they))\b").search(text, marked.end())
            markers = [t.text.replace(" ", "") for t in sentence.of_category("Target")
                       if marked.end() <= t.start < (stop.start() if stop else len(text))]
        subtypes = cues.subtypes_named(antecedent) if antecedent is not None else []
        evidence = sentence.evidence(EXTRACTOR, antecedent=antecedent, hedged=cues.is_hedged(text), negated=False)
        for subtype in [s for s in subtypes if s is not None] or cues.subtypes_named(sentence):
            yield BiomarkerMeasurement(evidence=evidence, biomarker=cell, property=f"{found['p']} phenotype",
                                       subtype=subtype, assay=", ".join(markers) or None)

