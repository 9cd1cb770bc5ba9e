"""Names the vocabulary has never seen, recognised by their shape.

Drug names by their INN stem, trials by NCT number or code name next to "trial"/"study",
gene symbols where the context marks them ("MDM2 amplification"), gene fusions
("EWSR1-FLI1 fusion") and one-word subtypes ending in "-sarcoma". Every entity made here
is flagged ``in_vocabulary=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sarckg.model import EntityRef, slugify

#: INN stems (WHO "The use of stems in the selection of INN") -> the classes the stem implies.
INN_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("limab", ("MonoclonalAntibody", "ImmuneCheckpointInhibitor")),
    ("lumab", ("MonoclonalAntibody",)),
    ("mab", ("MonoclonalAntibody",)),
    ("ciclib", ("CDKInhibitor", "TargetedTherapy")),
    ("parib", ("PARPInhibitor", "TargetedTherapy")),
    ("tinib", ("TyrosineKinaseInhibitor", "TargetedTherapy")),
    ("rafenib", ("TyrosineKinaseInhibitor", "TargetedTherapy")),
    ("anib", ("AngiogenesisInhibitor", "TargetedTherapy")),
    ("leucel", ("CellTherapy",)),
    ("temcel", ("CellTherapy",)),
    ("lisib", ("TargetedTherapy",)),
    ("degib", ("TargetedTherapy",)),
    ("zomib", ("TargetedTherapy",)),
    ("rubicin", ("CytotoxicChemotherapy", "Anthracycline")),
    ("tecan", ("CytotoxicChemotherapy",)),
    ("platin", ("CytotoxicChemotherapy",)),
    ("taxel", ("CytotoxicChemotherapy",)),
    ("vec", ("OncolyticVirus",)),
)
_NOT_DRUGS = frozenset({"vec", "leucel"})
_DRUG_WORD_RE = re.compile(r"\b[A-Za-z][a-z\-]{4,}[a-z]\b")
_NCT_RE = re.compile(r"\bNCT\s?\d{8}\b")
_TRIAL_CODE_RE = re.compile(r"\b(?:[A-Z][a-z]+\s)?[A-Z][A-Z-]{0,9}\d{3,6}[A-Z]?\b")
_SENTENCE_WORDS = frozenset({"The", "In", "A", "An", "This", "That", "These", "Our", "Its", "Their",
                             "Of", "For", "From", "With", "And", "Both", "Each", "All", "Phase"})
_TRIAL_WORD_RE = re.compile(r"\b(?:trials?|study|studies|cohort|protocol)\b", re.IGNORECASE)
_GENE_RE = re.compile(
    r"\b([A-Z][A-Z0-9]{1,7})\s+(?=(?:gene\s+)?(?:amplification|amplified|mutations?|mutated|deletion|"
    r"fusions?|rearrangements?|loss|overexpression|alterations?|expression)\b)"
)
_FUSION_RE = re.compile(r"\b([A-Z][A-Z0-9]{1,9})\s?[-:/:]\s?([A-Z][A-Z0-9]{1,9})\b(?=\s+(?:gene\s+)?fusion)")
_SARCOMA_WORD_RE = re.compile(r"\b([a-z]{3,}(?:sarcoma|blastoma))(s?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PatternMatch:
    entity: EntityRef
    start: int
    end: int


def stem_classes(word: str) -> tuple[str, ...] | None:
    """The classes an INN stem implies, or None when the word has no drug stem."""
    lower = word.lower()
    for stem, classes in INN_STEMS:
        if lower.endswith(stem) and len(lower) >= len(stem) + 4 and lower not in _NOT_DRUGS:
            return classes
    return None


def drug_by_stem(text: str) -> Iterator[PatternMatch]:
    for m in _DRUG_WORD_RE.finditer(text):
        classes = stem_classes(m.group())
        if classes:
            label = m.group().lower()
            yield PatternMatch(
                EntityRef(f"drug/{slugify(label)}", label, "Drug", ("Drug", *classes), False),
                m.start(), m.end(),
            )


def trials(text: str) -> Iterator[PatternMatch]:
    """NCT numbers anywhere; code names (SARC028, Alliance A091401) near "trial"/"study"."""
    for m in _NCT_RE.finditer(text):
        nct = m.group().replace(" ", "")
        yield PatternMatch(EntityRef(f"study/{slugify(nct)}", nct, "Study", ("ClinicalTrial",), False),
                           m.start(), m.end())
    if not _TRIAL_WORD_RE.search(text):
        return
    for m in _TRIAL_CODE_RE.finditer(text):
        code, start = m.group(), m.start()
        first, _, rest = code.partition(" ")
        if rest and first in _SENTENCE_WORDS:  # "The SARC028": the trial is SARC028
            code, start = rest, start + len(first) + 1
        if code.startswith("NCT"):
            continue
        yield PatternMatch(EntityRef(f"study/{slugify(code)}", code, "Study", ("ClinicalTrial",), False),
                           start, m.end())


def genes(text: str) -> Iterator[PatternMatch]:
    for m in _FUSION_RE.finditer(text):
        label = f"{m.group(1)}-{m.group(2)}"
        yield PatternMatch(EntityRef(f"fusion/{slugify(label)}", label, "GeneFusion", ("GeneFusion",), False),
                           m.start(), m.end())
    for m in _GENE_RE.finditer(text):
        symbol = m.group(1)
        if symbol.isdigit() or not any(c.isalpha() for c in symbol):
            continue
        yield PatternMatch(EntityRef(f"target/{slugify(symbol)}", symbol, "Target", ("Gene",), False),
                           m.start(1), m.end(1))


def sarcoma_words(text: str) -> Iterator[PatternMatch]:
    """One-word subtypes: "myxofibrosarcoma", "chondrosarcomas"."""
    for m in _SARCOMA_WORD_RE.finditer(text):
        word = m.group(1).lower()
        if word in {"sarcoma", "blastoma"}:
            continue
        yield PatternMatch(
            EntityRef(f"subtype/{slugify(word)}", word, "SarcomaSubtype", ("SarcomaSubtype",), False),
            m.start(), m.end(),
        )


def new_subtype(long_form: str) -> EntityRef | None:
    """A subtype defined in text ("... sarcoma (ABBR)") that the vocabulary lacks."""
    words = long_form.strip().split()
    if not words or not re.search(r"(sarcoma|tumou?r|blastoma)s?$", words[-1], re.IGNORECASE):
        return None
    label = long_form.strip()
    label = label[0].lower() + label[1:] if not label[:2].isupper() else label
    label = re.sub(r"s$", "", label) if label.endswith(("sarcomas", "tumors", "tumours")) else label
    return EntityRef(f"subtype/{slugify(label)}", label, "SarcomaSubtype", ("SarcomaSubtype",), False)
