"""Names the vocabulary has never seen, recognised by their shape.

Drugs by their INN stem (WHO, "The use of stems in the selection of INN"), two-word INNs
("X vedotin", "Xgene Yleucel") and code names next to drug words ("KVR-2207, a ... antibody");
trials by registry number (NCT, ChiCTR, ISRCTN, ...) or code name next to "trial"/"study"; gene
symbols where the context marks them ("MDM2 amplification", "loss of CDKN2A", "SMARCB1-deficient",
"KRAS G12D", "the TEAD inhibitor", "PRAME-positive"); gene fusions
("EWSR1-FLI1 fusion", "EWSR1::FLI1"). Capitalised stem words used as names ("Kravec T") and
staining clones ("the EPR20330 antibody") are not drugs. Subtype names are in ``subtype_shapes``.
Every entity made here is flagged ``in_vocabulary=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sarckg.model import EntityRef, slugify

_CHEMO = "CytotoxicChemotherapy"
_MAB = "MonoclonalAntibody"
_TT = "TargetedTherapy"

#: INN stem -> the classes the stem implies, most specific stem first (the first that ends a
#: word wins). "-li(m)-" antibodies are immunomodulators; only the post-2017 "-limab" names
#: are (almost all) checkpoint inhibitors in oncology.
INN_STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("limab", (_MAB, "ImmuneCheckpointInhibitor")),
    ("mab", (_MAB,)),
    ("bart", (_MAB,)),  # 2022 antibody scheme: artificial (benmelstobart)
    ("mig", (_MAB, "BispecificAntibody")),  # 2022 scheme: multi-specific
    ("tug", (_MAB,)),  # 2022 scheme: unmodified immunoglobulin
    ("fusp", ()),  # fusion proteins (tebentafusp)
    ("ciclib", ("CDKInhibitor", _TT)),
    ("parib", ("PARPInhibitor", _TT)),
    ("rafenib", ("TyrosineKinaseInhibitor", _TT)),
    ("sertib", (_TT,)),  # serine/threonine kinase inhibitors (capivasertib, adavosertib)
    ("tinib", ("TyrosineKinaseInhibitor", _TT)),
    ("anib", ("AngiogenesisInhibitor", _TT)),
    ("lisib", (_TT,)),  # PI3K
    ("degib", (_TT,)),  # hedgehog
    ("zomib", (_TT,)),  # proteasome
    ("metostat", ("EZH2Inhibitor", _TT)),
    ("stat", (_TT,)),  # enzyme inhibitors; English "-stat" words are excluded below
    ("ximod", ("IDOInhibitor", _TT)),
    ("bercept", ("AngiogenesisInhibitor",)),  # VEGF receptor decoys
    ("cept", ()),  # other receptor fusion proteins (abatacept)
    ("leucel", ("CellTherapy",)),
    ("temcel", ("CellTherapy",)),
    ("vec", ("OncolyticVirus",)),
    ("tucel", ("Vaccine", "CellTherapy")),  # tumour cell vaccines (gemogenovatucel-T)
    ("grastim", ("Cytokine",)),  # G-CSF (pegfilgrastim); "-gramostim" is GM-CSF
    ("gramostim", ("Cytokine",)),
    ("feron", ("Cytokine",)),  # interferons (ropeginterferon)
    ("leukin", ("Cytokine",)),  # interleukin-2 analogues; then the other interleukin stems
    ("dekin", ("Cytokine",)),  # IL-12 "-dodekin", IL-13 "-tredekin", IL-15 "-pendekin"
    ("decakin", ("Cytokine",)),
    ("elvekin", ("Cytokine",)),
    ("exakin", ("Cytokine",)),
    ("octakin", ("Cytokine",)),
    ("nakin", ("Cytokine",)),
    ("motide", ("Vaccine",)),
    ("pepimut", ("Vaccine",)),  # peptide vaccines (galinpepimut-S)
    ("rubicin", (_CHEMO, "Anthracycline")),
    ("tecan", (_CHEMO, "TopoisomeraseInhibitor")),
    ("platin", (_CHEMO, "PlatinumCompound")),
    ("taxel", (_CHEMO, "MicrotubuleInhibitor")),
    ("bulin", (_CHEMO, "MicrotubuleInhibitor")),  # eribulin, plinabulin
    ("mustine", (_CHEMO, "AlkylatingAgent")),
    ("fosfamide", (_CHEMO, "AlkylatingAgent")),
    ("phosphamide", (_CHEMO, "AlkylatingAgent")),
    ("abine", (_CHEMO, "Antimetabolite")),
    ("trexed", (_CHEMO, "Antimetabolite")),
)
#: Words ending in a stem that are not drugs.
NOT_DRUGS = frozenset({
    "thermostat", "rheostat", "hemostat", "haemostat", "cryostat", "gyrostat", "photostat",
    "aerostat", "heliostat", "pyrostat", "humidistat", "globulin", "immunoglobulin",
    "thyroglobulin", "tubulin", "interleukin", "microglobulin", "macroglobulin", "interferon",
    "concept", "intercept", "percept", "precept",
})
#: Letters a name needs before its stem ("olaparib"); "-stat" needs more (English words).
_MIN_PREFIX = {"stat": 5}
#: Second words of two-word INNs: antibody-drug conjugates and gene or cell therapies.
ADC_PAYLOADS = ("vedotin", "mafodotin", "deruxtecan", "govitecan", "emtansine", "mertansine",
                "soravtansine", "ravtansine", "tesirine", "ozogamicin", "duocarmazine", "pegol")
_WORD_RE = re.compile(r"\b[A-Za-z][a-z]{3,}(?:-[A-Z]\b(?!-))?\b")  # "galinpepimut-S"
#: Glycoprotein INNs carry a Greek-letter word ("nemvaleukin alfa"); pegylation adds "pegol".
_QUALIFIER_RE = re.compile(r"\s+(?:alfa|beta|gamma|pegol)\b")
_TWO_WORD_RE = re.compile(
    r"\b([A-Za-z][a-z]{3,}(?:mab|bart|gene))\s+([a-z]*(?:" + "|".join(ADC_PAYLOADS)
    + r")|[a-z]{3,}(?:vec|leucel|cel))\b")
#: a cell therapy's short name: "lete-cel" for "letetresgene autoleucel"
SHORT_CELL_RE = re.compile(r"\b[a-z]{3,8}-cel\b")
#: a development code name: letters, an optional hyphen, digits and an optional letter
#: ("LTX-315", "TQB2450", "SHR-1210")
CODE_NAME = r"[A-Z]{1,6}-?\d{3,7}[A-Z]?"
CODE_NAME_RE = re.compile(CODE_NAME)
_CODE_RE = re.compile(rf"\b(?<![-/]){CODE_NAME}\b(?!-)")
_CODE_PREFIX_RE = re.compile(r"[A-Z]+")
NOT_CODE_PREFIXES = frozenset({"CD", "IL", "HLA", "TLR", "CCR", "CXCR", "KIR", "NCT", "ISRCTN",
                                "EUDRACT", "ECOG", "ISO", "ICD", "FIGO", "AJCC", "RECIST", "CTCAE"})
_DRUG_WORD_RE = re.compile(
    r"\b(?:mg|mg/kg|mg/m2|doses?|dosed|dosing|administered|inhibitors?|antibody|antibodies|"
    r"antagonists?|agonists?|agents?|compounds?|drugs?|infusions?|orally|intravenously|"
    r"bispecific|conjugates?|vaccines?|molecule|peptides?|oncolytic|viruse?s?)\b", re.IGNORECASE)
_ASSAY_WORD_RE = re.compile(
    r"\b(?:clones?|immunohistochemi\w*|IHC|stain\w*|scored|assays?|pharmDx|immunostain\w*)\b")
_CODE_WINDOW = 25  # characters between a code name and its drug word
#: "a pilot trial evaluated LTX-315 in ...": the code a trial tests, not the trial's own name
_TESTED_BY_TRIAL_RE = re.compile(
    r"\b(?:trials?|study|studies)\s+(?:(?:that|which)\s+)?(?:has\s+|have\s+)?(?:evaluat(?:ed|ing|es)|test(?:ed|ing|s)|"
    r"investigat(?:ed|ing|es)|assess(?:ed|ing|es)|examin(?:ed|ing|es)|explor(?:ed|ing|es)|combin(?:ed|ing|es))\s+"
    r"(?:the\s+)?(?:(?:novel|investigational|oral|intratumoral)\s+)?$", re.IGNORECASE)
_TRIAL_OF_RE = re.compile(r"\b(?:trials?|study|studies)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_GIVEN_TO_PATIENTS_RE = re.compile(r"\s+(?:\([^()]{1,40}\)\s+)?(?:in|for)\s+(?:[\w-]+\s+){0,3}?"
                                   r"(?:patients|adults|children|subjects|participants)\b", re.IGNORECASE)
#: "... evaluated SARC028 data": a code naming a study's data or arm stays the study's
_STUDY_NOUN_AFTER_RE = re.compile(r"\s+(?:data|results?|cohorts?|arms?|trials?|study|studies|participants|"
                                  r"patients|findings|population)\b", re.IGNORECASE)
_PROTEIN_CHANGE_RE = re.compile(r"[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*X]|fs|del)")
_CELL_LINE_RE = re.compile(r"\s+(?:cell\s+lines?|cells)\b")
NCT_RE = re.compile(r"\bNCT[\s-]?\d{8}\b")


def nct_id(written: str) -> str:
    """The registry id as ClinicalTrials.gov writes it: "NCT 02301039", "nct-02301039" -> "NCT02301039"."""
    return "NCT" + written.strip()[-8:]
#: Other registries' identifiers, as unmistakable as NCT numbers.
_REGISTRY_RE = re.compile(
    r"\b(?:ChiCTR-?(?:[A-Z]{2,3}-)?\d{8,10}|ISRCTN\d{8}|UMIN\d{9}|jRCT[a-z]?\d{10}|ACTRN\d{14}|"
    r"CTRI/\d{4}/\d{2,3}/\d{6}|EudraCT\s+(?:[Nn]o\.?\s*|[Nn]umber:?\s*)?\d{4}-\d{6}-\d{2})(?![\w/-])")
_TRIAL_CODE_RE = re.compile(r"\b(?:[A-Z][a-z]+\s)?[A-Z][A-Z-]{0,9}\d{3,6}[A-Z]?\b")
_SENTENCE_WORDS = frozenset({"The", "In", "A", "An", "This", "That", "These", "Our", "Its", "Their",
                             "Of", "For", "From", "With", "And", "Both", "Each", "All", "Phase"})
_TRIAL_WORD_RE = re.compile(r"\b(?:trials?|study|studies|cohort|protocol)\b", re.IGNORECASE)
_SYMBOL = r"[A-Z][A-Z0-9]{1,7}"
_GENE_EVENT = (r"(?:amplification|amplified|mutations?|mutated|mutant|deletions?|deleted|fusions?|"
               r"rearrangements?|rearranged|loss|overexpression|alterations?|altered|expression|"
               r"inactivation|variants?|copy\s+number)")
_GENE_RE = re.compile(rf"\b({_SYMBOL})\s+(?=(?:gene\s+)?{_GENE_EVENT}\b)")
_GENE_BEFORE_RE = re.compile(
    rf"\b(?i:loss|deletion|amplification|inactivation|overexpression|expression|mutations?|"
    rf"alterations?)\s+(?:of|in)\s+(?:the\s+)?({_SYMBOL})\b(?![-/])")
_GENE_HYPHEN_RE = re.compile(
    rf"\b({_SYMBOL})-(?=(?:deficient|deficiency|deleted|rearranged|mutant|mutated|amplified|"
    rf"altered|null|lost|inactivated|positive|negative|expressing|directed|targeted|targeting)\b)")
#: A gene named with a protein change: "KRAS G12D", "IDH1 R132H", "TP53 p.R273H".
_GENE_VARIANT_RE = re.compile(rf"\b({_SYMBOL})\s+(?=(?:p\.)?[ACDEFGHIKLMNPQRSTVWY]\d{{1,4}}[A-Z*]\b)")
#: A protein named as what a drug acts on: "the TEAD inhibitor", "XPO1 antagonists", "anti-CDH11".
_GENE_AS_TARGET_RE = re.compile(
    rf"\b({_SYMBOL})\s+(?=(?:inhibitors?|antagonists?|agonists?|blockade|blockers?|degraders?)\b)"
    rf"|\banti-({_SYMBOL})\b(?![-/]?\w)")
_NOT_GENES = frozenset({
    "DNA", "RNA", "MRI", "PET", "ORR", "DCR", "PFS", "OS", "CR", "PR", "SD", "PD", "TMB", "TNB",
    "MSI", "ITH", "LOH", "CNV", "SNV", "WES", "WGS", "NGS", "IHC", "FISH", "RECIST", "CI", "HR",
    "AE", "AES", "TRAE", "TRAES", "ICI", "ICIS", "TKI", "TKIS", "STS", "HLA-LOH", "MMR", "RT",
    # viruses, imaging, scores and therapy abbreviations that precede "-positive", "inhibitor"
    "HIV", "HBV", "HCV", "EBV", "HPV", "HHV8", "KSHV", "CMV", "HSV", "HTLV", "VZV", "SARS", "CT",
    "MR", "CPS", "TPS", "LDH", "CRP", "ADC", "TCR", "CAR", "TIL", "TILS", "NK", "MDSC", "TAM", "TAMS",
    "TLS", "TME", "ICB", "OV", "IO", "FDA", "EMA", "WHO", "NCCN", "ESMO", "ECOG", "FNCLCC", "AJCC",
})
_FUSION_RE = re.compile(
    rf"(?<![-\w])({_SYMBOL})(?:\s?(?:-|/|::?)\s?)({_SYMBOL})\b"
    r"(?=\s+(?:gene\s+)?(?:fusions?|rearrangements?|translocations?|fusion\s+(?:genes?|transcripts?))\b"
    r"|-(?:positive|negative|rearranged|fused)\b)")
_HGNC_FUSION_RE = re.compile(rf"(?<![-\w])({_SYMBOL})::({_SYMBOL})\b")
@dataclass(frozen=True)
class PatternMatch:
    entity: EntityRef
    start: int
    end: int


def stem_classes(word: str) -> tuple[str, ...] | None:
    """The classes an INN stem implies, or None when the word has no drug stem."""
    lower = word.lower()
    if lower in NOT_DRUGS or not lower.isalpha():
        return None
    for stem, classes in INN_STEMS:
        if lower.endswith(stem) and len(lower) - len(stem) >= _MIN_PREFIX.get(stem, 3):
            return classes
    return None


def _drug(label: str, classes: tuple[str, ...], start: int, end: int) -> PatternMatch:
    types = tuple(dict.fromkeys(("Drug", *classes)))
    return PatternMatch(EntityRef(f"drug/{slugify(label)}", label, "Drug", types, False), start, end)


def _two_word_classes(first: str, second: str) -> tuple[str, ...]:
    if second.endswith(ADC_PAYLOADS):
        return (_MAB, "AntibodyDrugConjugate")
    if second.endswith("vec"):
        return ("OncolyticVirus",)
    return ("CellTherapy",)  # "...gene autoleucel": genetically modified cells


def drug_by_stem(text: str) -> Iterator[PatternMatch]:
    """Drugs by shape: two-word INNs, INN stems, "-cel" short names and code names."""
    taken: list[tuple[int, int]] = []
    for m in _TWO_WORD_RE.finditer(text):
        label = f"{m.group(1)} {m.group(2)}".lower()
        taken.append((m.start(), m.end()))
        yield _drug(label, _two_word_classes(m.group(1).lower(), m.group(2)), m.start(), m.end())
    for m in _WORD_RE.finditer(text):
        base, _, suffix = m.group().partition("-")  # "galinpepimut-S"
        classes = stem_classes(base)
        if not classes or base.lower() in ADC_PAYLOADS or any(s <= m.start() < e for s, e in taken):
            continue  # a payload alone ("deruxtecan conjugates") is no drug given
        if looks_like_surname(text, m.start(), m.end()):
            continue
        qualifier = _QUALIFIER_RE.match(text, m.end())
        end = qualifier.end() if qualifier else m.end()
        label = base.lower() + (f"-{suffix}" if suffix else "") + (qualifier.group() if qualifier else "")
        yield _drug(" ".join(label.split()), classes, m.start(), end)
    for m in SHORT_CELL_RE.finditer(text):
        yield _drug(m.group(), ("CellTherapy",), m.start(), m.end())
    yield from drug_codes(text)


_INITIALS_AFTER_RE = re.compile(r"\s+[A-Z]{1,3}(?=[,.;:]|\s+(?:et\s+al|and)\b|\s*$)")
_GIVEN_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+$"
_LISTED_NAME_BEFORE_RE = re.compile(rf"(?:,\s*|\band\s+){_GIVEN_NAME}")
_FIRST_NAME_BEFORE_RE = re.compile(rf"^\s*{_GIVEN_NAME}")
_TITLE_BEFORE_RE = re.compile(r"\b(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+$")
_NAME_LIST_AFTER_RE = re.compile(r"\s*(?:,|\band\b|$)")


def looks_like_surname(text: str, start: int, end: int) -> bool:
    """A capitalised word used as a person's name, not a drug: "Kravec T, Nair P." (a
    reference) or "Keiko Arashiro, Tomas Kravec and ..." (an author line)."""
    if not text[start].isupper():
        return False
    if _INITIALS_AFTER_RE.match(text, end):
        return True
    before = text[:start]
    if _TITLE_BEFORE_RE.search(before):  # "Dr Lombart"
        return True
    if _LISTED_NAME_BEFORE_RE.search(before):  # "..., Tomas Kravec" / "... and Benedikt Hrastovec"
        return bool(_NAME_LIST_AFTER_RE.match(text, end))
    # the first author: "Tomas Kravec, ..." (a title "Combined Zelparib and ..." has no comma)
    return bool(_FIRST_NAME_BEFORE_RE.match(before) and text.startswith(",", end))


def _nearest(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Distance in characters from [start, end) to the nearest match of ``pattern``."""
    distances = [max(m.start() - end, start - m.end(), 0) for m in pattern.finditer(text)]
    return min(distances, default=len(text) + 1)


