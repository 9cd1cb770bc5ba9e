"""Biomarker associations stated without an association word.

Four constructions of biomarker prose that :mod:`sarckg.extract.biomarkers` reads through
here (each yields a :class:`Finding`; that module builds the statements):

- concession: "despite a low TMB, ASPS could still benefit", "low TMB did not preclude a
  response", "a low TMB, yet responses were observed", "responses occurred regardless of
  PD-L1 status": the biomarker does not decide the outcome (no association);
- a prognostic or predictive factor: "high TIL density was a favourable prognostic factor";
- a responding group as subject: "responders had higher levels of B cells";
- a marker group that responds: "MSI-high tumours responded better";
- a marker's presence as the subject of an outcome verb: "Co-presence of CD8+ TILs and
  neoantigens further improved survival";
- an outcome put down to a marker: "limited activity in STS, possibly owing to IDO1-expressing
  TAMs" (the response goes against it), "durable responses due to high TMB".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.biomarker_mentions import amount_of, outcome_terms
from sarckg.extract.cues import Lexicon
from sarckg.model import Direction, Mention


@dataclass(frozen=True)
class Finding:
    """One association read from ``sentence`` at ``position`` (for hedging)."""

    marker: Mention
    outcome: str  # ClinicalOutcome local name
    direction: Direction
    position: int


_BENEFIT = r"(?:benefit\w*|respon\w+|achiev\w+\s+(?:an?\s+)?(?:objective\s+)?response|durable\s+\w+)"
_DESPITE = re.compile(r"\b(?:despite|in\s+spite\s+of|even\s+with)\s+(?:\w+\s+){0,4}$", re.IGNORECASE)
_STILL_BENEFIT = re.compile(rf"\b(?:still|nevertheless|nonetheless)?\s*(?:\w+\s+){{0,2}}{_BENEFIT}",
                            re.IGNORECASE)
_NOT_PRECLUDE = re.compile(r"^[\s\w-]{0,30}?\b(?:did|does|do|could|can|may)\s+not\s+(?:preclude|prevent|"
                           r"rule\s+out|exclude)\s+(?:an?\s+)?(?:\w+\s+)?" + _BENEFIT, re.IGNORECASE)
#: "BSNS has a low TMB, yet responses were observed": the low amount did not stop them.
_YET_BENEFIT = re.compile(rf"^[^.;]{{0,40}}?,?\s+(?:yet|but|nevertheless|nonetheless|still)\s+(?:\w+\s+){{0,3}}?"
                          rf"{_BENEFIT}", re.IGNORECASE)
_REGARDLESS = re.compile(r"\b(?:regardless|irrespective|independent(?:ly)?)\s+of\s+(?:the\s+)?(?:\w+\s+)?$",
                         re.IGNORECASE)
_FACTOR = re.compile(
    r"^[\s\w-]{0,40}?\b(?:is|was|are|were|as|remains?|represents?)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
    r"(?P<adj>favou?rable|unfavou?rable|good|poor|positive|negative|adverse)\s+(?:independent\s+)?"
    r"(?P<kind>prognostic|predictive)\s+(?:factor|marker|biomarker|indicator|value|feature)s?\b",
    re.IGNORECASE)
_GROUP_HAD = re.compile(r"^\s*(?:patients\s+)?(?:had|have|has|showed|show|displayed|exhibited|harbou?red)\s+"
                        r"(?:a\s+|an\s+)?(?:significantly\s+)?(?P<amount>higher|lower|more|fewer|greater|"
                        r"increased|decreased|elevated|reduced)\b[^,;]{0,40}$", re.IGNORECASE)
_RESPONDED = re.compile(r"^[\s\w-]{0,30}?\brespond(?:ed|s)?\s+(?:(?P<better>better|more)|(?P<worse>worse|"
                        r"less|poorly))\b", re.IGNORECASE)


def findings(sentence: AnnotatedSentence, lexicon: Lexicon,
             markers: Sequence[Mention]) -> Iterator[Finding]:
    """Every association of the four constructions in ``sentence``."""
    yield from _concessions(sentence, markers)
    yield from _factors(sentence, markers)
    yield from _responding_groups(sentence, lexicon, markers)
    yield from _marker_groups_respond(sentence, markers)
    yield from _presence_improves(sentence, lexicon, markers)
    yield from _put_down_to(sentence, markers)


def _concessions(sentence: AnnotatedSentence, markers: Sequence[Mention]) -> Iterator[Finding]:
    text = sentence.text
    for i, m in enumerate(markers):
        if i and m.entity == markers[i - 1].entity:
            continue
        before = text[max(0, m.start - 40):m.start]
        group = _group_from(text, markers, i)
        after = text[group[-1].end:]
        rest = after.split(".")[0]
        yet = _YET_BENEFIT.match(rest)
        conceded = (_DESPITE.search(before) and _STILL_BENEFIT.search(rest) and not cues.negation_cues(rest)) \
            or (yet and amount_of(text, m) < 0 and not cues.negation_cues(rest)) \
            or _NOT_PRECLUDE.match(after) \
            or (_REGARDLESS.search(before) and re.search(_BENEFIT, text, re.IGNORECASE))
        if conceded:
            yield from (Finding(g, "Response", "none", m.start) for g in group)


def _factors(sentence: AnnotatedSentence, markers: Sequence[Mention]) -> Iterator[Finding]:
    text = sentence.text
    for i, m in enumerate(markers):
        found = _FACTOR.match(text[m.end:])
        if not found or (i + 1 < len(markers) and markers[i + 1].start < m.end + found.end()):
            continue
        good = found.group("adj").lower().rstrip("e").startswith(("favo", "good", "positiv"))
        outcome = "Prognosis" if found.group("kind").lower() == "prognostic" else "Response"
        group = cues.coordinated(text, list(markers), i)
        for member in group:
            amount = amount_of(text, member) or 1
            yield Finding(member, outcome, _sign((1 if good else -1) * amount), m.end)


def _responding_groups(sentence: AnnotatedSentence, lexicon: Lexicon,
                       markers: Sequence[Mention]) -> Iterator[Finding]:
    """"Responders had higher levels of B cells (than non-responders)"."""
    text = sentence.text
    for g_start, g_end in cues.response_groups(lexicon, text):
        nxt = next((i for i, m in enumerate(markers) if m.start >= g_end), None)
        if nxt is None:
            continue
        had = _GROUP_HAD.match(text[g_end:markers[nxt].start])
        sign = cues.group_sign(lexicon, text[g_start:g_end + 12])
        if not had or not sign:
            continue
        more = had.group("amount").lower() in ("higher", "more", "greater", "increased", "elevated")
        for member in _group_from(text, markers, nxt):
            yield Finding(member, "Response", _sign(sign * (1 if more else -1)), g_start)


def _marker_groups_respond(sentence: AnnotatedSentence, markers: Sequence[Mention]) -> Iterator[Finding]:
    """"MSI-high tumours responded better to pembrolizumab"."""
    text = sentence.text
    for i, m in enumerate(markers):
        found = _RESPONDED.match(text[m.end:])
        if not found or (i + 1 < len(markers) and markers[i + 1].start < m.end + found.end()):
            continue
        amount = amount_of(text, m)
        if amount:
            yield Finding(m, "Response", _sign(amount * (1 if found.group("better") else -1)), m.end)


#: "... further improved survival": an outcome verb right after the subject.
_OUTCOME_VERB = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?P<noun>(?:infiltration|expression|levels?|densit(?:y|ies)|counts?)\s+)?(?:(?:further|significantly|markedly|also|independently|strongly)\s+)*"
    r"(?:(?P<better>improved|improves|prolonged|prolongs|extended|extends)|"
    r"(?P<worse>worsened|worsens|shortened|shortens|impaired|impairs))\s+(?:the\s+)?(?:patients'?\s+)?",
    re.IGNORECASE)
#: What may stand before the subject in its clause: determiners and words of amount or presence.
_SUBJECT_OPENING = re.compile(
    r"(?:\W|\b(?:the|a|an|high(?:er)?|elevated|increased|greater|dense|abundant|(?:co-?)?presence|"
    r"low(?:er)?|reduced|decreased|absence|loss|lack|"
    r"(?:levels?|densit(?:y|ies)|numbers?|infiltration|abundance)|of|and)\b)*", re.IGNORECASE)


def _presence_improves(sentence: AnnotatedSentence, lexicon: Lexicon,
                       markers: Sequence[Mention]) -> Iterator[Finding]:
    """"Co-presence of CD8+ TILs and neoantigens further improved survival": a marker said to
    be present or high, as the subject of an outcome verb, goes with that outcome."""
    text = sentence.text
    for i, m in enumerate(markers):
        c_start, _ = cues.clause_of(text, m.start)
        if (i and markers[i - 1].start >= c_start) or not _SUBJECT_OPENING.fullmatch(text, c_start, m.start):
            continue  # only the clause's first marker opens its subject
        group = _group_from(text, markers, i)
        verb = _OUTCOME_VERB.match(text, group[-1].end)
        outcome = _outcome_at(lexicon, text, verb.end()) if verb else None
        if verb is None or outcome is None:
            continue
        for member in group:  # its amount said, or "X infiltration" itself the subject
            amount = amount_of(text, member) or (1 if verb.group("noun") else 0)
            if amount:
                yield Finding(member, outcome, _sign(amount * (1 if verb.group("better") else -1)), verb.start())


#: "limited activity in STS, possibly owing to": an outcome of treatment, then its cause.
_PUT_DOWN_TO = re.compile(
    r"\b(?:(?:(?P<worse>limited|modest|poor|low|minimal|little|no|reduced|lack\s+of)|(?P<better>durable|strong|"
    r"robust|high|improved|promising|remarkable|substantial))\s+(?:\w+\s+)?(?:activity|efficacy|responses?|"
    r"benefit|response\s+rates?)|(?P<bad>resistance|hyperprogression))\b[^.;()]{0,60}?,?\s*(?:\w+\s+)?"
    r"(?:owing|due|attributed|attributable)\s+to\s+(?:the\s+)?(?:(?:co-?)?presence\s+of\s+|(?:high|higher|low|lower|"
    r"elevated|reduced|increased|decreased|dense|abundant|scarce)\s+)?$", re.IGNORECASE)


def _put_down_to(sentence: AnnotatedSentence, markers: Sequence[Mention]) -> Iterator[Finding]:
    """"limited activity ..., possibly owing to IDO1-expressing TAMs": the markers of the noun
    phrase a response is put down to go with it (against it when the response is poor)."""
    text = sentence.text
    for i, m in enumerate(markers):
        cause = _PUT_DOWN_TO.search(text, max(0, m.start - 140), m.start)
        if cause is None or (i and markers[i - 1].start >= cause.end()):
            continue
        sign = 1 if cause.group("better") else -1
        phrase = [m]  # "IDO1-expressing TAMs", "CD8+ and CD4+ T cells": the markers of one noun phrase
        for nxt in markers[i + 1:]:
            if not re.fullmatch(r"[\s+-]*(?:\w+ing|positive|and|,)?[\s+-]*", text[phrase[-1].end:nxt.start]):
                break
            phrase.append(nxt)
        for member in phrase:
            yield Finding(member, "Response", _sign(sign * (amount_of(text, member) or 1)), m.start)


#: Between two markers of one list: links and brackets, at most one other word, three words in all.
_MARKER_GAP = re.compile(r"(?!(?:\s*\S+(?!\S)){4})\s*(?:,|/|and|or|\(|\)|\s)*\s*(?:\w+\s+)?")


def _outcome_at(lexicon: Lexicon, text: str, at: int) -> str | None:
    """The clinical outcome the text names right at ``at`` ("overall survival", "PFS"), if any."""
    first = next(iter(outcome_terms(lexicon, text[at:at + 60])), None)
    return first.outcome if first is not None and first.start == 0 else None


def _group_from(text: str, markers: Sequence[Mention], first: int) -> list[Mention]:
    """``markers[first]`` and the markers coordinated after it ("TMB, MSI and PD-L1")."""
    return cues.coordinated(text, markers, first, forward=True, gap=_MARKER_GAP)


def _sign(value: int) -> Direction:
    return "positive" if value > 0 else "negative"
