"""Run a named query by name with ``name=value`` parameters (resolved, then bound)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sarckg.query.catalog import NamedQuery, get_query
from sarckg.query.engine import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryResult, Term, run_query
from sarckg.query.params import Resolved, bind_params
from sarckg.query.store import GraphStore, load_store


@dataclass(frozen=True)
class NamedResult:
    """A named query's answer with how each parameter was bound."""

    query: NamedQuery
    result: QueryResult
    bindings: tuple[Resolved, ...]


def run_named(
    query: NamedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    store: GraphStore | None = None,
    engine: str = "oxigraph",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> NamedResult:
    """Resolve the parameters against the graph and run the query through ``run_query``."""
    named = get_query(query) if isinstance(query, str) else query
    store = store if store is not None else load_store()
    resolved = bind_params(named, params or {}, store)
    result = run_query(
        named.text, {r.name: r.value for r in resolved},
        engine=engine, store=store, timeout=timeout, max_rows=max_rows,
    )
    return NamedResult(named, result, tuple(resolved))


EVIDENCE_COLUMNS: tuple[str, ...] = ("quote", "document", "start", "end")
Row = tuple[Term | None, ...]


def attach_evidence(
    result: QueryResult, store: GraphStore, *, column: str = "statement", engine: str = "oxigraph",
) -> QueryResult:
    """Add the evidence behind a result's statements.

    For the ``statement`` column: one row per (answer row, evidence), with quote, document and
    offsets. For other statement columns (``statementA``, ``statementB``: two sides of a
    conflict): the first quote and document of each, as ``quoteA``/``documentA``-style columns.
    Each statement's evidence comes from the ``statement_evidence`` named query.
    """
    lookup = _EvidenceLookup(store, engine)
    sides = [v[len(column):] for v in result.variables if v.startswith(column) and v != column
             and f"quote{v[len(column):]}" not in result.variables]
    added = [c for suffix in sides for c in (f"quote{suffix}", f"document{suffix}")
             if c not in result.variables]
    rows: list[Row] = []
    for row in result.rows:
        record = dict(zip(result.variables, row, strict=True))
        for suffix in sides:
            quote, document = _side(lookup(record[column + suffix]), record.get(f"document{suffix}"))
            record[f"quote{suffix}"], record[f"document{suffix}"] = quote, document
        row = (*row, *(record[c] for c in added))
        if column not in result.variables:
            rows.append(row)
            continue
        evidences = lookup(record[column]) or [(None,) * len(EVIDENCE_COLUMNS)]
        rows.extend((*row, *ev) for ev in evidences)
    variables = result.variables + tuple(added)
    if column in result.variables:
        variables += EVIDENCE_COLUMNS
    return replace(result, variables=variables, rows=tuple(rows))


def _side(evidences: list[Row], document: Term | None) -> tuple[Term | None, Term | None]:
    """The quote (and document) of a statement, from the row's document when it names one."""
    for quote, doc, _, _ in evidences:
        if document is None or doc == document:
            return quote, doc
    return None, document


class _EvidenceLookup:
    """Evidence rows (quote, document, start, end) per statement, each fetched once."""

    def __init__(self, store: GraphStore, engine: str) -> None:
        self.store, self.engine = store, engine
        self.text = get_query("statement_evidence").text
        self.cache: dict[str, list[Row]] = {}

    def __call__(self, statement: Term | None) -> list[Row]:
        if statement is None:
            return []
        key = str(statement)
        if key not in self.cache:
            found = run_query(self.text, {"statement": statement}, engine=self.engine,
                              store=self.store, max_rows=None)
            self.cache[key] = [tuple(r[n] for n in EVIDENCE_COLUMNS) for r in found.records()]
        return self.cache[key]
