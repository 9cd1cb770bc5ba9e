"""Front-matter checks: the title block, the start of the body, a paragraph long enough to be
an unlabelled abstract. Generic conventions of journal layout, no particular paper."""

from __future__ import annotations

import re

from sarckg.corpus import zones
from sarckg.corpus.layout import Block, ends_sentence, heading_like, is_caption_start, word_count

MARKDOWN_HEADING = re.compile(r"[ \t]{0,3}#{1,6}\s")  # used with .match(raw, pos)
_JOURNAL_LINE = re.compile(r"\b\d{1,4}\s*\((?:19|20)\d{2}\)|\b(?:19|20)\d{2};\s*\d|\d+\s*[-–]\s*\d+$")


def opens_body(text: str) -> bool:
    """An abstract heading or a standard body heading (Introduction, Methods, ...)."""
    return zones.heading_zone(text) == "abstract" or (
        heading_like(text) and bool(zones.BODY_HEADING.match(text))
    )


def is_long_prose(text: str) -> bool:
    """Running text long enough to be an abstract."""
    return len(text) >= 300 and ends_sentence(text) and word_count(text) >= 40


def is_title_block(raw: str, b: Block) -> bool:
    """The paper's title: a short capitalised block before the abstract, no final period."""
    text = b.text.strip()
    if MARKDOWN_HEADING.match(raw, b.start) and not zones.is_furniture_block(text):
        return 2 <= word_count(text) <= 60
    first_line = raw[b.lines[0].start : b.lines[0].end].rstrip()
    if len(b.lines) > 3 or first_line.endswith(",") or not 20 <= len(text) <= 300:
        return False
    if not 4 <= word_count(text) <= 40 or text.endswith((".", ",", ";", ":")):
        return False
    if not text[0].isupper() or re.search(r"@|https?:|\bdoi\b|©|✉", text, re.IGNORECASE):
        return False
    if _JOURNAL_LINE.search(text):
        return False  # "Journal of X 12 (2024) 100-110": a running head, not a title
    return not zones.is_furniture_block(text, first_line=first_line) and not is_caption_start(text)
