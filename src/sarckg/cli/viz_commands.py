"""The `viz` command: an interactive (or static) picture of the mechanism network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sarckg.cli.app import app


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="file to write (.html, .png or .svg)")],
    drug: Annotated[str | None, typer.Option(help="centre on a drug or drug class (name or synonym)")] = None,
    subtype: Annotated[str | None, typer.Option(help="centre on a sarcoma subtype or population")] = None,
    biomarker: Annotated[str | None, typer.Option(help="centre on a biomarker")] = None,
    kind: Annotated[str, typer.Option(help="mechanism, outcomes or all")] = "mechanism",
    hops: Annotated[int, typer.Option(help="how far from the centre to draw")] = 2,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="html, png or svg (default: from the suffix)")] = None,
    max_nodes: Annotated[int, typer.Option(help="cut larger pictures to their most connected part")] = 150,
    graph: Annotated[Path | None, typer.Option("--graph", "-g", help="the graph (default: $SARCKG_GRAPH or graphs/sarckg.ttl)")] = None,
) -> None:
    """Draw the mechanism network (or regimens and outcomes) as a self-contained page or picture."""
    from sarckg.export.base import ExportError
    from sarckg.export.formats import load_graph
    from sarckg.query.store import default_graph_path
    from sarckg.viz.network import VizError
    from sarckg.viz.render import draw

    try:
        view = draw(load_graph(graph or default_graph_path()), output, fmt=fmt, kind=kind, drug=drug, subtype=subtype,
                    biomarker=biomarker, hops=hops, max_nodes=max_nodes)
    except (VizError, ExportError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{output}: {len(view.nodes)} nodes, {len(view.edges)} edges")
    if view.message:
        typer.echo(view.message)
