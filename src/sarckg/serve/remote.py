"""Queries against a remote SPARQL endpoint, and publishing the graph to a remote store.

:func:`run_remote` applies the same guard as local queries *before* anything is sent
(no Update, LOAD, SERVICE or remote FROM), binds parameters as ``VALUES`` blocks opening the
WHERE group and every inner group that names a bound variable (the protocol has no way to
send bindings; this gives the answers engine substitution gives), and returns the same
:class:`~sarckg.query.engine.QueryResult` as :func:`run_query`.
:func:`publish_graph` PUTs (or POSTs) Turtle with the SPARQL 1.1 Graph Store HTTP Protocol.
Only ``http``/``https`` URLs are accepted and redirects are not followed.
"""

from __future__ import annotations

import io
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from sarckg import __version__
from sarckg.query.engine import DEFAULT_MAX_ROWS, QueryResult, Term
from sarckg.query.guard import QueryError, check_query

USER_AGENT = f"sarckg/{__version__}"
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class RemoteError(RuntimeError):
    """The remote endpoint could not be reached or answered with an error."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise RemoteError(f"the endpoint redirected to {newurl}; give that URL directly")


def check_url(url: str) -> str:
    """An ``http(s)`` URL with a host and no credentials, else RemoteError."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"endpoint must be an http:// or https:// URL, not {url!r}")
    if parts.username or parts.password:
        raise RemoteError("put no credentials in the endpoint URL")
    return url


