"""Abbreviations a document defines: "long form (SF)" and legend entries "SF, long form;".

The parenthesis case follows Schwartz & Hearst (PSB 2003): walk the short form's characters
from the end and find each one in the preceding words, the first character starting a word.
The only maintained package for it on PyPI is unmaintained since 2019, and the algorithm is
twenty lines, so it lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sarckg.extract.patterns import SHORT_CELL_RE

#: "(ASPS)", and a short form followed by more in its parenthesis: "(AS, 2 cases, 6.1%)", "(HR; 95% CI ...)"
_PAREN_RE = re.compile(r"\(([^()]{1,12}?)(?:[;,][^()]{0,80})?\)")
_LEGEND_RE = re.compile(r"(?:^|[;.:]\s*|\n)\s*([A-Z][A-Za-z0-9\-+/]{0,9}),\s+([A-Za-z][^;,.()]{2,80}?)(?=\s*(?:[;.]|$))")
_WORD_RE = re.compile(r"\S+")
_LONG_PAREN_RE = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9\-]{1,9})\s\(([^()]{5,120})\)")


@dataclass(frozen=True)
class Definition:
    """``short`` is defined as ``long`` at ``[start, end)`` of the sentence text."""

    short: str
    long: str
    start: int
    end: int


def _valid_short(short: str) -> bool:
    if SHORT_CELL_RE.fullmatch(short):  # "ostira-cel", short for "ostiraleucel"
        return True
    if not 2 <= len(short) <= 10 or not short[0].isalnum():
        return False
    if not any(c.isalpha() for c in short) or " " in short.strip():
        return False
    return any(c.isupper() for c in short)


def best_long_form(short: str, candidate: str) -> str | None:
    """Schwartz-Hearst: the shortest tail of ``candidate`` whose letters spell ``short``."""
    s_chars = [c.lower() for c in short if c.isalnum()]
    text = candidate.lower()
    s_index = len(s_chars) - 1
    l_index = len(text) - 1
    while s_index >= 0:
        c = s_chars[s_index]
        while l_index >= 0 and (
            text[l_index] != c or (s_index == 0 and l_index > 0 and text[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = text.rfind(" ", 0, l_index + 1) + 1
    long_form = candidate[start:].strip()
    if len(long_form) <= len(short) or long_form.lower().startswith(short.lower()):
        return None
    return long_form


def parenthesis_definitions(text: str) -> Iterator[Definition]:
    """``"alveolar soft part sarcoma (ASPS)"`` -> Definition("ASPS", "alveolar soft part sarcoma")."""
    for match in _PAREN_RE.finditer(text):
        short = match.group(1).strip()
        if not _valid_short(short):
            continue
        before = text[: match.start()].rstrip()
        clause_start = max(before.rfind(c) for c in "();[]") + 1  # a long form stays in its clause
        words = _WORD_RE.findall(before[clause_start:])
        window = min(len(short) + 5, len(short) * 2)
        candidate = " ".join(words[-window:])
        long_form = best_long_form(short, candidate) or _compound_word(short, words)
        if long_form:
            start = before.rfind(long_form)
            yield Definition(short, long_form, max(start, 0), match.end())
    yield from reverse_definitions(text)


def reverse_definitions(text: str) -> Iterator[Definition]:
    """The short form first: ``"ASPS (alveolar soft part sarcoma)"`` (Schwartz & Hearst's second case)."""
    for match in _LONG_PAREN_RE.finditer(text):
        short = match.group(1)
        inner = re.split(r"[;,]", match.group(2))[0].strip()
        inner = re.sub(r"^(?:the|a|an|i\.e\.|ie)\s+", "", inner, flags=re.IGNORECASE)
        if not _valid_short(short) or len(inner.split()) < 2 or not inner[0].isalpha() or any(
                c in inner for c in ".:=<>%"):  # "CK (cat. no. Kit-0009)" is a catalogue entry
            continue
        if best_long_form(short, inner) == inner:
            yield Definition(short, inner, match.start(1), match.end())


def legend_definitions(text: str) -> Iterator[Definition]:
    """Table legends: ``"ES, Ewing sarcoma; SS, synovial sarcoma."``."""
    for match in _LEGEND_RE.finditer(text):
        short, long_form = match.group(1), match.group(2).strip()
        # a Schwartz-Hearst long form spells the short form in order, so this loose check covers it
        if _valid_short(short) and _initials_match(short, long_form):
            yield Definition(short, long_form, match.start(1), match.end(2))


#: zones whose sentences are table cells or legends ("ES, Ewing sarcoma; OS, osteosarcoma")
TABLE_ZONES = frozenset({"table", "caption"})


def sentence_definitions(text: str, zone: str) -> list[Definition]:
    """The definitions one sentence states for itself: "long form (SF)", and legend entries
    ("SF, long form;") in a table or caption, or in a sentence with a semicolon."""
    found = list(parenthesis_definitions(text))
    if zone in TABLE_ZONES or ";" in text:
        found += list(legend_definitions(text))
    return found


_LIST_HEAD_RE = re.compile(r"^\W*(?:list\s+of\s+)?abbreviations?\s*(?:used)?\s*[:.]", re.IGNORECASE)
_LIST_ZONES = frozenset({"table", "caption", "furniture"})


def document_wide_definitions(text: str, zone: str) -> list[Definition]:
    """The definitions of an abbreviation list that hold for the whole document: a list
    headed "Abbreviations:" in any zone but the references, or a legend or footnote listing at
    least three "SF, long form;" entries. Only entries whose letters spell the long form as a
    Schwartz-Hearst long form (or inside one long word: "FBS, Myxofibrosarcoma") count, so a
    loose legend pairing never reaches the prose."""
    if zone == "reference":
        return []
    entries = list(legend_definitions(text))
    if not (_LIST_HEAD_RE.match(text) or (zone in _LIST_ZONES and len(entries) >= 3)):
        return []
    return [d for d in entries if best_long_form(d.short, d.long) == d.long
            or (" " not in d.long and _compound_word(d.short, [d.long]) == d.long)]


def _initials_match(short: str, long_form: str) -> bool:
    """Loose check for legends ("FBS, Myxofibrosarcoma"): the letters appear in order."""
    return _is_subsequence(short, long_form)


def _is_subsequence(short: str, long_form: str) -> bool:
    letters = iter(long_form.lower())
    return all(c in letters for c in short.lower() if c.isalnum())


def _compound_word(short: str, words: list[str]) -> str | None:
    """One long word spelling the short form inside it: "myxofibrosarcoma (FBS)"."""
    if not words:
        return None
    word = words[-1].strip(",;:")
    if short.lower() in re.split(r"[-/]", word.lower()):
        return None  # "BWA-mem (BWA, version 0.7)": a name holding the short form whole defines nothing
    if len(word) >= 2 * len(short) and word[0].isalpha() and _is_subsequence(short, word):
        return word
    return None
