"""Aliases a document defines: abbreviation definitions and "name (synonym)"."""

from __future__ import annotations

import hashlib
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from extract_helpers import annotated, assert_quotes_exact, corpus_document, doc_of, ref
from sarckg.corpus import split_document
from sarckg.extract import aliases
from sarckg.extract.base import AnnotatedSentence, ExtractionContext
from sarckg.extract.entities import annotate
from sarckg.graph.statements_rdf import add_statement
from sarckg.graph.terms import entity_iri
from sarckg.model import AliasDefinition, Document
from sarckg.namespaces import SKG


def _aliases_of(text: str) -> set[tuple[str, str]]:
    """Run the real matcher and abbreviation finder on a one-paragraph document."""
    document = Document("alias-doc", "alias.txt", text, hashlib.sha256(text.encode()).hexdigest())
    doc = annotate(document, split_document(document))
    found = list(aliases.extract(doc))
    for s in found:
        assert s.evidence.extractor == "aliases"
        assert text[s.evidence.start:s.evidence.end] == s.evidence.quote
    return {(s.entity.key, s.alias) for s in found}


def test_defined_abbreviations_of_classes_drugs_and_subtypes() -> None:
    text = ("Angiogenesis inhibitors (AIs) and immune checkpoint inhibitors (ICIs) were given to "
            "patients with alveolar soft part sarcoma (ASPS).")
    assert _aliases_of(text) == {
        ("class/AngiogenesisInhibitor", "AIs"), ("class/ImmuneCheckpointInhibitor", "ICIs"),
        ("subtype/alveolar-soft-part-sarcoma", "ASPS")}


def test_a_short_form_of_a_longer_phrase_is_not_an_alias_of_its_tail() -> None:
    # "mSTS" abbreviates "metastatic soft tissue sarcoma": not a name of soft tissue sarcoma
    text = "Eribulin was studied in metastatic soft tissue sarcoma (mSTS) in a phase II trial."
    assert not any(alias == "mSTS" for _, alias in _aliases_of(text))


def test_vocabulary_synonym_in_parentheses_after_the_name() -> None:
    text = "Afamitresgene autoleucel (afami-cel) targets MAGE-A4, and B7-H3 (CD276) is overexpressed."
    found = _aliases_of(text)
    assert ("drug/afamitresgene-autoleucel", "afami-cel") in found
    assert ("target/b7-h3", "CD276") in found
    assert ("drug/afamitresgene-autoleucel", "Afamitresgene autoleucel") not in found  # its label
    # the code first, the name in parentheses: the code is the alias
    assert _aliases_of("Anlotinib plus TQB2450 (benmelstobart) was active.") == {("drug/benmelstobart", "TQB2450")}


def test_invented_names_through_the_annotated_sentence() -> None:
    zelo = ref("drug/zelorimab", in_vocabulary=False)
    sentence = annotated("Zelorimab (ZLM) and fictinib were combined.",
                         [("Zelorimab", zelo), ("ZLM", zelo), ("fictinib", ref("drug/fictinib"))])
    study = sentence.context.own_study
    defined = AnnotatedSentence(sentence.document, sentence.sentence, sentence.mentions,
                                ExtractionContext(own_study=study, abbreviations={"ZLM": zelo}))
    assert list(aliases.defined_abbreviations(defined)) == [(zelo, "ZLM")]
    # the same short form resolved to another entity by the document is not this sentence's alias
    moved = AnnotatedSentence(sentence.document, sentence.sentence, sentence.mentions,
                              ExtractionContext(own_study=study, abbreviations={"ZLM": ref("drug/fictinib")}))
    assert list(aliases.defined_abbreviations(moved)) == []


def test_two_different_entities_in_parentheses_are_no_alias() -> None:
    sentence = annotated("Pembrolizumab (nivolumab) was not given.",
                         [("Pembrolizumab", ref("drug/pembrolizumab")), ("nivolumab", ref("drug/nivolumab"))])
    assert list(aliases.parenthesised_synonyms(sentence)) == []
    assert list(aliases.extract(doc_of(sentence))) == []


def test_reference_entries_define_nothing() -> None:
    zelo = ref("drug/zelorimab")
    sentence = annotated("Zelorimab (ZLM-12) in sarcoma. J Clin Oncol. 2020.",
                         [("Zelorimab", zelo), ("ZLM-12", zelo)], zone="reference")
    assert list(aliases.extract(doc_of(sentence))) == []


