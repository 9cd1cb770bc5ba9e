"""Refuse queries that could reach outside the loaded graph, before any engine sees them.

The guard parses the text with rdflib's SPARQL parser and walks the parse tree and the
algebra. It refuses SPARQL Update (including ``LOAD``), ``SERVICE`` anywhere (subqueries
too), and ``FROM`` / ``FROM NAMED`` naming anything but the local graph names. Both engines
would otherwise fetch those IRIs over the network or from the disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from sarckg.namespaces import GRAPH_IRI, ONTOLOGY_IRI

#: Graph names a query may select with FROM / FROM NAMED: the graphs of the local store.
LOCAL_GRAPHS: frozenset[str] = frozenset({GRAPH_IRI, ONTOLOGY_IRI})

_CODEPOINT_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
# Strings, IRIs and comments, blanked out before looking for keywords in the query text.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*'
)
_KEYWORDS = re.compile(r"(?<![\w:?$])(SERVICE|LOAD)(?![\w:])", re.IGNORECASE)


class QueryError(ValueError):
    """A query that cannot run: invalid syntax, a missing parameter, a bad binding."""


class QueryRefused(QueryError):
    """A query the guard will not pass to an engine, with the reason."""


@lru_cache(maxsize=512)
def check_query(text: str) -> Query:
    """Parse ``text`` and refuse anything unsafe; return rdflib's translated query.

    Parsing with rdflib costs tens of milliseconds, so verdicts are cached by text (a refused
    text raises again from the cache's miss path: exceptions are never cached).
    """
    if _CODEPOINT_ESCAPE.search(text):
        raise QueryRefused(
            "codepoint escapes (\\uXXXX) are not accepted in query text; write the characters "
            "themselves or pass values with --param"
        )
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise QueryRefused(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) is not allowed: "
                "the graph is read-only; rebuild it with `sarckg build` instead"
            ) from None
        raise QueryError(f"invalid SPARQL at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:  # rdflib raises bare Exceptions for some semantic errors
        raise QueryError(f"invalid SPARQL: {exc}") from None
    _refuse_services(parsed)
    try:
        query = translateQuery(parsed)
    except Exception as exc:
        raise QueryError(f"invalid SPARQL: {exc}") from None
    _refuse_services(query.algebra)
    _refuse_datasets(_dataset_iris(parsed))
    _refuse_keywords(text)
    return query


def _refuse_keywords(text: str) -> None:
    """Defence in depth: the keywords themselves, outside strings, IRIs and comments, in case
    the engine's parser reads the text differently from rdflib's."""
    found = _KEYWORDS.search(_NOT_CODE.sub(" ", text))
    if found:
        raise QueryRefused(f"{found.group(1).upper()} is not allowed: queries run on the local "
                           "graph only and never reach the network")


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _walk(node: Any) -> Iterator[Any]:
    """Every node of a parse tree or algebra (CompValue, lists, ParseResults), depth first."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, CompValue | dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def _refuse_services(tree: Any) -> None:
    for node in _walk(tree):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise QueryRefused(
                f"SERVICE is not allowed ({node.get('term')}): queries run on the local graph "
                "only and never reach the network"
            )


def dataset_iris(query: Query) -> list[str]:
    """The graph names a checked query selects with FROM / FROM NAMED."""
    return list(_dataset_iris(query.algebra))


def _dataset_iris(tree: Any) -> Iterable[str]:
    for node in _walk(tree):
        if isinstance(node, CompValue) and node.name == "DatasetClause":
            iri = node.get("default") or node.get("named")
            yield str(iri)


def _refuse_datasets(iris: Iterable[str]) -> None:
    for iri in iris:
        if iri not in LOCAL_GRAPHS:
            allowed = ", ".join(f"<{g}>" for g in sorted(LOCAL_GRAPHS))
            raise QueryRefused(
                f"FROM <{iri}> is not allowed: only the local graphs ({allowed}) may be named; "
                "drop the FROM clause to query everything loaded"
            )
