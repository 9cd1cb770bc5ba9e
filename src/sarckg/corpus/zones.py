"""Generic patterns that tell what a block of a paper is: furniture, a heading of a known
kind, an abstract label, a reference list, a table legend. Nothing here knows a particular
paper; every pattern is a convention of journal layout."""

from __future__ import annotations

import re

from sarckg.model import Zone

_FURNITURE_HEADINGS = (
    r"acknowledge?ments?",
    r"funding(?: information| statement| sources?)?",
    r"financial (?:support|disclosures?)",
    r"authors?'?’?s?'? contributions?",
    r"contributions?",
    r"conflicts? of interests?(?: statement)?",
    r"competing (?:financial )?interests?",
    r"declarations?(?: of (?:competing )?interests?)?",
    r"disclosures?(?: statement)?",
    r"data (?:availability|sharing)(?: statement)?",
    r"availability of data(?: and materials?)?",
    r"ethics(?: statement| approval.*| declarations?)?",
    r"ethical (?:approval|statement).*",
    r"(?:patient |informed )?consent (?:for|to) (?:publication|participate).*",
    r"generative ai statement|use of (?:generative )?(?:ai|artificial intelligence).*",
    r"publisher'?’?s note",
    r"additional information",
    r"supplementary (?:material|information|data)s?",
    r"author information|authors? details?",
    r"reprints and permissions?",
    r"key ?words?",
    r"edited by|reviewed by|\*?correspondence|citation|copyright|open access|open",
    r"article (?:info|history)",
    r"footnotes?|notes?",
)
FURNITURE_HEADING = re.compile(
    r"^(?:" + "|".join(_FURNITURE_HEADINGS) + r")\s*:?$", re.IGNORECASE
)
REFERENCE_HEADING = re.compile(
    r"^(?:(?:\d+\.?\s+)?references?(?: list| and notes| cited)?|notes and references|bibliography|"
    r"literature(?: cited)?|works cited|cited literature)\s*:?$",
    re.IGNORECASE,
)
GLOSSARY_HEADING = re.compile(r"^(?:abbreviations?|glossary)\s*:?$", re.IGNORECASE)
ABSTRACT_HEADING = re.compile(r"^(?:abstract|summary)\s*:?$", re.IGNORECASE)
#: Headings that open the body of a paper even straight after its title.
_BODY_NAMES = (
    r"(?:\d+(?:\.\d+)*\.?\s+)?(?:introduction|background|methods?|materials? and methods|"
    r"patients? and methods|results?|discussion|conclusions?|case (?:report|presentation|"
    r"description)s?|results and discussion|limitations)"
)
BODY_HEADING = re.compile(rf"^{_BODY_NAMES}\b", re.IGNORECASE)
_SECTION_NAME = re.compile(rf"^{_BODY_NAMES}\s*:?$", re.IGNORECASE)


def is_section_name(text: str) -> bool:
    """Exactly a standard section name ("Discussion", "2. Methods", "Funding", "References")."""
    name = text.strip().strip("*#").strip()
    return bool(_SECTION_NAME.match(name)) or heading_zone(name) is not None


ABSTRACT_LABEL = re.compile(r"^(?:abstract|summary)\b\s*[.:]?\s*\S", re.IGNORECASE)
STRUCTURED_ABSTRACT_LABEL = re.compile(
    r"^(?:background|objectives?|aims?|purpose|introduction|methods?|materials and methods|"
    r"patients and methods|design|setting|results?|findings|conclusions?|interpretation|"
    r"significance|context)\s*:\s*\S",
    re.IGNORECASE,
)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_FURNITURE_PREFIX = re.compile(
    r"^(?:\*?correspondence\b|corresponding authors?\b|e-?mail\s*:|key ?words?\s*[:.]|"
    r"(?:received|accepted|revised|published(?: online)?|available online)\s*:?\s*(?:\d{1,2}\s+"
    rf"{_MONTH}|{_MONTH}\.?\s+\d{{1,2}}|\d{{4}})|doi\s*:|citation\s*:|"
    r"copyright\b|©|\(c\)\s*\d{4}|open access\b|this (?:is an open[- ]access|article is "
    r"licensed|work is licensed)|licensed under\b|edited by\b|reviewed by\b|article history\b|"
    r"https?://(?:dx\.)?doi\.org/|these authors contributed\b|supplementary (?:information|materials?|data)\b|\S{0,3}equal contribution|orcid\b|to cite this article)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|✉")
