"""A static picture (PNG or SVG) of the same view: networkx layout, drawn with matplotlib.

The layout is seeded and nodes are placed in sorted order, and the SVG writer is given a
fixed hash salt and no date, so the same graph gives the same bytes.
"""

from __future__ import annotations

import io
from collections import defaultdict

import networkx as nx

from sarckg.viz.network import View, VizError, short_label
from sarckg.viz.style import EDGE_LEGEND, edge_color, node_style

SEED = 7
FORMATS = ("png", "svg")


def layout(view: View) -> dict[str, tuple[float, float]]:
    """Each connected part laid out on its own (seeded spring layout), largest first, packed
    left to right in rows, so no small part is flung into a corner."""
    net = nx.Graph()
    net.add_nodes_from(sorted(n.iri for n in view.nodes))
    net.add_edges_from(sorted((e.subject, e.object) for e in view.edges))
    parts = sorted(nx.connected_components(net), key=lambda c: (-len(c), min(c)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    row_width = 4.0 * max(len(parts[0]), 1) ** 0.5 if parts else 0.0
    for part in parts:
        sub = nx.Graph()  # not net.subgraph(): a small subgraph view iterates a set
        sub.add_nodes_from(sorted(part))
        sub.add_edges_from(sorted(e for e in net.edges(part) if e[0] in part and e[1] in part))
        scale = max(len(part), 1) ** 0.5
        if len(part) == 1:
            local = {next(iter(part)): (0.0, 0.0)}
        else:
            spring = nx.spring_layout(sub, seed=SEED, scale=scale, iterations=300)
            local = {k: (float(v[0]), float(v[1])) for k, v in spring.items()}
        if x > 0 and x + 2 * scale > row_width:
            x, y, row_height = 0.0, y - row_height - 1.0, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + scale + px, y - scale + py)
        x += 2 * scale + 1.0
        row_height = max(row_height, 2 * scale)
    return positions


def render_static(view: View, fmt: str) -> bytes:
    """The view as PNG or SVG bytes."""
    if fmt not in FORMATS:
        raise VizError(f"unknown picture format {fmt!r}: use png or svg")
    try:
        import matplotlib
    except ImportError:
        raise VizError("PNG and SVG pictures need matplotlib: pip install 'matplotlib>=3.8,<4'") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    pos = layout(view)
    size = min(max(8.0, len(view.nodes) ** 0.5 * 2.2), 30.0)
    with matplotlib.rc_context({"svg.hashsalt": "sarckg", "svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(size * 1.3, size))
        net = nx.MultiDiGraph()
        net.add_nodes_from(pos)
        for e in view.edges:
            net.add_edge(e.subject, e.object, color=edge_color(e.relation), label=e.relation)
        colors = [d["color"] for _, _, d in net.edges(data=True)]
        nx.draw_networkx_edges(net, pos, ax=ax, edge_color=colors, arrows=True, arrowsize=12,
                               width=1.2, connectionstyle="arc3,rad=0.08", node_size=600)
        by_category: dict[str, list[str]] = defaultdict(list)
        for n in view.nodes:
            by_category[n.category].append(n.iri)
        for category, iris in sorted(by_category.items()):
            style = node_style(category)
            nx.draw_networkx_nodes(net, pos, nodelist=iris, ax=ax, node_color=style.color,
                                   node_shape=style.marker, node_size=600, label=category)
        labels = {n.iri: short_label(n.label) for n in view.nodes}
        nx.draw_networkx_labels(net, pos, labels=labels, ax=ax, font_size=8)
        edge_labels = {(e.subject, e.object): e.relation for e in view.edges}
        nx.draw_networkx_edge_labels(net, pos, edge_labels=edge_labels, ax=ax, font_size=6)
        handles, names = ax.get_legend_handles_labels()
        handles += [Line2D([0], [0], color=c, lw=2) for _, c in EDGE_LEGEND]
        names += [name for name, _ in EDGE_LEGEND]
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                  markerscale=0.5, frameon=True)
        ax.set_title(view.title + (f"\n{view.message}" if view.message else ""), fontsize=11)
        ax.set_axis_off()
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, dpi=110, bbox_inches="tight", metadata=metadata)
        plt.close(fig)
    return out.getvalue()
