"""What a cell expresses: a cell type -Expresses-> a marker (a protein, receptor or antigen);
and what a tumour type expresses, which is no mechanism but a biomarker measurement.

The words are the ``skos:altLabel`` of ``skg:Expresses`` (express, expressing, expression,
overexpressed, ...); this module holds the shapes that make them a claim:

- "X express(es) Y", "X, which express Y", "They/These cells express Y" (an anaphor's antecedent);
- "Y-expressing X", "Y expressing X";
- "Y is (over)expressed in/on/by X" (and a second "and expressed in Z");
- "X ... marked/characterized by (high) expression of Y, Z";
- "X ... by secreting A, expressing Y, and ...": a participle in a series of means has the
  sentence's subject;
- "CD68+ CD163+ TAMs", "ARG1-positive MDSCs": cells named by the markers they carry.

Only a cell type is the agent of an Expresses mechanism (:func:`expressions`). A tumour type's
expression, in a general claim (a finite verb or a passive: "SS and MLS, which express MAGE-A4",
"GD2 is highly expressed in neuroblastoma and pediatric tumors like Ewing sarcoma and
osteosarcoma"), is the marker's level in each tumour type of the list
(:func:`subtype_expressions`: a :class:`BiomarkerMeasurement`, ``property`` "high", "low" or
"expressed"); a selection ("NY-ESO-1-expressing SS", "tumours expressing PD-L1 responded") is
neither. A drug never expresses, and "PD-L1 expression was assessed" gives nothing. Only a
target (protein, gene, antigen) is expressed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import TypeAlias

from sarckg.extract import cues
from sarckg.extract.anaphora import Antecedent, is_subject
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.biomarker_measurements import EXTRACTOR as MEASUREMENTS
from sarckg.extract.cues import Lexicon
from sarckg.extract.mechanism_statement import mechanism
from sarckg.model import BiomarkerMeasurement, EntityRef, Mechanism, Mention

EXPRESSES = "Expresses"

#: Who expresses, what is expressed, and the earlier sentence an anaphoric subject is named in.
Found: TypeAlias = list[tuple[list[Mention], list[Mention], AnnotatedSentence | None]]

_CELL = "CellType"
_SUBTYPE = "SarcomaSubtype"
_MARKER = "Target"
#: Who may express in a general claim ("X express Y", "Y is expressed in X"): cells and tumour
#: types; a participle or a "+" ("Y-expressing X", "Y+ X") selects cells only.
_EXPRESSERS = frozenset({_CELL, _SUBTYPE})
_ADVERBS = r"(?:(?:also|often|frequently|commonly|typically|usually|mainly|mostly|highly|strongly|" \
           r"constitutively|aberrantly|predominantly|preferentially|selectively|can|may|could|might|" \
           r"do|does|did|not|\w+ly)\s+)*"
_ACTIVE_GAP = re.compile(rf"\)?\s*(?:\([^()]{{0,40}}\)\s*)?(?P<relative>,?\s*(?:which|that|who)\s+)?{_ADVERBS}",
                         re.IGNORECASE)
#: "responses in LMS expressed ...": a name after a preposition is no subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|with|from|among|for|to|by|on|at|than|versus|vs\.?)\s+(?:the\s+)?$",
                                 re.IGNORECASE)
_PASSIVE_GAP = re.compile(rf"\)?\s*(?:\([^()]{{0,40}}\)\s*)?(?:(?:is|are|was|were|be|been|being)\s+)?{_ADVERBS}",
                          re.IGNORECASE)
_PASSIVE_AFTER = re.compile(r"\s+(?:in|on|by)\s+(?:(?:the|a|an|most|many|some|all)\s+)?", re.IGNORECASE)
_MODIFIER = re.compile(r"[a-z]+\s+")  # "in malignant tumour cells"
#: "... IL-10 and express", "... IL-10, and also express": a verb coordinated after an object.
_COORDINATED_VERB = re.compile(r"[\w)]\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:also|often|\w+ly)\s+)?$",
                               re.IGNORECASE)
#: The subject's own verb right after it ("M2 macrophages secrete"), so the coordination is of verbs.
_VERB_AFTER = re.compile(rf"\s*{_ADVERBS}(?!(?:and|or|with|in|of|the)\b)[a-z]+(?:s|ed|e)\b", re.IGNORECASE)
_MARKED_BY = re.compile(cues.MARKED_BY + "$", re.IGNORECASE)
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_MEANS_SERIES = re.compile(r"(?:\bby\s+|,\s*(?:and\s+)?)$", re.IGNORECASE)
_BY_GERUND = re.compile(r"\bby\s+\w+ing\b", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s*(?:(?:the|both|high|higher|low|elevated|increased|surface|membrane|levels?\s+of|"
                         r"checkpoint|inhibitory|molecules?|receptors?|markers?|such\s+as|including)\s+)*",
                         re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+)", re.IGNORECASE)
_POSITIVE_LAST = re.compile(r"(?:\+|[-\s]positive)?\s*")  # "PD-L1+ TAMs", "PD-L1+TAMs"
_POSITIVE_LIST = re.compile(r"(?:\+|[-\s]positive)?\s*(?:/|,|and)?\s*")  # "CD163+/CD68+", "CD68+ CD163+"
#: What may open a sentence before its subject: an adverbial ending in a comma, a determiner.
_OPENING = re.compile(r"(?:[^,;:]{0,60},\s*)?(?:(?:the|these|this|such)\s+)?", re.IGNORECASE)


def expressions(sentence: AnnotatedSentence, lexicon: Lexicon,
                antecedent: Antecedent | None = None) -> Iterator[Mechanism]:
    """Every "cell expresses marker" of one sentence; an anaphoric subject ("These
    macrophages", "They") acts as its ``antecedent`` when that is a cell type."""
    for agents, markers, earlier, start, _ in _claims(sentence, lexicon, antecedent):
        for agent in (a for a in agents if a.entity.category == _CELL):
            for marker in markers:
                yield _statement(sentence, agent.entity, marker.entity, start, earlier)
    for cell, markers in _positive(sentence):
        for marker in markers:
            yield _statement(sentence, cell.entity, marker.entity, marker.start, None)


def subtype_expressions(sentence: AnnotatedSentence, lexicon: Lexicon) -> Iterator[BiomarkerMeasurement]:
    """"GD2 is highly expressed in neuroblastoma and Ewing sarcoma": the marker's level in
    each tumour type a general claim names (``property`` "high", "low" or "expressed")."""
    text = sentence.text
    for agents, markers, _, start, end in _claims(sentence, lexicon, None):
        subtypes = [a for a in agents if a.entity.category == _SUBTYPE]
        for marker in markers if subtypes else []:
            region = text[marker.end:end] if marker.end <= start else text[max(0, start - 20):marker.start]
            negated = cues.is_negated(text, start, start + 1)
            evidence = sentence.evidence(MEASUREMENTS, hedged=cues.is_hedged(text, start), negated=negated,
                                         polarity="disputes" if negated else "supports")
            for subtype in subtypes:
                yield BiomarkerMeasurement(evidence=evidence, biomarker=marker.entity, property=_degree(region),
                                           subtype=subtype.entity)


_HIGH = re.compile(r"\b(?:highly|strongly|abundantly|over-?\s?express\w*|high(?:er)?\s|elevated|increased)",
                   re.IGNORECASE)
_LOW = re.compile(r"\b(?:lowly|weakly|minimally|faintly|low(?:er)?\s|reduced|decreased)", re.IGNORECASE)


def _degree(region: str) -> str:
    """How much of the marker the words around the verb say: "high", "low" or "expressed"."""
    return "high" if _HIGH.search(region) else "low" if _LOW.search(region) else "expressed"


def _claims(sentence: AnnotatedSentence, lexicon: Lexicon, antecedent: Antecedent | None,
            ) -> Iterator[tuple[list[Mention], list[Mention], AnnotatedSentence | None, int, int]]:
    """Who expresses what by each expression word: the expressers (cells or tumour types), the
    markers, the earlier sentence an anaphoric subject is named in, and the word's span."""
    text = sentence.text
    # hyphens read as spaces (same offsets), so "IDO1-expressing" shows its participle
    spaced = text.replace("-", " ")
    words = [(s, e) for _, s, e in lexicon.find({EXPRESSES: lexicon.effects[EXPRESSES]}, spaced)
             if not any(m.start <= s < m.end for m in sentence.mentions)]
    subject: tuple[Mention, AnnotatedSentence | None] | None = None
    carried: list[Mention] = []  # the marker of a passive, for "... and expressed in Z"
    for start, end in words:
        word = text[start:end].lower()
        if word.endswith(("ion", "ions")):
            subject = subject or _subject(sentence, antecedent)
            found = _marked_by(sentence, start, end, subject)
        elif word.endswith("ing"):
            subject = subject or _subject(sentence, antecedent)
            found = _participle(sentence, start, end, subject)
        else:
            found = _finite(sentence, start, end, antecedent, carried)
        for agents, markers, earlier in found:
            carried = markers
            yield agents, markers, earlier, start, end


def _positive(sentence: AnnotatedSentence) -> Iterator[tuple[Mention, list[Mention]]]:
    """"CD68+ CD163+ TAMs", "PD-L1+TAMs", "IDO1-positive macrophages": the cells named by
    the markers they carry (a "+" or "-positive" after each marker)."""
    text = sentence.text
    mentions = sentence.mentions
    for i, cell in enumerate(mentions):
        if cell.entity.category != _CELL:
            continue
        markers: list[Mention] = []
        gap = _POSITIVE_LAST
        for marker in reversed(mentions[:i]):
            edge = (markers[0] if markers else cell).start
            if marker.entity.category != _MARKER or not _positive_gap(gap, text, marker, edge):
                break
            markers.insert(0, marker)
            gap = _POSITIVE_LIST
        if markers:
            yield cell, markers


def _positive_gap(gap: re.Pattern[str], text: str, marker: Mention, edge: int) -> bool:
    """The marker carries its "+" (in its name or right after it) and the gap is ``gap``."""
    between = text[marker.end:edge]
    return gap.fullmatch(between) is not None and (marker.text.endswith("+") or between[:1] in "+-")


def _marked_by(sentence: AnnotatedSentence, start: int, end: int,
               subject: tuple[Mention, AnnotatedSentence | None] | None) -> Found:
    """"X ... marked by high expression of Y, Z": the sentence's subject expresses them."""
    text = sentence.text
    of = _OF.match(text, end)
    if subject is None or of is None or not _MARKED_BY.search(text[max(0, start - 60):start]):
        return []
    markers = _markers(sentence, of.end())
    return [([subject[0]], markers, subject[1])] if markers else []


def _participle(sentence: AnnotatedSentence, start: int, end: int,
                subject: tuple[Mention, AnnotatedSentence | None] | None) -> Found:
    """"IDO1-expressing TAMs", "T cells expressing PD-1", "... by secreting A, expressing Y"."""
    text = sentence.text
    before = next((m for m in reversed(sentence.mentions) if m.end <= start), None)
    after = next((m for m in sentence.mentions if m.start >= end), None)
    if before is not None and re.fullmatch(r"\s*-?\s*", text[before.end:start]):
        if before.entity.category == _MARKER and after is not None and after.entity.category == _CELL \
                and re.fullmatch(r"\s+", text[end:after.start]):
            return [([after], [before], None)]  # "IDO1-expressing TAMs"
        if before.entity.category == _CELL:
            return [([before], _markers(sentence, end), None)]  # "T cells expressing PD-1"
        return []
    if subject is not None and subject[0].end <= start and _MEANS_SERIES.search(text[:start]) and \
            _BY_GERUND.search(text[subject[0].end:end]):
        return [([subject[0]], _markers(sentence, end), subject[1])]
    return []


def _finite(sentence: AnnotatedSentence, start: int, end: int, antecedent: Antecedent | None,
            carried: list[Mention]) -> Found:
    """"X (, which) express Y"; "They express Y"; "Y is expressed in/on/by X"."""
    text = sentence.text
    passive = _PASSIVE_AFTER.match(text, end) if text[start:end].lower().endswith("ed") else None
    if passive is not None:
        modifier = _MODIFIER.match(text, passive.end())
        starts = [passive.end()] + ([modifier.end()] if modifier else [])
        cells = next((g for g in (_group(sentence, at, {_CELL}) for at in starts) if g), []) or \
            _subtype_list(sentence, passive.end())
        marker = next((m for m in reversed(sentence.mentions) if m.end <= start), None)
        if marker is not None and marker.entity.category == _MARKER and \
                _PASSIVE_GAP.fullmatch(text, marker.end, start):
            markers = [marker]
        elif carried and re.fullmatch(r"\s+and\s+(?:\w+ly\s+)?", text[_end_of_cells(sentence, start):start]):
            markers = carried  # "Y is overexpressed in A and expressed in B"
        else:
            return []
        return [(cells, markers, None)] if cells else []
    before = next((m for m in reversed(sentence.mentions) if m.end <= start), None)
    gap = _ACTIVE_GAP.fullmatch(text, before.end, start) if before is not None else None
    if before is not None and gap is not None and before.entity.category in _EXPRESSERS:
        agents = _listed_before(sentence, before)
        if gap["relative"] or not _PREPOSITION_BEFORE.search(text[:agents[0].start]):
            return [(agents, _markers(sentence, end), None)]
        return []
    if antecedent is not None and antecedent.mention.entity.category in _EXPRESSERS and \
            _ACTIVE_GAP.fullmatch(text, antecedent.end, start):
        return [([antecedent.mention], _markers(sentence, end), antecedent.earlier(sentence))]
    return _coordinated(sentence, start, end, antecedent)


def _coordinated(sentence: AnnotatedSentence, start: int, end: int, antecedent: Antecedent | None) -> Found:
    """"M2 macrophages secrete IL-10 and express PD-L1": a verb coordinated after another
    verb's object has the sentence's subject, when no other expresser comes between."""
    text = sentence.text
    subject = _subject(sentence, antecedent) if _COORDINATED_VERB.search(text, 0, start) else None
    if subject is None or subject[0].end >= start or not _VERB_AFTER.match(text, subject[0].end):
        return []
    if any(subject[0].end <= m.start < start and m.entity.category in _EXPRESSERS for m in sentence.mentions):
        return []
    return [([subject[0]], _markers(sentence, end), subject[1])]


def _end_of_cells(sentence: AnnotatedSentence, before: int) -> int:
    last = next((m for m in reversed(sentence.mentions) if m.end <= before), None)
    return last.end if last is not None else before


def _subject(sentence: AnnotatedSentence,
             antecedent: Antecedent | None) -> tuple[Mention, AnnotatedSentence | None] | None:
    """The cell type the sentence is about: an anaphor's antecedent opening it, or a cell
    type named at its start (after an adverbial or a determiner)."""
    text = sentence.text
    if antecedent is not None and antecedent.mention.entity.category in _EXPRESSERS and \
            _OPENING.fullmatch(text, 0, antecedent.start):
        return antecedent.mention, antecedent.earlier(sentence)
    first = next((m for m in sentence.mentions if _OPENING.fullmatch(text, 0, m.start)), None)
    if first is not None and first.entity.category in _EXPRESSERS and is_subject(sentence, first):
        return first, None
    return None


def _markers(sentence: AnnotatedSentence, after: int) -> list[Mention]:
    """The markers right after ``after`` (a few modifiers allowed) with their coordinated list."""
    gap = _OBJECT_GAP.match(sentence.text, after)
    return _group(sentence, gap.end() if gap else after, {_MARKER})


def _group(sentence: AnnotatedSentence, at: int, categories: Collection[str]) -> list[Mention]:
    """The mention of ``categories`` starting at ``at`` and those coordinated with it."""
    text = sentence.text
    first = next((m for m in sentence.mentions if m.start == at), None)
    if first is None or first.entity.category not in categories:
        return []
    group = [first]
    for m in sentence.mentions:
        if m.start < group[-1].end:
            continue
        if m.entity.category not in categories or not _COORDINATION.fullmatch(text, group[-1].end, m.start):
            break
        group.append(m)
    return group


#: "pediatric tumors like", "many solid tumours including": a class of tumours before its members.
_TUMOUR_CLASS = re.compile(r"(?:[\w-]+\s+){0,3}?(?:tumou?rs|cancers|malignancies|neoplasms|sarcomas)\s*,?\s*"
                           r"(?:including|such\s+as|like|e\.g\.,?)\s+", re.IGNORECASE)
_SUBTYPE_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+)(?:in\s+)?", re.IGNORECASE)
#: "pediatric sarcoma": a word the vocabulary does not name narrows the subtype to a part of it.
_NARROWING = re.compile(r"[a-z][\w-]*\s+")


