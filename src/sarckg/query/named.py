"""Run a named query by name with ``name=value`` parameters (resolved, then bound)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sarckg.query.catalog import NamedQuery, get_query
from sarckg.query.engine import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryResult, run_query
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
