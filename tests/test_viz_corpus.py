"""Pictures and exports of the graph built from the real corpus: every RDF export round-trips,
the mechanism network holds the papers' drug effects with their quotes, big views are cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sarckg.export.domain import domain_graph
from sarckg.export.formats import RDF_FORMATS, export_graph
from sarckg.graph.build import build_graph, write_outputs
from sarckg.namespaces import SKG
from sarckg.viz.html import render_html
from sarckg.viz.network import select_view

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = write_outputs(build_graph(CORPUS), tmp_path_factory.mktemp("graphs"))
    return Graph().parse(path, format="turtle")


def test_mechanism_edges_carry_quotes_found_in_their_documents(graph: Graph) -> None:
    view = select_view(graph, max_nodes=10_000)
    effects = [e for e in view.edges if e.relation in ("increases", "decreases", "activates", "inhibits",
                                                        "suppresses", "promotes", "upregulates", "downregulates")]
    assert len(effects) >= 5
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    by_label = {str(doc): str(name) for doc, name in graph.subject_objects(SKG.fileName)}
    for edge in effects:
        assert edge.evidence, edge
        for ev in edge.evidence:
            assert texts[by_label[ev.document]][ev.start:ev.end] == ev.quote


def test_large_view_is_cut_with_a_message_and_the_page_renders(graph: Graph) -> None:
    view = select_view(graph, kind="all", max_nodes=60)
    assert len(view.nodes) <= 60 and "most connected" in view.message
    html = render_html(view)
    assert "most connected" in html and 'src="http' not in html


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_exports_of_the_corpus_graph_round_trip(graph: Graph, fmt: str, tmp_path: Path) -> None:
    (path,) = export_graph(graph, fmt, tmp_path / f"g.{fmt}")
    if fmt == "nq":
        from rdflib import Dataset

        ds = Dataset()
        ds.parse(path, format="nquads")
        back = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            back.add((s, p, o))
    else:
        back = Graph().parse(path, format=RDFLIB_FORMAT[fmt])
    assert isomorphic(back, graph)


def test_domain_view_of_the_corpus_graph_has_no_dangling_edges(graph: Graph) -> None:
    domain = domain_graph(graph)
    iris = {n.iri for n in domain.nodes}
    assert all(e.subject in iris and e.object in iris for e in domain.edges)
    assert len(domain.edges) > 100