def test_corpus_aliases_are_the_documents_definitions() -> None:
    review = list(aliases.extract(corpus_document("003")))
    found = {(s.entity.key, s.alias) for s in review}
    assert {("drug/letetresgene-autoleucel", "lete-cel"), ("drug/afamitresgene-autoleucel", "afami-cel"),
            ("target/b7-h3", "CD276"), ("drug/talimogene-laherparepvec", "T-VEC"),
            ("class/ImmuneCheckpointInhibitor", "ICIs"), ("class/OncolyticVirus", "OVs")} <= found
    real_world = {(s.entity.key, s.alias) for s in aliases.extract(corpus_document("002"))}
    assert ("class/AngiogenesisInhibitor", "AIs") in real_world
    assert_quotes_exact(review)
    for s in review:  # the alias is written in the quote it is read from
        assert s.alias in s.evidence.quote


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_corpus_alias_is_a_short_form_or_vocabulary_synonym(prefix: str) -> None:
    for s in aliases.extract(corpus_document(prefix)):
        assert isinstance(s, AliasDefinition) and s.alias and s.alias != s.entity.label
        quote = re.sub(r"\s+", " ", s.evidence.quote)
        # written in parentheses, before parentheses, or as a legend entry "SF, long form"
        assert re.search(rf"\(\s*{re.escape(s.alias)}|{re.escape(s.alias)}\s*\(|{re.escape(s.alias)},", quote), s


def test_rdf_alias_statement_and_direct_edge() -> None:
    sentence = annotated("Angiogenesis inhibitors (AIs) work.", [])
    entity = ref("class/AngiogenesisInhibitor", label="angiogenesis inhibitor")
    statement = AliasDefinition(evidence=sentence.evidence("aliases"), entity=entity, alias="AIs")
    g = Graph()
    node = URIRef("https://w3id.org/sarckg/statement/alias/x")
    add_statement(g, node, statement)
    assert (node, RDF.type, SKG.AliasStatement) in g
    assert (node, SKG.entity, entity_iri(entity)) in g
    assert (node, SKG.alias, Literal("AIs")) in g
    assert (entity_iri(entity), SKOS.altLabel, None) not in g  # a class's names live in the ontology
    drug = ref("drug/afamitresgene-autoleucel")
    other = URIRef("https://w3id.org/sarckg/statement/alias/y")
    add_statement(g, other, AliasDefinition(evidence=statement.evidence, entity=drug, alias="afami-cel"))
    assert (entity_iri(drug), SKOS.altLabel, Literal("afami-cel")) in g


def test_key_merges_the_same_alias_from_two_sentences() -> None:
    entity = ref("subtype/alveolar-soft-part-sarcoma")
    one = AliasDefinition(evidence=annotated("a (ASPS)", []).evidence("aliases"), entity=entity, alias="ASPS")
    two = AliasDefinition(evidence=annotated("b (ASPS).", []).evidence("aliases"), entity=entity, alias="ASPS")
    assert one.key() == two.key() == ("alias", entity.key, "ASPS")


def test_development_code_in_parentheses_names_the_drug() -> None:
    zelo = ref("drug/zelorimab", in_vocabulary=False)
    found = set(aliases.development_codes(annotated("Zelorimab (ZL-1234) was given.", [("Zelorimab", zelo)])))
    assert found == {(zelo, "ZL-1234")}
    found = set(aliases.development_codes(annotated("ZLB5678 (zelorimab) was given.", [("zelorimab", zelo)])))
    assert found == {(zelo, "ZLB5678")}
    # not a code: a dose, a count, a trial the matcher already names, or a code of no drug
    trial = ref("study/zl-2020")
    for text, entities in (("Zelorimab (200 mg) was given.", [("Zelorimab", zelo)]),
                           ("Zelorimab (n = 12) was given.", [("Zelorimab", zelo)]),
                           ("Zelorimab (ZL-2020) was given.", [("Zelorimab", zelo), ("ZL-2020", trial)]),
                           ("The trial (ZL-1234) enrolled adults.", []),
                           ("Zelorimab (CD276) was given.", [("Zelorimab", zelo)]),
                           ("Zelorimab (IL-12) was given.", [("Zelorimab", zelo)]),
                           ("Zelorimab (HLA-A02) was given.", [("Zelorimab", zelo)]),
                           # shorter than the matcher's code names (two digits): no code
                           ("Zelorimab (ZL-12) was given.", [("Zelorimab", zelo)])):
        assert not list(aliases.development_codes(annotated(text, entities))), text
