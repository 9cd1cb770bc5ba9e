"""The typed hand-offs between pipeline stages.

corpus -> ``Document`` and ``Sentence``; extract -> ``Mention`` and ``Statement`` subclasses,
each carrying one ``Evidence``; assemble -> ``Assertion`` (one fact, many evidences);
graph -> RDF. All frozen, so a stage can never edit what an earlier one produced.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Literal

Zone = Literal["title", "abstract", "body", "table", "caption", "reference", "furniture"]
Direction = Literal["positive", "negative", "none"]
Polarity = Literal["supports", "disputes"]

#: Zones whose sentences are mined for statements; furniture is never mined.
MINED_ZONES: frozenset[str] = frozenset({"title", "abstract", "body", "table", "caption", "reference"})


def slugify(text: str) -> str:
    """A stable, readable IRI segment: ``"PD-L1 (22C3)"`` -> ``"pd-l1-22c3"``."""
    text = unicodedata.normalize("NFKD", text)
    text = text.replace("+", " plus ").replace("α", "alpha").replace("β", "beta").replace("γ", "gamma")
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "x"


def short_hash(*parts: object, length: int = 16) -> str:
    """A content hash for IRIs of things with no natural name (statements, evidence)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Document:
    """One source file, as read. ``text`` is the file's exact content (offsets index into it)."""

    doc_id: str  # stable slug: from the DOI when stated, else "sha-" + content hash prefix
    file_name: str
    text: str
    sha256: str
    title: str | None = None
    doi: str | None = None
    year: int | None = None
    media_type: str = "text/plain"


