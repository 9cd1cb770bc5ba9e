"""Biomarker associations and measurements.

``extract(doc)`` yields :class:`BiomarkerAssociation` (a biomarker goes with a better or
worse response, survival, prognosis or recurrence, or reportedly with none) and
:class:`BiomarkerMeasurement` (thresholds, prevalences, levels and comparisons, with the
assay when the sentence names one). Direction follows the model's convention: positive means
more of the biomarker goes with a better outcome.

This module reads associations stated by an association word or by outcome groups; which
mentions are biomarkers is :mod:`~sarckg.extract.biomarker_mentions`, measurements are
:mod:`~sarckg.extract.biomarker_measurements`, associations stated without an association
word are :mod:`~sarckg.extract.biomarker_contrasts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.biomarker_contrasts import findings
from sarckg.extract.biomarker_measurements import EXTRACTOR, measurements, phenotypes
from sarckg.extract.biomarker_mentions import (
    ANCHOR,
    OutcomeTerm,
    amount_of,
    biomarker_mentions,
    outcome_terms,
)
from sarckg.extract.biomarker_scope import Scope, association_scope, own_scope
from sarckg.extract.cues import Lexicon, load_lexicon
from sarckg.extract.expression import subtype_expressions
from sarckg.model import (
    BiomarkerAssociation,
    Direction,
    EntityRef,
    Mention,
    Statement,
)

#: "a negative indicator for immunotherapy": the therapy's response is the outcome.
_THERAPY_AFTER = re.compile(
    r"^\s+(?:\w+\s+){0,2}?(?:for|of|to|with|in)\s+(?:the\s+)?(?:\w+[\s-]+){0,2}?"
    r"(?P<therapy>immuno-?therap\w*|(?:immune\s+)?checkpoint\s+(?:inhibitors?|blockade)|ICIs?|"
    r"anti-?\s?(?:PD-?L?-?1|CTLA-?4)\b[\w-]*)", re.IGNORECASE)
_THERAPY_GAP = re.compile(r"\s+(?:\w+\s+){0,2}?(?:for|of|to|with|in)\s+(?:the\s+)?", re.IGNORECASE)
#: A concessive clause between a subject and its verb: ", though rarely detected in STS, are".
_INTERRUPTION = re.compile(r"\s*,?\s*(?:though|although|albeit|even\s+though|even\s+if)\s+[^,;]{1,60},\s*"
                           r"(?:(?:is|are|was|were|has|have|had|been|be|also|significantly|strongly|positively|"
                           r"negatively|inversely)\s+)*", re.IGNORECASE)
_GROUP_PREP = re.compile(r"\b(?:in|among|of)\s+(?:the\s+)?(?:\w+\s+){0,1}$", re.IGNORECASE)
@dataclass(frozen=True)
class _Found:
    """One association read from a sentence, before its scope is known."""

    biomarker: EntityRef
    outcome: str  # ClinicalOutcome local name
    direction: Direction
    hedged: bool
    position: int  # where in the sentence it was read (the association word, the group)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Every biomarker association and measurement stated in ``doc``."""
    lexicon = load_lexicon()
    for sentence in doc.sentences:
        if not cues.minable(sentence):
            continue
        seen: set[tuple[object, ...]] = set()
        expressed = subtype_expressions(sentence, lexicon) if sentence.sentence.zone != "reference" else ()
        for statement in (*associations(sentence, lexicon, doc), *measurements(sentence),
                          *phenotypes(doc, sentence), *expressed):
            if statement.key() not in seen:
                seen.add(statement.key())
                yield statement


def _signed_amounts(text: str, group: Sequence[Mention]) -> list[int]:
    """Each member's amount sign; a member that says none inherits its left neighbour's."""
    signs: list[int] = []
    for i, m in enumerate(group):
        if i and group[i - 1].entity == m.entity and not text[group[i - 1].end:m.start].strip(" ("):
            signs.append(signs[-1])  # "MMR deficiency (dMMR)": the abbreviation is the same
            continue
        sign = amount_of(text, m)
        signs.append(sign or (signs[-1] if signs else 0))
    return signs


# --------------------------------------------------------------------------- associations


