"""Title, DOI and publication year, read only from what the text states.

The title is the block the section analysis marks as the title (None when there is none:
never guessed from a random line). The DOI is the first one stated outside the reference
list, preferring the front matter and furniture (where a paper states its own). The year
comes from publication furniture ("Published ...", "Received ... / Accepted ...", "©"),
never from a year cited in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sarckg.corpus.normalize import normalize_ranges
from sarckg.corpus.sections import Unit

DOI_PATTERN = re.compile(r"\b10\.\d{4,9}/[^\s\"<>{}|\\^`\[\]]+")
_DOI_TRAILING = ".,;:)]}'\"’”*"
_YEAR = r"((?:19|20)\d{2})"
_PUBLISHED = re.compile(rf"\bpublished(?:\s+online)?\b[^0-9\n]{{0,20}}[^\n]{{0,30}}?\b{_YEAR}\b", re.I)
_RECEIVED = re.compile(rf"\b(?:received|accepted|revised)\b[^\n;]{{0,40}}?\b{_YEAR}\b", re.I)
_CITATION_YEAR = re.compile(rf"\({_YEAR}\)")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|\bcopyright\b)[^\n]{{0,60}}?\b{_YEAR}\b", re.I)


@dataclass(frozen=True)
class Metadata:
    title: str | None
    doi: str | None
    year: int | None


def clean_doi(doi: str) -> str:
    """Trim punctuation that ends a sentence or a bracket rather than the DOI; a closing
    bracket stays when the DOI opened it (``10.1002/(SICI)1097-...``)."""
    while doi and doi[-1] in _DOI_TRAILING:
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break
        doi = doi[:-1]
    return doi


def find_dois(text: str) -> list[str]:
    return [clean_doi(m.group(0)) for m in DOI_PATTERN.finditer(text)]


def _unit_text(raw: str, unit: Unit) -> str:
    return "\n".join(raw[s:e] for s, e in unit.ranges)


def find_doi(raw: str, units: Sequence[Unit]) -> str | None:
    """The document's own DOI: first from front matter/furniture, else from the body."""
    ordered = sorted(units, key=lambda u: u.ranges[0])
    for zones in (("furniture", "title", "abstract"), ("body", "caption", "table")):
        for unit in ordered:
            if unit.zone in zones:
                dois = find_dois(_unit_text(raw, unit))
                if dois:
                    return dois[0]
    return None


def find_title(raw: str, units: Sequence[Unit]) -> str | None:
    for unit in sorted(units, key=lambda u: u.ranges[0]):
        if unit.zone == "title":
            return normalize_ranges(raw, unit.ranges).text or None
    return None


def find_year(raw: str, units: Sequence[Unit], doi: str | None = None) -> int | None:
    """The publication year stated in the furniture: published > accepted/received > © >
    the year of a citation line that gives the paper's own DOI ("Liu Z (2025) ... doi: ...")."""
    texts = [_unit_text(raw, u) for u in sorted(units, key=lambda u: u.ranges[0])
             if u.zone == "furniture"]
    for pattern in (_PUBLISHED, _RECEIVED, _COPYRIGHT):
        years = [int(m.group(1)) for text in texts for m in pattern.finditer(text)]
        if years:
            return max(years)
    for text in texts:
        if doi and doi in text and (m := _CITATION_YEAR.search(text)):
            return int(m.group(1))
    return None


def extract_metadata(raw: str, units: Sequence[Unit]) -> Metadata:
    doi = find_doi(raw, units)
    return Metadata(find_title(raw, units), doi, find_year(raw, units, doi))