@dataclass(frozen=True)
class Sentence:
    """A sentence (or one table row) with offsets into ``Document.text``.

    ``text`` is the normalized form used for matching (hyphenation joined, markup stripped);
    ``raw_offsets[i]`` is the offset in the original file of ``text[i]``, so any span of
    ``text`` maps back to the file with :meth:`raw_span`.
    """

    doc_id: str
    index: int
    start: int  # offset of the first character in Document.text
    end: int  # offset after the last character in Document.text
    text: str
    raw_offsets: tuple[int, ...]
    zone: Zone = "body"
    section: str = ""

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``text[start:end]`` to ``(raw_start, raw_end)`` in the original document."""
        if not self.text:
            return self.start, self.end
        end = max(end, start + 1)
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True, order=True)
class EntityRef:
    """A thing the graph names: its IRI is ``ENT[key]``.

    ``key`` is ``"<category>/<slug>"`` (e.g. ``"drug/pembrolizumab"``,
    ``"subtype/undifferentiated-pleomorphic-sarcoma"``). ``category`` is the local name of
    its ontology class (``Drug``, ``SarcomaSubtype``, ...); ``types`` adds finer classes
    (``ImmuneCheckpointInhibitor``). ``in_vocabulary`` is False for names found only in text
    (an INN stem, a defined abbreviation, an NCT number).
    """

    key: str
    label: str
    category: str
    types: tuple[str, ...] = ()
    in_vocabulary: bool = True


@dataclass(frozen=True)
class Mention:
    """An entity recognised in a sentence; ``start``/``end`` index ``Sentence.text``."""

    entity: EntityRef
    start: int
    end: int
    text: str
    via: Literal["vocabulary", "abbreviation", "stem", "pattern"] = "vocabulary"


@dataclass(frozen=True, order=True)
class Regimen:
    """A combination of agents (drugs or drug classes), ordered by nothing."""

    components: tuple[EntityRef, ...]  # sorted by key; use Regimen.of(...)

    @staticmethod
    def of(*agents: EntityRef) -> Regimen:
        unique = {a.key: a for a in agents}
        return Regimen(tuple(sorted(unique.values(), key=lambda a: a.key)))

    @property
    def key(self) -> str:
        return "regimen/" + "--".join(c.key.split("/", 1)[1] for c in self.components)

    @property
    def label(self) -> str:
        return " + ".join(c.label for c in self.components)


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """Where a statement was read: the exact quote at its offsets in its document."""

    doc_id: str
    sentence_index: int
    start: int  # offsets in Document.text; Document.text[start:end] == quote
    end: int
    quote: str
    zone: Zone = "body"
    section: str = ""
    extractor: str = ""
    negated: bool = False
    hedged: bool = False
    polarity: Polarity = "supports"
    is_citation: bool = False  # read from a reference list entry, not the paper's own finding
    curated: bool = False
    secondary: bool = False  # a review restating another study
    cites_study: str | None = None  # EntityRef.key of the study restated, when named
    study_design: str | None = None  # e.g. "retrospective cohort", "case report", "review"
    cohort_size: int | None = None
    # the sentence before ``sentence_index`` that the quote also covers, when an entity of the
    # statement is named only there ("Trabectedin ... . It can destroy ...")
    antecedent_index: int | None = None


# --------------------------------------------------------------------------- statements


def _key_part(value: object) -> object:
    if isinstance(value, EntityRef | Regimen):
        return value.key
    return value


@dataclass(frozen=True)
class Statement:
    """Base of every extracted fact. ``kind`` names it; ``key()`` identifies the fact
    regardless of where it was read, so assembly can merge duplicates."""

    evidence: Evidence = field(compare=False)

    kind: str = field(default="statement", init=False, compare=False)

    def key(self) -> tuple[object, ...]:
        """The fact without its evidence; entities and regimens by their stable keys."""
        return (self.kind, *(_key_part(getattr(self, f.name)) for f in fields(self) if f.compare))


@dataclass(frozen=True)
class DrugTarget(Statement):
    drug: EntityRef = field(kw_only=True)
    target: EntityRef = field(kw_only=True)
    kind: str = field(default="drug_target", init=False, compare=False)


@dataclass(frozen=True)
class DrugClassMembership(Statement):
    drug: EntityRef = field(kw_only=True)
    drug_class: str = field(kw_only=True)  # ontology class local name, e.g. "AngiogenesisInhibitor"
    kind: str = field(default="drug_class", init=False, compare=False)


@dataclass(frozen=True)
class RegimenComponents(Statement):
    regimen: Regimen = field(kw_only=True)
    kind: str = field(default="regimen", init=False, compare=False)


@dataclass(frozen=True)
class RegimenStudied(Statement):
    """A regimen given in a subtype or population, within a study."""

    regimen: Regimen = field(kw_only=True)
    population: EntityRef | None = field(default=None, kw_only=True)
    study: EntityRef | None = field(default=None, kw_only=True)
    kind: str = field(default="regimen_studied", init=False, compare=False)


@dataclass(frozen=True)
class OutcomeMeasurement(Statement):
    """A reported number: ``measure`` is an ``skg:OutcomeMeasure`` local name
    (``ORR``, ``DCR``, ``MedianPFS``, ``MedianOS``, ``PFSRate``, ``OSRate``, ``CompleteResponse``,
    ``PartialResponse``, ``StableDisease``, ``ProgressiveDisease``, ``PathologicResponse``,
    ``DurationOfResponse``, ``MedianFollowUp``)."""

    measure: str = field(kw_only=True)
    regimen: Regimen | None = field(default=None, kw_only=True)
    population: EntityRef | None = field(default=None, kw_only=True)
    study: EntityRef | None = field(default=None, kw_only=True)
    value: Decimal | None = field(default=None, kw_only=True)  # None with not_reached
    unit: str | None = field(default=None, kw_only=True)  # "%", "months", "weeks", "patients"
    numerator: int | None = field(default=None, kw_only=True)
    denominator: int | None = field(default=None, kw_only=True)
    ci_low: Decimal | None = field(default=None, kw_only=True)
    ci_high: Decimal | None = field(default=None, kw_only=True)
    ci_level: Decimal | None = field(default=None, kw_only=True)  # 95 for a 95% CI
    timepoint: Decimal | None = field(default=None, kw_only=True)  # 12 for "PFS rate at 12 months"
    timepoint_unit: str | None = field(default=None, kw_only=True)
    not_reached: bool = field(default=False, kw_only=True)
    line_of_therapy: str | None = field(default=None, kw_only=True)  # e.g. "<=2 lines", "second line"
    kind: str = field(default="outcome", init=False, compare=False)


@dataclass(frozen=True)
class BiomarkerAssociation(Statement):
    """A biomarker linked to an outcome. ``direction``: positive means more of the
    biomarker goes with a better outcome; ``none`` is a reported absence of association."""

    biomarker: EntityRef = field(kw_only=True)
    outcome: str = field(kw_only=True)  # "response", "survival", "prognosis", "recurrence"
    direction: Direction = field(kw_only=True)
    subtype: EntityRef | None = field(default=None, kw_only=True)
    context: Regimen | None = field(default=None, kw_only=True)  # therapy context
    kind: str = field(default="biomarker_association", init=False, compare=False)


@dataclass(frozen=True)
class BiomarkerMeasurement(Statement):
    """A threshold, prevalence or level of a biomarker, with how it was measured."""

    biomarker: EntityRef = field(kw_only=True)
    property: str = field(kw_only=True)  # "threshold", "prevalence", "level", "higher", "lower"
    subtype: EntityRef | None = field(default=None, kw_only=True)
    value: Decimal | None = field(default=None, kw_only=True)
    value_high: Decimal | None = field(default=None, kw_only=True)  # for ranges "12-23%"
    unit: str | None = field(default=None, kw_only=True)
    comparator: str | None = field(default=None, kw_only=True)  # ">=", ">", "<"
    assay: str | None = field(default=None, kw_only=True)  # "22C3", "SP263", "whole exome"
    kind: str = field(default="biomarker_measurement", init=False, compare=False)


@dataclass(frozen=True)
class Mechanism(Statement):
    """agent -effect-> object, e.g. lenvatinib decreases tumour-associated macrophages.
    ``effect`` is an ``skg:Effect`` local name: Increases, Decreases, Activates, Inhibits,
    Normalizes, Suppresses, Upregulates, Downregulates, Converts, Binds, Promotes, Secretes,
    Expresses (a cell expresses a marker; not causal). The agent is
    a ``Regimen`` when a combination acts ("This synergy [of A with B] ... normalizes ...")."""

    agent: EntityRef | Regimen = field(kw_only=True)
    effect: str = field(kw_only=True)
    object: EntityRef = field(kw_only=True)
    via: EntityRef | None = field(default=None, kw_only=True)
    kind: str = field(default="mechanism", init=False, compare=False)


@dataclass(frozen=True)
class StatedMechanism(Mechanism):
    """A mechanism whose object the quote names through another entity, ``stated_as``
    (``skg:statedAs``): a process nominal that decomposes to the object ("promotes
    immunosuppression": suppresses antitumour immunity), or a drug whose target the object is.
    The object follows from it by the vocabulary, so the evidence stays auditable."""

    stated_as: EntityRef = field(kw_only=True)


@dataclass(frozen=True)
class AdverseEventReport(Statement):
    regimen: Regimen | None = field(kw_only=True)  # drugs or drug classes given
    event: EntityRef = field(kw_only=True)
    grade: str | None = field(default=None, kw_only=True)  # "any", "3-4", ">=3", "1-2"
    percent: Decimal | None = field(default=None, kw_only=True)
    count: int | None = field(default=None, kw_only=True)
    denominator: int | None = field(default=None, kw_only=True)
    study: EntityRef | None = field(default=None, kw_only=True)
    kind: str = field(default="adverse_event", init=False, compare=False)


@dataclass(frozen=True)
class SubtypeProperty(Statement):
    """A property of a subtype: ``trait`` is an ``skg:SubtypeTrait`` local name
    (ImmunologicallyHot, ImmunologicallyCold, PotentiallySensitive, TranslocationDriven,
    ChemotherapyResistant, HighTMB, LowTMB, ...) or ``related`` names an entity it harbours."""

    subtype: EntityRef = field(kw_only=True)
    trait: str = field(kw_only=True)
    related: EntityRef | None = field(default=None, kw_only=True)  # e.g. a fusion
    # "over 30 histologic subtypes": how many histological subtypes it comprises, and how the count
    # is qualified (">" more than/over, ">=" at least, "<"/"<=" fewer than/up to, "~" about, "=" exactly)
    subtype_count: int | None = field(default=None, kw_only=True)
    count_comparator: str | None = field(default=None, kw_only=True)
    kind: str = field(default="subtype_property", init=False, compare=False)


@dataclass(frozen=True)
class StudyDescription(Statement):
    """A study or trial: NCT id, phase, design, agents, population, size."""

    study: EntityRef = field(kw_only=True)
    nct_id: str | None = field(default=None, kw_only=True)
    phase: str | None = field(default=None, kw_only=True)  # "1", "2", "1/2", "3"
    design: str | None = field(default=None, kw_only=True)
    regimen: Regimen | None = field(default=None, kw_only=True)
    population: EntityRef | None = field(default=None, kw_only=True)
    size: int | None = field(default=None, kw_only=True)
    kind: str = field(default="study", init=False, compare=False)


@dataclass(frozen=True)
class PatientObservation(Statement):
    """One observed attribute of an anonymous patient (a code as in the paper)."""

    patient: EntityRef = field(kw_only=True)
    attribute: str = field(kw_only=True)  # "subtype", "treatment", "response_8w", "PD-L1", "TMB", ...
    value: str = field(kw_only=True)
    number: Decimal | None = field(default=None, kw_only=True)
    unit: str | None = field(default=None, kw_only=True)
    related: EntityRef | None = field(default=None, kw_only=True)  # the subtype, drug, biomarker
    study: EntityRef | None = field(default=None, kw_only=True)
    kind: str = field(default="patient_observation", init=False, compare=False)


@dataclass(frozen=True)
class AliasDefinition(Statement):
    """A document defines a short form or synonym for an entity ("angiogenesis inhibitors
    (AIs)"): the alias means ``entity`` in that document (drug, class, target, subtype, ...)."""

    entity: EntityRef = field(kw_only=True)
    alias: str = field(kw_only=True)  # as written in the defining sentence
    kind: str = field(default="alias", init=False, compare=False)


STATEMENT_TYPES: tuple[type[Statement], ...] = (
    DrugTarget, DrugClassMembership, RegimenComponents, RegimenStudied, OutcomeMeasurement,
    BiomarkerAssociation, BiomarkerMeasurement, Mechanism, AdverseEventReport,
    SubtypeProperty, StudyDescription, PatientObservation, AliasDefinition,
)


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class Assertion:
    """One fact, with every piece of evidence that states it (after assembly)."""

    statement: Statement  # the first-seen representative; its evidence is evidences[0]
    evidences: tuple[Evidence, ...]
    contradicted_by: tuple[str, ...] = ()  # iri_ids of assertions stating the opposite

    @property
    def kind(self) -> str:
        return self.statement.kind

    @property
    def iri_id(self) -> str:
        return f"{self.kind.replace('_', '-')}/{short_hash(*self.statement.key())}"