def associations(sentence: AnnotatedSentence, lexicon: Lexicon,
                 doc: AnnotatedDocument | None = None) -> Iterator[BiomarkerAssociation]:
    """Associations stated by an association word ("correlated with improved OS") or by a
    comparison of outcome groups ("higher ITH in PD patients"), in the subtypes and therapy
    the sentence names or, given its ``doc``, continues from the sentence before."""
    markers = biomarker_mentions(sentence)
    if not markers:
        return
    terms = outcome_terms(lexicon, sentence.text)
    found: list[_Found] = []
    for anchor in ANCHOR.finditer(sentence.text):
        found.extend(_anchored(sentence, lexicon, markers, terms, anchor))
    found.extend(_by_group(sentence, lexicon, markers))
    found.extend(_Found(f.marker.entity, f.outcome, f.direction, cues.is_hedged(sentence.text, f.position),
                        f.position)
                 for f in findings(sentence, lexicon, markers))
    if not found:
        return
    where = association_scope(doc, sentence, lexicon) if doc is not None else own_scope(sentence)
    for f in found:
        yield from _association(sentence, f, where)


def _anchored(sentence: AnnotatedSentence, lexicon: Lexicon, markers: list[Mention],
              terms: list[OutcomeTerm], anchor: re.Match[str]) -> Iterator[_Found]:
    text = sentence.text
    c_start, c_end = cues.clause_of(text, anchor.start())
    next_anchor = ANCHOR.search(text, anchor.end())
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
            yield _Found(member.entity, term.outcome, direction, cues.is_hedged(text, anchor.start()),
                         anchor.start())


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
    limit = anchor.start()
    if re.match(r"\s*,?\s*(?:which|that)\b", clause_text):
        c_start = cues.clauses(text)[max(0, cues.clause_index(text, c_start) - 1)][0]
    elif _INTERRUPTION.fullmatch(clause_text):  # "X, though rarely detected in STS, are correlated"
        limit, c_start = c_start, cues.clauses(text)[max(0, cues.clause_index(text, c_start) - 1)][0]
    first = ANCHOR.search(text, c_start)
    end = min(limit, first.start()) if first else limit
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
              markers: list[Mention]) -> Iterator[_Found]:
    """"higher ITH in PD patients", "more monocytes were observed in PR patients"."""
    text = sentence.text
    for g_start, g_end in cues.response_groups(lexicon, text):
        if not _GROUP_PREP.search(text[max(0, g_start - 25):g_start]) or re.search(
                r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:\w+\s+){0,2}$",
                text[max(0, g_start - 30):g_start], re.IGNORECASE):
            continue
        c_start, _ = cues.clause_of(text, g_start)
        before = [i for i, m in enumerate(markers) if c_start <= m.start and m.end <= g_start]
        if not before or ANCHOR.search(text, markers[before[-1]].end, g_start):
            continue
        group = cues.coordinated(text, markers, before[-1])
        sign = cues.group_sign(lexicon, text[g_start:g_end + 12])
        for member, amount in zip(group, _signed_amounts(text, group), strict=True):
            if amount and sign:
                yield _Found(member.entity, "Response", _as_direction(amount * sign),
                             cues.is_hedged(text, g_start), g_start)


# --------------------------------------------------------------------------- building


def _association(sentence: AnnotatedSentence, found: _Found, scope: Scope) -> Iterator[BiomarkerAssociation]:
    """One statement per subtype of ``scope``; the quote starts at the sentence the scope
    was read from, if an earlier one."""
    # "no association" is the statement itself (direction none), so its evidence supports it
    # and is not negated: negated evidence would count against the statement it carries.
    evidence = sentence.evidence(EXTRACTOR, antecedent=scope.antecedent, negated=False, hedged=found.hedged)
    for subtype in _contrasted_away(sentence, scope, found.position):
        for context in scope.contexts:
            yield BiomarkerAssociation(
                evidence=evidence, biomarker=found.biomarker, outcome=found.outcome.lower(),
                direction=found.direction, subtype=subtype, context=context,
            )


_CONTRAST = re.compile(r",?\s+(?:while|whereas)\b|;", re.IGNORECASE)


def _contrasted_away(sentence: AnnotatedSentence, scope: Scope, position: int) -> tuple[EntityRef | None, ...]:
    """The subtypes of ``scope`` without those named only in another part of a contrast ("LMS
    exhibits more T cells, while B cells, though rare in STS, are correlated with ..."): when
    the part of the finding names subtypes of its own, only those are its scope."""
    if scope.antecedent is not None:
        return scope.subtypes
    text = sentence.text
    cuts = [0, *(m.start() for m in _CONTRAST.finditer(text)), len(text)]
    start = max(c for c in cuts if c <= position)
    end = min((c for c in cuts if c > position), default=len(text))
    own = {m.entity.key for m in sentence.of_category("SarcomaSubtype", "Population") if start <= m.start < end}
    kept = tuple(s for s in scope.subtypes if s is not None and s.key in own)
    return kept or scope.subtypes
