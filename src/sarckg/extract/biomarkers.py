"""Biomarker associations and measurements.

``extract(doc)`` yields :class:`BiomarkerAssociation` (a biomarker goes with a better or
worse response, survival, prognosis or recurrence, or reportedly with none) and
:class:`BiomarkerMeasurement` (thresholds, prevalences, levels and comparisons, with the
assay when the sentence names one). Direction follows the model's convention: positive means
more of the biomarker goes with a better outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.biomarker_contrasts import findings
from sarckg.extract.cues import Lexicon, load_lexicon
from sarckg.extract.numbers import Fraction, Quantity, ValueRange, parse_numbers
from sarckg.model import (
    BiomarkerAssociation,
    BiomarkerMeasurement,
    Direction,
    EntityRef,
    Mention,
    Statement,
)

EXTRACTOR = "biomarkers"

BIOMARKER_TYPES = frozenset({
    "Biomarker", "GenomicBiomarker", "ExpressionBiomarker", "ImmuneInfiltrateBiomarker",
    "GeneSignature",
})
#: Categories that are biomarkers only when the sentence speaks of their amount.
_MEASURABLE = frozenset({"CellType", "Target", "Process"})
_AMOUNT_NOUN = re.compile(r"^[\s+-]*(?:\w+\s+)?(?:expression|levels?|infiltrat\w*|densit\w*|"
                          r"amplification|signal\w*|pathway|ratio|counts?|numbers?|score)\b",
                          re.IGNORECASE)
#: "serum levels of", "plasma concentrations of X and": what follows is measured in the patient.
_BODY_LEVEL_BEFORE = re.compile(
    r"\b(?:serum|plasma|circulating|blood|intratumou?ral)\s+(?:levels?|concentrations?)\s+of\s+"
    r"(?:[\w+/-]+(?:\s+[\w+/-]+)?\s*(?:,|\band\b|\bor\b)\s*){0,3}$", re.IGNORECASE)
#: "a negative indicator for immunotherapy": the therapy's response is the outcome.
_THERAPY_AFTER = re.compile(
    r"^\s+(?:\w+\s+){0,2}?(?:for|of|to|with|in)\s+(?:the\s+)?(?:\w+[\s-]+){0,2}?"
    r"(?P<therapy>immuno-?therap\w*|(?:immune\s+)?checkpoint\s+(?:inhibitors?|blockade)|ICIs?|"
    r"anti-?\s?(?:PD-?L?-?1|CTLA-?4)\b[\w-]*)", re.IGNORECASE)
_THERAPY_GAP = re.compile(r"\s+(?:\w+\s+){0,2}?(?:for|of|to|with|in)\s+(?:the\s+)?", re.IGNORECASE)
_RATIO = re.compile(r"^(?:\s*/\s*[\w+-]+)?\s*ratios?\b", re.IGNORECASE)
_RATIO_TAIL = re.compile(r"[\w+-]+\s*/\s*$")
#: Words relating a biomarker to an outcome.
_ANCHOR = re.compile(
    r"\b(?:associat\w*|correlat\w*|predict\w*|linked|links?|correspond\w*|portend\w*|forecast\w*|"
    r"indicators?|markers?|related\s+(?:to|with)|led\s+to|leads?\s+to|"
    r"(?:exhibit\w*|ha[sd]|have|showed|achieved|experienced)\s+(?=(?:an?\s+)?(?:significantly\s+)?"
    r"(?:worse|better|poor\w*|improved|longer|shorter|superior|inferior|higher|lower)\s+(?:\w+\s+)?"
    r"(?:survival|response|outcomes?|prognosis|OS|PFS|ORR|DCR|benefit)\b))",
    re.IGNORECASE,
)
_GROUP_PREP = re.compile(r"\b(?:in|among|of)\s+(?:the\s+)?(?:\w+\s+){0,1}$", re.IGNORECASE)
#: Measures whose patients' outcome is the tumour's response, or their survival.
MEASURE_OUTCOME: dict[str, str] = {
    "ORR": "Response", "DCR": "Response", "CompleteResponse": "Response",
    "PartialResponse": "Response", "StableDisease": "Response", "ProgressiveDisease": "Response",
    "PathologicResponse": "Response", "DurationOfResponse": "Response",
    "MedianPFS": "Survival", "MedianOS": "Survival", "PFSRate": "Survival", "OSRate": "Survival",
}


@dataclass(frozen=True)
class OutcomeTerm:
    outcome: str  # ClinicalOutcome local name
    start: int
    end: int


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Every biomarker association and measurement stated in ``doc``."""
    lexicon = load_lexicon()
    for sentence in doc.sentences:
        if not cues.minable(sentence):
            continue
        seen: set[tuple[object, ...]] = set()
        for statement in (*associations(sentence, lexicon), *measurements(sentence)):
            if statement.key() not in seen:
                seen.add(statement.key())
                yield statement