def _code_kind(text: str, start: int, end: int) -> str:
    """ "drug" when a drug word is close (within a few words) and nearer than any trial word,
    or when the code is what a trial tests ("a pilot trial evaluated LTX-315")."""
    if _TESTED_BY_TRIAL_RE.search(text, max(0, start - 80), start) and not _STUDY_NOUN_AFTER_RE.match(text, end):
        return "drug"
    if _TRIAL_OF_RE.search(text, max(0, start - 40), start) and _GIVEN_TO_PATIENTS_RE.match(text, end):
        return "drug"  # "a phase 2 study of ABC-123 in patients with ..."
    drug = _nearest(_DRUG_WORD_RE, text, start, end)
    trial = _nearest(_TRIAL_WORD_RE, text, start, end)
    return "drug" if drug <= _CODE_WINDOW and drug < trial else "trial"


def _not_a_code(text: str, code: str, end: int) -> bool:
    """A protein change ("V600E", "T790M") or a cell line ("ABC-123 cells") is no code name."""
    return bool(_PROTEIN_CHANGE_RE.fullmatch(code) or _CELL_LINE_RE.match(text, end))


def drug_codes(text: str) -> Iterator[PatternMatch]:
    """Code names ("KVR-2207", "TQB2450") whose nearest context word is a drug word."""
    for m in _CODE_RE.finditer(text):
        prefix = _CODE_PREFIX_RE.match(m.group())
        if prefix is None or prefix.group() in NOT_CODE_PREFIXES or prefix.group().startswith("NCT"):
            continue
        if _not_a_code(text, m.group(), m.end()):
            continue
        if _nearest(_ASSAY_WORD_RE, text, m.start(), m.end()) <= _CODE_WINDOW:
            continue  # an antibody clone for staining ("scored with the EPR20330 antibody")
        if _code_kind(text, m.start(), m.end()) == "drug":
            yield _drug(m.group(), (), m.start(), m.end())


