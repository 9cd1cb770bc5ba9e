"""Sarcoma subtypes the vocabulary has never seen, recognised by the shape of their names.

One-word names ending in "-sarcoma" ("myxofibrosarcoma"), long forms defined with an
abbreviation ("primary pulmonary myxoid sarcoma (PPMS)", checked by :func:`new_subtype`), and
names in several words without one ("low-grade myofibroblastic sarcoma", "pseudomyogenic
hemangioendothelioma"), which need a histology adjective before the head noun. Every entity
made here is flagged ``in_vocabulary=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sarckg.extract.patterns import PatternMatch
from sarckg.model import EntityRef, slugify

_SARCOMA_WORD_RE = re.compile(r"\b([a-z]{3,}(?:sarcoma|blastoma))(s?)\b", re.IGNORECASE)
#: Words inside a phrase ending in "sarcoma"/"tumour" that show it names no subtype.
_LINK_WORDS = frozenset({"in", "with", "of", "for", "and", "or", "to", "on", "at", "by", "from",
                        "among", "versus", "vs", "the", "a", "an", "than", "without", "including"})
_NON_HISTOLOGY = frozenset({
    "solid", "advanced", "metastatic", "malignant", "rare", "primary", "recurrent", "refractory",
    "relapsed", "pediatric", "paediatric", "adult", "other", "high-grade", "low-grade", "bone",
    "soft", "tissue", "soft-tissue", "mesenchymal", "childhood", "unresectable", "locally",
    "treated", "untreated", "benign", "aggressive", "secondary", "human", "murine", "all",
})
#: Head nouns that name no subtype by themselves ("biphenotypic sinonasal sarcoma" is new).
GENERIC_HEADS = frozenset({"sarcoma", "sarcomas", "tumor", "tumors", "tumour", "tumours",
                           "neoplasm", "neoplasms", "cancer", "cancers"})




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


def is_generic_head(phrase: str) -> bool:
    """Is ``phrase`` only a head noun ("sarcoma", "tumours") that names no particular subtype?"""
    return phrase.strip().lower() in GENERIC_HEADS


def new_subtype(long_form: str) -> EntityRef | None:
    """A subtype defined in text ("... sarcoma (ABBR)") that the vocabulary lacks."""
    words = long_form.strip().split()
    if len(words) < 2 and not _SARCOMA_WORD_RE.fullmatch(long_form.strip()):
        return None
    if not words or not re.search(r"(sarcoma|tumou?r|blastoma|histiocytoma|endothelioma)s?$", words[-1],
                                  re.IGNORECASE):
        return None
    modifiers = [w.lower().strip(",;:") for w in words[:-1]]
    if any(w in _LINK_WORDS for w in modifiers):  # "criteria in solid tumours" is no subtype
        return None
    if modifiers and all(w in _NON_HISTOLOGY for w in modifiers):  # "advanced solid tumours"
        return None
    label = " ".join(words)
    label = label[0].lower() + label[1:] if not label[:2].isupper() else label
    label = label[:-1] if label.endswith(("omas", "tumors", "tumours")) else label
    return EntityRef(f"subtype/{slugify(label)}", label, "SarcomaSubtype", ("SarcomaSubtype",), False)


_PHRASE_HEAD_RE = re.compile(r"\b(?:sarcoma|ha?emangioendothelioma|histiocytoma)(s?)\b")
_PHRASE_WORD_RE = re.compile(r"([A-Za-z][a-z]*(?:-[a-z]+)*)\s+$")
_GRADES = frozenset({"low-grade", "high-grade"})
#: Endings of adjectives that name a tissue or a look under the microscope ("myofibroblastic",
#: "epithelioid", "intimal", "alveolar", "fibrous", "pulmonary", "inflammatory", "clear cell").
_HISTOLOGY_ENDINGS = ("ic", "al", "ar", "oid", "ous", "ary", "ory")
#: Words with those endings that say nothing about histology.
_NOT_HISTOLOGY = frozenset({
    "genomic", "genetic", "epigenetic", "sporadic", "specific", "chronic", "systemic", "basic",
    "classic", "immunogenic", "therapeutic", "prognostic", "diagnostic", "local", "regional",
    "several", "general", "global", "initial", "total", "additional", "individual", "natural",
    "usual", "unusual", "potential", "original", "conventional", "normal", "final", "overall",
    "actual", "optimal", "minimal", "maximal", "focal", "molecular", "similar", "particular",
    "regular", "popular", "familial", "various", "numerous", "heterogeneous", "homogeneous",
    "previous", "serious", "necessary", "ordinary", "contrary", "hereditary", "preliminary",
    "exploratory", "regulatory", "abdominal", "pelvic", "thoracic", "spinal", "cranial", "oral",
    "nasal", "gastric", "hepatic", "renal", "visceral", "truncal", "peripheral", "vascular",
    "interdisciplinary", "multidisciplinary",
})
#: Nouns after "sarcoma" that make it a modifier ("sarcoma board"), not a subtype's head.
_HEAD_AS_MODIFIER_RE = re.compile(
    r"\s+(?:boards?|teams?|cent(?:er|re)s?|units?|clinics?|groups?|networks?|societ\w+|"
    r"conferences?|meetings?|registr\w+|services?|specialists?)\b")


_PHRASE_STOPS = _LINK_WORDS | {"this", "these", "those", "such", "most", "more", "less", "many",
                               "some", "its", "their", "our", "is", "are", "was", "were", "as"}


def _inside_token(text: str, start: int) -> bool:
    """Is the word at ``start`` the tail of a larger token ("EWSR1-rearranged", "CD8+")?"""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/+")


def _is_histology_word(word: str) -> bool:
    lower = word.lower()
    last = lower.rsplit("-", 1)[-1]
    return (last.endswith(_HISTOLOGY_ENDINGS) and not last.endswith("ical")
            and last not in _NOT_HISTOLOGY and last not in _NON_HISTOLOGY)


def _names_histology(words: list[str]) -> bool:
    """A histology adjective, or "<word> cell" ("spindle cell", "clear cell")."""
    return any(_is_histology_word(w) for w in words) or "cell" in [w.lower() for w in words[1:]]


def sarcoma_phrases(text: str) -> Iterator[PatternMatch]:
    """Subtypes named in several words without an abbreviation: "low-grade myofibroblastic
    sarcoma", "pseudomyogenic hemangioendothelioma". The words before the head must include a
    histology adjective; a phrase after "a"/"an" describes ("a vascular sarcoma"), names nothing."""
    for head in _PHRASE_HEAD_RE.finditer(text):
        modifiers: list[tuple[int, str]] = []
        stop = ""
        while len(modifiers) < 4:
            m = _PHRASE_WORD_RE.search(text, 0, modifiers[0][0] if modifiers else head.start())
            word = m.group(1) if m else ""
            lower = word.lower()
            if (not m or lower in _PHRASE_STOPS or lower.endswith("ly") or _inside_token(text, m.start())
                    or (word[0].isupper() and text[:m.start()].strip())):
                stop = lower
                break
            modifiers.insert(0, (m.start(), word))
        while modifiers and modifiers[0][1].lower() in _NON_HISTOLOGY - _GRADES:
            modifiers.pop(0)  # "advanced", "metastatic"; a grade is part of some names
        words = [w for _, w in modifiers]
        if stop in {"a", "an"} or not _names_histology(words) or _HEAD_AS_MODIFIER_RE.match(text, head.end()):
            continue
        if GENERIC_HEADS.intersection(w.lower() for w in words):
            continue  # "nongastrointestinal stromal tumor sarcomas"
        start = modifiers[0][0]
        label = " ".join([*words, head.group()])
        entity = new_subtype(label[0].lower() + label[1:])
        if entity is not None:
            yield PatternMatch(entity, start, head.end())