# --------------------------------------------------------------------------- mentions


def biomarker_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """Mentions that stand for a biomarker here: biomarker entities, and cells, targets
    or processes whose amount the sentence speaks of ("high TAM levels", "CD8+ infiltration")."""
    text = sentence.text
    drugs = sentence.of_category("Drug", "DrugClass")
    found: list[Mention] = []
    for m in sentence.mentions:
        if any(d.start <= m.start and m.end <= d.end and d is not m for d in drugs):
            continue
        if m.entity.category == "Drug" and _BODY_LEVEL_BEFORE.search(text[max(0, m.start - 60):m.start]):
            found.append(m)  # "serum levels of IL-4 and IFN-α": a molecule measured in the body
            continue
        if _is_drug_target_phrase(text, m):
            continue
        if _RATIO.match(text[m.end:m.end + 30]) or (
                _RATIO_TAIL.search(text[max(0, m.start - 20):m.start])
                and re.match(r"^\s*ratios?\b", text[m.end:m.end + 12], re.IGNORECASE)):
            continue  # "a high CD68+/CD8+ ratio" is neither cell's amount
        is_marker = m.entity.category == "Biomarker" or bool(BIOMARKER_TYPES & set(m.entity.types))
        if is_marker or (m.entity.category in _MEASURABLE and (
                _AMOUNT_NOUN.match(text[m.end:m.end + 40])
                or cues.amount_sign(text, m.start, m.end) != 0)):
            found.append(m)
    return [m for m in cues.drop_nested(found) if not _in_expansion(text, m)]


def _in_expansion(text: str, m: Mention) -> bool:
    """A word inside a parenthesis that spells out the term before it ("HLA-LOH (loss of
    heterozygosity in human leukocyte antigens)") is not a biomarker of its own."""
    opened = text.rfind("(", 0, m.start)
    return opened > text.rfind(")", 0, m.start) and len(text[opened + 1:m.start].split()) >= 2


def _is_drug_target_phrase(text: str, m: Mention) -> bool:
    """"anti-PD-1", "PD-1 blockade", "PD-1 inhibitors": a therapy, not a biomarker."""
    before = text[max(0, m.start - 5):m.start].lower()
    after = text[m.end:m.end + 25].lower()
    return before.endswith(("anti-", "anti ")) or bool(
        re.match(r"^[\s/\w-]{0,12}?(?:inhibitors?|blockade|blockers?|antibod|-targeted|targeting|"
                 r"therapy|agents?)\b", after))


def outcome_terms(lexicon: Lexicon, text: str) -> list[OutcomeTerm]:
    """Clinical outcomes named in ``text``, from the outcome and outcome-measure lexicons."""
    terms = [OutcomeTerm(name, s, e) for name, s, e in lexicon.find(lexicon.outcomes, text)]
    taken = [(t.start, t.end) for t in terms]
    for name, s, e in lexicon.find(lexicon.measures, text):
        if name in MEASURE_OUTCOME and not any(a < e and s < b for a, b in taken):
            terms.append(OutcomeTerm(MEASURE_OUTCOME[name], s, e))
    return sorted(terms, key=lambda t: t.start)


def _signed_amounts(text: str, group: Sequence[Mention]) -> list[int]:
    """Each member's amount sign; a member that says none inherits its left neighbour's."""
    signs: list[int] = []
    for i, m in enumerate(group):
        if i and group[i - 1].entity == m.entity and not text[group[i - 1].end:m.start].strip(" ("):
            signs.append(signs[-1])  # "MMR deficiency (dMMR)": the abbreviation is the same
            continue
        sign = cues.amount_sign(text, m.start, m.end)
        signs.append(sign or (signs[-1] if signs else 0))
    return signs