_LICENCE = re.compile(r"creative\s+commons|licen[cs]ed under|open[- ]access article", re.IGNORECASE)
_RUNNING_HEAD = re.compile(r"^\d{1,4}\s+\S.{0,80}\bet al\.?(?:\s.{0,120})?$")
_PAGE_LINE = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
#: A journal's running head or foot: "Journal of X 2024; 12: 100-110", "J Clin Oncol (2021) 39:1",
#: "Frontiers in Immunology 05 frontiersin.org".
_JOURNAL_HEAD = re.compile(
    r"^[A-Z][\w .&:,'-]{2,80}?\s(?:(?:19|20)\d{2}\s*[;,]|\((?:19|20)\d{2}\))\s*\d{1,4}\s*(?:\(\d{1,3}\)\s*)?:"
    r"[\s\d:;,()–-]*$|^[A-Z][\w .&-]{2,80}\s\d{1,4}\s+(?:www\.)?[\w-]+\.(?:org|com)$"
    r"|^(?i:(?:https?://|www\.)\S+|downloaded from\b.{0,150})$"
)
_SUP_MARK = r"(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]|<sup>|\^\{|\*|†|‡|\d(?=[A-Z]))"
_AFFILIATION = re.compile(
    rf"^{_SUP_MARK}*\s*(?:[A-Z][\w&'’.-]*\s+){{0,4}}(?:Department|Division|Faculty|School|"
    r"Institute|Laboratory|Unit|Center|Centre|College|University|Hospital|Clinic|Dept\.?)\b"
)
_LEGEND_PAIR = re.compile(
    r"(?:^|;\s*|\.\s+)(?=[\w+\-/*]{0,14}[A-Z0-9*])[\w+\-/*]{1,15}(?:\s?\([\w+\-/]{1,10}\))?,\s+[^;,()]{2,120}"
    r"(?=;|\.?\s*$)"
)
_FOOTNOTE_START = re.compile(r"^\s*(?:[*†‡§¶#]|\([a-z]\))\s*\S")


def heading_zone(text: str) -> Zone | None:
    """The zone a heading opens, when its name says (furniture, references, abstract)."""
    name = text.strip().strip("*#").strip()
    if REFERENCE_HEADING.match(name):
        return "reference"
    if GLOSSARY_HEADING.match(name):
        return "caption"
    if ABSTRACT_HEADING.match(name):
        return "abstract"
    if FURNITURE_HEADING.match(name):
        return "furniture"
    return None


def is_page_furniture(text: str) -> bool:
    """A running head or page number: may stand in the middle of a sentence."""
    text = text.strip()
    return len(text) < 200 and bool(
        _RUNNING_HEAD.match(text) or _PAGE_LINE.match(text) or _JOURNAL_HEAD.match(text)
    )


#: Furniture (licence, affiliations, dates) comes in short blocks; longer ones are text.
FURNITURE_MAX_CHARS = 3000


def is_furniture_block(text: str, *, first_line: str = "") -> bool:
    """Licence, correspondence, dates, keywords, affiliations, e-mail, running heads."""
    text = text.strip()
    if len(text) > FURNITURE_MAX_CHARS:
        return False  # a whole page or paper run into one block is not furniture
    if not text or is_page_furniture(text) or _FURNITURE_PREFIX.match(text):
        return True
    if len(text) < 600 and (_EMAIL.search(text) or _LICENCE.search(text)):
        return True
    return bool(_AFFILIATION.match(first_line or text)) and not text.endswith(".")


def is_legend(text: str) -> bool:
    """An abbreviation legend (``"OS, overall survival; PFS, ..."``) or an ``Abbreviations:``
    list: read as a caption, not as running text."""
    text = text.strip()
    if re.match(r"^abbreviations?\s*[:.]", text, re.IGNORECASE):
        return True
    pairs = [m.group(0) for m in _LEGEND_PAIR.finditer(text)]
    return len(pairs) >= 3 and sum(map(len, pairs)) >= 0.6 * len(text)


def is_footnote(text: str) -> bool:
    """A table footnote: starts with a footnote mark, or is a legend."""
    return bool(_FOOTNOTE_START.match(text)) or is_legend(text)


def is_abstract_start(text: str) -> bool:
    return bool(ABSTRACT_LABEL.match(text) or STRUCTURED_ABSTRACT_LABEL.match(text))