def _open(request: urllib.request.Request, timeout: float) -> tuple[int, bytes, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("content-type", "")
    except urllib.error.HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", errors="replace").strip()
        raise RemoteError(f"{request.full_url} answered HTTP {exc.code}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise RemoteError(f"cannot reach {request.full_url}: {exc}") from None


def values_clause(bindings: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (<iri> "text") }`` for the bindings, every term checked."""
    names, terms = [], []
    for name, value in sorted(bindings.items()):
        name = name.lstrip("?$")
        if not _VAR.match(name):
            raise QueryError(f"invalid parameter name {name!r}")
        if isinstance(value, URIRef):
            if _BAD_IRI.search(str(value)):
                raise QueryError(f"parameter {name}: not a valid IRI: {str(value)!r}")
        elif not isinstance(value, Literal):
            raise QueryError(f"parameter {name} must be an IRI or a literal")
        names.append(f"?{name}")
        terms.append(value.n3())
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


_TOKEN = re.compile(
    r"""(?P<skip>'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)"""
    r"|(?P<open>\{)|(?P<close>\})",
    re.DOTALL,
)


@dataclass
class _Group:
    start: int  # just after "{"
    end: int = -1  # at "}"
    depth: int = 0
    skip: bool = False  # a CONSTRUCT template or a VALUES data block: never bind there
    direct: list[str] = field(default_factory=list)  # its own text, nested groups left out


def _groups(text: str, form: str) -> list[_Group]:
    """Every ``{ ... }`` of the query with its own text; strings, IRIs and comments skipped."""
    groups: list[_Group] = []
    stack: list[_Group] = []
    last = 0
    for match in _TOKEN.finditer(text):
        if stack:
            stack[-1].direct.append(text[last:match.start()] if not match.group("skip") else text[last:match.start()] + " ")
        last = match.end()
        if match.group("open"):
            before = text[: match.start()].rstrip()
            group = _Group(match.end(), depth=len(stack))
            group.skip = bool(re.search(r"VALUES\s*(?:[?$]\w+|\([^)]*\))$", before, re.IGNORECASE)) or (
                form == "ConstructQuery" and not stack and before.upper().endswith("CONSTRUCT"))
            group.skip = group.skip or any(g.skip for g in stack)
            groups.append(group)
            stack.append(group)
        elif match.group("close") and stack:
            stack.pop().end = match.start()
    if not groups:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return groups


def inject_bindings(text: str, form: str, bindings: Mapping[str, Term]) -> str:
    """``text`` with a ``VALUES`` block opening the WHERE group (all bindings) and every inner
    group whose own text names a bound variable (those variables): the same answers as
    substituting the values, FILTERs in subqueries and UNION branches included."""
    groups = _groups(text, form)
    where = next(g for g in groups if g.depth == 0 and not g.skip)
    inserts: list[tuple[int, str]] = [(where.start, values_clause(bindings))]
    for group in groups:
        if group is where or group.skip:
            continue
        own = "".join(group.direct)
        if own.lstrip().upper().startswith("SELECT"):
            continue  # "{ SELECT ... }": the subquery's own WHERE group gets the values
        named = {k: v for k, v in bindings.items() if re.search(rf"[?$]{re.escape(k.lstrip('?$'))}\b", own)}
        if named:
            inserts.append((group.start, values_clause(named)))
    for at, clause in sorted(inserts, reverse=True):
        text = f"{text[:at]}\n  {clause}\n{text[at:]}"
    return text


def bind_remote(text: str, bindings: Mapping[str, Term] | None) -> tuple[str, str]:
    """Guard ``text``, write the bindings into it, guard again; return the text and the form."""
    query = check_query(text)
    if bindings:
        projected = {str(v) for v in query.algebra.get("PV") or ()}
        known = {str(v) for v in query.algebra.get("_vars") or ()} | projected
        for name in bindings:
            if name.lstrip("?$") not in known:
                raise QueryError(f"the query has no variable ?{name.lstrip('?$')} to bind")
        text = inject_bindings(text, str(query.algebra.name), bindings)
        query = check_query(text)
    return text, str(query.algebra.name)


def _plain(term: object) -> Term | None:
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term  # type: ignore[return-value]


@dataclass(frozen=True)
class RemoteEndpoint:
    """A SPARQL 1.1 Protocol query URL, e.g. ``http://127.0.0.1:7878/query``."""

    url: str
    timeout: float = 30.0
    default_graphs: tuple[str, ...] = ()  # sent as default-graph-uri

    def __post_init__(self) -> None:
        check_url(self.url)

    def query(self, text: str, bindings: Mapping[str, Term] | None = None,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
        started = time.perf_counter()
        text, form = bind_remote(text, bindings)
        graph_form = form in ("ConstructQuery", "DescribeQuery")
        fields = [("query", text), *(("default-graph-uri", g) for g in self.default_graphs)]
        request = urllib.request.Request(
            self.url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT,
                     "Accept": "application/n-triples" if graph_form else "application/sparql-results+json"},
        )
        _, body, _ = _open(request, self.timeout)
        result = self._parse(body, graph_form, max_rows)
        return QueryResult(result.kind, result.variables, result.rows, result.boolean,
                           result.truncated, engine=f"remote:{self.url}",
                           seconds=time.perf_counter() - started)

    @staticmethod
    def _parse(body: bytes, graph_form: bool, max_rows: int | None) -> QueryResult:
        try:
            if graph_form:
                rows: list[tuple[Term | None, ...]] = [
                    (_plain(s), _plain(p), _plain(o)) for s, p, o in Graph().parse(data=body, format="nt")]
                variables: tuple[str, ...] = ("subject", "predicate", "object")
                kind = "graph"
            else:
                parsed = Result.parse(io.BytesIO(body), format="json")
                if parsed.type == "ASK":
                    return QueryResult("ask", (), (), boolean=bool(parsed.askAnswer))
                variables = tuple(str(v) for v in parsed.vars or ())
                rows = [tuple(_plain(b.get(Variable(v))) for v in variables) for b in parsed.bindings]
                kind = "select"
        except Exception as exc:  # parsers raise many types on a bad answer
            raise RemoteError(f"the endpoint's answer is not valid SPARQL results: {exc}") from None
        truncated = max_rows is not None and len(rows) > max_rows
        kept = tuple(rows[:max_rows] if max_rows is not None else rows)
        return QueryResult(kind, variables, kept, truncated=truncated)  # type: ignore[arg-type]


def run_remote(
    endpoint: str | RemoteEndpoint,
    text: str,
    bindings: Mapping[str, Term] | None = None,
    *,
    timeout: float = 30.0,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    default_graphs: Sequence[str] = (),
) -> QueryResult:
    """Run a query on a remote endpoint, guarded and bound like :func:`run_query`."""
    remote = endpoint if isinstance(endpoint, RemoteEndpoint) else RemoteEndpoint(
        endpoint, timeout=timeout, default_graphs=tuple(default_graphs))
    return remote.query(text, bindings, max_rows=max_rows)


def publish_graph(
    store_url: str, graph_file: Path | str, *, graph_iri: str | None = None,
    replace: bool = True, timeout: float = 300.0,
) -> int:
    """PUT (replace) or POST (add) ``graph_file`` as Turtle to a Graph Store endpoint."""
    check_url(store_url)
    path = Path(graph_file)
    if not path.is_file():
        raise FileNotFoundError(f"graph file not found: {path}; build it with `sarckg build`")
    data = path.read_bytes() if path.suffix == ".ttl" else Graph().parse(path).serialize(format="turtle", encoding="utf-8")
    if graph_iri is not None and _BAD_IRI.search(graph_iri):
        raise RemoteError(f"not a valid graph IRI: {graph_iri!r}")
    target = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    url = f"{store_url}{'&' if '?' in store_url else '?'}{target}"
    request = urllib.request.Request(
        url, data=data, method="PUT" if replace else "POST",
        headers={"Content-Type": "text/turtle; charset=utf-8", "User-Agent": USER_AGENT},
    )
    status, _, _ = _open(request, timeout)
    return status