# --------------------------------------------------------------------------- associations


def associations(sentence: AnnotatedSentence, lexicon: Lexicon) -> Iterator[BiomarkerAssociation]:
    """Associations stated by an association word ("correlated with improved OS") or by a
    comparison of outcome groups ("higher ITH in PD patients")."""
    markers = biomarker_mentions(sentence)
    if not markers:
        return
    terms = outcome_terms(lexicon, sentence.text)
    for anchor in _ANCHOR.finditer(sentence.text):
        yield from _anchored(sentence, lexicon, markers, terms, anchor)
    yield from _by_group(sentence, lexicon, markers)
    for f in findings(sentence, lexicon, markers):
        yield from _association(sentence, f.marker.entity, f.outcome, f.direction,
                                cues.is_hedged(sentence.text, f.position))


def _anchored(sentence: AnnotatedSentence, lexicon: Lexicon, markers: list[Mention],
              terms: list[OutcomeTerm], anchor: re.Match[str]) -> Iterator[BiomarkerAssociation]:
    text = sentence.text
    c_start, c_end = cues.clause_of(text, anchor.start())
    next_anchor = _ANCHOR.search(text, anchor.end())
    limit = min(c_end, next_anchor.start() if next_anchor else c_end)
    outs = [t for t in terms if anchor.end() <= t.start < limit] or _therapy_response(
        sentence, anchor.end(), limit)
    if not outs:
        return
    subjects = _subjects(sentence, markers, anchor, outs[0], c_start)
    for member, amount in subjects:
        for term in _distinct(outs, text):
            negated = (cues.phrase_negated(text, member.start, member.end)
                       or cues.phrase_negated(text, term.start, term.end)
                       or cues.is_negated(text, anchor.start(), anchor.end()))
            direction = "none" if negated else _direction(
                lexicon, text, anchor, term, amount or 1)
            if direction is None:
                continue
            yield from _association(sentence, member.entity, term.outcome, direction,
                                    cues.is_hedged(text, anchor.start()))


def _therapy_response(sentence: AnnotatedSentence, after: int, limit: int) -> list[OutcomeTerm]:
    """No outcome named, but a therapy right after the association word ("a negative
    indicator associated with immunotherapy"): the outcome is the response to it."""
    text = sentence.text
    m = _THERAPY_AFTER.match(text[after:limit])
    if m:
        return [OutcomeTerm("Response", after + m.start("therapy"), after + m.end("therapy"))]
    therapy = next((d for d in sentence.of_category("Drug", "DrugClass") if after <= d.start and d.end <= limit
                    and _THERAPY_GAP.fullmatch(text[after:d.start])), None)
    return [OutcomeTerm("Response", therapy.start, therapy.end)] if therapy else []


def _subjects(sentence: AnnotatedSentence, markers: list[Mention], anchor: re.Match[str],
              first_out: OutcomeTerm, c_start: int) -> list[tuple[Mention, int]]:
    text = sentence.text
    inside = [i for i, m in enumerate(markers) if anchor.end() <= m.start and m.end <= first_out.start]
    if re.match(r"\s+(?:\w+\s+)?between\b", text[anchor.end():anchor.end() + 30]):
        return [(markers[i], 0) for i in inside]
    if inside and re.match(r"link|associat|correlat", anchor.group(0), re.IGNORECASE) and re.search(
            r"\b(?:with|to)\s+(?:\w+\s+){0,3}$", text[markers[inside[-1]].end:first_out.start]):
        group = cues.coordinated(text, markers, inside[-1])  # "linked high Treg levels with ..."
        return list(zip(group, _signed_amounts(text, group), strict=True))
    clause_text = text[c_start:anchor.start()]
    if re.match(r"\s*,?\s*(?:which|that)\b", clause_text):
        c_start = cues.clauses(text)[max(0, cues.clause_index(text, c_start) - 1)][0]
    first = _ANCHOR.search(text, c_start)
    end = min(anchor.start(), first.start()) if first else anchor.start()
    before = [i for i, m in enumerate(markers) if c_start <= m.start and m.end <= end]
    if not before:
        return []
    group = cues.coordinated(text, markers, before[-1])
    if re.search(r"\bratios?\b", text[group[-1].end:anchor.start()], re.IGNORECASE):
        return []  # the subject is a ratio of cells, not any one of them
    if re.search(r"\b(?:status|types?|subtypes?)\s+of\s+(?:the\s+)?$", text[max(0, group[0].start - 25):group[0].start],
                 re.IGNORECASE):
        return []  # "the status of X" names no amount, so no direction
    return list(zip(group, _signed_amounts(text, group), strict=True))


