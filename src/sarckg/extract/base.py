"""The extractor interface: an annotated document in, statements out."""

from __future__ import annotations

from bisect import bisect_left
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

    @property
    def raw(self) -> str:
        """The sentence as it stands in the file (line breaks, tabs and citation marks kept)."""
        return self.document.text[self.sentence.start : self.sentence.end]

    def of_category(self, *categories: str) -> list[Mention]:
        """Mentions whose entity has one of these categories or types."""
        wanted = set(categories)
        return [
            m for m in self.mentions
            if m.entity.category in wanted or wanted.intersection(m.entity.types)
        ]

    def evidence(
        self, extractor: str, *, antecedent: AnnotatedSentence | None = None, **flags: object
    ) -> Evidence:
        """Evidence quoting this whole sentence exactly as it stands in the file; with an
        ``antecedent`` (the sentence just before, where an entity of the statement is named),
        the quote runs from the start of that sentence to the end of this one."""
        s = self.sentence
        start = s.start
        if antecedent is not None:
            if antecedent.sentence.doc_id != s.doc_id or antecedent.sentence.index >= s.index:
                raise ValueError("an antecedent is an earlier sentence of the same document")
            start = antecedent.sentence.start
            values_antecedent: int | None = antecedent.sentence.index
        else:
            values_antecedent = None
        ctx = self.context
        is_citation = s.zone == "reference"
        values: dict[str, object] = {
            "study_design": "cited study" if is_citation else ctx.study_design,
            "cohort_size": None if is_citation else ctx.cohort_size,
            "is_citation": is_citation,
            "secondary": is_citation or ctx.study_design == "review",
            "antecedent_index": values_antecedent,
        }
        values.update(flags)
        return Evidence(
            doc_id=s.doc_id,
            sentence_index=s.index,
            start=start,
            end=s.end,
            quote=self.document.text[start : s.end],
            zone=s.zone,
            section=s.section,
            extractor=extractor,
            **values,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class AnnotatedDocument:
    """A document's mined sentences in file order (ascending index and start offset), so
    neighbours and the sentence holding an offset are found by bisection."""

    document: Document
    sentences: tuple[AnnotatedSentence, ...]
    context: ExtractionContext

    def previous(self, annotated: AnnotatedSentence) -> AnnotatedSentence | None:
        """The sentence just before ``annotated`` in the same zone and section (where an
        anaphor such as "It" or "This synergy" finds its antecedent), or None."""
        own = annotated.sentence
        at = bisect_left(self.sentences, own.index - 1, key=lambda a: a.sentence.index)
        if at == len(self.sentences):
            return None
        candidate = self.sentences[at]
        s = candidate.sentence
        if s.index == own.index - 1 and s.zone == own.zone and s.section == own.section:
            return candidate
        return None


Extractor = Callable[[AnnotatedDocument], Iterable[Statement]]
