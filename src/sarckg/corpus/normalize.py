"""Normalized text that remembers where every character came from in the raw file.

Normalization only ever *deletes* raw characters, *collapses* a run of whitespace into one
space (or one tab between table cells), or *substitutes* a markup command by the character it
stands for (``\\geq`` -> ``≥``, ``&amp;`` -> ``&``). Hence the invariant, checked by
:func:`is_faithful` and the tests: for every normalized character ``c`` at raw offset ``o``,
``c == raw[o]``, or ``c`` is a space/tab and ``raw[o]`` is whitespace (or ``c`` is a tab
between table cells and ``raw[o]`` the Markdown cell bar ``|``), or ``raw[o]`` opens a
substituted command (``\\`` or ``&``). Offsets are strictly increasing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import (
    LatexGroupNode,
    LatexMacroNode,
    LatexWalker,
    get_default_latex_context_db,
)

#: Raw characters that may stand at the offset of a substituted (not verbatim) character.
SUBSTITUTION_OPENERS = frozenset("\\&")


@dataclass(frozen=True)
class MappedText:
    """``text`` with ``offsets[i]`` = raw offset of ``text[i]`` and ``ends[i]`` = raw offset
    just after the raw source of ``text[i]`` (longer than one for a substituted command)."""

    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...]

    def __post_init__(self) -> None:
        if not len(self.text) == len(self.offsets) == len(self.ends):
            raise ValueError("text, offsets and ends must have the same length")

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.offsets[start:end], self.ends[start:end])

    def strip(self) -> MappedText:
        stripped = self.text.strip()
        if not stripped:
            return EMPTY
        start = len(self.text) - len(self.text.lstrip())
        return self.slice(start, start + len(stripped))

    @property
    def raw_start(self) -> int:
        return self.offsets[0]

    @property
    def raw_end(self) -> int:
        return self.ends[-1]


EMPTY = MappedText("", (), ())

# --------------------------------------------------------------------------- edit machinery

Edit = tuple[int, int, str]  # (start, end, replacement) in the coordinates of the text edited


def verbatim(raw: str, start: int, end: int) -> MappedText:
    """``raw[start:end]`` mapped to itself (the range clipped to ``raw``)."""
    start, end = max(0, start), min(end, len(raw))
    end = max(start, end)
    return MappedText(raw[start:end], tuple(range(start, end)), tuple(range(start + 1, end + 1)))


def concat(parts: Sequence[MappedText]) -> MappedText:
    if len(parts) == 1:
        return parts[0]
    return MappedText(
        "".join(p.text for p in parts),
        tuple(chain.from_iterable(p.offsets for p in parts)),
        tuple(chain.from_iterable(p.ends for p in parts)),
    )


def apply_edits(mt: MappedText, edits: Iterable[Edit]) -> MappedText:
    """Replace each ``mt.text[start:end]`` by its replacement (first edit wins on overlap).

    Replacement character ``k`` maps to the source offset of character ``start + k``, so
    offsets stay strictly increasing; an edit whose replacement is longer than its span is
    dropped (the raw text is kept)."""
    text, offs, ends = mt.text, mt.offsets, mt.ends
    out_t: list[str] = []
    out_o: list[int] = []
    out_e: list[int] = []
    pos = 0
    for start, end, rep in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < pos or len(rep) > end - start or end > len(text):
            continue
        out_t.append(text[pos:start])
        out_o.extend(offs[pos:start])
        out_e.extend(ends[pos:start])
        for k, ch in enumerate(rep):
            out_t.append(ch)
            out_o.append(offs[start + k])
            out_e.append(ends[end - 1] if k == len(rep) - 1 else offs[start + k] + 1)
        pos = end
    out_t.append(text[pos:])
    out_o.extend(offs[pos:])
    out_e.extend(ends[pos:])
    return MappedText("".join(out_t), tuple(out_o), tuple(out_e))


# --------------------------------------------------------------------------- markup

_CITATION_SUP = re.compile(r"[\d\s,;\-–—−*†‡§¶#]+")
_SUP = re.compile(r"<sup>(.{0,80}?)</sup>", re.IGNORECASE | re.DOTALL)
_SUB_TAGS = re.compile(r"</?sub>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?/?>")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]{1,500}|[\w.+-]{1,64}@[\w-]{1,64}\.[\w.-]{1,64})>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_MD_LINK = re.compile(r"\[([^\[\]]{1,300})\]\(([^()\s]{0,500})\)")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)([^\n]{0,500}?\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{0,300}?[^\s*\\])\*(?![\w*])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_BULLET = re.compile(r"^[ \t]{0,3}[-*+•][ \t]+(?=\S)", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TEX_SCRIPT = re.compile(r"([\^_])\{([^{}\n]{0,40})\}")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")  # soft hyphen, zero widths, BOM
_MATH = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]{1,300}?)(?<!\\)\$")


@lru_cache(maxsize=1)
def _latex_converter() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text")


@lru_cache(maxsize=1)
def _latex_context() -> object:
    return get_default_latex_context_db()


def _well_formed(node: object) -> bool:
    """Whether a macro and every macro in its arguments got all its arguments."""
    if isinstance(node, LatexGroupNode):
        return all(_well_formed(n) for n in node.nodelist or [])
    if not isinstance(node, LatexMacroNode):
        return True
    if node.nodeargd is None:
        return False
    return all(a is not None and _well_formed(a) for a in node.nodeargd.argnlist or [])


def _math_edits(content: str, base: int) -> list[Edit]:
    """Edits turning LaTeX math source into text: macros to their Unicode, braces dropped."""
    if "\\" not in content and "{" not in content:
        return []
    try:
        walker = LatexWalker(content, tolerant_parsing=True, latex_context=_latex_context())
        nodes = walker.get_latex_nodes()[0]
    except Exception:  # pylatexenc raises various errors on malformed input; keep it verbatim
        return []
    edits: list[Edit] = []
    stack = list(nodes or [])
    while stack:
        node = stack.pop()
        if isinstance(node, LatexMacroNode):
            if not _well_formed(node):
                continue  # a macro missing its arguments (malformed source) stays as it is
            args = node.nodeargd.argnlist or []
            try:
                rep = _latex_converter().nodelist_to_text([node]).strip()
            except Exception:  # an unknown or malformed macro stays as it is
                continue
            if len(rep) <= 1:  # a symbol: \geq -> ≥ (one character stands for the command)
                edits.append((base + node.pos, base + node.pos + node.len, rep))
                continue
            # a macro with text arguments (\mathrm{mg}, \frac{a}{b}): drop its name, keep them
            edits.append((base + node.pos, base + node.pos + 1 + len(node.macroname), ""))
            stack.extend(args)
        elif isinstance(node, LatexGroupNode):
            edits.append((base + node.pos, base + node.pos + 1, ""))
            edits.append((base + node.pos + node.len - 1, base + node.pos + node.len, ""))
            stack.extend(node.nodelist or [])
    return edits


def _wrapper_edits(pattern: re.Pattern[str], text: str, group: int = 1) -> list[Edit]:
    """Delete what surrounds ``group`` in every match (keep the content)."""
    edits: list[Edit] = []
    for m in pattern.finditer(text):
        edits.append((m.start(), m.start(group), ""))
        edits.append((m.end(group), m.end(), ""))
    return edits


def markup_edits(text: str) -> list[Edit]:
    """Edits removing HTML, Markdown and LaTeX markup from ``text`` (earlier kinds win)."""
    edits: list[Edit] = []
    math: list[tuple[int, int]] = []
    for m in _MATH.finditer(text):
        math.append(m.span())
        edits.append((m.start(), m.start() + 1, ""))
        edits.extend(_math_edits(m.group(1), m.start(1)))
        edits.append((m.end() - 1, m.end(), ""))
    for m in _SUP.finditer(text):
        if _CITATION_SUP.fullmatch(m.group(1)):
            edits.append((m.start(), m.end(), ""))
        else:
            edits.extend([(m.start(), m.start(1), ""), (m.end(1), m.end(), "")])
    for m in _TEX_SCRIPT.finditer(text):
        if any(a <= m.start() < b for a, b in math):
            continue  # x^{2} in math is an exponent, not an affiliation mark
        if m.group(1) == "^" and _CITATION_SUP.fullmatch(m.group(2)):
            edits.append((m.start(), m.end(), ""))
        else:
            edits.extend([(m.start(), m.start(2), ""), (m.end(2), m.end(), "")])
    edits.extend((m.start(), m.end(), "") for m in _SUB_TAGS.finditer(text))
    edits.extend(_wrapper_edits(_AUTOLINK, text))
    edits.extend((m.start(), m.end(), "") for m in _TAG.finditer(text))
    for m in _ENTITY.finditer(text):
        rep = html.unescape(m.group(0))
        if rep != m.group(0):
            edits.append((m.start(), m.end(), rep))
    edits.extend(_wrapper_edits(_MD_LINK, text))
    edits.extend(_wrapper_edits(_MD_BOLD, text, group=2))
    edits.extend(_wrapper_edits(_MD_ITALIC, text))
    edits.extend((m.start(), m.end(), "") for m in _MD_HEADING.finditer(text))
    edits.extend((m.start(), m.end(), "") for m in _MD_BULLET.finditer(text))
    edits.extend((m.start(), m.start() + 1, "") for m in _MD_ESCAPE.finditer(text))
    edits.extend((m.start(), m.end(), "") for m in _INVISIBLE.finditer(text))
    return edits


# --------------------------------------------------------------------------- hyphenation

_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W_])-([^\S\n]*\n\s*)(?=\S)")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_])-([^\S\n]+)(?=[a-z])")
_SLASH_BREAK = re.compile(r"(?<=\w)/([^\S\n]*\n\s*)(?=\w)")
#: starts only where a letter run starts (same matches; no retry inside every word)
_HYPHENATED_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[^\S\n]?([^\W\d_]+)")
_COORDINATORS = frozenset({"and", "or", "to", "nor", "but", "vs", "versus", "as"})
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"^[^\W\d_]+")


def hyphenated_words(raw: str) -> frozenset[str]:
    """Hyphenated compounds the document writes within a line (``"non-measurable"``): a word
    broken across lines at the same place keeps its hyphen."""
    return frozenset(f"{a}-{b}".lower() for a, b in _HYPHENATED_WORD.findall(raw))


def hyphenation_edits(text: str, keep_hyphen: Collection[str] = ()) -> list[Edit]:
    """Join words hyphenated across line breaks: ``"sus-\\n\\nceptible"`` -> ``"susceptible"``,
    but ``"PD-\\nL1"`` -> ``"PD-L1"`` (uppercase or digit after the break) and compounds the
    document spells with a hyphen elsewhere keep it. ``"non- measurable"`` -> ``"non-measurable"``."""
    edits: list[Edit] = []
    for m in _LINE_BREAK_HYPHEN.finditer(text):
        nxt = text[m.end()]
        before = _WORD_BEFORE.search(text, 0, m.start())
        after = _WORD_AFTER.match(text[m.end() : m.end() + 60])
        compound = f"{before.group(0) if before else ''}-{after.group(0) if after else ''}".lower()
        if nxt.islower() and text[m.start() - 1].isalpha() and compound not in keep_hyphen:
            edits.append((m.start(), m.end(), ""))
        else:
            edits.append((m.start(1), m.end(1), ""))
    for m in _SPACED_HYPHEN.finditer(text):
        after = _WORD_AFTER.match(text[m.end() : m.end() + 30])
        if after and after.group(0).lower() not in _COORDINATORS:
            edits.append((m.start(1), m.end(1), ""))
    edits.extend((m.start(1), m.end(1), "") for m in _SLASH_BREAK.finditer(text))
    return edits


# --------------------------------------------------------------------------- whitespace


def collapse_whitespace(mt: MappedText, sep: str = " ") -> MappedText:
    """Each whitespace run becomes one ``sep`` (mapped to the run's first character); strip."""
    # only runs that are not already one ``sep``: two or more characters, or another one
    runs = re.compile(rf"\s{{2,}}|[^\S{re.escape(sep)}]")
    edits = [(m.start(), m.end(), sep) for m in runs.finditer(mt.text)]
    return apply_edits(mt, edits).strip()


# --------------------------------------------------------------------------- entry points


def normalize_ranges(
    raw: str, ranges: Sequence[tuple[int, int]], keep_hyphen: Collection[str] = ()
) -> MappedText:
    """Normalize one paragraph made of raw ranges (gaps, e.g. a table in between, act as line
    breaks): strip markup, join line-break hyphenation, collapse whitespace."""
    parts: list[MappedText] = []
    for i, (start, end) in enumerate(ranges):
        piece = verbatim(raw, start, end)
        parts.append(apply_edits(piece, markup_edits(piece.text)))
        if i + 1 < len(ranges) and end < len(raw) and raw[end].isspace():
            parts.append(MappedText("\n", (end,), (end + 1,)))
    joined = concat(parts)
    joined = apply_edits(joined, hyphenation_edits(joined.text, keep_hyphen))
    return collapse_whitespace(joined)


def normalize_text(raw: str, start: int = 0, end: int | None = None) -> MappedText:
    """Normalize ``raw[start:end]`` as one paragraph."""
    return normalize_ranges(raw, [(start, len(raw) if end is None else end)])


_TYPO_SPACE = "[\u2000-\u200a\u202f\u205f\u3000]"
#: A table cell separator: a tab; a typographic space next to a plain space or a line end
#: (a bare thin space inside "10\u2009mg" is not one); three or more plain spaces.
CELL_SEPARATOR = re.compile(
    rf"\t| {_TYPO_SPACE} ?|{_TYPO_SPACE} |^{_TYPO_SPACE}|{_TYPO_SPACE}$| {{3,}}(?=\S)", re.MULTILINE
)


#: A Markdown table row (``| a | b |``) and its rule line (``|---|:--:|``).
PIPE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
PIPE_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$")
_PIPE = re.compile(r"(?<!\\)\|")


def _cell_separators(line: str) -> tuple[int, list[tuple[int, int]]]:
    """Where the first cell starts and the (start, end) of each separator after it."""
    pipes = [m.span() for m in _PIPE.finditer(line)] if PIPE_ROW.match(line) else []
    if len(pipes) >= 2:
        return pipes[0][1], [*pipes[1:-1], (pipes[-1][0], len(line))]
    pos = len(line) - len(line.lstrip())  # indentation is not an empty first cell
    return pos, [m.span() for m in CELL_SEPARATOR.finditer(line, pos)]


def normalize_row(raw: str, start: int, end: int) -> MappedText:
    """A table row (one raw line) as cells joined by single tabs; trailing empty cells dropped.
    A tab stands at the separator's first character (whitespace, or ``|`` in Markdown)."""
    line = raw[start:end]
    pos, separators = _cell_separators(line)
    cells: list[MappedText] = []
    for sep_start, sep_end in separators:
        cells.append(normalize_text(raw, start + pos, start + sep_start))
        pos = sep_end
    cells.append(normalize_text(raw, start + pos, end))
    while len(cells) > 1 and not cells[-1].text:
        cells.pop()
    parts: list[MappedText] = []
    for i, cell in enumerate(cells):
        if i:
            sep = start + separators[i - 1][0]
            parts.append(MappedText("\t", (sep,), (sep + 1,)))
        parts.append(cell)
    return concat(parts)


def append(first: MappedText, second: MappedText, raw: str) -> MappedText:
    """``first`` + one space + ``second`` (the space maps to whitespace after ``first``)."""
    if not first.text:
        return second
    if not second.text:
        return first
    gap = first.raw_end
    if gap >= len(raw) or not raw[gap].isspace() or gap >= second.raw_start:
        return concat([first, second])
    return concat([first, MappedText(" ", (gap,), (gap + 1,)), second])


def is_faithful(raw: str, mt: MappedText) -> bool:
    """The normalization invariant (see the module docstring) holds for every character."""
    last = -1
    for ch, off in zip(mt.text, mt.offsets, strict=True):
        if off <= last or off >= len(raw):
            return False
        src = raw[off]
        spacing = (ch in " \t" and src.isspace()) or (ch == "\t" and src == "|")
        if not (ch == src or spacing or src in SUBSTITUTION_OPENERS):
            return False
        last = off
    return True