_PAGE_BEFORE_RE = re.compile(r"[\d)]\s*:\s*$")


def trials(text: str) -> Iterator[PatternMatch]:
    """Registry numbers anywhere (NCT, ChiCTR, ISRCTN, ...); code names (SARC028, Alliance A091401)
    near "trial"/"study"."""
    for m in NCT_RE.finditer(text):
        nct = nct_id(m.group())
        yield PatternMatch(EntityRef(f"study/{slugify(nct)}", nct, "Study", ("ClinicalTrial",), False),
                           m.start(), m.end())
    for m in _REGISTRY_RE.finditer(text):
        label = " ".join(m.group().split())
        if label.startswith("EudraCT"):
            label = "EudraCT " + label.split()[-1]  # "EudraCT No. 2015-..." -> "EudraCT 2015-..."
        yield PatternMatch(EntityRef(f"study/{slugify(label)}", label, "Study", ("ClinicalTrial",), False),
                           m.start(), m.end())
    if not _TRIAL_WORD_RE.search(text):
        return
    for m in _TRIAL_CODE_RE.finditer(text):
        code, start = m.group(), m.start()
        first, _, rest = code.partition(" ")
        if rest and first in _SENTENCE_WORDS:  # "The SARC028": the trial is SARC028
            code, start = rest, start + len(first) + 1
        if code.startswith("NCT") or _not_a_code(text, code, m.end()):
            continue
        if _PAGE_BEFORE_RE.search(text[max(0, start - 6):start]):
            continue  # a journal page ("34:S1034", "(Suppl 2): S1340"), not a trial
        if _code_kind(text, start, m.end()) != "trial":
            continue
        yield PatternMatch(EntityRef(f"study/{slugify(code)}", code, "Study", ("ClinicalTrial",), False),
                           start, m.end())