def _distinct(terms: list[OutcomeTerm], text: str) -> list[OutcomeTerm]:
    """One term per outcome; a term right after another qualifies it ("survival outcomes")."""
    seen: set[str] = set()
    out: list[OutcomeTerm] = []
    for t in terms:
        if out and not text[out[-1].end:t.start].strip():
            continue
        if t.outcome not in seen:
            seen.add(t.outcome)
            out.append(t)
    return out


def _direction(lexicon: Lexicon, text: str, anchor: re.Match[str], term: OutcomeTerm,
               amount: int) -> Direction | None:
    region = text[max(0, anchor.start() - 20):term.end]
    for name, s, e in lexicon.find(lexicon.directions, region):
        if name in ("Positive", "Negative") and len(region[s:e].split()) > 1:
            return _as_direction(amount * (1 if name == "Positive" else -1))
    sign = cues.relation_sign(region) * cues.outcome_sign(text[anchor.end():term.end]) * amount
    return _as_direction(sign) if sign else None


def _as_direction(sign: int) -> Direction:
    return "positive" if sign > 0 else "negative"


def _by_group(sentence: AnnotatedSentence, lexicon: Lexicon,
              markers: list[Mention]) -> Iterator[BiomarkerAssociation]:
    """"higher ITH in PD patients", "more monocytes were observed in PR patients"."""
    text = sentence.text
    groups = [(s, e) for name, s, e in lexicon.find(lexicon.measures, text)
              if name in ("CompleteResponse", "PartialResponse", "StableDisease", "ProgressiveDisease")]
    groups += [m.span() for m in re.finditer(r"\b(?:non-?)?responders\b", text, re.IGNORECASE)]
    for g_start, g_end in sorted(groups):
        if not _GROUP_PREP.search(text[max(0, g_start - 25):g_start]) or re.search(
                r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:\w+\s+){0,2}$",
                text[max(0, g_start - 30):g_start], re.IGNORECASE):
            continue
        c_start, _ = cues.clause_of(text, g_start)
        before = [i for i, m in enumerate(markers) if c_start <= m.start and m.end <= g_start]
        if not before or _ANCHOR.search(text, markers[before[-1]].end, g_start):
            continue
        group = cues.coordinated(text, markers, before[-1])
        sign = cues.group_sign(lexicon, text[g_start:g_end + 12])
        for member, amount in zip(group, _signed_amounts(text, group), strict=True):
            if amount and sign:
                yield from _association(sentence, member.entity, "Response",
                                        _as_direction(amount * sign), cues.is_hedged(text, g_start))


# --------------------------------------------------------------------------- building


def _association(sentence: AnnotatedSentence, biomarker: EntityRef, outcome: str,
                 direction: Direction,
                 hedged: bool) -> Iterator[BiomarkerAssociation]:
    # "no association" is the statement itself (direction none), so its evidence supports it
    # and is not negated: negated evidence would count against the statement it carries.
    evidence = sentence.evidence(extractor=EXTRACTOR, negated=False, hedged=hedged)
    context = cues.therapy_context(
        sentence, [m.entity for m in biomarker_mentions(sentence) if m.entity.category == "Drug"])
    for subtype in cues.subtypes_named(sentence):
        yield BiomarkerAssociation(
            evidence=evidence, biomarker=biomarker, outcome=outcome.lower(),
            direction=direction, subtype=subtype, context=context,
        )


