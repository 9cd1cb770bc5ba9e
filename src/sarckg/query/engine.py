"""The one entry point every query passes through: guard, bind, run, collect.

``run_query`` refuses unsafe text (see :mod:`sarckg.query.guard`), binds parameters through
the engine (pyoxigraph ``substitutions`` / rdflib ``initBindings``: values never enter the
query text), runs on pyoxigraph or the rdflib reference engine, and returns the rows as
rdflib terms so both engines' answers compare directly.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal as TypingLiteral
from typing import TypeVar

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from sarckg.query.guard import QueryError, QueryRefused, check_query, dataset_iris
from sarckg.query.store import GraphStore, load_store

Engine = TypingLiteral["oxigraph", "rdflib"]
Term = URIRef | Literal | BNode
ENGINES: tuple[str, ...] = ("oxigraph", "rdflib")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
T = TypeVar("T")

__all__ = [
    "DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "ENGINES", "Engine", "QueryError", "QueryRefused",
    "QueryResult", "QueryTimeout", "run_query",
]


class QueryTimeout(QueryError):
    """The engine did not finish within the time limit."""


@dataclass(frozen=True)
class QueryResult:
    """Rows of rdflib terms (None where unbound); ``boolean`` for ASK; triples as s/p/o rows."""

    kind: TypingLiteral["select", "ask", "graph"]
    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    boolean: bool | None = None
    truncated: bool = False
    engine: str = "oxigraph"
    seconds: float = 0.0

    def records(self) -> list[dict[str, Term | None]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]


def run_query(
    text: str,
    bindings: Mapping[str, Term] | None = None,
    *,
    engine: Engine | str = "oxigraph",
    store: GraphStore | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> QueryResult:
    """Check ``text``, bind ``bindings`` through the engine, run it and collect the answer.

    Raises QueryRefused for unsafe queries, QueryError for invalid ones or bad bindings,
    QueryTimeout past ``timeout`` seconds. At most ``max_rows`` rows are kept
    (``truncated`` says when more existed).
    """
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    query = check_query(text)
    values = _check_bindings(query, bindings or {})
    store = store if store is not None else load_store()
    if dataset_iris(query):
        store.ensure_named_graphs()
    started = time.perf_counter()

    def work(cancel: threading.Event) -> QueryResult:
        if engine == "rdflib":
            return _run_rdflib(store, query, values, cancel, max_rows)
        return _run_oxigraph(store, text, values, cancel, max_rows)

    result = _with_deadline(work, timeout)
    return QueryResult(
        kind=result.kind, variables=result.variables, rows=result.rows, boolean=result.boolean,
        truncated=result.truncated, engine=str(engine), seconds=time.perf_counter() - started,
    )


def _check_bindings(query: Query, bindings: Mapping[str, Term]) -> dict[str, Term]:
    """Bindings must name variables of the query and, for SELECT, of its projection."""
    algebra = query.algebra
    known = {str(v) for v in algebra.get("_vars") or ()}
    projected = {str(v) for v in algebra.get("PV") or ()}
    values: dict[str, Term] = {}
    for name, value in bindings.items():
        name = name.lstrip("?$")
        if not _VAR_NAME.match(name):
            raise QueryError(f"invalid parameter name {name!r}: use letters, digits and _")
        if not isinstance(value, URIRef | Literal):
            raise QueryError(f"parameter {name} must be an IRI or a literal, not {type(value).__name__}")
        if name not in known:
            raise QueryError(f"the query has no variable ?{name} to bind")
        if algebra.name == "SelectQuery" and name not in projected:
            raise QueryError(
                f"parameter ?{name} must appear in the SELECT list (bindings are substitutions)"
            )
        values[name] = value
    return values


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    """Worker threads for queries, created on first use (importing starts nothing)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sarckg-query")
        return _pool


def _with_deadline(work: Callable[[threading.Event], T], timeout: float | None) -> T:
    """Run ``work`` on a worker thread; past ``timeout`` tell it to stop and raise.

    Neither engine can be interrupted inside one step, so a timed-out query is told to stop
    at its next row and its answer is dropped.
    """
    cancel = threading.Event()
    if timeout is None:
        return work(cancel)
    future = _executor().submit(work, cancel)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        cancel.set()
        raise QueryTimeout(
            f"the query ran longer than {timeout:g} s; add LIMIT, narrow it with parameters, "
            "or raise the limit with --timeout"
        ) from None


