"""The benchmark's audit of mechanisms whose object the quote names through another entity
(skg:statedAs, skg:hasState): it passes only what the vocabulary verifies against the quote."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from tests.test_benchmark_recall import _benchmark

from sarckg.graph.ontology_files import load_ontology, load_vocabulary
from sarckg.namespaces import ENT, SKG

DRUG = ENT["drug/velotucimab"]


def _graph(quote: str, obj: str, stated: str | None = None) -> Graph:
    """One mechanism statement of velotucimab on ``obj`` with one evidence, and the labels the
    graph writes for its entities."""
    g = Graph()
    s, ev = URIRef("https://w3id.org/sarckg/statement/mechanism/x"), URIRef("https://w3id.org/sarckg/evidence/x")
    g.add((s, RDF.type, SKG.Mechanism))
    g.add((s, RDFS.label, Literal("test statement")))
    g.add((s, PROV.wasDerivedFrom, ev))
    g.add((ev, SKG.quote, Literal(quote)))
    g.add((s, SKG.agent, DRUG))
    g.add((s, SKG.object, ENT[obj]))
    if stated:
        g.add((s, SKG.statedAs, ENT[stated]))
    vocabulary = load_vocabulary()
    for node in (DRUG, ENT[obj], *([ENT[stated]] if stated else [])):
        g.add((node, RDFS.label, Literal(node.rsplit("/", 1)[-1])))
        for p in (RDFS.label, URIRef("http://www.w3.org/2004/02/skos/core#altLabel")):
            for label in vocabulary.objects(node, p):
                g.add((node, p, label))
    return g


def _precision(g: Graph) -> float:
    precision, _ = _benchmark().audit_precision(g, 10, background=load_ontology() + load_vocabulary())
    return float(precision)


def test_a_decomposed_object_passes_through_its_named_nominal() -> None:
    quote = "Velotucimab promoted immunosuppression in mice."
    assert _precision(_graph(quote, "process/antitumor-immunity", "process/immunosuppression")) == 1.0
    # without the statedAs link the object is not named: the audit fails it
    assert _precision(_graph(quote, "process/antitumor-immunity")) == 0.0


def test_the_nominal_must_be_in_the_quote_and_decompose_to_the_object() -> None:
    named_elsewhere = "Velotucimab promoted tumour growth in mice."
    assert _precision(_graph(named_elsewhere, "process/antitumor-immunity", "process/immunosuppression")) == 0.0
    wrong_object = "Velotucimab promoted immunosuppression in mice."
    assert _precision(_graph(wrong_object, "process/tumor-vasculature", "process/immunosuppression")) == 0.0


def test_a_compensated_target_passes_through_the_drug_whose_known_target_it_is() -> None:
    quote = "Epacadostat failed, possibly due to compensatory upregulation of TDO."
    g = _graph(quote, "target/ido1", "drug/epacadostat")
    g.set((next(g.subjects(RDF.type, SKG.Mechanism)), SKG.agent, ENT["target/tdo2"]))
    g.add((ENT["target/tdo2"], RDFS.label, Literal("TDO")))
    assert _precision(g) == 1.0
    assert _precision(_graph(quote, "target/pd-1", "drug/epacadostat")) == 0.0  # not its target


def test_the_phenotype_passes_when_the_quote_names_one_of_its_states() -> None:
    cold = 'Velotucimab converted "cold" sarcomas into hot tumours.'
    assert _precision(_graph(cold, "process/tumor-immune-phenotype")) == 1.0
    assert _precision(_graph("Velotucimab converted sarcomas into responsive tumours.",
                             "process/tumor-immune-phenotype")) == 0.0
