"""The `export` command: the graph in linked-data, graph and table formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sarckg.cli.app import app


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, jsonld, rdfxml, graphml, kgx, csv or nanopub")],
    output: Annotated[Path, typer.Option("--output", "-o", help="file to write (a folder for kgx and csv)")],
    graph: Annotated[Path | None, typer.Option("--graph", "-g", help="the graph (default: $SARCKG_GRAPH or graphs/sarckg.ttl)")] = None,
) -> None:
    """Export the graph (atomic writes; same graph, same bytes)."""
    from sarckg.export.base import ExportError
    from sarckg.export.formats import export_graph, load_graph
    from sarckg.query.store import default_graph_path

    try:
        written = export_graph(load_graph(graph or default_graph_path()), fmt, output)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for path in written:
        typer.echo(str(path))
