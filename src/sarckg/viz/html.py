"""A self-contained interactive network page (pyvis / vis-network), safe to open offline.

pyvis's ``in_line`` mode inlines vis-network but still links Bootstrap from a CDN; those tags
are removed, and a Content-Security-Policy allows only this page's own scripts (by hash)
and no connection at all. Node and edge tooltips are plain text: pyvis is rendered with its
``innerHTML`` popup switched off (it turns it on for any node title containing ``href``),
so vis-network shows titles with ``innerText`` and a label like ``<script>`` is shown, never
run. Everything this module writes into the HTML itself (title, legend, message) is escaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from typing import Any

from pyvis.network import Network

from sarckg.export.domain import DomainEdge, DomainNode, EvidenceRef
from sarckg.viz.network import View, short_label
from sarckg.viz.style import EDGE_LEGEND, edge_color, node_style

MAX_QUOTES = 3
SEED = 7

OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": SEED, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -80, "springLength": 140, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50, "fit": True},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "font": {"size": 10, "align": "middle", "color": "#444444"},
        "smooth": {"enabled": True, "type": "continuous"},
    },
    "nodes": {"font": {"size": 14}, "borderWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}

_CDN_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?https?://[^>]*>|<script\b[^>]*\bsrc\s*=\s*[\"']?https?://[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_SCRIPT = re.compile(r"<script(?:\s[^>]*)?>(.*?)</script>", re.IGNORECASE | re.DOTALL)

_AFTER_STABILIZATION = """
network.once("stabilizationIterationsDone", function () {
  network.setOptions({physics: false});
  document.body.setAttribute("data-stabilized", "true");
});
"""

_STYLE = """
body { margin: 0; font-family: sans-serif; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 18px; margin: 0; }
.note { color: #8a4b00; margin: 4px 0 0 0; font-size: 13px; }
#mynetwork { float: none !important; border: none !important; }
.legend { position: fixed; right: 8px; top: 56px; background: rgba(255,255,255,0.92);
  border: 1px solid #ccc; padding: 6px 10px; font-size: 12px; z-index: 10; }
.legend ul { list-style: none; padding: 0; margin: 0 0 6px 0; }
.legend li { margin: 2px 0; }
.swatch { display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: middle; }
.line { display: inline-block; width: 22px; height: 3px; margin-right: 6px; vertical-align: middle; }
div.vis-tooltip { white-space: pre-wrap; max-width: 520px; font: 12px sans-serif; }
"""


def node_title(node: DomainNode) -> str:
    """The plain-text tooltip of a node."""
    lines = [node.label, f"{node.category}" + (f" ({', '.join(node.types)})" if node.types else "")]
    if node.alt_labels:
        lines.append("also: " + "; ".join(node.alt_labels))
    lines.append(node.iri)
    return "\n".join(lines)


def _evidence_line(ev: EvidenceRef) -> str:
    where = f"{ev.document_label}, characters {ev.start}-{ev.end}"
    mark = " [disputes]" if ev.polarity == "disputes" else ""
    return f"\u201c{ev.quote}\u201d\n    \u2014 {where}{mark}"


def edge_title(edge: DomainEdge, labels: dict[str, str]) -> str:
    """The plain-text tooltip of an edge: the fact, then its quotes and where they were read."""
    head = f"{labels.get(edge.subject, edge.subject)} \u2014{edge.relation}\u2192 {labels.get(edge.object, edge.object)}"
    if not edge.evidence:
        return head + "\n(from the vocabulary; no quote)"
    docs = {ev.document for ev in edge.evidence if ev.polarity == "supports"}
    against = {ev.document for ev in edge.evidence if ev.polarity == "disputes"}
    lines = [head, f"{len(docs)} document(s) support, {len(against)} dispute", ""]
    lines += [_evidence_line(ev) for ev in edge.evidence[:MAX_QUOTES]]
    if len(edge.evidence) > MAX_QUOTES:
        lines.append(f"(+{len(edge.evidence) - MAX_QUOTES} more)")
    return "\n".join(lines)


def build_network(view: View) -> Network:
    """The pyvis network of a view, nodes and edges in sorted order."""
    net = Network(height="calc(100vh - 60px)", width="100%", directed=True, cdn_resources="in_line")
    labels = {n.iri: n.label for n in view.nodes}
    for node in view.nodes:
        style = node_style(node.category)
        net.add_node(node.iri, label=short_label(node.label), title=node_title(node), color=style.color,
                     shape=style.shape)
    for i, edge in enumerate(view.edges):
        disputed = any(ev.polarity == "disputes" for ev in edge.evidence)
        net.add_edge(edge.subject, edge.object, id=f"e{i}", label=edge.relation,
                     title=edge_title(edge, labels), color=edge_color(edge.relation),
                     dashes=disputed, arrows="to")
    net.set_options(json.dumps(OPTIONS))
    return net


def _render_pyvis(net: Network) -> str:
    """pyvis's template, with the ``innerHTML`` popup always off."""
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = net.templateEnv.get_template(net.path)
    html: str = template.render(
        height=height, width=width, nodes=nodes, edges=edges, heading="", options=options,
        physics_enabled=True, use_DOT=False, dot_lang="", widget=False, bgcolor=net.bgcolor,
        conf=False, tooltip_link=False, neighborhood_highlight=False, select_menu=False,
        filter_menu=False, notebook=False, cdn_resources="in_line",
    )
    return html


_ICONS = {  # 14x14 inline SVG bodies of the vis-network shapes
    "box": '<rect x="1" y="3" width="12" height="8" rx="2"/>',
    "ellipse": '<ellipse cx="7" cy="7" rx="6" ry="4"/>',
    "dot": '<circle cx="7" cy="7" r="5"/>',
    "diamond": '<polygon points="7,1 13,7 7,13 1,7"/>',
    "triangle": '<polygon points="7,1 13,13 1,13"/>',
    "hexagon": '<polygon points="4,1 10,1 13,7 10,13 4,13 1,7"/>',
    "star": '<polygon points="7,1 8.8,5.2 13,5.6 9.8,8.4 10.8,13 7,10.6 3.2,13 4.2,8.4 1,5.6 5.2,5.2"/>',
}


def _icon(category: str) -> str:
    style = node_style(category)
    shape = _ICONS.get(style.shape, _ICONS["dot"])
    return f'<svg class="swatch" viewBox="0 0 14 14" fill="{style.color}" stroke="#555" stroke-width="0.6">{shape}</svg>'


def _legend(view: View) -> str:
    categories = sorted({n.category for n in view.nodes})
    items = "".join(f"<li>{_icon(c)}{escape(c)}</li>" for c in categories)
    lines = "".join(
        f'<li><span class="line" style="background:{color}"></span>{escape(name)}</li>'
        for name, color in EDGE_LEGEND
    )
    return f'<aside class="legend" id="legend"><ul>{items}</ul><ul>{lines}</ul></aside>'


def _csp(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _SCRIPT.findall(html)
    })
    return (f"default-src 'none'; script-src {' '.join(hashes)}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render_html(view: View) -> str:
    """The page for ``view``: one HTML file with every script and style inline."""
    html = _CDN_TAG.sub("", _render_pyvis(build_network(view)))
    html = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", html)
    header = f"<header><h1>{escape(view.title)}</h1>"
    header += f'<p class="note" id="message">{escape(view.message)}</p>' if view.message else ""
    header += f"</header>{_legend(view)}"
    html = html.replace("<body>", "<body>\n" + header, 1)
    html = html.replace("</body>", f"<script>{_AFTER_STABILIZATION}</script>\n</body>", 1)
    head = (f'<meta charset="utf-8"><title>{escape(view.title)}</title>'
            f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp(html))}">'
            f"<style>{_STYLE}</style>")
    html = html.replace('<meta charset="utf-8">', head, 1)
    if re.search(r"\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html):
        raise AssertionError("the page still links an external resource")
    return html
