"""Which mentions of a sentence stand for a biomarker, and the words that relate one to an
outcome: shared by the association and measurement readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.cues import Lexicon
from sarckg.model import EntityRef, Mention, slugify

BIOMARKER_TYPES = frozenset({
    "Biomarker", "GenomicBiomarker", "ExpressionBiomarker", "ImmuneInfiltrateBiomarker",
    "GeneSignature", "StateBiomarker",
})
#: Categories that are biomarkers only when the sentence speaks of their amount.
_MEASURABLE = frozenset({"CellType", "Target", "Process"})
_AMOUNT_NOUN = re.compile(r"^[\s+-]*(?:\w+\s+)?(?:expression|levels?|infiltrat\w*|densit\w*|"
                          r"amplification|signal\w*|pathway|ratio|counts?|numbers?|score)\b|"
                          r"^\s*(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:over-?)?expressed\b",  # "X is highly expressed"
                          re.IGNORECASE)
#: "serum levels of", "plasma concentrations of X and": what follows is measured in the patient.
_BODY_LEVEL_BEFORE = re.compile(
    r"\b(?:serum|plasma|circulating|blood|intratumou?ral)\s+(?:levels?|concentrations?)\s+of\s+"
    r"(?:[\w+/-]+(?:\s+[\w+/-]+)?\s*(?:,|\band\b|\bor\b)\s*){0,3}$", re.IGNORECASE)
_RATIO = re.compile(r"^(?:\s*/\s*[\w+-]+)?\s*ratios?\b", re.IGNORECASE)
#: "a high CD68+/CD8+ ratio": the ratio of two named cells or markers is a biomarker of its own.
_TWO_RATIO = re.compile(r"[+-]?\s*/\s*")
_RATIO_AFTER = re.compile(r"\s*ratios?\b", re.IGNORECASE)
_RATIO_TAIL = re.compile(r"[\w+-]+\s*/\s*$")
#: Words relating a biomarker to an outcome.
ANCHOR = re.compile(
    r"\b(?:associat\w*|correlat\w*|predict\w*|linked|links?|correspond\w*|portend\w*|forecast\w*|"
    r"indicators?|indicat(?:es?|ed|ing)\b(?!\s+(?:that|by))|markers?|related\s+(?:to|with)|led\s+to|leads?\s+to|"
    r"(?:exhibit\w*|ha[sd]|have|showed|achieved|experienced)\s+(?=(?:an?\s+)?(?:significantly\s+)?"
    r"(?:worse|better|poor\w*|improved|longer|shorter|superior|inferior|higher|lower)\s+(?:\w+\s+)?"
    r"(?:survival|response|outcomes?|prognosis|OS|PFS|ORR|DCR|benefit)\b))",
    re.IGNORECASE,
)

#: "a decrease in the X", "an increase in X levels", "the loss of X": a change named by a noun
#: before the marker says its amount (the verb forms are :func:`cues.amount_sign`'s).
_CHANGE_NOUN = re.compile(
    r"\b(?:(?P<more>increases?|rises?|elevations?|gains?|upregulations?|enrichments?)|"
    r"(?P<less>decreases?|reductions?|declines?|drops?|losses|depletions?|downregulations?))\s+"
    r"(?:in|of)\s+(?:the\s+)?(?:(?:number|density|levels?|abundance|amount|proportion|frequency|"
    r"expression|activity|activation)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)


def is_state(entity: EntityRef) -> bool:
    """Whether the vocabulary types ``entity`` as a state (``skg:StateBiomarker``, e.g.
    microsatellite stability): present or absent, never high or low."""
    return "StateBiomarker" in entity.types


def amount_of(text: str, m: Mention) -> int:
    """+1 when the marker ``m`` is said to be high or rising, -1 low or falling, else 0: a
    change noun right before it ("a decrease in the X") first, then the amount words of
    :func:`cues.amount_sign` ("higher X", "X-low", "X was elevated"). A state (a biomarker
    named "... stability") is present where named (+1) unless lost ("loss of X"): "a low TMB
    and microsatellite stability" says nothing low of the state."""
    change = _CHANGE_NOUN.search(text[max(0, m.start - 60):m.start])
    if change:
        return 1 if change.group("more") else -1
    if is_state(m.entity):
        return -1 if re.search(r"\b(?:loss|lack|absence)\s+of\s+(?:the\s+)?$", text[max(0, m.start - 20):m.start],
                               re.IGNORECASE) else 1
    return cues.amount_sign(text, m.start, m.end)


