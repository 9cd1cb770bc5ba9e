"""Builders shared by the extractor tests: annotated sentences from text and entities, corpus
documents, and assertions that quotes and entities check out."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

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
    """The statement's entities are mentioned in the sentences it quotes (precision): its own,
    and the antecedent sentence when the quote starts there."""
    from sarckg.extract.lexicon import compact
    from sarckg.extract.subtypes import fusion_mentions

    evidence = statement.evidence  # type: ignore[attr-defined]
    doc = corpus_document_by_id(evidence.doc_id)
    first = evidence.sentence_index if evidence.antecedent_index is None else evidence.antecedent_index
    quoted = [s for s in doc.sentences if first <= s.sentence.index <= evidence.sentence_index]
    assert quoted and quoted[-1].sentence.index == evidence.sentence_index
    keys = {m.entity.key for s in quoted for m in (*s.mentions, *fusion_mentions(s))}
    text = " ".join(s.text for s in quoted)
    for name in fields:
        entity = getattr(statement, name)
        if entity is not None and entity.in_vocabulary:
            named = entity.key in keys or compact(entity.label) in compact(text)
            assert named, (name, entity.key, evidence.quote)


def corpus_document_by_id(doc_id: str) -> AnnotatedDocument:
    (document,) = [d for d in _corpus() if d.doc_id == doc_id]
    return corpus_document(document.file_name[:3])


# --------------------------------------------------------------------------- lexicon
