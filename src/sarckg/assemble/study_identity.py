"""Study identity: a trial named by its code name in one sentence and by its registration
number in another is one study.

The text ties a trial name to an NCT number by apposition ("SARC028 (NCT02301039)", "the
WiSARD phase 2 trial (NCT05433219)", "(CASTLE, NCT05990456)", "NCT02301039 (SARC028)"), by a
table row naming both, or by a ``StudyDescription`` that gives a named study an NCT id. Each
such tie with exactly one name on either side makes the NCT entity an alias of the named one:
every statement that referred to the NCT entity refers to the named study, which gets the
number as ``skg:nctId`` and ``skos:altLabel`` (a ``StudyDescription`` and an
``AliasDefinition`` quoting the tying text). A number tied to two names, or a name tied to two
numbers, stays apart and is logged. Names are the trial names found in the statements
(entities typed ``ClinicalTrial``, not "Author et al., year"), so nothing is keyed to a paper.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any

from sarckg.extract.patterns import NCT_RE, nct_id
from sarckg.model import AliasDefinition, EntityRef, Evidence, Statement, StudyDescription

log = logging.getLogger(__name__)

EXTRACTOR = "study_identity"
_AUTHOR_YEAR_RE = re.compile(r"\bet al\b", re.IGNORECASE)
# between a trial name and "(NCT...": "trial", "basket study", "phase 2 trial" (lower-case words,
# none joining another study: "NAME and another trial (NCT..." names two)
_JOINING = r"(?:and|or|vs|versus|with|than|but|another|other|a|an|the|while|whereas|of|in)\b"
_DESCRIPTOR = rf"(?:(?:\s+(?!{_JOINING})[a-z0-9][\w/.-]*){{0,3}}?\s+(?:trials?|study|cohort))?"


@dataclass(frozen=True)
class StudyTie:
    """The text says the study ``named`` is registered as ``nct_id``."""

    named: str  # EntityRef.key of the named study
    nct_id: str  # "NCT02301039", spaces removed
    written: str  # the number as written in the quote
    evidence: Evidence


def nct_of(ref: EntityRef) -> str | None:
    """The registration number a study entity is named by, or None for a named study."""
    if ref.category != "Study" or not NCT_RE.fullmatch(ref.label.strip()):
        return None
    return nct_id(ref.label)


def _study_refs(statement: Statement) -> Iterator[tuple[str, EntityRef]]:
    for f in fields(statement):
        value = getattr(statement, f.name)
        if f.init and isinstance(value, EntityRef) and value.category == "Study":
            yield f.name, value


def _is_trial_name(ref: EntityRef) -> bool:
    return ("ClinicalTrial" in ref.types and nct_of(ref) is None
            and not _AUTHOR_YEAR_RE.search(ref.label) and len(ref.label.strip()) >= 3)


def _names_regex(names: dict[str, str]) -> re.Pattern[str] | None:
    """One alternation of every trial name, longest first, whitespace-flexible, whole words."""
    if not names:
        return None
    labels = sorted(names, key=lambda n: (-len(n), n))
    alternation = "|".join(r"\s+".join(re.escape(part) for part in label.split()) for label in labels)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class _TieFinder:
    """Reads ties between trial names and NCT numbers from evidence quotes."""

    def __init__(self, names: dict[str, str]) -> None:
        self.keys = {_fold(label): key for label, key in names.items()}
        self.any_name = _names_regex(names)

    def _key(self, text: str) -> str | None:
        """The study a matched name stands for; a lower-case word is not a trial's code name."""
        return self.keys.get(_fold(text)) if re.search(r"[A-Z0-9]", text) else None

    def _apposed(self, quote: str, nct: re.Match[str]) -> str | None:
        """The trial name set beside the number: "NAME (NCT", "(NAME, NCT", "NCT (NAME)"."""
        assert self.any_name is not None
        before, after = quote[max(0, nct.start() - 160) : nct.start()], quote[nct.end() : nct.end() + 120]
        name = self.any_name.pattern
        if re.match(r"\s*[),;]", after):
            shape = rf"(?P<n>{name}){_DESCRIPTOR}\s*\(\s*$|\(\s*(?P<m>{name})\s*[,;]\s*$"
            found = re.search(shape, before, re.IGNORECASE)
            if found:
                return self._key(found["n"] or found["m"])
        found = re.match(rf"\s*\(\s*(?P<n>{name})(?:\s+(?:trials?|study))?\s*[),;]", after, re.IGNORECASE)
        return self._key(found["n"]) if found else None

    def _row_name(self, quote: str) -> str | None:
        """The one trial name a table row gives (none when it names two)."""
        assert self.any_name is not None
        keys = {k for m in self.any_name.finditer(quote) if (k := self._key(m[0])) is not None}
        if len(keys) > 1:
            log.info("study identity: a table row names %s; no tie read from it", ", ".join(sorted(keys)))
        return keys.pop() if len(keys) == 1 else None

    def ties(self, evidence: Evidence) -> Iterator[StudyTie]:
        if self.any_name is None:
            return
        quote = evidence.quote
        numbers = list(NCT_RE.finditer(quote))
        distinct = {nct_id(m[0]) for m in numbers}
        for m in numbers:
            key = self._apposed(quote, m)
            if key is None and evidence.zone == "table" and len(distinct) == 1:
                key = self._row_name(quote)
            if key is not None:
                yield StudyTie(key, nct_id(m[0]), m[0], evidence)