# --------------------------------------------------------------------------- measurements

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
_THRESHOLD_WORDS = re.compile(r"\b(?:defin\w+|cut-?off|threshold|classif\w+|considered)\b|-(?:high|H)\b",
                              re.IGNORECASE)
_WORD_COMPARATOR = re.compile(r"(?:at\s+least|more\s+than|greater\s+than|above|over|exceed\w*)\s*$"
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


def assay_of(text: str) -> str | None:
    """How the sentence says the biomarker was measured (antibody clone, sequencing, score)."""
    found: list[str] = []
    for pattern, name in _ASSAYS:
        for m in re.finditer(pattern, text, re.IGNORECASE if name else 0):
            found.append(name or m.group(1))
    return "; ".join(sorted(set(found))) if found else None


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
        found = [*_threshold(sentence, m, numbers, assay),
                 *_prevalence(sentence, m, markers, numbers, assay)]
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
        if not isinstance(n, Quantity) or not m.end <= n.start <= m.end + 40:
            continue
        between = text[m.end:n.start]
        if re.search(r"[;.]|\d", between):
            break
        word = _WORD_COMPARATOR.search(between)
        comparator = n.comparator or (("<" if word.group("lt") else ">") if word else None)
        unit = n.unit or ("mutations/Mb" if _PER_MB.match(text[n.end:]) else
                          "score" if re.search(r"\bscores?\b", between, re.IGNORECASE) else None)
        if comparator is None or unit is None:
            break
        prop = "threshold" if _THRESHOLD_WORDS.search(text[max(0, m.start - 40):n.end + 40]) else "level"
        yield from _measurement(sentence, biomarker=m.entity, property=prop, value=n.value,
                                unit=unit, comparator=comparator, assay=assay)
        break


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
            gap, ok = text[m.end:start], _PREVALENCE_AFTER.match(text[m.end:start])
        else:
            gap, ok = text[end:m.start], _PREVALENCE_BEFORE.match(text[end:m.start])
        others = [o for o in markers if o is not m and min(m.end, end) <= o.start < max(m.start, start)]
        if not ok or others or _OUTCOME_WORDS.search(gap):
            continue
        yield from _measurement(sentence, biomarker=m.entity, property="prevalence",
                                value=value[0], value_high=value[1], unit="%", assay=assay,
                                subtypes=_subtype_after(sentence, end))


def _subtype_after(sentence: AnnotatedSentence, end: int) -> list[EntityRef | None] | None:
    """The subtype a share is "of" ("3.8% of STS"), when it follows the number."""
    for s in sentence.of_category("SarcomaSubtype", "Population"):
        if s.start >= end and re.fullmatch(r"\s*(?:of|in|among)\s+(?:all\s+|the\s+)?(?:[\w-]+\s+)?",
                                           sentence.text[end:s.start]):
            return [s.entity]
    return None


_COMPARATIVE = re.compile(r"\b(?:higher|greater|more(?:\s+abundant)?|lower|less|fewer|increased|"
                          r"decreased|reduced)\b", re.IGNORECASE)


def _level(sentence: AnnotatedSentence, m: Mention,
           assay: str | None) -> Iterator[BiomarkerMeasurement]:
    """"higher TMB in RIS than in primary sarcomas", "high PD-L1 expression in ASPS cells"."""
    text = sentence.text
    is_marker = m.entity.category == "Biomarker" or bool(BIOMARKER_TYPES & set(m.entity.types))
    amount = cues.amount_sign(text, m.start, m.end)
    c_start, c_end = cues.clause_of(text, m.start)
    if not is_marker or not amount or _ANCHOR.search(text[c_start:c_end]) or re.search(
            r"\b(?:if|whether|unless)\b", text[c_start:c_end], re.IGNORECASE):
        return
    subtype = _level_subtype(sentence, m)
    if subtype is None:
        return
    window = text[max(0, m.start - 35):m.end + 60]
    comparative = bool(_COMPARATIVE.search(window)) or bool(
        re.search(r"\b(?:than|compared\s+(?:with|to)|versus|relative\s+to)\b", text))
    prop = ("higher" if amount > 0 else "lower") if comparative else ("high" if amount > 0 else "low")
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
