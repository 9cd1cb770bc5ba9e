"""How well each assertion is supported, computed from its evidence in the graph.

Per statement:

- ``support``: distinct documents with evidence that supports it (polarity Supports, not negated);
- ``disputes``: distinct documents that dispute it: its own evidence with polarity Disputes or
  read from a negated sentence (except for a no-association finding, whose content is the
  negation), plus the supporting documents of every contradicting statement
  (stated ``skg:contradicts`` links; biomarker associations on the same biomarker, outcome,
  subtype and therapy context with another direction; mechanisms of the same agent on the same
  object with the opposite effect);
- ``designs`` and ``sizes``: the study designs and cohort sizes behind the evidence;
- ``primary``: documents reporting it as their own finding (not restating another study).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef

from sarckg.namespaces import SKG
from sarckg.query.catalog import lib_query
from sarckg.query.engine import QueryResult, Term, run_query
from sarckg.query.store import GraphStore


@dataclass(frozen=True)
class Confidence:
    """The support behind one statement (see the module docstring)."""

    statement: str
    support: int = 0
    disputes: int = 0
    primary: int = 0
    designs: tuple[str, ...] = ()
    sizes: tuple[int, ...] = ()
    contradicted_by: tuple[str, ...] = ()

    @property
    def largest_cohort(self) -> int:
        return max(self.sizes, default=0)

    def rank_key(self) -> tuple[int, int, int]:
        """Sorts strongest first: net support, then own findings, then cohort size."""
        return (-(self.support - self.disputes), -self.primary, -self.largest_cohort)

    def summary(self) -> str:
        designs = ", ".join(self.designs) or "design not stated"
        sizes = "/".join(str(s) for s in self.sizes)
        return f"{self.support} supporting, {self.disputes} disputing; {designs}" + (
            f"; n={sizes}" if sizes else "")


@dataclass
class _Tally:
    supporting: set[str] = field(default_factory=set)
    disputing: set[str] = field(default_factory=set)
    primary: set[str] = field(default_factory=set)
    designs: set[str] = field(default_factory=set)
    sizes: set[int] = field(default_factory=set)


def confidence_table(store: GraphStore) -> dict[str, Confidence]:
    """Confidence of every statement in the store, by statement IRI (computed once per store)."""
    return store.derived("confidence", _build_table)


def _build_table(store: GraphStore) -> dict[str, Confidence]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    rows = run_query(lib_query("confidence_evidence"), store=store, max_rows=None, timeout=None).rows
    for statement, document, polarity, negated, design, size, secondary, direction in rows:
        tally = tallies[str(statement)]
        doc = str(document)
        negation_disputes = _true(negated) and direction != SKG.NoAssociation
        if polarity == SKG.Disputes or negation_disputes:
            tally.disputing.add(doc)
        else:
            tally.supporting.add(doc)
            if not _true(secondary):
                tally.primary.add(doc)
        if design is not None:
            tally.designs.add(str(design))
        if isinstance(size, Literal) and str(size).isdigit():
            tally.sizes.add(int(str(size)))
    contradicted: dict[str, set[str]] = defaultdict(set)
    for a, b in run_query(lib_query("contradictions"), store=store, max_rows=None, timeout=None).rows:
        if a != b:
            contradicted[str(a)].add(str(b))
    table = {}
    for iri, t in tallies.items():
        others = contradicted.get(iri, set())
        disputing = set(t.disputing)
        for other in others:
            disputing |= tallies[other].supporting if other in tallies else set()
        table[iri] = Confidence(
            statement=iri, support=len(t.supporting), disputes=len(disputing),
            primary=len(t.primary), designs=tuple(sorted(t.designs)),
            sizes=tuple(sorted(t.sizes)), contradicted_by=tuple(sorted(others)),
        )
    return table


def _true(term: Term | None) -> bool:
    return isinstance(term, Literal) and term.toPython() is True


def confidence_of(statement: str | URIRef, store: GraphStore) -> Confidence:
    """The confidence of one statement (zero support when it has no evidence)."""
    return confidence_table(store).get(str(statement), Confidence(str(statement)))


CONFIDENCE_COLUMNS: tuple[str, ...] = ("support", "disputes", "designs", "cohortSizes")


def add_confidence(result: QueryResult, store: GraphStore, column: str = "statement") -> QueryResult:
    """Replace a result's support/disputes columns by computed confidence, when it has
    a statement column; other results are returned unchanged."""
    if column not in result.variables:
        return result
    keep = [i for i, v in enumerate(result.variables) if v not in CONFIDENCE_COLUMNS]
    at = result.variables.index(column)
    table = confidence_table(store)
    rows = []
    for row in result.rows:
        c = table.get(str(row[at])) if row[at] is not None else None
        extra: tuple[Term | None, ...] = (None, None, None, None) if c is None else (
            Literal(c.support), Literal(c.disputes),
            Literal("; ".join(c.designs)) if c.designs else None,
            Literal(", ".join(str(s) for s in c.sizes)) if c.sizes else None,
        )
        rows.append(tuple(row[i] for i in keep) + extra)
    variables = tuple(result.variables[i] for i in keep) + CONFIDENCE_COLUMNS
    return replace(result, variables=variables, rows=tuple(rows))
