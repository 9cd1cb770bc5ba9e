"""Entity parameters by label or synonym; "did you mean" for unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from sarckg.namespaces import ENT, SKG
from sarckg.query.catalog import ParamSpec
from sarckg.query.engine import QueryError
from sarckg.query.params import (
    UnknownEntity,
    literal_for,
    name_key,
    parse_assignments,
    resolve_entity,
)
from sarckg.query.store import load_store

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"
SUBTYPES = (str(SKG.SarcomaSubtype), str(SKG.Population))


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


@pytest.mark.parametrize("text", [
    "UPS", "ups", "undifferentiated pleomorphic sarcoma", "Undifferentiated  Pleomorphic-Sarcoma",
    "ent:subtype/undifferentiated-pleomorphic-sarcoma",
    "<https://w3id.org/sarckg/entity/subtype/undifferentiated-pleomorphic-sarcoma>",
])
def test_subtype_by_label_synonym_or_iri(store, text: str) -> None:  # type: ignore[no-untyped-def]
    found = resolve_entity(text, SUBTYPES, store)
    assert found.value == ENT["subtype/undifferentiated-pleomorphic-sarcoma"]
    assert found.matched == "undifferentiated pleomorphic sarcoma"


@pytest.mark.parametrize("text", ["PD-L1", "pd l1", "PDL1", "programmed death-ligand 1",
                                  "Programmed Death Ligand 1"])
def test_biomarker_by_label_or_synonym(store, text: str) -> None:  # type: ignore[no-untyped-def]
    found = resolve_entity(text, (str(SKG.Biomarker),), store)
    assert found.value == ENT["target/pd-l1"]


def test_drug_class_names_resolve_to_the_class_plural_forgiven(store) -> None:  # type: ignore[no-untyped-def]
    assert resolve_entity("angiogenesis inhibitors", (str(SKG.Drug),), store).value == SKG.AngiogenesisInhibitor
    assert resolve_entity("anti-PD-1", (str(SKG.Drug),), store).value == SKG.PD1Inhibitor
    assert resolve_entity("Keytruda", (str(SKG.Drug),), store).value == ENT["drug/pembrolizumab"]


def test_class_restriction_applies(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownEntity):
        resolve_entity("pembrolizumab", SUBTYPES, store)  # a drug is not a subtype


def test_unknown_name_suggests_close_names(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownEntity, match="did you mean") as info:
        resolve_entity("pembrolizumb", (str(SKG.Drug),), store, param="agent")
    assert "pembrolizumab" in info.value.suggestions
    assert "--param agent" in str(info.value)
    with pytest.raises(UnknownEntity) as info:
        resolve_entity("leiomyosarcma", SUBTYPES, store)
    assert info.value.suggestions[0] == "leiomyosarcoma"


def test_name_key_ignores_case_accents_and_punctuation() -> None:
    assert name_key("PD-L1") == name_key("pd l1") == "pdl1"
    assert name_key("Tumour-associated Macrophage") == "tumourassociatedmacrophage"
    assert name_key("IFN-γ") == "ifngamma"
    assert name_key("Café") == "cafe"


def test_literals_and_assignments() -> None:
    number = ParamSpec("threshold", kind="literal", datatype="http://www.w3.org/2001/XMLSchema#decimal")
    assert literal_for(number, "1.5") == Literal("1.5", datatype=URIRef(number.datatype or ""))
    with pytest.raises(QueryError, match="must be a number"):
        literal_for(number, "high")
    assert parse_assignments(["a=b=c", "x= y"]) == {"a": "b=c", "x": " y"}
    with pytest.raises(QueryError, match="name=value"):
        parse_assignments(["novalue"])
