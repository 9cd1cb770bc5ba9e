"""Negation, hedging and direction cues; also the hand-built sentences the extractor tests share."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence, ExtractionContext
from sarckg.model import Document, EntityRef, Mention, Sentence, slugify

_FOLDER_CATEGORY = {
    "drug": "Drug", "target": "Target", "subtype": "SarcomaSubtype", "population": "Population",
    "biomarker": "Biomarker", "celltype": "CellType", "process": "Process", "fusion": "GeneFusion",
    "class": "DrugClass", "adverseevent": "AdverseEvent", "study": "Study",
}


def ref(key: str, *types: str, label: str | None = None, in_vocabulary: bool = True) -> EntityRef:
    """An entity from its key: ``ref("drug/pembrolizumab", "PD1Inhibitor")``."""
    folder, slug = key.split("/", 1)
    category = _FOLDER_CATEGORY[folder]
    if folder == "class":
        types = (slug, *types)
    return EntityRef(key, label or slug.replace("-", " "), category, types, in_vocabulary)


def annotated(text: str, entities: list[tuple[str, EntityRef]], *, zone: str = "body",
              doc_text: str | None = None, start: int = 0) -> AnnotatedSentence:
    """A sentence with a mention at every occurrence of each surface (longest first)."""
    full = doc_text if doc_text is not None else text
    document = Document("test-doc", "test.txt", full, hashlib.sha256(full.encode()).hexdigest())
    sentence = Sentence("test-doc", 0, start, start + len(text), text,
                        tuple(range(start, start + len(text))), zone)  # type: ignore[arg-type]
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for surface, entity in sorted(entities, key=lambda e: -len(e[0])):
        for m in re.finditer(re.escape(surface), text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            mentions.append(Mention(entity, m.start(), m.end(), surface))
    mentions.sort(key=lambda m: (m.start, m.end))
    context = ExtractionContext(own_study=EntityRef("study/test-doc", "test", "Study"))
    return AnnotatedSentence(document, sentence, tuple(mentions), context)


def doc_of(*sentences: AnnotatedSentence) -> AnnotatedDocument:
    """A document of hand-built sentences (each sentence keeps its own document text)."""
    return AnnotatedDocument(sentences[0].document, tuple(sentences), sentences[0].context)


def subtype(label: str) -> EntityRef:
    return ref(f"subtype/{slugify(label)}", label=label)


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@lru_cache(maxsize=1)
def _corpus() -> tuple[Document, ...]:
    from sarckg.corpus import read_corpus

    return tuple(read_corpus(CORPUS).documents)


@lru_cache(maxsize=8)
def corpus_document(prefix: str) -> AnnotatedDocument:
    """A paper of the real corpus (by file-name prefix), split and annotated as the pipeline does."""
    from sarckg.corpus import split_document
    from sarckg.extract.entities import annotate

    (document,) = [d for d in _corpus() if d.file_name.startswith(prefix)]
    return annotate(document, split_document(document))


def assert_quotes_exact(statements: list) -> None:
    """Every statement quotes its whole sentence exactly at its offsets in the file."""
    for s in statements:
        doc = corpus_document_by_id(s.evidence.doc_id)
        assert doc.document.text[s.evidence.start:s.evidence.end] == s.evidence.quote


def assert_entities_mentioned(statement: object, *fields: str) -> None:
    """The statement's entities are mentioned in the very sentence it quotes (precision)."""
    from sarckg.extract.lexicon import compact
    from sarckg.extract.subtypes import fusion_mentions

    evidence = statement.evidence  # type: ignore[attr-defined]
    doc = corpus_document_by_id(evidence.doc_id)
    (sentence,) = [s for s in doc.sentences if s.sentence.index == evidence.sentence_index]
    keys = {m.entity.key for m in (*sentence.mentions, *fusion_mentions(sentence))}
    for name in fields:
        entity = getattr(statement, name)
        if entity is not None and entity.in_vocabulary:
            named = entity.key in keys or compact(entity.label) in compact(sentence.text)
            assert named, (name, entity.key, evidence.quote)


def corpus_document_by_id(doc_id: str) -> AnnotatedDocument:
    (document,) = [d for d in _corpus() if d.doc_id == doc_id]
    return corpus_document(document.file_name[:3])


# --------------------------------------------------------------------------- lexicon


def test_lexicon_reads_value_sets_from_the_ontology() -> None:
    lexicon = cues.load_lexicon()
    assert {"Increases", "Decreases", "Normalizes", "Converts"} <= set(lexicon.effects)
    assert {"ImmunologicallyHot", "PotentiallySensitive", "HarboursFusion"} <= set(lexicon.traits)
    assert set(lexicon.outcomes) == {"Response", "Survival", "Prognosis", "Recurrence"}
    found = lexicon.find(lexicon.effects, "it reduces macrophages and is normalizing vessels")
    assert [name for name, _, _ in found] == ["Decreases", "Normalizes"]


