"""Reference lists cut into one entry each.

Numbered lists (``1.``, ``1)``, ``(1)``, ``[1]``, ``1 `` before a name) start an entry at the
next number in sequence only, so a wrapped line that begins with a volume or a year never
starts one; bulleted lists start one at each bullet; author-year lists start one at a line
that begins like an author (``Smith JA,``, ``van der Graaf WTA,``, ``Smith, J. A.``) after a
line that ends a sentence or a blank line. Entries run across blank lines (double-spaced text
from PDFs), and a line holding several entries (a list flattened to one line) is cut at
each entry's mark or author. Nothing here knows a particular paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal

Range = tuple[int, int]
Style = Literal["numbered", "bullet", "author"]

_NUMBER_MARK = re.compile(
    r"[ \t]*(?:\[(?P<a>\d{1,4})\]|\((?P<b>\d{1,4})\)|(?P<c>\d{1,4})[.)](?=\s)|"
    r"(?P<d>\d{1,4})[ \t]+(?=[A-Z\u00C0-\u024F]))"
)
_BULLET_MARK = re.compile(r"[ \t]*[-•*–][ \t]+(?=\S)")
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|del|della|le|la|dos|das|ten|ter)\s+)*"
_SURNAME = r"[A-Z\u00C0-\u024F][\w'’\-]+(?:[ \-][A-Z\u00C0-\u024F][\w'’\-]+)?"
#: "Smith JA," / "Smith, J. A.," / "van der Graaf WTA." / "Smith J and" at a line's start.
AUTHOR_START = re.compile(
    rf"[ \t]*{_PARTICLE}{_SURNAME},?[ \t]+(?:[A-Z]\.?[ \t]?-?){{1,4}}(?=[,.;:]|[ \t]+(?:and|&)\b|$)"
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_ENDS = re.compile(r"(?:[.!?)\]]|\d)[\"'’”]*\s*$")


def number_of(raw: str, pos: int, end: int) -> int | None:
    """The entry number a line (``raw[pos:end]``) starts with, if any."""
    m = _NUMBER_MARK.match(raw, pos, end)
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def list_style(raw: str, start: int, end: int) -> Style:
    """How a reference list marks its entries, from its first line."""
    if number_of(raw, start, end) is not None:
        return "numbered"
    if _BULLET_MARK.match(raw, start, end):
        return "bullet"
    return "author"


@dataclass
class ReferenceList:
    """Lines of a reference list in, entries (lists of raw ranges) out, in order."""

    raw: str
    emit: Callable[[tuple[Range, ...]], None]
    style: Style | None = None
    expected: int = 1  # the number the next entry should carry
    last: int | None = None  # the last number an entry carried
    current: list[Range] = field(default_factory=list)

    def add_block(self, lines: list[Range]) -> None:
        """The lines of one block (a blank line or a layout break before it)."""
        for k, (start, end) in enumerate(lines):
            if not self.raw[start:end].strip():
                continue
            if self.style is None:
                self.style = list_style(self.raw, start, end)
            for piece_start, piece_end in self._pieces(start, end):
                first = k == 0 and piece_start == start
                if self._starts_entry(piece_start, piece_end, first):
                    self.flush()
                self.current.append((piece_start, piece_end))

    def flush(self) -> None:
        if self.current:
            self.emit(tuple(self.current))
            self.current = []

    def _starts_entry(self, start: int, end: int, block_start: bool) -> bool:
        if not self.current or self._bullet(start, end):
            self._advance(start, end, force=True)
            return True
        if self._advance(start, end):
            return True
        if self.style != "author":
            return False
        prev_end = self.current[-1][1]
        prev = self.raw[max(self.current[-1][0], prev_end - 40) : prev_end]
        return bool(AUTHOR_START.match(self.raw, start, end)) and (block_start or bool(_ENDS.search(prev)))

    def _advance(self, start: int, end: int, *, force: bool = False) -> bool:
        """Whether the line starts the next numbered entry; the count moves on if it does
        (or, with ``force``, for any entry: a bullet counts as the next number)."""
        number = number_of(self.raw, start, end)
        # a stray mark (a bullet that was no entry) may have put the count out of step
        near = self.last is not None and self.last < (number or 0) <= self.last + 3
        if number is not None and (force or number == self.expected or near):
            self.expected, self.last = number + 1, number
            return True
        if force:
            self.expected += 1
        return False

    def _bullet(self, start: int, end: int) -> bool:
        """A bullet before a capital or an author ("- microenvironment." continues an entry)."""
        m = _BULLET_MARK.match(self.raw, start, end)
        if not m:
            return False
        after = self.raw[m.end() : m.end() + 1]
        return after.isupper() or after.isdigit() or bool(AUTHOR_START.match(self.raw, m.end(), end))

    def _pieces(self, start: int, end: int) -> list[Range]:
        """``raw[start:end]`` cut before each further entry it holds (a flattened list)."""
        cuts: list[int] = []
        if self.style != "author":
            own = number_of(self.raw, start, end)
            starts = own is not None and (not self.current or own == self.expected)
            expected = own + 1 if starts and own is not None else self.expected
            pos = start + 1
            while True:  # the next number, or the one after it when one is missing
                m = _inline_number(expected).search(self.raw, pos, end)
                m = m or _inline_number(expected + 1).search(self.raw, pos, end)
                if m is None:
                    break
                cuts.append(m.start(1))
                pos, expected = m.end(), int(re.sub(r"\D", "", m.group(1))) + 1
        elif self.style == "author":
            cuts = self._author_cuts(start, end)
        bounds = [start, *cuts, end]
        return [(a, b) for a, b in pairwise(bounds) if b > a]

    def _author_cuts(self, start: int, end: int) -> list[int]:
        """Cut a long author-year line where a sentence ends, the entry so far states a year,
        and the next words look like an author."""
        cuts: list[int] = []
        last = start
        for m in _SENTENCE_GAP.finditer(self.raw, start, end):
            if m.end() - last < 60 or not _YEAR.search(self.raw, last, m.start()):
                continue
            if AUTHOR_START.match(self.raw, m.end(), end):
                cuts.append(m.end())
                last = m.end()
        return cuts


def looks_like_list(raw: str, lines: list[Range]) -> bool:
    """Three or more lines that open numbered entries in sequence, each naming an author and
    a year: a reference list even without a heading."""
    numbers: list[int] = []
    for start, end in lines:
        number = number_of(raw, start, end)
        m = _NUMBER_MARK.match(raw, start, end)
        if number is None or m is None:
            continue
        if AUTHOR_START.match(raw, m.end(), end) and _YEAR.search(raw, start, end):
            numbers.append(number)
    steps = sum(b == a + 1 for a, b in pairwise(numbers))
    return len(numbers) >= 3 and steps >= len(numbers) - 2


#: "References 1. Smith J, ...": the heading run into the list's first entry.
RUN_IN_HEADING = re.compile(
    r"[ \t#*]*(references?|bibliography|literature cited)\*{0,2}[ \t]*:?\*{0,2}[ \t]+"
    r"(?=\[1\]|\(1\)|1[.)]?[ \t]+[A-Z\u00C0-\u024F])",
    re.IGNORECASE,
)
_SENTENCE_GAP = re.compile(r"(?<=[.\d)])[ \t]+(?=\S)")


@lru_cache(maxsize=256)
def _inline_number(n: int) -> re.Pattern[str]:
    """The mark of entry ``n`` inside a line, after the end of the entry before it."""
    return re.compile(
        rf"(?<=[.\d)\]*])[ \t]+(\[{n}\]|\({n}\)|{n}[.)][ \t]+(?=[^\W\d_]|\[)|"
        rf"{n}[ \t]+(?=[A-Z\u00C0-\u024F][\w'’\-]+,?[ \t]+[A-Z]))"
    )
