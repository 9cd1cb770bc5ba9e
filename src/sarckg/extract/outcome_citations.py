"""Which cited study a restated result comes from: the one reference its sentence cites.

"A phase II trial yielded a 3.3% ORR (61)." names no trial, but its citation marker points at
entry 61 of the document's reference list ("61. Kelly CM, ... A phase II study of ..."). The
study is then named after that entry's first author and year ("Kelly et al., 2019"), the way
reviews' trial tables name the studies they list, so both meet on one entity. Sentences citing
several references, or none, point at no one study.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import Document, EntityRef, slugify

_HEADING_RE = re.compile(r"(?m)^[#\s]*(?:references|bibliography|literature cited)\s*$", re.IGNORECASE)
_ENTRY_RE = re.compile(r"(?m)^[ \t]*(?:(?P<n>\d{1,3})\.|[-*•])[ \t]+(?P<rest>\S[^\n]*)")
# "Kelly CM, ...", "Tawbi, H. A. et al.", "Martin-Broto J, ...": a surname, then initials or a comma
_AUTHOR_RE = re.compile(r"(?P<author>[A-Z][\w'’-]+(?:[ -][A-Z][a-z][\w'’-]*)?)(?=,|[ \t]+[A-Z]{1,3}[,. ])")
_YEAR_RE = re.compile(r"\((?P<y>(?:19|20)\d{2})\)|\b(?P<y2>(?:19|20)\d{2})\b")
# "(61)", "(12, 14)", "(3–5)", "[7]", "<sup>4</sup>", "<sup>4,5</sup>"
_MARKER_RE = re.compile(r"\((?P<p>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)|\[(?P<b>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]"
                        r"|<sup>(?P<s>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)</sup>")


@dataclass(frozen=True)
class Reference:
    """One entry of a reference list: its number, first author and year."""

    number: int
    author: str
    year: str | None
    start: int  # offsets of the entry in Document.text
    end: int
    suffix: str = ""  # "a", "b" when the list has several entries of one first author and year

    @property
    def study(self) -> EntityRef:
        year = f", {self.year}{self.suffix}" if self.year else self.suffix and f" {self.suffix}"
        label = f"{self.author} et al.{year}"
        return EntityRef(f"study/{slugify(label)}", label, "Study", ("Study",), False)


@lru_cache(maxsize=32)
def reference_list(document: Document) -> dict[int, Reference]:
    """The numbered entries after the document's last "References" heading (bullets count in order)."""
    headings = list(_HEADING_RE.finditer(document.text))
    if not headings:
        return {}
    found: dict[int, Reference] = {}
    for i, m in enumerate(_ENTRY_RE.finditer(document.text, headings[-1].end()), start=1):
        number = int(m["n"]) if m["n"] else i  # a bulleted list counts its entries
        author = _AUTHOR_RE.match(m["rest"])
        if author is None:
            continue  # an organisation or a web page, not a study's authors
        year = _YEAR_RE.search(m["rest"])
        found.setdefault(number, Reference(number, author["author"], (year["y"] or year["y2"]) if year else None,
                                           m.start(), m.end()))
    return _suffixed(found)


def _suffixed(refs: dict[int, Reference]) -> dict[int, Reference]:
    """"Kelly et al., 2023a" and "2023b": entries that share first author and year, in list order."""
    groups: dict[tuple[str, str | None], list[int]] = {}
    for n in sorted(refs):
        groups.setdefault((refs[n].author, refs[n].year), []).append(n)
    out = dict(refs)
    for numbers in groups.values():
        if len(numbers) > 1:
            for letter, n in zip("abcdefghijklmnopqrstuvwxyz", numbers, strict=False):
                out[n] = replace(refs[n], suffix=letter)
    return out


def _numbers(marker: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", marker):
        ends = [int(x) for x in re.split(r"\s*[–-]\s*", part)]
        out += list(range(ends[0], ends[-1] + 1)) if 0 < ends[-1] - ends[0] < 20 else ends
    return out


def cited_numbers(raw: str) -> set[int]:
    """The reference numbers a text cites, ranges expanded: "(14, 18–20)" gives 14, 18, 19, 20."""
    return {n for m in _MARKER_RE.finditer(raw) for n in _numbers(m["p"] or m["b"] or m["s"])}


def cited_reference(document: Document, raw: str) -> Reference | None:
    """The one reference a sentence (its raw text) cites; None for none or several."""
    refs = reference_list(document)
    cited = cited_numbers(raw)
    if len(cited) != 1:
        return None
    return refs.get(cited.pop())


# "Okafor et al. assessed ...", "Lindqvist et al.18 evaluated ..." (a citation glued as a superscript),
# "Kelly et al. (2019) reported ..."
_AUTHORS_RE = re.compile(r"\b(?P<author>[A-Z][\w'’-]+(?:[ -][A-Z][a-z][\w'’-]*)?)\s+et\s+al\b\.?"
                         r"(?:\s*\((?P<year>(?:19|20)\d{2})\))?(?P<glued>\d{1,3}\b)?")


def author_study(document: Document, text: str) -> EntityRef | None:
    """The study a sentence names by its authors ("Okafor et al. assessed ..."): the entry of
    the reference list by that first author (the one its glued citation number or its year
    points at, or the only one), else a study named "Okafor et al." (with the year when given);
    None when the sentence names several authors' studies or the list has several by one."""
    found = list(_AUTHORS_RE.finditer(text))
    if len({m["author"] for m in found}) != 1:
        return None
    m, refs = found[0], reference_list(document)
    if m["glued"] and (ref := refs.get(int(m["glued"]))) is not None and ref.author == m["author"]:
        return ref.study
    by_author = [r for r in refs.values() if r.author == m["author"] and m["year"] in (None, r.year)]
    if len(by_author) == 1:
        return by_author[0].study
    if by_author:
        return None
    label = f"{m['author']} et al." + (f", {m['year']}" if m["year"] else "")
    return EntityRef(f"study/{slugify(label)}", label, "Study", ("Study",), False)


def cites(raw: str) -> bool:
    """Whether a sentence (its raw text) carries a citation marker ("(61)", "[7]", "<sup>4</sup>")."""
    return _MARKER_RE.search(raw) is not None


def names_authors(text: str) -> bool:
    """Whether a text names a study by its authors ("Okafor et al.")."""
    return _AUTHORS_RE.search(text) is not None


def cited_population(doc: AnnotatedDocument, sentence: AnnotatedSentence) -> EntityRef | None:
    """The population the one reference a sentence cites was studied in, read from that
    entry of the reference list ("61. ... Nivolumab and sunitinib in advanced soft tissue
    sarcomas ..."): the first subtype or population it names; None when there is none."""
    raw = sentence.raw
    ref = cited_reference(sentence.document, raw)
    if ref is None:
        return None
    at = bisect_right(doc.sentences, ref.start, key=lambda a: a.sentence.start) - 1
    for entry in doc.sentences[max(at, 0):at + 1]:  # sentences are in file order
        s = entry.sentence
        if s.zone == "reference" and s.start <= ref.start < s.end:
            named = [m for m in entry.mentions if m.entity.category in ("SarcomaSubtype", "Population")
                     and ref.start <= s.raw_span(m.start, m.end)[0] < ref.end]
            return named[0].entity if named else None
    return None