def find_ties(statements: Iterable[Statement]) -> list[StudyTie]:
    """Every place the statements' text ties a named study to an NCT number, sorted."""
    statements = list(statements)
    names: dict[str, str] = {}
    for s in statements:
        for _, ref in _study_refs(s):
            if _is_trial_name(ref):
                names.setdefault(ref.label.strip(), ref.key)
    finder = _TieFinder(dict(sorted(names.items())))
    found: dict[tuple[str, str, str, int, int], StudyTie] = {}
    for s in statements:
        ev = s.evidence
        if isinstance(s, StudyDescription) and s.nct_id and nct_of(s.study) is None:
            nct = nct_id(s.nct_id)
            found.setdefault((s.study.key, nct, ev.doc_id, ev.start, ev.end), StudyTie(s.study.key, nct, s.nct_id, ev))
        if "NCT" in ev.quote:
            for tie in finder.ties(ev):
                found.setdefault((tie.named, tie.nct_id, ev.doc_id, ev.start, ev.end), tie)
    return [found[k] for k in sorted(found)]


def accepted_ties(ties: Iterable[StudyTie]) -> dict[str, str]:
    """NCT number -> named study key, for numbers tied to exactly one name that is tied to
    exactly this number; every other tie is logged and left apart."""
    by_nct: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, set[str]] = defaultdict(set)
    for tie in ties:
        by_nct[tie.nct_id].add(tie.named)
        by_name[tie.named].add(tie.nct_id)
    for name, ncts in sorted(by_name.items()):
        if len(ncts) > 1:
            log.warning("study identity: %s is tied to several NCT numbers (%s); kept apart", name, ", ".join(sorted(ncts)))
    accepted: dict[str, str] = {}
    for nct, named in sorted(by_nct.items()):
        if len(named) > 1:
            log.warning("study identity: %s is tied to several studies (%s); kept apart", nct, ", ".join(sorted(named)))
        elif len(by_name[name := next(iter(named))]) == 1:
            accepted[nct] = name
    return accepted


def _canonical_refs(statements: list[Statement], accepted: dict[str, str]) -> dict[str, EntityRef]:
    """NCT number -> the named study's entity (its first label in sorted order), carrying the
    finer types of both."""
    named: dict[str, list[EntityRef]] = defaultdict(list)
    types: dict[str, set[str]] = defaultdict(set)
    wanted = set(accepted.values())
    for s in statements:
        for _, ref in _study_refs(s):
            if ref.key in wanted:
                named[ref.key].append(ref)
            nct = nct_of(ref)
            if nct in accepted:
                types[accepted[nct]].update(ref.types)
    canonical: dict[str, EntityRef] = {}
    for nct, key in accepted.items():
        if not named[key]:
            continue  # a StudyDescription tie always names its study; nothing else can reach here
        ref = min(named[key])
        canonical[nct] = replace(ref, types=tuple(sorted(types[key] | set(ref.types))))
    return canonical


def _rewritten(statement: Statement, by_key: dict[str, EntityRef]) -> Statement:
    """The statement with every NCT entity (and the study its evidence cites) made canonical."""
    changes: dict[str, Any] = {name: by_key[ref.key] for name, ref in _study_refs(statement) if ref.key in by_key}
    cited = statement.evidence.cites_study
    if cited in by_key:
        changes["evidence"] = replace(statement.evidence, cites_study=by_key[cited].key)
    return replace(statement, **changes) if changes else statement


def _identity_statements(ties: list[StudyTie], canonical: dict[str, EntityRef]) -> Iterator[Statement]:
    """For each accepted tie, quoted: the named study's NCT id and the number as its alias."""
    for tie in ties:
        ref = canonical.get(tie.nct_id)
        if ref is None or ref.key != tie.named:
            continue
        evidence = replace(tie.evidence, extractor=EXTRACTOR, negated=False, hedged=False, polarity="supports")
        yield StudyDescription(evidence=evidence, study=ref, nct_id=tie.nct_id)
        yield AliasDefinition(evidence=evidence, entity=ref, alias=tie.written)


def resolve_study_identity(statements: Iterable[Statement]) -> list[Statement]:
    """Statements with each NCT entity that the text ties to one trial name replaced by that
    named study, plus the quoted statements of each tie; order kept, ties appended sorted."""
    statements = list(statements)
    ties = find_ties(statements)
    canonical = _canonical_refs(statements, accepted_ties(ties))
    if not canonical:
        return statements
    by_key = {f"study/{nct.lower()}": ref for nct, ref in canonical.items()}
    for s in statements:
        for _, ref in _study_refs(s):
            nct = nct_of(ref)
            if nct in canonical:
                by_key[ref.key] = canonical[nct]
    for nct, ref in sorted(canonical.items()):
        log.info("study identity: %s is %s", nct, ref.key)
    return [_rewritten(s, by_key) for s in [*statements, *_identity_statements(ties, canonical)]]
