"""Outcome measures found in text: by the labels the ontology gives them, by phrasings it does
not cover ("a 5% response", "activity of 40%"), by short forms a document defines; and the time
points that say when a rate was read ("6-month PFS", "PFS at 24 weeks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from sarckg.extract.cues import phrase_pattern
from sarckg.extract.numbers import Quantity, Reading, parse_numbers
from sarckg.model import Document
from sarckg.namespaces import SKG

RATE = frozenset({"ORR", "DCR", "PFSRate", "OSRate", "PathologicResponse"})
TIME = frozenset({"MedianPFS", "MedianOS", "DurationOfResponse", "MedianFollowUp"})
CATEGORY = frozenset({"CompleteResponse", "PartialResponse", "StableDisease", "ProgressiveDisease"})
TIME_UNITS = frozenset({"months", "weeks", "years", "days"})
AS_RATE = {"MedianPFS": "PFSRate", "MedianOS": "OSRate"}
_SUBJECT_OF_RE = re.compile(r"\b(?:evaluable|assessable|evaluated|eligible|available)\s+for\s+(?:an?\s+)?$", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)")
# "PFS at 24 weeks", "OS at 1 year": a survival rate read at a time point
_RATE_AT_RE = re.compile(r"\s*(?:rates?\s+)?at\s+$", re.IGNORECASE)
TIMEPOINT_BEFORE_RE = re.compile(r"(?:\bat|\bat week|\bweek|\bafter|\bby|[-−–])\s*$", re.IGNORECASE)
# words that make "response" another kind of response than a tumour's
_OTHER_RESPONSES = ("immune", "minor", "mixed", "metabolic", "dose", "inflammatory", "antibody", "humoral",
                    "cellular", "stress", "interferon", "cell", "serologic", "molecular", "biochemical", "partial",
                    "complete", "pathologic", "pathological", "histologic")
# phrasings of a measure the ontology's labels do not cover: "a confirmed response was seen
# in 33% of patients" reports the objective response rate
_PHRASED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ORR", re.compile(r"(?<![\w-])confirmed\s+(?:objective\s+|overall\s+)?responses?(?:\s+rates?)?(?!\w)",
                       re.IGNORECASE)),
    # "a best response of 25%", "the best overall response rate": a share; "SD as best response" is not
    ("ORR", re.compile(r"(?<![\w-])best\s+(?:objective\s+|overall\s+)?response(?:\s+rates?|(?=\s+of\s+\d))(?!\w)",
                       re.IGNORECASE)),
    # "only a 5% response", "an 18% objective response": a share glued before the word
    ("ORR", re.compile(r"(?<=%\s)(?:objective\s+|overall\s+)?responses?(?:\s+rates?)?(?!\w)(?!\s+(?:in|of)\s+(?:the\s+)?"
                       r"(?:tumou?rs?|lesions?|size|diameters?|sum|target))", re.IGNORECASE)),
    # "a response of 40%" (not an immune or a minor response, not "a response of 30% shrinkage")
    ("ORR", re.compile(r"(?<![\w-])" + "".join(rf"(?<!{w}\s)" for w in _OTHER_RESPONSES)
                       + r"responses?(?=\s+(?:rates?\s+)?of\s+\d+(?:\.\d+)?\s*%(?!\s*(?:reduction|decrease|shrinkage|"
                       r"increase|change|of\s+the\s+tumou?r)))", re.IGNORECASE)),
    # "the best activity was observed in UPS of 40%": activity with a share in its clause
    ("ORR", re.compile(r"(?<![\w-])(?:best|greatest|highest|notable|modest|limited|promising|encouraging|clinical|"
                       r"therapeutic|anti-?tumou?r)\s+activity(?=[^,;.%]{0,60}?\bof\s+\d+(?:\.\d+)?\s*%)",
                       re.IGNORECASE)),
)
_ABBR_AFTER_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]{1,7})\s*[),;]")


@dataclass(frozen=True)
class MeasureHit:
    measure: str
    start: int
    end: int


@lru_cache(maxsize=1)
def measure_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each outcome measure with the pattern of its ontology labels."""
    from sarckg.graph.ontology_files import load_ontology

    graph = load_ontology()
    found = []
    for individual in sorted({str(i) for i in graph.subjects(RDF.type, SKG.OutcomeMeasure)}):
        labels = {str(o) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(URIRef(individual), p)
                  if isinstance(o, Literal)}
        labels |= {label + "s" for label in labels if label.endswith(("rate", "response"))}
        pattern = phrase_pattern(sorted(labels))
        if pattern is not None:
            found.append((individual.rsplit("#", 1)[-1], pattern))
    return tuple(found)


