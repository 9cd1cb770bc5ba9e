"""Split a paper into units (headings, paragraphs, table rows, reference entries), each
with a zone and the name of its section.

The front matter (before the first section heading) holds the title, the abstract and
furniture (journal labels, editors, authors, affiliations, dates, licence). In the body a
heading opens a section whose zone its name decides (``References`` -> ``reference``,
``Funding`` -> ``furniture``, anything else -> ``body``); tables, figure captions, legends
and page furniture are recognised wherever they stand. A paragraph broken by a page, a
table or a caption is joined again when the text after the break continues its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sarckg.corpus import zones
from sarckg.corpus.front import MARKDOWN_HEADING, is_long_prose, is_title_block, opens_body
from sarckg.corpus.layout import (
    Block,
    Line,
    column_width,
    ends_sentence,
    has_panels,
    heading_like,
    is_caption_start,
    is_row_line,
    prose_like,
    split_blocks,
    word_count,
)
from sarckg.corpus.normalize import PIPE_RULE, normalize_ranges
from sarckg.corpus.references import RUN_IN_HEADING, ReferenceList, looks_like_list
from sarckg.model import Zone

UnitKind = Literal["heading", "paragraph", "row", "entry"]
Range = tuple[int, int]


@dataclass(frozen=True)
class Unit:
    """A piece of the document: ``raw[start:end]`` for each of its ``ranges``."""

    kind: UnitKind
    zone: Zone
    section: str
    ranges: tuple[Range, ...]


@dataclass
class _Paragraph:
    zone: Zone
    section: str
    ranges: list[Range]
    text: str
    last_block: int


_RUN_IN_HEADING = re.compile(r"\*\*([A-Z][^*\n]{0,80}?[.:])\*\*[ \t]*(?=\S)")


def segment(raw: str) -> list[Unit]:
    """The units of ``raw`` (not necessarily in text order; sort by offset to read them)."""
    blocks = split_blocks(raw)
    column = column_width(blocks)
    first = _Segmenter(raw, blocks, column=column)
    units = first.run()
    if first.front and first.abstract == "none":
        # no front matter ever ended: a text without the layout of a paper (a note, a test
        # snippet, a bare abstract) is read as body from its first line
        units = _Segmenter(raw, blocks, front=False, title_done=True, column=column).run()
    return units


def section_label(text: str, limit: int = 120) -> str:
    """A short section name from a heading or caption: its first sentence, at most ``limit``."""
    text = " ".join(text.split())
    m = re.match(r"^(\S+\s*S?\d+[A-Za-z]?\.?\s+[^.]{0,200}?)(?:\.\s|\.$|$)", text)
    if is_caption_start(text) and m:
        text = m.group(1)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


@dataclass
class _Segmenter:
    raw: str
    blocks: list[Block]
    units: list[Unit] = field(default_factory=list)
    front: bool = True
    title_done: bool = False
    abstract: Literal["none", "labelled", "unlabelled"] = "none"
    zone: Zone = "body"
    section: str = ""
    para: _Paragraph | None = None
    refs: ReferenceList | None = None
    column: int | None = None  # a full line's width in a wrapped layout (layout.column_width)

    def run(self) -> list[Unit]:
        i = 0
        while i < len(self.blocks):
            i = self._step(i)
        self._flush()
        return self.units

    # ------------------------------------------------------------------ helpers

    def _emit(self, kind: UnitKind, zone: Zone, section: str, *blocks: Block) -> None:
        ranges = tuple((b.start, b.end) for b in blocks)
        self.units.append(Unit(kind, zone, section, ranges))

    def _emit_range(self, kind: UnitKind, zone: Zone, section: str, rng: Range) -> None:
        self.units.append(Unit(kind, zone, section, (rng,)))

    def _flush(self) -> None:
        if self.refs is not None:
            self.refs.flush()
            self.refs = None
        if self.para is not None:
            p = self.para
            self.units.append(Unit("paragraph", p.zone, p.section, tuple(p.ranges)))
            self.para = None

    def _prose(self, i: int, zone: Zone, section: str) -> None:
        """Add block ``i`` to the open paragraph when it continues it, else open a new one."""
        b = self.blocks[i]
        p = self.para
        if p is not None and p.zone == zone and zone in ("body", "abstract", "caption"):
            adjacent = p.last_block == i - 1
            lower = b.text.lstrip()[:1].islower()
            unfinished = not ends_sentence(p.text) or (adjacent and self._full_line(self.blocks[p.last_block]))
            if lower or (unfinished and (adjacent or p.text.rstrip().endswith(("-", ",")))):
                p.ranges.append((b.start, b.end))
                p.text, p.last_block = b.text, i
                return
        self._flush()
        start = b.start
        run_in = _RUN_IN_HEADING.match(self.raw, b.start, b.end)
        if run_in and zone == "body":
            self.section = section = run_in.group(1).rstrip(".:")
            self._emit_range("heading", zone, section, (b.start, run_in.end(1) + 2))
            start = run_in.end()
        if start < b.end:
            self.para = _Paragraph(zone, section, [(start, b.end)], b.text, i)

    def _full_line(self, b: Block) -> bool:
        """A one-line block filling the column of a wrapped layout: a sentence ending there may
        go on in the same paragraph (a paragraph's last line is short)."""
        return self.column is not None and len(b.lines) == 1 and len(b.text) >= self.column

    def _is_heading(self, i: int) -> bool:
        b = self.blocks[i]
        if MARKDOWN_HEADING.match(self.raw, b.start):
            return True
        if len(b.lines) > 3 or not heading_like(b.text) or self.raw[b.end - 1].isspace():
            return False
        if self.zone in ("reference", "furniture", "caption") and not self._known_heading(b.text):
            return False
        p = self.para
        if p is not None and p.last_block == i - 1 and not ends_sentence(p.text):
            return False
        if self._known_heading(b.text):
            return True
        nxt = self.blocks[i + 1].text.lstrip("#* ") if i + 1 < len(self.blocks) else ""
        return not nxt or not nxt[0].islower()

    @staticmethod
    def _known_heading(text: str) -> bool:
        return zones.heading_zone(text) is not None or bool(zones.BODY_HEADING.match(text))

    def _heading(self, i: int) -> None:
        b = self.blocks[i]
        self._flush()
        zone = zones.heading_zone(b.text) or "body"
        self.zone, self.section = zone, section_label(b.text)
        if zone == "abstract":
            self.section = "Abstract"
        self._emit("heading", zone, self.section, b)

    # ------------------------------------------------------------------ dispatch

    def _step(self, i: int) -> int:
        b = self.blocks[i]
        if not b.text:
            return i + 1
        if is_caption_start(b.text):
            return self._caption(i)
        if self._is_table(i):
            return self._table(i, None)
        if self._inline_reference_heading(b):
            self.front = False
        elif self.front:
            self._front(i)
        else:
            self._body(i)
        return i + 1

    def _before_title(self, i: int) -> bool:
        """Before the title everything is furniture; True when block ``i`` was taken here."""
        b = self.blocks[i]
        opens = zones.is_abstract_start(b.text) or opens_body(b.text)
        if not opens and zones.is_furniture_block(b.text, first_line=self._first_line(b)):
            self._emit("paragraph", "furniture", "", b)
        elif not opens and is_title_block(self.raw, b):
            self.title_done = True
            self._emit("paragraph", "title", "Title", b)
        elif opens or is_long_prose(b.text):
            self.title_done = True  # no title stated
            return False
        else:
            self._emit("paragraph", "furniture", "", b)
        return True

    def _front(self, i: int) -> None:
        b = self.blocks[i]
        text = b.text
        if not self.title_done and self._before_title(i):
            return
        if zones.is_abstract_start(text):
            self.abstract = "labelled"
            self.zone = "abstract"
            self._flush()
            self._prose(i, "abstract", "Abstract")
        elif zones.is_furniture_block(text, first_line=self._first_line(b)):
            self._emit("paragraph", "furniture", self.section, b)
        elif self._is_heading(i) and (
            self._known_heading(text) or self.abstract != "none" or MARKDOWN_HEADING.match(self.raw, b.start)
        ):
            self._heading(i)
            if self.zone == "abstract":
                self.abstract = "labelled"
            elif self.zone == "body":
                self.front = False
        elif self.zone == "abstract" and (self.abstract == "labelled" or self._continues(i)):
            self._prose(i, "abstract", "Abstract")
        elif self.zone == "reference":
            self._entries(b)
        elif self.zone in ("furniture", "caption") and self.section:
            self._emit("paragraph", self.zone, self.section, b)
        elif self.abstract == "none" and is_long_prose(text):
            self.abstract, self.zone = "unlabelled", "abstract"
            self._prose(i, "abstract", "Abstract")
        elif prose_like(text) and (self.abstract != "none" or ends_sentence(text)):
            self.front, self.zone, self.section = False, "body", ""
            self._prose(i, "body", "")
        else:
            self._emit("paragraph", "furniture", "", b)

    def _continues(self, i: int) -> bool:
        p = self.para
        return p is not None and not ends_sentence(p.text) and self.blocks[i].text[:1].islower()

    def _first_line(self, b: Block) -> str:
        return self.raw[b.lines[0].start : b.lines[0].end]

    def _body(self, i: int) -> None:
        b = self.blocks[i]
        text = b.text
        p = self.para
        continues = p is not None and p.last_block == i - 1 and not ends_sentence(p.text)
        if continues and zones.is_section_name(text):
            self._heading(i)
        elif p is not None and continues:
            if zones.is_page_furniture(text) or has_panels(text) or zones.is_legend(text):
                zone: Zone = "furniture" if zones.is_page_furniture(text) else "caption"
                self._emit("paragraph", zone, self.section, b)
                p.last_block = i  # the sentence goes on after the page break or legend
            else:
                self._prose(i, self.zone, self.section)
        elif zones.is_furniture_block(text, first_line=self._first_line(b)):
            self._emit("paragraph", "furniture", self.section, b)
        elif self._is_heading(i):
            self._heading(i)
        elif self.zone == "body" and (has_panels(text) or zones.is_legend(text)):
            self._emit("paragraph", "caption", self.section, b)
        elif self.zone == "reference":
            self._entries(b)
        elif self.zone == "body" and looks_like_list(self.raw, [(ln.start, ln.end) for ln in b.lines]):
            self._flush()  # a reference list without its heading
            self.zone, self.section = "reference", "References"
            self._entries(b)
        else:
            self._prose(i, self.zone, self.section)

    def _entries(self, b: Block) -> None:
        """Reference-list lines: entries may run across blocks, so the list stays open."""
        if self.para is not None:
            self._flush()
        if self.refs is None:
            section = self.section

            def emit(ranges: tuple[Range, ...]) -> None:
                self.units.append(Unit("entry", "reference", section, ranges))

            self.refs = ReferenceList(self.raw, emit)
        self.refs.add_block([(ln.start, ln.end) for ln in b.lines])

    def _inline_reference_heading(self, b: Block) -> bool:
        """A block that starts with "References" and goes on with the list ("References 1. ...")."""
        m = RUN_IN_HEADING.match(self.raw, b.start, b.end)
        if not m:
            return False
        self._flush()
        self.zone, self.section = "reference", section_label(m.group(1))
        self._emit_range("heading", "reference", self.section, (b.start, m.end(1)))
        rest = [(max(ln.start, m.end()), ln.end) for ln in b.lines if ln.end > m.end()]
        self._entries(Block(tuple(Line(a, e) for a, e in rest), b.text))
        return True

    # ------------------------------------------------------------------ tables and captions

    def _row_lines(self, i: int) -> int:
        return sum(is_row_line(self.raw, ln) for ln in self.blocks[i].lines)

    def _is_table(self, i: int) -> bool:
        rows = self._row_lines(i)
        if rows == 0:
            return False
        nxt = i + 1 < len(self.blocks) and self._row_lines(i + 1) > 0
        return rows >= 2 or nxt

    def _caption(self, i: int) -> int:
        b = self.blocks[i]
        label = section_label(b.text)
        if b.text.lstrip("*# ").upper().startswith("TABLE"):
            return self._table(i + 1, ([(b.start, b.end)], label))
        self._flush_if_not_continued(i)
        parts = [b]
        if word_count(b.text) <= 3 and i + 1 < len(self.blocks):
            nxt = self.blocks[i + 1]
            if not is_caption_start(nxt.text) and not self._row_lines(i + 1):
                parts.append(nxt)
                label = section_label(b.text + " " + nxt.text)
        self._emit("paragraph", "caption", label, *parts)
        return i + len(parts)

    def _flush_if_not_continued(self, i: int) -> None:
        """Keep an unfinished paragraph open across a caption or table (it may continue)."""
        p = self.para
        if p is not None and ends_sentence(p.text):
            self._flush()

    def _caption_title_line(self, i: int, caption: tuple[list[Range], str] | None) -> int:
        """A caption that is only a label ("Table 1") takes its title from the next line."""
        if caption is None or i >= len(self.blocks) or word_count(caption[1]) > 2:
            return 0
        first = self.blocks[i].lines[0]
        text = self.raw[first.start : first.end]
        if is_row_line(self.raw, first) or is_caption_start(text.strip()) or word_count(text) > 25:
            return 0
        caption[0].append((first.start, first.end))
        return 1

    def _table(self, i: int, caption: tuple[list[Range], str] | None) -> int:
        self._flush_if_not_continued(i)
        skip = self._caption_title_line(i, caption)
        if skip and caption is not None:
            caption = (caption[0], section_label(caption[1] + " " + normalize_ranges(
                self.raw, caption[0][-1:]).text))
        j = i
        rows: list[list[Range]] = []
        while j < len(self.blocks) and self._in_table(j, bool(rows) or caption is not None):
            self._add_rows(self.blocks[j], rows, skip if j == i else 0)
            j += 1
        notes: list[Block] = []
        while j < len(self.blocks) and zones.is_footnote(self.blocks[j].text):
            if is_caption_start(self.blocks[j].text):
                break
            notes.append(self.blocks[j])
            j += 1
        if caption is None and j < len(self.blocks) and is_caption_start(self.blocks[j].text):
            after = self.blocks[j].text.lstrip("*# ").upper()
            if after.startswith("TABLE"):
                caption = ([(self.blocks[j].start, self.blocks[j].end)], section_label(self.blocks[j].text))
                j += 1
        section = caption[1] if caption else "Table"
        if caption:
            self.units.append(Unit("paragraph", "table", section, tuple(caption[0])))
        for note in notes:
            self._emit("paragraph", "caption", section, note)
        self.units.extend(Unit("row", "table", section, tuple(r)) for r in rows)
        return j

    def _in_table(self, j: int, started: bool) -> bool:
        b = self.blocks[j]
        if self._row_lines(j):
            return True
        if not started or is_caption_start(b.text) or zones.is_footnote(b.text):
            return False
        short = all(word_count(self.raw[ln.start : ln.end]) <= 8 for ln in b.lines)
        ahead = any(self._row_lines(k) for k in range(j + 1, min(j + 3, len(self.blocks))))
        return short and len(b.lines) <= 2 and ahead and not b.text[:1].islower()

    def _add_rows(self, b: Block, rows: list[list[Range]], skip: int = 0) -> None:
        """One row per line; a line without cells after a row ending in a comma continues it."""
        for ln in b.lines[skip:]:
            text = self.raw[ln.start : ln.end]
            if not text.strip() or PIPE_RULE.match(text):
                continue
            continues = rows and not is_row_line(self.raw, ln) and self._last_text(rows).endswith(",")
            if continues:
                rows[-1].append((ln.start, ln.end))
            else:
                rows.append([(ln.start, ln.end)])

    def _last_text(self, rows: list[list[Range]]) -> str:
        start, end = rows[-1][-1]
        return self.raw[start:end].rstrip()
