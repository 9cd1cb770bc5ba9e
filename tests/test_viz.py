"""The network picture: which part of the graph is drawn, and that the page is self-contained,
escapes what it shows and is byte-stable; static pictures too."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from sarckg.export.formats import load_graph
from sarckg.namespaces import ENT, SKG
from sarckg.viz.html import render_html
from sarckg.viz.network import VizError, select_view
from sarckg.viz.render import draw, render_view

FIXTURE = Path(__file__).parent / "resources" / "export_fixture.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(FIXTURE)


def relations(view: object) -> set[tuple[str, str, str]]:
    labels = {n.iri: n.label for n in view.nodes}  # type: ignore[attr-defined]
    return {(labels[e.subject], e.relation, labels[e.object]) for e in view.edges}  # type: ignore[attr-defined]


def test_mechanism_view_is_drugs_targets_classes_and_effects(graph: Graph) -> None:
    view = select_view(graph)
    assert relations(view) == {
        ("lenvatinib", "targets", "VEGFR"),
        ("lenvatinib", "decreases", "tumor-associated macrophage"),
        ("lenvatinib", "inhibits", "angiogenesis"),
        ("pembrolizumab", "targets", "PD-1"),
        ("pembrolizumab", "is a", "PD1 inhibitor"),
        ("pembrolizumab", "activates", "CD8+ T cell"),
        ("<script>alert(1)</script>", "increases", "CD8+ T cell"),
        ("PD-L1", "associated with", "response"),
    }
    assert view.message == ""


def test_outcomes_view_shows_regimens_and_measured_values(graph: Graph) -> None:
    view = select_view(graph, kind="outcomes")
    rels = relations(view)
    assert ("lenvatinib + pembrolizumab", "has outcome", "ORR 50.0%") in rels
    assert ("ORR 50.0%", "measured in", "alveolar soft part sarcoma") in rels
    assert ("lenvatinib + pembrolizumab", "has adverse event", "hypertension") in rels
    assert not any(r[1] == "targets" for r in rels)


def test_focus_by_synonym_and_hops(graph: Graph) -> None:
    one = select_view(graph, drug="Keytruda", hops=1)
    assert {n.label for n in one.nodes} == {"pembrolizumab", "PD-1", "PD1 inhibitor", "CD8+ T cell"}
    two = select_view(graph, drug="keytruda", hops=2)
    assert "<script>alert(1)</script>" in {n.label for n in two.nodes}
    assert one.title == "Mechanism network: Keytruda"


def test_unknown_names_and_options_are_clear_errors(graph: Graph) -> None:
    with pytest.raises(VizError, match="did you mean pembrolizumab"):
        select_view(graph, drug="pembrolizumb")
    with pytest.raises(VizError, match="unknown kind"):
        select_view(graph, kind="everything")
    with pytest.raises(VizError, match="no subtype named"):
        select_view(graph, subtype="lenvatinib")
    with pytest.raises(VizError, match="'tumor mutational burden' has no edges in the mechanism network"):
        select_view(graph, biomarker="TMB")
    assert select_view(graph, kind="all", subtype="ASPS", hops=1).nodes  # but it has some elsewhere


def test_large_views_are_cut_to_the_most_connected_part_with_a_message(graph: Graph, tmp_path: Path) -> None:
    view = select_view(graph, kind="all", max_nodes=5)
    assert len(view.nodes) <= 5
    assert "lenvatinib + pembrolizumab" in {n.label for n in view.nodes}  # the best connected node
    assert view.message.startswith("Showing the") and "of 18 nodes" in view.message
    html = render_html(view)
    assert '<p class="note" id="message">Showing the' in html


def test_page_is_self_contained_and_escapes_labels(graph: Graph) -> None:
    html = render_html(select_view(graph, kind="all"))
    assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)
    assert "bootstrap" not in html.lower()
    assert "<script>alert(1)</script>" not in html  # only as JSON-escaped data
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    assert "<img src=x" not in html
    assert "popup.innerHTML" not in html  # pyvis's HTML tooltip is never used
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_lib.unescape(csp.group(1))
    assert policy.startswith("default-src 'none';")
    script_src = re.search(r"script-src ([^;]+);", policy)
    assert script_src and "sha256-" in script_src.group(1) and "unsafe" not in script_src.group(1)


def test_node_titles_with_href_do_not_switch_pyvis_to_innerhtml(graph: Graph) -> None:
    g = Graph() + graph
    g.set((ENT["drug/lenvatinib"], RDFS.label, Literal('<img src=x onerror=alert(2)> see href="x"')))
    html = render_html(select_view(g))
    assert "popup.innerHTML" not in html
    assert "<img src=x onerror=alert(2)>" not in html


def test_outputs_are_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from sarckg.export.formats import load_graph\n"
        "from sarckg.viz.render import draw\n"
        "g = load_graph(sys.argv[1])\n"
        "for f in sys.argv[3:]: draw(g, Path(sys.argv[2]) / ('v.' + f), kind='all')\n"
    )
    formats = ["html", "svg", "png"]
    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(FIXTURE), str(tmp_path / seed), *formats],
                       check=True, env=env)
    for name in (f"v.{f}" for f in formats):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_static_pictures(graph: Graph, tmp_path: Path) -> None:
    view = draw(graph, tmp_path / "m.svg")
    svg = (tmp_path / "m.svg").read_text()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "lenvatinib" in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script>" not in svg
    png = render_view(view, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    with pytest.raises(VizError, match="unknown format"):
        draw(graph, tmp_path / "m.gif")


def test_cli_writes_the_page(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sarckg.cli import app

    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["viz", "-g", str(FIXTURE), "-o", str(out), "--drug", "lenvatinib"])
    assert result.exit_code == 0, result.output
    assert "4 nodes, 3 edges" in result.output
    data = re.search(r"nodes = new vis.DataSet\((\[.*?\])\);", out.read_text(), re.DOTALL)
    assert data is not None
    assert sorted(n["label"] for n in json.loads(data.group(1))) == [
        "VEGFR", "angiogenesis", "lenvatinib", "tumor-associated macrophage"]
    bad = CliRunner().invoke(app, ["viz", "-g", str(FIXTURE), "-o", str(out), "--subtype", "nope"])
    assert bad.exit_code == 2 and "no subtype named 'nope'" in bad.output


def test_graph_without_mechanisms_says_so(tmp_path: Path) -> None:
    g = Graph()
    g.add((ENT["drug/x"], RDFS.label, Literal("x")))
    g.add((ENT["drug/x"], URIRef(str(RDFS) + "comment"), Literal("nothing else")))
    view = select_view(g)
    assert view.nodes == () and "no mechanism edges" in view.message
    assert "no mechanism edges" in render_html(view)
    assert SKG  # namespace import used by other tests
