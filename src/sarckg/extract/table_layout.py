"""Tables as the splitter leaves them: consecutive tab-separated ``table`` rows with the caption
before them and the legend after them, a header row when the first row reads as one, and
helpers that read a cell (its mentions, populations, agents) while still quoting the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sarckg.extract import studies
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import EntityRef, Mention

_VALUE_CELL_RE = re.compile(r"^[\d.,\s%()/\[\]\-–—−+<>=≥≤:]*$|^(?:NR|N/?A|NE|-|–|—)$", re.IGNORECASE)
GROUP_SIZE_RE = re.compile(r"\(?\b[nN]\s*=\s*(\d+)\)?")
N_PERCENT_RE = re.compile(r"^\s*(\d+)\s*(?:\(\s*(\d+(?:\.\d+)?)\s*%?\s*\))?\s*$")
_TITLE_ROW_RE = re.compile(r"^\s*(?:table|tab\.)\s*[\dIVX]+\b", re.IGNORECASE)


@dataclass(frozen=True)
class Row:
    """One table row: its sentence and the spans of its cells in the sentence text."""

    sentence: AnnotatedSentence
    spans: tuple[tuple[int, int], ...]

    @property
    def cells(self) -> list[str]:
        return [self.sentence.text[a:b].strip() for a, b in self.spans]

    def cell(self, j: int) -> str:
        return self.cells[j] if j < len(self.spans) else ""


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    legend: tuple[AnnotatedSentence, ...]
    head: Row | None = None

    @property
    def words(self) -> str:
        return " ".join([self.caption, *self.header])


def _row(s: AnnotatedSentence) -> Row:
    spans, start = [], 0
    for part in s.text.split("\t"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return Row(s, tuple(spans))


def _is_value(cell: str) -> bool:
    return bool(_VALUE_CELL_RE.match(cell.strip())) and not GROUP_SIZE_RE.fullmatch(cell.strip())


def _is_header(row: Row) -> bool:
    rest = [c for c in row.cells[1:] if c]
    return bool(rest) and sum(_is_value(c) for c in rest) * 2 < len(rest)


def find_tables(doc: AnnotatedDocument) -> list[Table]:
    """Consecutive table rows with the caption before them and the legend after them."""
    tables: list[Table] = []
    rows: list[Row] = []
    sents = doc.sentences
    for i, s in enumerate(sents):
        if s.sentence.zone == "table" and not (not rows and _TITLE_ROW_RE.match(s.text) and "\t" not in s.text):
            rows.append(_row(s))
        if rows and (i + 1 == len(sents) or sents[i + 1].sentence.zone != "table"
                     or sents[i + 1].sentence.section != s.sentence.section):
            first = rows[0].sentence.sentence.index
            captions = [c for c in sents[max(0, first - 3) : first] if c.sentence.zone == "caption"]
            caption = " ".join([rows[0].sentence.sentence.section, *(c.text for c in captions)])
            legend = tuple(c for c in sents[i + 1 : i + 4] if c.sentence.zone == "caption")
            header = tuple(rows[0].cells) if _is_header(rows[0]) else ()
            head = rows[0] if header else None
            tables.append(Table(caption, header, tuple(rows[1:] if header else rows), legend, head))
            rows = []
    return tables


def cell_sentence(row: Row, j: int, prefix: str = "") -> AnnotatedSentence:
    """Cell ``j`` as a sentence of its own (text ``prefix + cell``) that still quotes its row."""
    s, (a, b) = row.sentence, row.spans[j]
    shift = len(prefix) - a
    mentions = tuple(replace(m, start=m.start + shift, end=m.end + shift)
                     for m in s.mentions if a <= m.start and m.end <= b)
    raw = (s.sentence.start,) * len(prefix) + s.sentence.raw_offsets[a:b]
    sentence = replace(s.sentence, text=prefix + s.text[a:b], raw_offsets=raw)
    return AnnotatedSentence(s.document, sentence, mentions, s.context)


def cell_mentions(row: Row, j: int, *categories: str) -> list[EntityRef]:
    a, b = row.spans[j] if j < len(row.spans) else (0, 0)
    return [m.entity for m in row.sentence.of_category(*categories) if a <= m.start and m.end <= b]


def cell_populations(row: Row, j: int | None) -> list[EntityRef]:
    if j is None or j >= len(row.spans):
        return []
    return [ref for _, ref in studies.populations(row.sentence, *row.spans[j])]


def column(table: Table, pattern: str) -> int | None:
    rx = re.compile(pattern, re.IGNORECASE)
    return next((j for j, h in enumerate(table.header) if rx.search(h)), None)


def own_study(doc: AnnotatedDocument) -> EntityRef | None:
    return None if doc.context.study_design == "review" else doc.context.own_study


def agents_as_mentions(row: Row, j: int | None) -> list[Mention]:
    if j is None or j >= len(row.spans):
        return []
    a, b = row.spans[j]
    return [m for m in studies.given_agents(row.sentence) if a <= m.start and m.end <= b]
