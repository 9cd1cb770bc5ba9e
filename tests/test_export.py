"""Exports of the fixture graph: every RDF format round-trips isomorphically with rdflib and
pyoxigraph, output is byte-stable, writes are atomic, and the table formats say what they should."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from sarckg.export.base import ExportError
from sarckg.export.formats import EXPORTERS, RDF_FORMATS, export_graph, load_graph
from sarckg.export.nanopub import NP, nanopublications
from sarckg.export.nquads import document_graphs
from sarckg.export.ntriples import NTriplesExporter
from sarckg.export.void import build_date, describe_graph
from sarckg.namespaces import DOC, ENT, OA, SKG

FIXTURE = Path(__file__).parent / "resources" / "export_fixture.ttl"
RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "rdfxml": "xml"}
OX_FORMAT = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(FIXTURE)


def ox_term(term: object) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def oxigraph_graph(path: Path, fmt: str) -> Graph:
    """Parse with pyoxigraph and merge every graph into one rdflib Graph."""
    out = Graph()
    for quad in ox.parse(path=str(path), format=OX_FORMAT[fmt]):
        out.add((ox_term(quad.subject), ox_term(quad.predicate), ox_term(quad.object)))  # type: ignore[arg-type]
    return out


def rdflib_graph(path: Path, fmt: str) -> Graph:
    if fmt == "nq":
        ds = Dataset()
        ds.parse(path, format="nquads")
        out = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            out.add((s, p, o))
        return out
    return Graph().parse(path, format=RDFLIB_FORMAT[fmt])


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_export_round_trips_isomorphic_with_both_parsers(graph: Graph, fmt: str, tmp_path: Path) -> None:
    (path,) = export_graph(graph, fmt, tmp_path / f"out.{fmt}")
    assert isomorphic(rdflib_graph(path, fmt), graph)
    assert isomorphic(oxigraph_graph(path, fmt), graph)


def test_every_format_is_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys; from sarckg.export.formats import EXPORTERS, export_graph, load_graph\n"
        "g = load_graph(sys.argv[1])\n"
        "for f in EXPORTERS: export_graph(g, f, sys.argv[2] + '/' + f)\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(FIXTURE), str(tmp_path / seed)], check=True, env=env)
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file())
    assert len(files) == len(EXPORTERS) + 3  # kgx writes 2 files, csv 3
    for rel in files:
        assert (tmp_path / "1" / rel).read_bytes() == (tmp_path / "2" / rel).read_bytes(), rel


def test_nquads_has_one_named_graph_per_document(graph: Graph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "nq", tmp_path / "out.nq")
    ds = Dataset()
    ds.parse(path, format="nquads")
    names = {str(g.identifier) for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier}
    assert names == {str(DOC["10-1000-test-0001"]), str(DOC["sha-00aa11bb22cc33dd"])}
    second = ds.graph(DOC["sha-00aa11bb22cc33dd"])
    # the mechanism read in both documents is in both graphs, with its direct edge
    tam = ENT["celltype/tumor-associated-macrophage"]
    assert (ENT["drug/lenvatinib"], SKG.decreases, tam) in second
    assert (ENT["drug/lenvatinib"], SKG.decreases, tam) in ds.graph(DOC["10-1000-test-0001"])
    # a statement read only in the first document is not in the second
    assert (ENT["drug/pembrolizumab"], SKG.targets, ENT["target/pd-1"]) not in second
    assert set(document_graphs(graph)) == {None, DOC["10-1000-test-0001"], DOC["sha-00aa11bb22cc33dd"]}


def test_a_failed_export_leaves_the_previous_file_untouched(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.nt"
    target.write_text("previous")

    def half_then_fail(self: NTriplesExporter, g: Graph) -> None:
        handle = self.files.open(self.path)
        handle.write(b"<https://example.org/s> <https://example.org/p> ")
        handle.flush()
        assert len(list(tmp_path.iterdir())) == 2  # the temporary file exists beside the target
        raise OSError("disk full")

    monkeypatch.setattr(NTriplesExporter, "write", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        export_graph(graph, "nt", target)
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"]


def test_bad_requests_give_clear_errors(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format 'pdf'"):
        export_graph(graph, "pdf", tmp_path / "x")
    with pytest.raises(ExportError, match="writes a folder"):
        (tmp_path / "file").write_text("")
        export_graph(graph, "kgx", tmp_path / "file")
    with pytest.raises(ExportError, match="not found"):
        load_graph(tmp_path / "missing.ttl")
    (tmp_path / "bad.ttl").write_text("this is not turtle")
    with pytest.raises(ExportError, match="cannot parse"):
        load_graph(tmp_path / "bad.ttl")


def read_table(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def test_kgx_uses_biolink_categories_and_predicates(graph: Graph, tmp_path: Path) -> None:
    export_graph(graph, "kgx", tmp_path / "kgx")
    nodes = {r["id"]: r for r in read_table(tmp_path / "kgx" / "nodes.tsv", "\t")}
    edges = read_table(tmp_path / "kgx" / "edges.tsv", "\t")
    assert nodes["ent:drug/lenvatinib"]["category"] == "biolink:Drug"
    assert nodes["ent:subtype/alveolar-soft-part-sarcoma"]["category"] == "biolink:Disease"
    assert nodes["ent:celltype/cd8-positive-t-cell"]["category"] == "biolink:Cell"
    assert nodes["ent:process/angiogenesis"]["category"] == "biolink:BiologicalProcess"
    assert nodes["ent:target/pd-1"]["synonym"] == "PDCD1"
    (tam,) = [e for e in edges if e["object"] == "ent:celltype/tumor-associated-macrophage"]
    assert (tam["predicate"], tam["object_direction_qualifier"], tam["original_predicate"]) == (
        "biolink:affects", "decreased", "skg:decreases")
    assert tam["publications"] == "doi:10.1000/test.0001|t2.txt"
    assert "TAMs were reduced after lenvatinib." in tam["supporting_text"].split("|")
    (trait,) = [e for e in edges if e["original_predicate"] == "skg:hasTrait"]
    assert trait["predicate"] == "biolink:related_to"  # no Biolink predicate means "has trait"


def test_csv_tables_keep_exact_quotes_and_neo4j_headers(graph: Graph, tmp_path: Path) -> None:
    export_graph(graph, "csv", tmp_path / "csv")
    nodes = read_table(tmp_path / "csv" / "nodes.csv")
    edges = read_table(tmp_path / "csv" / "edges.csv")
    evidence = read_table(tmp_path / "csv" / "evidence.csv")
    assert {"id:ID", ":LABEL"} <= set(nodes[0])
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(edges[0])
    script = next(n for n in nodes if n["id:ID"].endswith("script-alert-1-script"))
    assert script["label"] == "<script>alert(1)</script>"
    quotes = {e["quote"] for e in evidence}
    assert "Lenvatinib decreased tumor-associated macrophages <img src=x onerror=alert(1)> href." in quotes
    adverse = next(e for e in edges if e[":TYPE"] == "HAS_ADVERSE_EVENT")
    assert adverse[":END_ID"] == str(ENT["adverseevent/hypertension"])


def test_graphml_has_domain_edges_with_readable_labels(graph: Graph, tmp_path: Path) -> None:
    (path,) = export_graph(graph, "graphml", tmp_path / "g.graphml")
    net = nx.read_graphml(path, force_multigraph=True)
    lenv = str(ENT["drug/lenvatinib"])
    assert net.nodes[lenv]["label"] == "lenvatinib"
    labels = {d["label"] for _, _, d in net.out_edges(lenv, data=True)}
    assert labels == {"targets", "decreases", "inhibits"}
    assert not any(str(n).startswith("https://w3id.org/sarckg/evidence/") for n in net.nodes)


def test_nanopublications_have_four_graphs_and_anchored_quotes(graph: Graph) -> None:
    ds = nanopublications(graph)
    heads = [g for g in ds.graphs() if str(g.identifier).endswith("#Head")]
    assert len(heads) == 12  # one per statement in the fixture
    np_iri = URIRef("https://w3id.org/sarckg/nanopub/mechanism/0000000000000004")
    head = ds.graph(URIRef(f"{np_iri}#Head"))
    assert (np_iri, RDF.type, NP.Nanopublication) in head
    assertion = ds.graph(URIRef(f"{np_iri}#assertion"))
    assert (ENT["drug/lenvatinib"], SKG.decreases, ENT["celltype/tumor-associated-macrophage"]) in assertion
    provenance = ds.graph(URIRef(f"{np_iri}#provenance"))
    selectors = list(provenance.subjects(RDF.type, OA.TextPositionSelector))
    assert len(selectors) == 2  # the statement has evidence from two documents
    starts = sorted(int(provenance.value(s, OA.start)) for s in selectors)  # type: ignore[arg-type]
    assert starts == [10, 121]
    exact = {str(o) for o in provenance.objects(None, OA.exact)}
    assert "TAMs were reduced after lenvatinib." in exact
    pubinfo = ds.graph(URIRef(f"{np_iri}#pubinfo"))
    assert pubinfo.value(np_iri, URIRef("http://purl.org/dc/terms/created")) == Literal("2025", datatype=XSD.gYear)


def test_void_description_counts_and_dates_deterministically(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    void = describe_graph(graph)
    dataset = URIRef("https://w3id.org/sarckg/graph")
    voidns = "http://rdfs.org/ns/void#"
    assert int(void.value(dataset, URIRef(voidns + "triples"))) == len(graph)  # type: ignore[arg-type]
    assert void.value(dataset, URIRef("http://purl.org/dc/terms/issued")) == Literal("2025", datatype=XSD.gYear)
    sums = {str(o) for o in void.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue"))}
    assert "00aa11bb22cc33dd" * 4 in sums
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(graph) == Literal("2023-11-14", datatype=XSD.date)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_date(graph)


def test_rdfxml_loads_in_owlready2(graph: Graph, tmp_path: Path) -> None:
    import owlready2

    (path,) = export_graph(graph, "rdfxml", tmp_path / "g.rdf")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    found = world.search(iri=str(ENT["drug/lenvatinib"]))
    assert len(found) == 1


def test_void_lists_corpus_documents_given_by_the_pipeline(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    from sarckg.model import Document

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    extra = Document(doc_id="sha-0123456789abcdef", file_name="new.txt", text="x", sha256="ab" * 32, year=2026)
    void = describe_graph(graph, [extra])
    doc = DOC["sha-0123456789abcdef"]
    assert (URIRef("https://w3id.org/sarckg/graph"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), doc) in void
    assert str(void.value(URIRef(f"{doc}#sha256"), URIRef("http://spdx.org/rdf/terms#checksumValue"))) == "ab" * 32
    assert void.value(URIRef("https://w3id.org/sarckg/graph"), URIRef("http://purl.org/dc/terms/issued")) == Literal(
        "2026", datatype=XSD.gYear)  # the latest document year, not the clock