Aliases = tuple[tuple[str, str], ...]  # (short form the document defines, measure)


@lru_cache(maxsize=32)
def measure_aliases(document: Document) -> Aliases:
    """Short forms a document defines for measures the ontology names in full:
    "progression-free rate (PFR)" makes "PFR" a PFSRate in that document."""
    found: dict[str, str] = {}
    for hit in find_measures(document.text):
        m = _ABBR_AFTER_RE.match(document.text, hit.end)
        if m and not find_measures(m[1]):
            found.setdefault(m[1], hit.measure)
    return tuple(sorted(found.items()))


def find_measures(text: str, aliases: Aliases = ()) -> list[MeasureHit]:
    """Measure mentions, longest first where they overlap; "complete response (CR)" is one."""
    patterns = [*measure_patterns(), *_PHRASED, *((name, re.compile(rf"(?<![\w-]){re.escape(short)}(?!\w)"))
                                       for short, name in aliases)]
    hits = sorted(
        (MeasureHit(name, m.start(), m.end()) for name, p in patterns for m in p.finditer(text)),
        key=lambda h: (h.start, -(h.end - h.start)),
    )
    out: list[MeasureHit] = []
    for hit in hits:
        if out and hit.start < out[-1].end:
            continue
        if _SUBJECT_OF_RE.search(text[max(0, hit.start - 30) : hit.start]):
            continue  # "27 patients evaluable for objective response" names a group
        if out and out[-1].measure == hit.measure and re.fullmatch(r"\s*\(\s*", text[out[-1].end : hit.start]):
            close = text.find(")", hit.end)
            out[-1] = replace(out[-1], end=close + 1 if 0 <= close - hit.end < 3 else hit.end)
            continue
        out.append(hit)
    return out


def timepoints(text: str, hits: list[MeasureHit]) -> list[Quantity]:
    """Time quantities that say when a rate was read ("at 12 weeks", "6-month", "12W")."""
    found: list[Quantity] = []
    pending: list[Quantity] = []  # adjectives that may head a list: "the 6-month and 12-month PFS"
    for q in parse_numbers(text):
        if not isinstance(q, Quantity) or q.unit not in TIME_UNITS:
            continue
        before = text[max(0, q.start - 10) : q.start]
        # "12-week", "6-month", "12W", "12 week" (singular: an adjective), integers only
        compound = (not re.search(r"\s", q.text) or re.search(r"(?:week|month|year|day)$", q.text)) \
            and q.value == q.value.to_integral() and "." not in q.text
        next_hit = any(0 <= h.start - q.end <= 3 and not text[q.end : h.start].strip(" -") for h in hits)
        after_hit = any(0 <= q.start - h.end <= 1 and h.measure not in TIME for h in hits)
        listed = bool(found) and re.fullmatch(r"\s*,?\s*(?:and|or)?\s*", text[found[-1].end : q.start])
        if TIMEPOINT_BEFORE_RE.search(before) or (compound and next_hit) or after_hit or listed:
            heads = pending if compound and next_hit and pending and _LIST_GAP_RE.fullmatch(text[pending[-1].end : q.start]) else []
            found += [*heads, q]
            pending = []
        elif compound and pending and _LIST_GAP_RE.fullmatch(text[pending[-1].end : q.start]):
            pending.append(q)
        else:
            pending = [q] if compound else []
    return sorted(found, key=lambda t: t.start)


def compatible(measure: str, r: Reading) -> bool:
    if measure in RATE:
        return r.unit == "%" or (r.value is None and r.numerator is not None)
    if measure in TIME:
        return r.unit in TIME_UNITS or r.not_reached
    return r.unit == "%" or (r.value is None and r.count is not None)




def timepoint_before(text: str, hit: MeasureHit, tps: list[Quantity]) -> Quantity | None:
    """An adjectival time point right before a measure: "12-week ORR", "18-month OS rate"."""
    return next((t for t in tps if 0 <= hit.start - t.end <= 3 and not text[t.end : hit.start].strip(" -")), None)


def read_at(text: str, hit: MeasureHit, tps: list[Quantity]) -> bool:
    """Whether a survival measure is read at a time point: "6-month PFS", "OS at 1 year"."""
    return timepoint_before(text, hit, tps) is not None or any(
        t.start > hit.end and _RATE_AT_RE.fullmatch(text[hit.end : t.start]) for t in tps)