def test_phrase_pattern_tolerates_quotes_hyphens_plurals_and_keeps_acronym_case() -> None:
    pattern = cues.phrase_pattern(["immunologically hot", "PD", "clinical response"])
    assert pattern is not None
    assert pattern.search("an immunologically “hot” phenotype")
    assert pattern.search("improved clinical-responses")
    assert pattern.search("in PD patients")
    assert not pattern.search("anti-PD-1 therapy")
    assert not pattern.search("a pd value")


# --------------------------------------------------------------------------- negation, hedging


@pytest.mark.parametrize(
    ("text", "entity", "negated"),
    [
        ("There was no association between TMB and response.", "TMB", True),
        ("TMB did not correlate with survival.", "TMB", True),
        ("Higher TMB, but not PD-L1 expression, predicted response.", "PD-L1", True),
        ("Higher TMB, but not PD-L1 expression, predicted response.", "TMB", False),
        ("It was difficult to find a significant association of MSI with benefit.", "MSI", True),
        ("TMB correlated with response; no toxicity was seen.", "TMB", False),
    ],
)
def test_negation_scope(text: str, entity: str, negated: bool) -> None:
    start = text.index(entity)
    assert cues.is_negated(text, start, start + len(entity)) is negated


def test_hedging_is_clause_scoped() -> None:
    text = "TLS correlated with response, suggesting that B cells may matter."
    assert cues.is_hedged(text)
    assert not cues.is_hedged(text, text.index("TLS"))
    assert cues.is_hedged(text, text.index("B cells"))
    assert cues.is_hedged("PD-L1 is only modestly predictive of response.", 0)


# --------------------------------------------------------------------------- direction


@pytest.mark.parametrize(
    ("text", "entity", "sign"),
    [
        ("higher TMB was seen", "TMB", 1),
        ("elevated PD-L1 expression", "PD-L1", 1),
        ("low TMB tumours", "TMB", -1),
        ("TMB-high tumours", "TMB", 1),
        ("tumours where PD-L1 levels were reduced", "PD-L1", -1),
        ("PD-L1 was measured", "PD-L1", 0),
    ],
)
def test_amount_sign(text: str, entity: str, sign: int) -> None:
    start = text.index(entity)
    assert cues.amount_sign(text, start, start + len(entity)) == sign


@pytest.mark.parametrize(
    ("phrase", "sign"),
    [
        ("with improved overall survival", 1),
        ("a worse prognosis", -1),
        ("with an increased risk of local recurrence", -1),
        ("with reduced disease-free survival", -1),
        ("ICI efficacy", 1),
        ("survival", 0),
    ],
)
def test_outcome_sign(phrase: str, sign: int) -> None:
    assert cues.outcome_sign(phrase) == sign


def test_relation_and_group_signs() -> None:
    lexicon = cues.load_lexicon()
    assert cues.relation_sign("was inversely correlated with efficacy") == -1
    assert cues.relation_sign("was positively correlated with efficacy") == 1
    assert cues.group_sign(lexicon, "progressive disease (PD) patients") == -1
    assert cues.group_sign(lexicon, "PR patients") == 1
    assert cues.group_sign(lexicon, "non-responders") == -1
    assert cues.group_sign(lexicon, "all patients") == 0


def test_clauses_split_at_subordinate_words_but_not_at_but_not() -> None:
    text = "A rose, but not B, while C fell; D stayed"
    parts = [text[s:e].strip(" ,;") for s, e in cues.clauses(text)]
    assert parts == ["A rose, but not B", "while C fell", "D stayed"]


# --------------------------------------------------------------------------- real corpus


@pytest.mark.slow
def test_cues_on_a_real_sentence_with_negated_list() -> None:
    doc = corpus_document("004")
    (sentence,) = [s for s in doc.sentences if "there was no association between TMB" in s.text]
    text = sentence.text
    tmb = text.index("TMB")
    assert cues.is_negated(text, tmb, tmb + 3)
    assert not cues.is_hedged(text, tmb)


# --------------------------------------------------------------------------- robustness

_WORDS = ["TMB", "PD-L1", "lenvatinib", "UPS", "high", "low", "not", "no association between", "with",
          "improved", "worse", "survival", "response", "reduces", "increases", "by", "via", "(", ")",
          ",", "and", "in", "PD", "PR", "patients", "ABC1-XYZ2 fusion", "harbors", "is", "a", "rare",
          "anti-", "inhibitor", "such as", "≥", "10", "%", "of", "than", "mutations per Mb", ";"]
_ENTITIES = {"TMB": "biomarker/tumor-mutational-burden", "PD-L1": "target/pd-l1",
             "lenvatinib": "drug/lenvatinib", "UPS": "subtype/ups"}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=30))
def test_extractors_never_crash_and_always_quote_the_sentence(words: list[str]) -> None:
    from sarckg.extract import biomarkers, drugs, mechanisms, subtypes

    text = " ".join(words)
    sentence = annotated(text, [(w, ref(k)) for w, k in _ENTITIES.items()])
    doc = doc_of(sentence)
    for module in (biomarkers, drugs, mechanisms, subtypes):
        for statement in module.extract(doc):
            assert statement.evidence.quote == text
