"""One call from a graph file to a picture file: select the view, render, write atomically."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from sarckg.export.base import write_atomic
from sarckg.viz.html import render_html
from sarckg.viz.network import DEFAULT_MAX_NODES, View, VizError, select_view
from sarckg.viz.static import render_static

PICTURE_FORMATS = ("html", "png", "svg")


def render_view(view: View, fmt: str) -> bytes:
    """``view`` as the bytes of an HTML page, a PNG or an SVG."""
    if fmt == "html":
        return render_html(view).encode("utf-8")
    if fmt in ("png", "svg"):
        return render_static(view, fmt)
    raise VizError(f"unknown format {fmt!r}: use {', '.join(PICTURE_FORMATS)}")


def draw(
    graph: Graph,
    output: Path,
    *,
    fmt: str | None = None,
    kind: str = "mechanism",
    drug: str | None = None,
    subtype: str | None = None,
    biomarker: str | None = None,
    hops: int = 2,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> View:
    """Draw the selected view of ``graph`` to ``output`` (format from ``fmt`` or the suffix)."""
    fmt = fmt or output.suffix.lstrip(".").lower() or "html"
    if fmt not in PICTURE_FORMATS:
        raise VizError(f"unknown format {fmt!r}: use {', '.join(PICTURE_FORMATS)}")
    view = select_view(graph, kind=kind, drug=drug, subtype=subtype, biomarker=biomarker,
                       hops=hops, max_nodes=max_nodes)
    write_atomic(output, render_view(view, fmt))
    return view
