"""The extractor interface: an annotated document in, statements out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sarckg.model import Document, EntityRef, Evidence, Mention, Sentence, Statement


@dataclass(frozen=True)
class ExtractionContext:
    """What the whole document tells every sentence: its own study and its abbreviations."""

    own_study: EntityRef
    study_design: str | None = None  # "retrospective cohort", "case report", "review", ...
    cohort_size: int | None = None
    abbreviations: Mapping[str, EntityRef] = field(default_factory=dict)


@dataclass(frozen=True)
class AnnotatedSentence:
    """A sentence with the entities recognised in it (sorted by start)."""

    document: Document
    sentence: Sentence
    mentions: tuple[Mention, ...]
    context: ExtractionContext

    @property
    def text(self) -> str:
        return self.sentence.text

    def of_category(self, *categories: str) -> list[Mention]:
        """Mentions whose entity has one of these categories or types."""
        wanted = set(categories)
        return [
            m for m in self.mentions
            if m.entity.category in wanted or wanted.intersection(m.entity.types)
        ]

    def evidence(self, extractor: str, **flags: object) -> Evidence:
        """Evidence quoting this whole sentence exactly as it stands in the file."""
        s = self.sentence
        ctx = self.context
        is_citation = s.zone == "reference"
        values: dict[str, object] = {
            "study_design": "cited study" if is_citation else ctx.study_design,
            "cohort_size": None if is_citation else ctx.cohort_size,
            "is_citation": is_citation,
            "secondary": is_citation or ctx.study_design == "review",
        }
        values.update(flags)
        return Evidence(
            doc_id=s.doc_id,
            sentence_index=s.index,
            start=s.start,
            end=s.end,
            quote=self.document.text[s.start : s.end],
            zone=s.zone,
            section=s.section,
            extractor=extractor,
            **values,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class AnnotatedDocument:
    document: Document
    sentences: tuple[AnnotatedSentence, ...]
    context: ExtractionContext


Extractor = Callable[[AnnotatedDocument], Iterable[Statement]]
