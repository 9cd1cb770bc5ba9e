"""The SPARQL 1.1 Protocol endpoint, read-only, over one loaded graph (Starlette).

``/sparql``: GET ``?query=``, POST form (``query=``) or POST ``application/sparql-query``;
every query goes through :func:`sarckg.query.engine.run_query` (the guard refuses Update,
LOAD, SERVICE and remote FROM), with a time limit and a row limit. ``/``: a page with the
named queries and a query box. ``/entity/...``, ``/statement/...``, ``/evidence/...``,
``/document/...``: the IRIs of the graph, as HTML or RDF by content negotiation.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import pyoxigraph as ox
from anyio import CapacityLimiter
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from sarckg.namespaces import BASE
from sarckg.query.catalog import load_catalog
from sarckg.query.engine import QueryResult, QueryTimeout, run_query
from sarckg.query.guard import QueryError, QueryRefused
from sarckg.query.named import run_named
from sarckg.query.store import GraphStore
from sarckg.serve import pages
from sarckg.serve.describe import describe, label_of
from sarckg.serve.formats import (
    FORMAT_ALIASES,
    GRAPH_TYPES,
    MEDIA_OF,
    RESULT_TYPES,
    NotAcceptable,
    negotiate,
    serialize_graph,
    serialize_results,
    triples_graph,
)
from sarckg.serve.workers import Job, QueryWorkers, WorkersBusy

LINKED_KINDS = ("entity", "statement", "evidence", "document")


@dataclass(frozen=True)
class Settings:
    """Limits and policy of one server."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000  # bytes of a POST body
    max_concurrent: int = 2  # queries at once (one worker process each)
    cors: bool = False  # "Access-Control-Allow-Origin: *", never with credentials
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
    security_headers: dict[str, str] = field(default_factory=lambda: {
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    })


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def _form(request: Request, settings: Settings) -> dict[str, list[str]]:
    """Query string plus, for a POST, the urlencoded body (size-limited)."""
    fields = {k: request.query_params.getlist(k) for k in request.query_params}
    if request.method != "POST":
        return fields
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_body:
        raise HttpError(413, f"request body larger than {settings.max_body} bytes")
    body = await request.body()
    if len(body) > settings.max_body:
        raise HttpError(413, f"request body larger than {settings.max_body} bytes")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        raise HttpError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    if media == "application/sparql-query":
        fields["query"] = [body.decode("utf-8", errors="strict")]
    elif media in ("application/x-www-form-urlencoded", ""):
        for key, values in parse_qs(body.decode("utf-8"), keep_blank_values=True).items():
            fields.setdefault(key, []).extend(values)
    else:
        raise HttpError(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
    return fields


def _one(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise HttpError(400, f"give exactly one {name!r} parameter")
    return values[0] if values else None


class Endpoint:
    """The request handlers, bound to one store and its settings."""

    def __init__(self, store: GraphStore, settings: Settings, workers: QueryWorkers | None = None) -> None:
        self.store = store
        self.settings = settings
        self.workers = workers
        self.limiter = CapacityLimiter(settings.max_concurrent)

    async def run(self, text: str, max_rows: int | None = None) -> QueryResult:
        """Run a query in a worker process (killed past the limit), else in a thread."""
        rows = self.settings.max_rows if max_rows is None else max_rows
        if self.workers is not None:
            return await run_in_threadpool(self.workers.run, Job(text=text, max_rows=rows), self.settings.timeout)
        return await run_in_threadpool(
            run_query, text, None, store=self.store, timeout=self.settings.timeout, max_rows=rows)

    async def sparql(self, request: Request) -> Response:
        try:
            fields = await _form(request, self.settings)
            if "update" in fields:
                raise HttpError(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if fields.get("default-graph-uri") or fields.get("named-graph-uri"):
                raise HttpError(400, "this endpoint serves one dataset: name graphs with FROM in the query")
            text = _one(fields, "query")
            if not text:
                raise HttpError(400, "missing 'query' parameter (SPARQL 1.1 Protocol)")
            async with self.limiter:
                result = await self.run(text, self.settings.max_rows + 1)
            if result.truncated or len(result.rows) > self.settings.max_rows:
                raise HttpError(400, f"the result has more than {self.settings.max_rows} rows; add LIMIT")
            fmt = next(iter(fields.get("format", [])), None)  # SPARQLWrapper may send it twice
            return self._answer(result, request.headers.get("accept"), fmt)
        except HttpError as exc:
            return _error(exc.status, str(exc))
        except QueryRefused as exc:
            return _error(403, f"query refused: {exc}")
        except QueryError as exc:
            return _error(503 if isinstance(exc, QueryTimeout | WorkersBusy) else 400, str(exc))
        except NotAcceptable as exc:
            return _error(406, str(exc))
        except UnicodeDecodeError:
            return _error(400, "the request is not valid UTF-8")

    def _answer(self, result: QueryResult, accept: str | None, fmt: str | None) -> Response:
        if result.kind == "graph":
            short = GRAPH_TYPES[self._choose(accept, fmt, GRAPH_TYPES, "text/turtle")]
            return Response(serialize_graph(triples_graph(result.rows), short), media_type=MEDIA_OF[short])
        chosen = self._choose(accept, fmt, RESULT_TYPES, "application/sparql-results+json")
        short = RESULT_TYPES[chosen]
        return Response(serialize_results(result, short), media_type=MEDIA_OF[short])

    @staticmethod
    def _choose(accept: str | None, fmt: str | None, types: dict[str, str], default: str) -> str:
        if fmt:
            short = FORMAT_ALIASES.get(fmt.lower(), "")
            wanted = {short, {"xml": "rdfxml", "rdfxml": "xml"}.get(short, short)}
            for media, name in types.items():
                if name in wanted:
                    return media
            raise NotAcceptable(f"format={fmt!r} is not offered here; use one of {sorted(set(types.values()))}")
        return negotiate(accept, list(types), default)

    async def index(self, request: Request) -> Response:
        try:
            fields = await _form(request, self.settings)
            text, named = _one(fields, "query") or "", _one(fields, "named") or ""
        except HttpError as exc:
            return _error(exc.status, str(exc))
        params = {k: v[0] for k, v in fields.items() if k not in ("query", "named") and v and v[0]}
        result, error, queries = None, "", []
        try:
            queries = list(load_catalog().values())
            async with self.limiter:
                result = await self._page_query(text, named, params)
        except QueryError as exc:
            error = str(exc)
        labels = self._labels(result) if result else {}
        html = pages.index_page(queries, query=text, named=named, params=params, result=result,
                                error=error, labels=labels)
        return HTMLResponse(html, status_code=400 if error else 200, headers={"Content-Security-Policy": pages.PAGE_CSP})

    async def _page_query(self, text: str, named: str, params: dict[str, str]) -> QueryResult | None:
        if named and self.workers is not None:
            job = Job(named=named, params=tuple(sorted(params.items())), max_rows=self.settings.max_rows)
            return await run_in_threadpool(self.workers.run, job, self.settings.timeout)
        if named:
            return await run_in_threadpool(self._named, named, params)
        return await self.run(text) if text else None

    def _named(self, name: str, params: dict[str, str]) -> QueryResult:
        return run_named(name, params, store=self.store, timeout=self.settings.timeout,
                         max_rows=self.settings.max_rows).result

    def _labels(self, result: QueryResult) -> dict[str, str]:
        labels: dict[str, str] = {}
        for row in result.rows:
            for term in row:
                if term is not None and str(term).startswith(BASE) and str(term) not in labels:
                    label = label_of(self.store.oxigraph, ox.NamedNode(str(term)))
                    if label:
                        labels[str(term)] = label
        return labels

    async def linked(self, request: Request) -> Response:
        kind, rest = request.path_params["kind"], request.path_params["rest"]
        if kind not in LINKED_KINDS:
            return _error(404, "not found")
        iri = f"{BASE}{kind}/{rest}"
        description = await run_in_threadpool(describe, self.store, iri)
        if description is None:
            return _error(404, f"the graph says nothing about <{iri}>")
        offered = ["text/turtle", "text/html", "application/ld+json", "application/n-triples"]
        try:
            fmt = request.query_params.get("format")
            if fmt:
                short = FORMAT_ALIASES.get(fmt.lower(), "html" if fmt == "html" else "")
                media = next((m for m in offered if MEDIA_OF.get(short, "").startswith(m)), None)
                if media is None:
                    raise NotAcceptable(f"format={fmt!r} is not offered; use turtle, jsonld, nt or html")
            else:
                media = negotiate(request.headers.get("accept"), offered, "text/turtle")
        except NotAcceptable as exc:
            return _error(406, str(exc))
        headers = {"Vary": "Accept"}
        if media == "text/html":
            html = pages.entity_page(iri, description.label, description.outgoing,
                                     description.incoming, description.labels)
            return HTMLResponse(html, headers={**headers, "Content-Security-Policy": pages.PAGE_CSP})
        short = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/n-triples": "nt"}[media]
        return Response(serialize_graph(description.graph(), short), media_type=MEDIA_OF[short], headers=headers)


def create_app(store: GraphStore, settings: Settings | None = None, workers: QueryWorkers | None = None) -> Starlette:
    """The ASGI application serving ``store``; queries run in ``workers`` when given."""
    settings = settings or Settings()
    endpoint = Endpoint(store, settings, workers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if workers is not None:
            workers.close()

    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))]
    if settings.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False,
                                     allow_methods=["GET", "POST"], allow_headers=["Accept", "Content-Type"]))
    middleware.append(Middleware(SecurityHeaders, headers=settings.security_headers))
    return Starlette(
        routes=[
            Route("/", endpoint.index, methods=["GET", "POST"]),
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            Route("/{kind}/{rest:path}", endpoint.linked, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )


class SecurityHeaders(BaseHTTPMiddleware):
    """Headers every response carries (no sniffing, no framing, no referrer)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        super().__init__(app)
        self.headers = headers

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for key, value in self.headers.items():
            response.headers.setdefault(key, value)
        return response
