"""Adverse-event names keep their breadth: an organ-level term ("thyroid dysfunction", "renal
insufficiency", "liver dysfunction") names its own broad event, never a narrower one
(hypothyroidism, acute kidney injury, hepatitis) the text does not say."""

from __future__ import annotations

import re

import pytest

from sarckg.extract import adverse_events
from sarckg.extract.entities import default_lexicon
from sarckg.graph.ontology_files import load_vocabulary
from sarckg.namespaces import SKG

#: words that name a disturbed function or organ harm without saying which kind
_BROAD = re.compile(r"\b(?:dysfunction|insufficiency|inadequacy|impairment|abnormal|failure)\b", re.IGNORECASE)
#: label words of events at least as broad ("cardiotoxicity", "adrenal insufficiency")
_BROAD_LABEL = re.compile(r"dysfunction|insufficiency|impairment|abnormal|toxicity|failure|injury", re.IGNORECASE)


def test_broad_organ_terms_are_never_synonyms_of_a_narrower_event() -> None:
    from rdflib import RDF, RDFS, SKOS

    vocabulary = load_vocabulary()
    narrowed = []
    for event in vocabulary.subjects(RDF.type, SKG.AdverseEvent):
        label = str(vocabulary.value(event, RDFS.label))
        for alt in map(str, vocabulary.objects(event, SKOS.altLabel)):
            if _BROAD.search(alt) and not _BROAD_LABEL.search(label) and "function" not in label:
                narrowed.append((label, alt))
    assert narrowed == []


@pytest.mark.parametrize(("name", "key"), [
    ("Thyroid dysfunction", "adverseevent/thyroid-dysfunction"),
    ("hypothyroidism", "adverseevent/hypothyroidism"),
    ("Renal inadequacy", "adverseevent/renal-insufficiency"),
    ("renal failure", "adverseevent/renal-insufficiency"),
    ("acute kidney injury", "adverseevent/acute-kidney-injury"),
    ("Hypohepatia", "adverseevent/hepatic-dysfunction"),
    ("Abnormal liver function", "adverseevent/hepatic-dysfunction"),
    ("immune-related hepatitis", "adverseevent/hepatitis"),
    ("hepatotoxicity", "adverseevent/hepatotoxicity"),
    ("elevated transaminases", "adverseevent/transaminases-increased"),
])
def test_each_name_reaches_the_event_of_its_own_breadth(name: str, key: str) -> None:
    assert {e.key for e in default_lexicon().lookup(name)} == {key}


@pytest.mark.slow
def test_corpus_hypohepatia_is_liver_dysfunction_not_hepatitis() -> None:
    from extract_helpers import corpus_document

    found = {r.event.key for r in adverse_events.extract(corpus_document("004")) if "hypohepatia" in r.evidence.quote}
    assert "adverseevent/hepatic-dysfunction" in found
    assert "adverseevent/hepatitis" not in found
