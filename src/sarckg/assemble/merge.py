"""Assembly: the same fact read in several places becomes one assertion with several
evidences; facts that contradict each other stay side by side and point at each other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sarckg.model import Assertion, BiomarkerAssociation, Evidence, Statement


def _evidence_order(e: Evidence) -> tuple[object, ...]:
    return (e.doc_id, e.start, e.end, e.extractor)


def merge_statements(statements: Iterable[Statement]) -> list[Assertion]:
    """Group statements by their fact key; order everything by position, never by arrival."""
    groups: dict[tuple[object, ...], list[Statement]] = defaultdict(list)
    for statement in statements:
        groups[statement.key()].append(statement)
    assertions = []
    for members in groups.values():
        members.sort(key=lambda s: _evidence_order(s.evidence))
        evidences: dict[tuple[str, int, int], Evidence] = {}
        for s in members:
            evidences.setdefault((s.evidence.doc_id, s.evidence.start, s.evidence.end), s.evidence)
        ordered = tuple(sorted(evidences.values(), key=_evidence_order))
        assertions.append(Assertion(members[0], ordered))
    assertions.sort(key=lambda a: a.iri_id)
    return link_contradictions(assertions)


def _topic(statement: Statement) -> tuple[object, ...] | None:
    """What two statements must share to contradict each other (None: never contradicts)."""
    if isinstance(statement, BiomarkerAssociation):
        subtype = statement.subtype.key if statement.subtype else None
        context = statement.context.key if statement.context else None
        return (statement.biomarker.key, statement.outcome, subtype, context)
    return None


def link_contradictions(assertions: list[Assertion]) -> list[Assertion]:
    """Associations about the same biomarker, outcome, subtype and therapy with different
    directions contradict each other; each keeps the other's id."""
    by_topic: dict[tuple[object, ...], list[Assertion]] = defaultdict(list)
    for a in assertions:
        topic = _topic(a.statement)
        if topic is not None:
            by_topic[topic].append(a)
    linked: dict[str, tuple[str, ...]] = {}
    for group in by_topic.values():
        for a in group:
            others = sorted(o.iri_id for o in group if o.iri_id != a.iri_id
                            and getattr(o.statement, "direction", None) != getattr(a.statement, "direction", None))
            if others:
                linked[a.iri_id] = tuple(others)
    return [Assertion(a.statement, a.evidences, linked.get(a.iri_id, ())) for a in assertions]


def _states_an_absence(assertion: Assertion) -> bool:
    """A no-association finding: its negation is its content, not a dispute of it."""
    s = assertion.statement
    return isinstance(s, BiomarkerAssociation) and s.direction == "none"


def supporting_documents(assertion: Assertion) -> set[str]:
    """Documents whose evidence states the assertion (a negated sentence does not, unless the
    assertion is itself an absence of association)."""
    absence = _states_an_absence(assertion)
    return {e.doc_id for e in assertion.evidences
            if e.polarity == "supports" and (absence or not e.negated)}


def disputing_documents(assertion: Assertion, index: dict[str, Assertion]) -> set[str]:
    """Documents with evidence against it, and the supporters of assertions contradicting it."""
    absence = _states_an_absence(assertion)
    docs = {e.doc_id for e in assertion.evidences
            if e.polarity == "disputes" or (e.negated and not absence)}
    for other in assertion.contradicted_by:
        if other in index:
            docs |= supporting_documents(index[other])
    return docs