def biomarker_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """Mentions that stand for a biomarker here: biomarker entities, and cells, targets
    or processes whose amount the sentence speaks of ("high TAM levels", "CD8+ infiltration")."""
    text = sentence.text
    drugs = sentence.of_category("Drug", "DrugClass")
    found: list[Mention] = []
    for m in sentence.mentions:
        if any(d.start <= m.start and m.end <= d.end and d is not m for d in drugs):
            continue
        if m.entity.category == "Drug" and _BODY_LEVEL_BEFORE.search(text[max(0, m.start - 60):m.start]):
            found.append(m)  # "serum levels of IL-4 and IFN-α": a molecule measured in the body
            continue
        if _is_drug_target_phrase(text, m):
            continue
        ratio = _ratio_of(sentence, m)
        if ratio is not None:
            found.append(ratio)
            continue
        if _RATIO.match(text[m.end:m.end + 30]) or (
                _RATIO_TAIL.search(text[max(0, m.start - 20):m.start])
                and re.match(r"^\s*ratios?\b", text[m.end:m.end + 12], re.IGNORECASE)):
            continue  # "a high CD68+/CD8+ ratio" is neither cell's amount
        is_marker = m.entity.category == "Biomarker" or bool(BIOMARKER_TYPES & set(m.entity.types))
        if is_marker or (m.entity.category in _MEASURABLE and (
                _AMOUNT_NOUN.match(text[m.end:m.end + 40])
                or amount_of(text, m) != 0)):
            found.append(m)
    return [m for m in cues.drop_nested(found) if not _in_expansion(text, m)]



def _ratio_of(sentence: AnnotatedSentence, first: Mention) -> Mention | None:
    """"CD68+/CD8+ ratio" from its first member: one mention of the ratio (a biomarker found in
    text, labelled as written), spanning both members and the word "ratio"."""
    text = sentence.text
    second = next((o for o in sentence.mentions if o.start >= first.end), None)
    if second is None or not _TWO_RATIO.fullmatch(text, first.end, second.start):
        return None
    tail = _RATIO_AFTER.match(text, second.end)
    if tail is None or second.entity == first.entity:
        return None
    label = re.sub(r"\s*/\s*", "/", text[first.start:second.end]) + " ratio"
    entity = EntityRef(f"biomarker/{slugify(label)}", label, "Biomarker", ("Biomarker",), in_vocabulary=False)
    return Mention(entity, first.start, tail.end(), text[first.start:tail.end()], via="pattern")


def _in_expansion(text: str, m: Mention) -> bool:
    """A word inside a parenthesis that spells out the term before it ("HLA-LOH (loss of
    heterozygosity in human leukocyte antigens)") is not a biomarker of its own."""
    opened = text.rfind("(", 0, m.start)
    return opened > text.rfind(")", 0, m.start) and len(text[opened + 1:m.start].split()) >= 2


def _is_drug_target_phrase(text: str, m: Mention) -> bool:
    """"anti-PD-1", "PD-1 blockade", "PD-1 inhibitors": a therapy, not a biomarker."""
    before = text[max(0, m.start - 5):m.start].lower()
    after = text[m.end:m.end + 25].lower()
    return before.endswith(("anti-", "anti ")) or bool(
        re.match(r"^[\s/\w-]{0,12}?(?:inhibitors?|blockade|blockers?|antibod|-targeted|targeting|"
                 r"therapy|agents?)\b", after))


#: Measures whose patients' outcome is the tumour's response, or their survival.
MEASURE_OUTCOME: dict[str, str] = {
    "ORR": "Response", "DCR": "Response", "CompleteResponse": "Response",
    "PartialResponse": "Response", "StableDisease": "Response", "ProgressiveDisease": "Response",
    "PathologicResponse": "Response", "DurationOfResponse": "Response",
    "MedianPFS": "Survival", "MedianOS": "Survival", "PFSRate": "Survival", "OSRate": "Survival",
}


@dataclass(frozen=True)
class OutcomeTerm:
    """A clinical outcome named at ``start:end`` of a text."""

    outcome: str  # ClinicalOutcome local name
    start: int
    end: int


def outcome_terms(lexicon: Lexicon, text: str) -> list[OutcomeTerm]:
    """Clinical outcomes named in ``text``, from the outcome and outcome-measure lexicons."""
    terms = [OutcomeTerm(name, s, e) for name, s, e in lexicon.find(lexicon.outcomes, text)]
    taken = [(t.start, t.end) for t in terms]
    for name, s, e in lexicon.find(lexicon.measures, text):
        if name in MEASURE_OUTCOME and not any(a < e and s < b for a, b in taken):
            terms.append(OutcomeTerm(MEASURE_OUTCOME[name], s, e))
    return sorted(terms, key=lambda t: t.start)
