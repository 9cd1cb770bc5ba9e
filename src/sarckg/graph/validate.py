"""``sarckg validate``: SHACL shapes, quotes against their documents, OWL consistency."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from sarckg.namespaces import SKG


@dataclass
class ValidationReport:
    """Each check's findings; empty lists mean the graph passed that check."""

    shacl: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    reasoner: list[str] = field(default_factory=list)
    checked_quotes: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.shacl or self.quotes or self.reasoner)


def check_shapes(data: Graph) -> list[str]:
    """Run ontology/shapes.ttl with pyshacl; one line per violation."""
    from pyshacl import validate

    from sarckg.graph.ontology_files import load_ontology, load_shapes

    conforms, report_graph, _ = validate(
        data, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none",
        advanced=False, allow_warnings=True,
    )
    if conforms:
        return []
    sh = "http://www.w3.org/ns/shacl#"
    lines = []
    assert isinstance(report_graph, Graph)
    for result in report_graph.subjects(RDF.type, URIRef(sh + "ValidationResult")):
        focus = report_graph.value(result, URIRef(sh + "focusNode"))
        path = report_graph.value(result, URIRef(sh + "resultPath"))
        message = report_graph.value(result, URIRef(sh + "resultMessage"))
        lines.append(f"{focus} {path or ''}: {message}")
    return sorted(lines)


def _documents_by_hash(corpus_dir: Path) -> dict[str, str]:
    """sha256 -> exact text of every readable file in the corpus folder."""
    from sarckg.corpus import read_corpus

    return {d.sha256: d.text for d in read_corpus(corpus_dir).documents}


def check_quotes(data: Graph, corpus_dir: Path, report: ValidationReport) -> None:
    """Every evidence quote must be found verbatim at its offsets in its document."""
    texts = _documents_by_hash(corpus_dir)
    doc_text: dict[URIRef, str | None] = {}
    for doc in data.subjects(RDF.type, SKG.Document):
        sha = data.value(doc, SKG.sha256)
        assert isinstance(doc, URIRef)
        doc_text[doc] = texts.get(str(sha)) if sha is not None else None
        if doc_text[doc] is None:
            report.skipped.append(f"{data.value(doc, SKG.fileName)}: not in {corpus_dir} (by sha256)")
    for ev in sorted(data.subjects(RDF.type, SKG.Evidence), key=str):
        source = data.value(ev, DCTERMS.source)
        quote, start, end = (data.value(ev, p) for p in (SKG.quote, SKG.startOffset, SKG.endOffset))
        text = doc_text.get(source) if isinstance(source, URIRef) else None
        if text is None:
            continue
        if not (isinstance(quote, Literal) and isinstance(start, Literal) and isinstance(end, Literal)):
            report.quotes.append(f"{ev}: quote or offsets missing")
            continue
        report.checked_quotes += 1
        if text[int(start.toPython()):int(end.toPython())] != str(quote):
            report.quotes.append(f"{ev}: quote not found at {start}-{end} in {source}")


def check_reasoner(graph: Graph | None = None) -> list[str]:
    """The ontology, vocabulary and (when given) the built graph are consistent under HermiT."""
    from sarckg.graph.reasoning import check_consistency

    result = check_consistency(graph)
    return [] if result.ok else [result.message]


def validate_graph(
    graph_file: Path, corpus_dir: Path, *, reasoner: bool = True
) -> ValidationReport:
    data = Graph().parse(graph_file, format="turtle")
    report = ValidationReport()
    report.shacl = check_shapes(data)
    check_quotes(data, corpus_dir, report)
    if reasoner:
        report.reasoner = check_reasoner(data)
    return report
