"""Sentences (and table rows) with offsets into the raw file.

The splitter is pysbd, chosen by measuring it against syntok on this corpus (both behind the
same repairs below): both keep "et al.", "vs.", "e.g.", "Fig. 2", "95% CI 30.7–66.0%", "n = 5"
and decimals inside a sentence, but syntok missed about twenty real boundaries after a number
or a bracket ("... was 46.5. There were ...", "... at 0.05. Statistical ...", "(Table 2). The
median ...") and splits at semicolons and panel labels; pysbd's own faults ("cat. | no.",
a label "Abstract." alone, a trailing "(Figures 4C, D).") are few and repaired: a piece that
does not end a sentence, ends in a known abbreviation or is only a label is joined to the
next, and a next piece that starts in lower case or is only a figure reference is joined to
the previous. pysbd is slow (about 7x syntok) and its cost grows with the square of its input,
so it is only asked about pieces that hold a doubtful full stop, long pieces are cut into
chunks at likely sentence ends first, and an absurdly long paragraph (``PYSBD_MAX_CHARS``) is
split by a rule of thumb. The repairs read only the tail of a piece, so the whole stays linear.

A paragraph that runs on after a table, a caption or a legend is split as one text, but no
sentence quote may hold what lies between (``hard_gaps``): a sentence interrupted there is
kept as its two halves. Only page furniture (a running head, a page number) may stand inside
a quote. A reference-list entry is one Sentence (see ``references``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

import pysbd

from sarckg.corpus import zones
from sarckg.corpus.normalize import (
    MappedText,
    append,
    hyphenated_words,
    normalize_ranges,
    normalize_row,
)
from sarckg.corpus.sections import Unit, segment
from sarckg.model import Document, Sentence

#: pysbd's cost grows with the square of its input; chunks stay below this many characters.
CHUNK_CHARS = 2000
#: Paragraphs longer than this (no real paragraph is) are split by a rule of thumb at
#: terminal punctuation before a capital, so that a multi-megabyte one-line file stays fast.
PYSBD_MAX_CHARS = 200_000
_LIKELY_END = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[A-Z(\[\"“])")
#: A sentence end no splitter doubts: a plain lower-case word (not an abbreviation), a full
#: stop, a capital letter.
_CERTAIN_END = re.compile(
    r"(?<![\w.])(?!(?:approx|incl|resp|vol|cat|var|spp|nos|etc|suppl|sec|eds|ref|refs|resp|viz|"
    r"min|max|no|vs)[.!?])[a-z]{3,}[.!?][\"'’”)\]]*\s+(?=[A-Z])"
)
#: How much of the end of a sentence the repairs read.
_TAIL_CHARS = 120
_INNER_END = re.compile(r"[.!?][\"'’”)\]]*\s")
_ENDS = re.compile(r"[.!?][\"'’”)\]]*(?:\d{1,3}(?:[,–-]\d{1,3})*)?$")
_LABEL_ONLY = re.compile(
    r"^(?:abstract|summary|(?:supplementary )?(?:figure|fig\.|table)\s*S?\d+[A-Za-z]?)\s*[.:]?$",
    re.IGNORECASE,
)
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:no|nos|cat|vs|approx|ca|ref|refs|fig|figs|eq|vol|suppl|dr|prof|incl|resp|cf)|"
    r"\bet al|\be\.g|\bi\.e)\.$",
    re.IGNORECASE,
)
_TRAILING_REFERENCE = re.compile(
    r"^\((?:Fig|Figure|Table|Supplementary|see|ref)[^()]{0,60}\)[.;,]?$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Cut ``text`` into pieces of at most about ``CHUNK_CHARS`` at likely sentence ends."""
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = -1
        for m in _LIKELY_END.finditer(text, start + CHUNK_CHARS // 4, limit):
            cut = m.end()
        if cut <= start:
            space = text.rfind(" ", start + 1, limit)
            cut = space + 1 if space > start else limit
        yield start, cut
        start = cut
    if start < len(text):
        yield start, len(text)


def _pysbd_spans(text: str, base: int) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as offsets (plus ``base``), whitespace trimmed."""
    if not _INNER_END.search(text.rstrip()):  # no place a sentence could end inside
        stripped = text.strip()
        first = text.find(stripped) if stripped else -1
        return [(base + first, base + first + len(stripped))] if stripped else []
    spans: list[tuple[int, int]] = []
    for c_start, c_end in _chunks(text):
        chunk = text[c_start:c_end]
        cursor = 0
        # Segmenter.segment would re-find every sentence with a fresh regex over the whole
        # input (quadratic, and a compile per sentence); its processor gives the same
        # sentences, which are located here in one pass.
        for piece in _segmenter().processor(chunk).process():
            piece = piece.strip()
            found = chunk.find(piece, cursor) if piece else -1
            if found >= 0:
                spans.append((base + c_start + found, base + c_start + found + len(piece)))
                cursor = found + len(piece)
    return spans


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans before repair: cut at sentence ends no splitter would doubt, then ask
    pysbd only about the pieces that still hold a doubtful full stop (it is slow)."""
    if len(text) > PYSBD_MAX_CHARS:  # guard: a rule of thumb keeps huge inputs linear and fast
        return _likely_end_spans(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CERTAIN_END.finditer(text):
        spans.extend(_pysbd_spans(text[start : m.end()], start))
        start = m.end()
    spans.extend(_pysbd_spans(text[start:], start))
    if not spans and text.strip():
        spans.append((len(text) - len(text.lstrip()), len(text.rstrip())))
    return spans


def _likely_end_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _LIKELY_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            first = a + len(piece) - len(piece.lstrip())
            trimmed.append((first, first + len(stripped)))
    return trimmed


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries in ``text`` (normalized, one paragraph): the one splitter."""
    merged: list[tuple[int, int]] = []
    for start, end in _raw_spans(text):
        if merged:
            prev_start, prev_end = merged[-1]
            # only the tail of a long merged piece is read (rereading all of it is quadratic)
            tail = text[max(prev_start, prev_end - _TAIL_CHARS) : prev_end]
            piece = text[start:end]
            if (
                not (tail.endswith((".", "!", "?")) or _ENDS.search(tail))
                or (prev_end - prev_start <= _TAIL_CHARS and _LABEL_ONLY.match(tail))
                or (tail.endswith(".") and _ABBREVIATION_END.search(tail[-16:]))
                or piece[:1].islower()
                or _TRAILING_REFERENCE.match(piece)
            ):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _unit_texts(raw: str, unit: Unit, keep_hyphen: frozenset[str]) -> list[MappedText]:
    if unit.kind == "row":
        first, *more = unit.ranges
        row = normalize_row(raw, *first)
        for start, end in more:  # a cell that wrapped onto the next line
            row = append(row, normalize_ranges(raw, [(start, end)], keep_hyphen), raw)
        return [row]
    text = normalize_ranges(raw, unit.ranges, keep_hyphen)
    if unit.kind == "heading":
        return [text]
    if unit.kind == "entry":
        return [text] if len(text.text) <= ENTRY_MAX_CHARS else _long_entry(text)
    gaps = hard_gaps(raw, unit.ranges)
    return [part for s, e in sentence_spans(text.text) for part in _cut(text.slice(s, e), gaps)]


#: A reference entry longer than this is no entry (a list that could not be cut): split it.
ENTRY_MAX_CHARS = 2000
#: Text between two parts of a paragraph that a sentence may run across: page furniture only
#: (a running head, a page number), at most this long.
SOFT_GAP_CHARS = 200


def hard_gaps(raw: str, ranges: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The gaps between ``ranges`` that hold more than page furniture (a table, a caption,
    a legend, another paragraph): no sentence quote may run across one."""
    gaps: list[tuple[int, int]] = []
    for (_, end), (start, _) in pairwise(ranges):
        lines = [ln.strip() for ln in raw[end:start].splitlines() if ln.strip()]
        soft = sum(map(len, lines)) <= SOFT_GAP_CHARS and all(map(zones.is_page_furniture, lines))
        if not soft:
            gaps.append((end, start))
    return gaps


def _cut(sentence: MappedText, gaps: list[tuple[int, int]]) -> list[MappedText]:
    """``sentence`` cut where it runs across a hard gap (its halves become two sentences)."""
    if not sentence.text or not gaps or sentence.raw_end <= gaps[0][0]:
        return [sentence] if sentence.text else []
    parts: list[MappedText] = []
    rest = sentence
    for _gap_start, gap_end in gaps:
        k = bisect_left(rest.offsets, gap_end)
        if 0 < k < len(rest.text):
            parts.append(rest.slice(0, k).strip())
            rest = rest.slice(k, len(rest.text)).strip()
    parts.append(rest)
    return [p for p in parts if p.text]


def _long_entry(text: MappedText) -> list[MappedText]:
    """An over-long reference entry cut at its likely sentence ends (never one giant quote)."""
    return [text.slice(s, e) for s, e in _likely_end_spans(text.text)]


def split_document(document: Document) -> tuple[Sentence, ...]:
    """Every sentence, table row, heading and reference entry of ``document``, all zones
    (furniture included, marked), ordered by position and indexed from 0."""
    raw = document.text
    keep_hyphen = hyphenated_words(raw)
    pieces: list[tuple[MappedText, Unit]] = []
    for unit in segment(raw):
        pieces.extend((mt, unit) for mt in _unit_texts(raw, unit, keep_hyphen) if mt.text)
    pieces.sort(key=lambda p: (p[0].raw_start, p[0].raw_end))
    return tuple(
        Sentence(
            doc_id=document.doc_id,
            index=index,
            start=mt.raw_start,
            end=mt.raw_end,
            text=mt.text,
            raw_offsets=mt.offsets,
            zone=unit.zone,
            section=unit.section,
        )
        for index, (mt, unit) in enumerate(pieces)
    )
