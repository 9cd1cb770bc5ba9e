"""Lines and blocks of a flattened paper, and what each line looks like.

A *block* is a run of non-blank lines. Text extracted from PDFs also glues things into one
block that a reader sees apart (a heading after a sentence, a caption after a line of text,
an indented paragraph after a table footnote), so blocks are split there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from sarckg.corpus.normalize import CELL_SEPARATOR, PIPE_ROW, normalize_text


@dataclass(frozen=True)
class Line:
    """One line of the raw text: ``raw[start:end]`` without its line break."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines; ``text`` is their normalized text (for classifying)."""

    lines: tuple[Line, ...]
    text: str

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


_STOPWORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "than",
    "that", "the", "to", "via", "with", "without",
})
_TERMINAL = re.compile(r"(?:[.!?][\"'’”)\]]*|(?<!\d)[.!?]\d{1,3}(?:[,–-]\d{1,3})*)\s*$")
CAPTION_LABEL = re.compile(
    r"^\W{0,3}(?P<kind>Figure|FIGURE|Fig\.|FIG\.|Table|TABLE|Supplementary (?:Figure|Table))"
    r"\s*S?\d{1,2}[A-Za-z]?(?P<after>\s*$|\*{0,2}[.:|]|\*{0,2}\s+[A-Z(\[])"
)
_PANEL = re.compile(r"\([A-H](?:\s*[,–-]\s*[A-H])?\)")


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` with its offsets (any line break convention)."""
    lines: list[Line] = []
    pos = 0
    for piece in text.splitlines(keepends=True):
        content = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append(Line(pos, pos + len(content)))
        pos += len(piece)
    return lines


def is_row_line(raw: str, line: Line) -> bool:
    """A table row: cells separated by a tab, a typographic space or three or more spaces,
    or a Markdown row ``| a | b |``."""
    if PIPE_ROW.match(raw, line.start, line.end):
        return True
    return CELL_SEPARATOR.search(raw, line.start, line.end) is not None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (terminal punctuation, maybe a citation after)."""
    return bool(_TERMINAL.search(text))


#: a wrapped layout has at least this many one-line blocks that break mid-sentence
_MIN_WRAPS = 50


def column_width(blocks: list[Block]) -> int | None:
    """The width of a full line in a wrapped, double-spaced layout (every line its own block,
    a sentence running on into the next): the 10th percentile length of the one-line blocks
    that break mid-sentence before a lowercase continuation; None for any other layout."""
    wraps = sorted(len(b.text) for b, nxt in pairwise(blocks)
                   if len(b.lines) == 1 and not ends_sentence(b.text) and nxt.text[:1].islower())
    return wraps[len(wraps) // 10] if len(wraps) >= _MIN_WRAPS else None


def word_count(text: str) -> int:
    return len(text.split())


def is_caption_start(text: str) -> bool:
    return CAPTION_LABEL.match(text) is not None


def has_panels(text: str) -> bool:
    """Figure-legend text names two or more panels: ``(A)``, ``(B, C)``."""
    return len(_PANEL.findall(text)) >= 2


def heading_like(text: str) -> bool:
    """Short, capitalised, no sentence punctuation at the end, no dangling last word."""
    text = text.strip()
    if not 2 <= len(text) <= 120 or word_count(text) > 16:
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if text[-1] in ".,;:-–(/&+=" or "@" in text or "http" in text:
        return False
    last = re.sub(r"\W+$", "", text.split()[-1]).lower()
    return last not in _STOPWORDS and any(c.isalpha() for c in text)


def prose_like(text: str) -> bool:
    """A line of running text rather than a table cell or label."""
    return word_count(text) >= 6 and not CELL_SEPARATOR.search(text)


def _line_text(raw: str, line: Line) -> str:
    return raw[line.start : line.end]


def _starts_upper(text: str) -> bool:
    stripped = text.lstrip(" \t#*")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def _break_before(raw: str, group: list[Line], cur_line: Line, nxt_line: Line | None) -> bool:
    """Whether ``cur_line`` starts a new block although no blank line precedes it."""
    prev, cur = _line_text(raw, group[-1]), _line_text(raw, cur_line)
    prev_row, cur_row = is_row_line(raw, group[-1]), is_row_line(raw, cur_line)
    prev_ends = ends_sentence(prev)
    if is_caption_start(cur.lstrip()) and (prev_ends or cur[:1].isspace() or prev_row):
        return True
    if prev_row != cur_row:
        other = prev if cur_row else cur
        return prose_like(other) or is_caption_start(other.lstrip()) or _sentence_end_line(other)
    if cur_row:
        return False
    if cur[:1].isspace() and prev_ends:
        return True  # an indented first line opens a paragraph
    if prev_ends and heading_like(cur) and not cur.endswith((" ", "\t")):
        nxt = _line_text(raw, nxt_line) if nxt_line is not None else ""
        return not nxt.strip() or _starts_upper(nxt)
    if heading_like(prev) and not prev.endswith((" ", "\t")) and _starts_upper(cur):
        first_of_block = len(group) == 1 or ends_sentence(_line_text(raw, group[-2]))
        return first_of_block and len(prev) < len(cur) and not cur.lstrip().startswith("#")
    return False


def _sentence_end_line(text: str) -> bool:
    """The lower-case end of a sentence (``"higher in arm A."``): text, never a table cell."""
    text = text.strip()
    return text[:1].islower() and word_count(text) >= 3 and ends_sentence(text)


def split_blocks(raw: str) -> list[Block]:
    """The blocks of ``raw`` in order, each with its normalized text."""
    blocks: list[Block] = []
    group: list[Line] = []
    lines = split_lines(raw)
    for i, line in enumerate(lines):
        blank = not raw[line.start : line.end].strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if group and (blank or _break_before(raw, group, line, nxt)):
            blocks.extend(_split_at_references(raw, group))
            group = []
        if not blank:
            group.append(line)
    if group:
        blocks.extend(_split_at_references(raw, group))
    return blocks


#: A reference list run into the text before it ("... in mice. References 1. Smith J, ...").
_RUN_IN_REFERENCES = re.compile(
    r"(?<=[.!?)\]\d])[ \t]+(?=(?:#{1,6}[ \t]+)?(?:\*\*)?(?:references?|bibliography)(?:\*\*)?[ \t]*:?[ \t]+"
    r"(?:\[1\]|\(1\)|1[.)]?[ \t]+)[A-Z\u00C0-\u024F])",
    re.IGNORECASE,
)


def _split_at_references(raw: str, lines: list[Line]) -> list[Block]:
    """The block of ``lines``, cut before a reference list that starts inside one of its lines
    (a paper flattened to one line keeps its list apart from its prose)."""
    for k, line in enumerate(lines):
        m = _RUN_IN_REFERENCES.search(raw, line.start, line.end)
        if m:
            head = [*lines[:k], Line(line.start, m.start())]
            tail = [Line(m.end(), line.end), *lines[k + 1 :]]
            return [_block(raw, head), _block(raw, tail)]
    return [_block(raw, lines)]


#: Blocks longer than this are classified from their head and tail only (a one-line file
#: of megabytes must not be normalized twice in full).
CLASSIFY_CHARS = 20_000


def _block(raw: str, lines: list[Line]) -> Block:
    start, end = lines[0].start, lines[-1].end
    if end - start <= CLASSIFY_CHARS:
        return Block(tuple(lines), normalize_text(raw, start, end).text)
    head = normalize_text(raw, start, start + CLASSIFY_CHARS // 2).text
    tail = normalize_text(raw, end - 1000, end).text
    return Block(tuple(lines), head + " " + tail)
