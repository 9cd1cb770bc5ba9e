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


def attach_evidence(
    result: QueryResult, store: GraphStore, *, column: str = "statement", engine: str = "oxigraph",
) -> QueryResult:
    """One row per (answer row, evidence of its statement), with quote, document and offsets.

    Rows without a statement keep one row with empty evidence columns. Each statement's
    evidence comes from the ``statement_evidence`` named query, bound to that statement.
    """
    if column not in result.variables:
        return result
    at = result.variables.index(column)
    named = get_query("statement_evidence")
    cache: dict[str, list[tuple[Term | None, ...]]] = {}
    rows: list[tuple[Term | None, ...]] = []
    for row in result.rows:
        statement = row[at]
        if statement is None:
            rows.append(row + (None,) * len(EVIDENCE_COLUMNS))
            continue
        key = str(statement)
        if key not in cache:
            found = run_query(named.text, {"statement": statement}, engine=engine, store=store,
                              max_rows=None)
            cache[key] = [tuple(r[n] for n in EVIDENCE_COLUMNS) for r in found.records()]
        rows.extend(row + ev for ev in cache[key] or [(None,) * len(EVIDENCE_COLUMNS)])
    return replace(result, variables=result.variables + EVIDENCE_COLUMNS, rows=tuple(rows))