def _run_oxigraph(
    store: GraphStore, text: str, values: Mapping[str, Term],
    cancel: threading.Event, max_rows: int | None,
) -> QueryResult:
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): _to_ox(v) for k, v in values.items()}
    try:
        answer = store.oxigraph.query(text, substitutions=subs)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", (), (), boolean=bool(answer), engine="oxigraph")
        if isinstance(answer, ox.QuerySolutions):
            names = tuple(v.value for v in answer.variables)
            convert = _Converter()
            rows, truncated = _collect(
                (tuple(convert(sol[n]) for n in names) for sol in answer), cancel, max_rows)
            return QueryResult("select", names, rows, truncated=truncated, engine="oxigraph")
        convert = _Converter()
        rows, truncated = _collect(
            ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer),
            cancel, max_rows)
        return QueryResult("graph", ("subject", "predicate", "object"), rows, truncated=truncated)
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise QueryError(f"oxigraph could not run the query: {exc}") from None


def _run_rdflib(
    store: GraphStore, query: Query, values: Mapping[str, Term],
    cancel: threading.Event, max_rows: int | None,
) -> QueryResult:
    # The reference engine never fetches FROM graphs: the guard only lets local names through.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    init: dict[str, Identifier] = {k: v for k, v in values.items()}
    try:
        answer = store.rdflib_dataset().query(query, initBindings=init)
        if answer.type == "ASK":
            return QueryResult("ask", (), (), boolean=bool(answer.askAnswer), engine="rdflib")
        if answer.type == "SELECT":
            names = tuple(str(v) for v in (answer.vars or ()))
            rows, truncated = _collect(
                (tuple(_norm(v) for v in row) for row in answer),  # type: ignore[union-attr]
                cancel, max_rows)
            return QueryResult("select", names, rows, truncated=truncated, engine="rdflib")
        triples = answer.graph if answer.graph is not None else ()
        rows, truncated = _collect(
            ((_norm(s), _norm(p), _norm(o)) for s, p, o in triples), cancel, max_rows)
        return QueryResult("graph", ("subject", "predicate", "object"), rows,
                           truncated=truncated, engine="rdflib")
    except QueryError:
        raise
    except Exception as exc:  # rdflib raises plain Exceptions for evaluation errors
        raise QueryError(f"rdflib could not run the query: {exc}") from None


def _collect(
    rows: object, cancel: threading.Event, max_rows: int | None,
) -> tuple[tuple[tuple[Term | None, ...], ...], bool]:
    kept: list[tuple[Term | None, ...]] = []
    for row in rows:  # type: ignore[attr-defined]
        if cancel.is_set():
            raise QueryTimeout("cancelled")
        if max_rows is not None and len(kept) >= max_rows:
            return tuple(kept), True
        kept.append(row)
    return tuple(kept), False


def _to_ox(term: Term) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


_XSD_STRING = URIRef(str(XSD.string))
_XSD_DECIMAL = URIRef(str(XSD.decimal))


class _Converter:
    """pyoxigraph terms to rdflib terms, each distinct term built once per answer."""

    def __init__(self) -> None:
        self.seen: dict[object, Term | None] = {}

    def __call__(self, term: object) -> Term | None:
        if term is None:
            return None
        try:
            return self.seen[term]
        except KeyError:
            converted = self.seen[term] = from_oxigraph(term)
            return converted
        except TypeError:  # an unhashable term kind: convert without caching
            return from_oxigraph(term)


def from_oxigraph(term: object) -> Term | None:
    """A pyoxigraph term as the rdflib term both engines agree on (see :func:`_norm`)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return _norm(Literal(term.value, datatype=URIRef(datatype)))
    return Literal(str(term))


def _norm(term: object) -> Term | None:
    """One form for both engines: plain strings without xsd:string, canonical decimals."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype == _XSD_STRING:
            return Literal(str(term))
        if term.datatype == _XSD_DECIMAL:
            return Literal(_canonical_decimal(str(term)), datatype=_XSD_DECIMAL)
        return term
    if isinstance(term, URIRef | BNode):
        return term
    return Literal(str(term))


def _canonical_decimal(lexical: str) -> str:
    """``25.0`` -> ``25``, ``4.70`` -> ``4.7`` (oxigraph's canonical form; rdflib keeps the text)."""
    try:
        value = Decimal(lexical)
    except InvalidOperation:
        return lexical
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
