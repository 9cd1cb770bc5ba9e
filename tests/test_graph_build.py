"""End to end on the real corpus: build, determinism, evidence, validation, new documents."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from tests.test_benchmark_recall import _benchmark

from sarckg.extract.lexicon import compact
from sarckg.graph.build import EXIT_PROBLEMS, build_graph, serialize_turtle, write_outputs
from sarckg.graph.statements_rdf import WRITERS
from sarckg.graph.validate import ValidationReport, check_quotes, check_shapes
from sarckg.model import STATEMENT_TYPES
from sarckg.namespaces import GRAPH_IRI, SKG

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"

NEW_PAPER = """A phase 2 trial of zanzalintinib plus frobolimab in frobnicating zeta sarcoma

Abstract. Frobnicating zeta sarcoma (FZS) is a rare subtype. In this single-arm phase 2 trial
(NCT09999999), 20 patients with FZS received zanzalintinib plus frobolimab. The objective response
rate was 35.0% (7/20) and the median progression-free survival was 6.1 months. Higher PD-L1
expression was associated with response. Zanzalintinib increased CD8+ T cell infiltration.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graphs")
    result = build_graph(CORPUS)
    path = write_outputs(result, out)
    return result, path


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return Graph().parse(built[1], format="turtle")


def test_every_paper_is_in_the_graph(built, graph):
    result, _ = built
    files = sorted(str(graph.value(d, SKG.fileName)) for d in graph.subjects(RDF.type, SKG.Document))
    assert files == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert not result.problems


def test_document_without_title_or_doi_gets_a_content_identifier(graph):
    by_file = {str(graph.value(d, SKG.fileName)): d for d in graph.subjects(RDF.type, SKG.Document)}
    doc = by_file["004_f275f513b1bd6c00.txt"]
    assert str(doc).rsplit("/", 1)[-1].startswith("sha-")
    assert graph.value(doc, SKG.doi) is None
    assert any(graph.subjects(DCTERMS.source, doc)), "004 has evidence"
    doc2 = by_file["002_d9d922505da5d732.txt"]
    assert str(graph.value(doc2, SKG.doi)) == "10.1038/s41598-023-30412-6"


def test_build_is_byte_identical_across_processes(built, tmp_path):
    """Two separate processes with different hash seeds write the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "sarckg", "build", "--corpus", str(CORPUS),
                        "--out", str(out), "--no-cache"], check=True, env=env, capture_output=True)
        outputs.append((out / "sarckg.ttl").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == serialize_turtle(built[0].graph)


def test_every_statement_type_has_a_writer():
    assert set(STATEMENT_TYPES) <= set(WRITERS), set(STATEMENT_TYPES) - set(WRITERS)


@pytest.mark.parametrize("cls", sorted({c for c, _ in WRITERS.values()}, key=str))
def test_every_statement_kind_is_present_with_evidence(graph, cls):
    statements = list(graph.subjects(RDF.type, cls))
    assert statements, f"no {cls} in the graph"
    for s in statements:
        evidences = list(graph.objects(s, PROV.wasDerivedFrom))
        assert evidences, f"{s} has no evidence"
        assert all((e, RDF.type, SKG.Evidence) in graph for e in evidences)


def test_every_quote_is_found_at_its_offsets(graph):
    report = ValidationReport()
    check_quotes(graph, CORPUS, report)
    assert report.checked_quotes > 100
    assert report.quotes == []


def test_shapes_conform(graph):
    assert check_shapes(graph) == []


def test_every_entity_has_one_label(graph):
    for entity in set(graph.subjects(RDF.type, None)):
        if str(entity).startswith("https://w3id.org/sarckg/entity/"):
            assert len(list(graph.objects(entity, RDFS.label))) == 1, entity


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


@functools.lru_cache(maxsize=1)
def _background() -> Graph:
    from sarckg.graph.ontology_files import load_ontology, load_vocabulary

    return load_ontology() + load_vocabulary()


def test_sampled_statements_name_what_their_quote_says(graph):
    """For every document, the entities of sampled binary statements appear in the quote."""
    checked = 0
    for doc in sorted(graph.subjects(RDF.type, SKG.Document)):
        rows = graph.query(
            """SELECT ?s ?ev ?quote WHERE { ?s prov:wasDerivedFrom ?ev . ?ev skg:quote ?quote ;
               dcterms:source ?doc . { ?s skg:agent ?x } UNION { ?s rdf:subject ?x } UNION
               { ?s skg:biomarker ?x } } ORDER BY ?s LIMIT 40""",
            initNs={"prov": PROV, "skg": SKG, "dcterms": DCTERMS, "rdf": RDF},
            initBindings={"doc": doc},
        )
        for s, _ev, quote in rows:
            for prop in (SKG.agent, RDF.subject, SKG.biomarker, SKG.object):
                for entity in graph.objects(s, prop):
                    if prop == SKG.object and _benchmark()._stated_through(
                            graph, _background(), s, entity, [compact(str(quote))]):
                        checked += 1  # named through skg:statedAs or a state, as the vocabulary verifies
                        continue
                    names = [graph.value(entity, RDFS.label), *graph.objects(entity, URIRef(
                        "http://www.w3.org/2004/02/skos/core#altLabel"))]
                    names = [_norm(str(n)) for n in names if n is not None]
                    if not names:
                        continue
                    assert any(n and n in _norm(str(quote)) for n in names) or any(
                        n[:-1] in _norm(str(quote)) for n in names), (s, entity, quote)
                    checked += 1
    assert checked > 20


def test_a_new_paper_adds_its_facts_without_touching_others(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("002_d9d922505da5d732.txt", "004_f275f513b1bd6c00.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    before = build_graph(corpus).graph
    (corpus / "new_paper.txt").write_text(NEW_PAPER, encoding="utf-8")
    after = build_graph(corpus).graph
    assert set(before) <= set(after) or _only_counts_changed(before, after)
    labels = {str(o) for o in after.objects(None, RDFS.label)}
    assert "zanzalintinib" in labels
    assert any("frobnicating zeta sarcoma" in label.lower() for label in labels)
    new_doc_statements = set(after.query(
        "SELECT ?s WHERE { ?s prov:wasDerivedFrom ?ev . ?ev dcterms:source ?d . "
        "?d skg:fileName 'new_paper.txt' }", initNs={"prov": PROV, "skg": SKG, "dcterms": DCTERMS}))
    assert len(new_doc_statements) >= 3


def _only_counts_changed(before: Graph, after: Graph) -> bool:
    """Support counts of shared facts and the dataset description (VoID counts, sources) may
    change; nothing else of the old graph may."""
    missing = set(before) - set(after)
    return all(p in (SKG.supportingDocuments, SKG.disputingDocuments) or str(s).startswith(GRAPH_IRI)
               for s, p, _ in missing)


def test_a_broken_document_is_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "002_d9d922505da5d732.txt", corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\xff\xfe binary \x00")
    (corpus / "empty.txt").write_bytes(b"")
    result = build_graph(corpus)
    assert len(result.documents) == 1
    assert {p.file for p in result.problems} >= {"broken.txt", "empty.txt"}
    assert result.exit_status == EXIT_PROBLEMS