def _subtype_list(sentence: AnnotatedSentence, at: int) -> list[Mention]:
    """The tumour types listed from ``at`` ("neuroblastoma and pediatric tumors like Ewing
    sarcoma and osteosarcoma"); one narrowed by a word ("pediatric sarcoma") keeps the list
    going but is not itself the tumour type named."""
    text = sentence.text
    subtypes = [m for m in sentence.mentions if m.entity.category == _SUBTYPE]
    position = _past_class(text, at, subtypes)
    kept: list[Mention] = []
    for m in (m for m in subtypes if m.start >= position):
        narrowed = m.start != position and _NARROWING.fullmatch(text, position, m.start) is not None
        if m.start != position and not narrowed:
            break
        if not narrowed:
            kept.append(m)
        gap = _SUBTYPE_GAP.match(text, m.end)
        if gap is None:
            break
        position = _past_class(text, gap.end(), subtypes)
    return kept


def _past_class(text: str, at: int, subtypes: list[Mention]) -> int:
    """Where the members start after a class of tumours at ``at`` (none named in it), else ``at``."""
    lead = _TUMOUR_CLASS.match(text, at)
    if lead is None or any(at <= m.start < lead.end() for m in subtypes):
        return at
    return lead.end()


def _listed_before(sentence: AnnotatedSentence, last: Mention) -> list[Mention]:
    """``last`` with the names of its kind coordinated before it ("SS and MLS, which express")."""
    group = [last]
    for m in reversed([x for x in sentence.mentions if x.end <= last.start]):
        if m.entity.category != last.entity.category or \
                not _COORDINATION.fullmatch(sentence.text, m.end, group[0].start):
            break
        group.insert(0, m)
    return group


def _statement(sentence: AnnotatedSentence, agent: EntityRef, marker: EntityRef, verb: int,
               earlier: AnnotatedSentence | None) -> Mechanism:
    return mechanism(sentence, agent, EXPRESSES, marker, verb, earlier=earlier)
