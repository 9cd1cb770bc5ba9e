"""`serve` (a read-only SPARQL endpoint on this machine) and `publish` (load the graph into a store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sarckg.cli.app import app

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...]:
    """Host headers to accept: loopback names, the bound address and any named ones."""
    if host in ("0.0.0.0", "::") and not extra:
        return ("*",)
    return tuple(dict.fromkeys([*LOOPBACK, host, *extra]))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    graph: Annotated[Path | None, typer.Option("--graph", "-g", help="graph file (default graphs/sarckg.ttl)")] = None,
    timeout: Annotated[float, typer.Option(help="seconds a query may run")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="most rows a result may have")] = 10_000,
    cors: Annotated[bool, typer.Option(help="allow cross-origin reads (Access-Control-Allow-Origin: *, no credentials)")] = False,
    allowed_host: Annotated[list[str] | None, typer.Option(help="extra Host header to accept (repeatable), e.g. behind a proxy")] = None,
    workers: Annotated[int, typer.Option(help="query worker processes (queries at once)")] = 2,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with dereferenceable IRIs."""
    import uvicorn

    from sarckg.query.store import GraphNotFound, load_store
    from sarckg.serve.app import Settings, create_app
    from sarckg.serve.workers import QueryWorkers

    try:
        store = load_store(graph)
    except (GraphNotFound, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    settings = Settings(timeout=timeout, max_rows=max_rows, cors=cors, max_concurrent=workers,
                        allowed_hosts=allowed_hosts(host, allowed_host or []))
    pool = QueryWorkers(store.graph_files, store.ontology_files, size=workers)
    typer.echo(f"serving {store.triples} triples at http://{host}:{port}/sparql", err=True)
    try:
        uvicorn.run(create_app(store, settings, pool), host=host, port=port, log_level="warning",
                    server_header=False, proxy_headers=False)
    finally:
        pool.close()


@app.command()
def publish(
    endpoint: Annotated[str, typer.Option(help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")],
    graph_iri: Annotated[str | None, typer.Option(help="named graph to replace (default: the default graph)")] = None,
    graph: Annotated[Path | None, typer.Option("--graph", "-g", help="graph file (default: $SARCKG_GRAPH or graphs/sarckg.ttl)")] = None,
    ontology: Annotated[bool, typer.Option(help="also publish the ontology and vocabulary (into the ontology graph when --graph-iri is given)")] = True,
    append: Annotated[bool, typer.Option(help="POST (add to the graph) instead of PUT (replace it)")] = False,
    timeout: Annotated[float, typer.Option(help="seconds to wait for the store")] = 300.0,
) -> None:
    """Load the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

    Query it afterwards with the same named queries: ``--endpoint <query URL>`` on the query
    commands, naming the graphs as the default graph (``default-graph-uri``) when they are
    named graphs.
    """
    from sarckg.namespaces import ONTOLOGY_IRI
    from sarckg.query.store import default_graph_path, default_ontology_files
    from sarckg.serve.remote import RemoteError, publish_graph

    uploads: list[tuple[Path, str | None, bool]] = [(graph or default_graph_path(), graph_iri, not append)]
    if ontology:
        files = default_ontology_files()
        for i, path in enumerate(files):
            target = ONTOLOGY_IRI if graph_iri else None
            uploads.append((path, target, bool(graph_iri) and i == 0 and not append))
    try:
        for path, target, replace in uploads:
            status = publish_graph(endpoint, path, graph_iri=target, replace=replace, timeout=timeout)
            typer.echo(f"published {path} to {endpoint} ({target or 'default graph'}): HTTP {status}")
    except (RemoteError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