def _fusion(first: str, second: str, start: int, end: int) -> PatternMatch:
    label = f"{first}-{second}"
    entity = EntityRef(f"fusion/{slugify(label)}", label, "GeneFusion", ("GeneFusion",), False)
    return PatternMatch(entity, start, end)


def _is_symbol(symbol: str) -> bool:
    letters = sum(c.isalpha() for c in symbol)
    return letters >= 2 and symbol.upper() not in _NOT_GENES and not _PROTEIN_CHANGE_RE.fullmatch(symbol)


def fusions(text: str) -> Iterator[PatternMatch]:
    """ "EWSR1-FLI1 fusion", "PAX3/FOXO1 rearrangement", "EWSR1::FLI1", "SS18-SSX-positive"."""
    seen: set[int] = set()
    for regex in (_HGNC_FUSION_RE, _FUSION_RE):
        for m in regex.finditer(text):
            if m.start() not in seen and _is_symbol(m.group(1)) and _is_symbol(m.group(2)):
                seen.add(m.start())
                yield _fusion(m.group(1), m.group(2), m.start(), m.end())


def genes(text: str) -> Iterator[PatternMatch]:
    """Fusions, then gene symbols the context marks as genes ("TP53 mutations", "loss of RB1")."""
    yield from fusions(text)
    for regex in (_GENE_RE, _GENE_BEFORE_RE, _GENE_HYPHEN_RE, _GENE_AS_TARGET_RE, _GENE_VARIANT_RE):
        for m in regex.finditer(text):
            group = m.lastindex or 1
            symbol = m.group(group)
            if not _is_symbol(symbol):
                continue
            yield PatternMatch(EntityRef(f"target/{slugify(symbol)}", symbol, "Target", ("Gene",), False),
                               m.start(group), m.end(group))
