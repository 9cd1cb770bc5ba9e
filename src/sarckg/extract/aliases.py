"""Aliases a document defines, so the graph can say what a short form means in that paper.

Two shapes, both read from the sentence that states them:

- an abbreviation definition ("angiogenesis inhibitors (AIs)", "ASPS (alveolar soft part
  sarcoma)", a legend "ES, Ewing sarcoma;"), found by :mod:`sarckg.extract.abbreviations` and
  resolved per document by the matcher (``ExtractionContext.abbreviations``); the long form
  must itself be recognised in the sentence as the same entity;
- a synonym in parentheses right after a name of the same entity ("afamitresgene autoleucel
  (afami-cel)", "B7-H3 (CD276)"), both recognised by the matcher.

Every kind of entity is covered alike (drugs, drug classes, targets, subtypes, biomarkers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from sarckg.extract import abbreviations, cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.lexicon import compact
from sarckg.extract.patterns import CODE_NAME, NOT_CODE_PREFIXES
from sarckg.model import AliasDefinition, EntityRef

EXTRACTOR = "aliases"

_OPEN_PAREN = re.compile(r"^\s*\(\s*$")
_CLOSE_PAREN = re.compile(r"^\s*[);,]")


def extract(doc: AnnotatedDocument) -> Iterator[AliasDefinition]:
    """Every alias ``doc`` defines, once per defining sentence."""
    for sentence in doc.sentences:
        if not cues.minable(sentence, references=False):
            continue
        seen: set[tuple[str, str]] = set()
        found = (*defined_abbreviations(sentence), *parenthesised_synonyms(sentence), *development_codes(sentence))
        for entity, alias in found:
            if (entity.key, alias) in seen or compact(alias) == compact(entity.label):
                continue
            seen.add((entity.key, alias))
            yield AliasDefinition(evidence=sentence.evidence(extractor=EXTRACTOR), entity=entity, alias=alias)


def defined_abbreviations(sentence: AnnotatedSentence) -> Iterator[tuple[EntityRef, str]]:
    """(entity, short form) for each abbreviation the sentence defines whose whole long form
    the matcher recognises, in this sentence, as the entity the document gives the short form."""
    text = sentence.text
    for d in abbreviations.sentence_definitions(text, sentence.sentence.zone):
        entity = sentence.context.abbreviations.get(d.short)
        at = text.find(d.long, d.start, d.end)
        if entity is None or at < 0:
            continue
        whole = len(d.long[:-1] if d.long.endswith("s") else d.long)
        if any(m.entity == entity and m.start == at and m.end - at >= whole for m in sentence.mentions):
            yield entity, d.short  # the whole long form names the entity ("mSTS" is not STS)


def parenthesised_synonyms(sentence: AnnotatedSentence) -> Iterator[tuple[EntityRef, str]]:
    """(entity, name) for both names of "name (synonym)" where the vocabulary knows both as
    the same entity (the one that is its label is dropped by :func:`extract`; a short form the
    document defines is left to :func:`defined_abbreviations`)."""
    text = sentence.text
    for first, second in pairwise(sentence.mentions):
        if (first.entity == second.entity and second.via == "vocabulary"
                and compact(first.text) != compact(second.text)
                and _OPEN_PAREN.match(text[first.end:second.start])
                and _CLOSE_PAREN.match(text[second.end:] or ")")):
            yield first.entity, first.text  # "TQB2450 (benmelstobart)": the first is the alias
            yield first.entity, second.text


#: a development code in parentheses after or before a name ("MK-3475", "TQB2450"), shaped as the
#: matcher's code names
_CODE_AFTER = re.compile(rf"^\s*\(\s*(?P<code>{CODE_NAME})\s*\)")
_CODE_BEFORE = re.compile(rf"(?<![\w-])(?P<code>{CODE_NAME})\s*\(\s*$")


def development_codes(sentence: AnnotatedSentence) -> Iterator[tuple[EntityRef, str]]:
    """(drug, code) for "name (CODE)" or "CODE (name)" where the matcher does not know the
    code ("zelorimab (ZL-1234)"): a code in parentheses right by a drug's name is its code."""
    text = sentence.text
    taken = [(m.start, m.end) for m in sentence.mentions]
    for drug in sentence.mentions:
        if drug.entity.category != "Drug":
            continue
        after = _CODE_AFTER.match(text[drug.end:])
        before = _CODE_BEFORE.search(text[:drug.start])
        if before and not _CLOSE_PAREN.match(text[drug.end:]):
            before = None
        for m, offset in ((after, drug.end), (before, 0)):
            if m is None:
                continue
            start, end = offset + m.start("code"), offset + m.end("code")
            if m.group("code").split("-")[0].rstrip("0123456789").upper() in NOT_CODE_PREFIXES:
                continue  # "(CD276)", "(IL-12)", "(HLA-A02)": a molecule, not the drug's code
            if not any(a < end and start < b for a, b in taken):
                yield drug.entity, m.group("code")
