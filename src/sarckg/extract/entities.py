"""Entity recognition: vocabulary names first (longest match), then shapes (patterns.py).

Abbreviations are resolved per document: a short form the document defines means what its
long form means there, and a short form that the vocabulary gives to several entities (ES:
Ewing or epithelioid sarcoma) is used only where the document defines it. Definitions in
table legends apply to tables and captions; definitions in prose apply to the prose.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sarckg.extract import abbreviations, patterns, subtype_shapes
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence, ExtractionContext
from sarckg.extract.lexicon import TOKEN_RE, Lexicon, build_lexicon, compact
from sarckg.model import Document, EntityRef, Mention, Sentence, slugify

#: The entity a defined short form stands for; None blocks the vocabulary's reading.
AbbreviationMap = dict[str, EntityRef | None]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of ontology/sarckg.ttl + ontology/vocabulary.ttl (loaded once)."""
    from sarckg.graph.ontology_files import load_ontology, load_vocabulary

    return build_lexicon(load_ontology() + load_vocabulary())


@dataclass
class DocumentAbbreviations:
    """Short forms defined in prose and in table legends, resolved against the lexicon;
    ``listed`` holds abbreviation lists that define for the whole document (weakest), but
    not for its reference list, whose entries are other papers' ("Garcia AS, Strauss S")."""

    prose: AbbreviationMap = field(default_factory=dict)
    tables: AbbreviationMap = field(default_factory=dict)
    listed: AbbreviationMap = field(default_factory=dict)

    def for_zone(self, zone: str) -> AbbreviationMap:
        listed = {} if zone == "reference" else self.listed
        if zone in abbreviations.TABLE_ZONES:
            return {**listed, **self.prose, **self.tables}
        return {**listed, **self.prose}

    def resolved(self) -> dict[str, EntityRef]:
        merged = {**self.listed, **self.tables, **self.prose}
        return {k: v for k, v in sorted(merged.items()) if v is not None}


def resolve_long_form(lexicon: Lexicon, long_form: str, short: str | None = None) -> EntityRef | None:
    """The entity a long form names: the whole phrase, else its longest named tail."""
    words = long_form.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if i > 0 and subtype_shapes.is_generic_head(tail):
            break  # "biphenotypic sinonasal sarcoma" is a new subtype, not "sarcoma"
        found = lexicon.lookup(tail)
        if len(found) == 1:
            return next(iter(found))
        if i == 0 and found:
            return None  # ambiguous even in full
    drug = _drug_by_shape(long_form)
    if drug is not None:
        return drug  # "ostiraleucel (ostira-cel)", "ravimogene orparepvec (R-VEC)"
    new = subtype_shapes.new_subtype(long_form)
    known = lexicon.lookup(short) if new is not None and short else set()
    if len(known) == 1 and next(iter(known)).category == "SarcomaSubtype":
        return next(iter(known))  # a misspelt long form of a known short form
    return new


def _drug_by_shape(long_form: str) -> EntityRef | None:
    """The drug a long form names by its INN shape alone, when the shape spans all of it."""
    phrase = long_form.strip()
    for match in patterns.drug_by_stem(phrase):
        if match.start == 0 and match.end == len(phrase):
            return match.entity
    return None


def find_abbreviations(lexicon: Lexicon, sentences: Sequence[Sentence]) -> DocumentAbbreviations:
    """The short forms a document defines: in prose for the prose, in legends for the tables,
    and in abbreviation lists ("Abbreviations: ...", a legend of three or more entries whose
    letters spell their long forms) for the whole document unless its prose defines them."""
    found = DocumentAbbreviations()
    for sentence in sentences:
        if sentence.zone in ("reference", "furniture"):
            continue
        target = found.tables if sentence.zone in abbreviations.TABLE_ZONES else found.prose
        _define(lexicon, target, abbreviations.sentence_definitions(sentence.text, sentence.zone))
        _define(lexicon, found.listed, abbreviations.document_wide_definitions(sentence.text, sentence.zone))
    return found


def _define(lexicon: Lexicon, target: AbbreviationMap, defs: Iterable[abbreviations.Definition]) -> None:
    """Add each short form (the first definition wins), and the long form of a new entity."""
    for d in defs:
        entity = target.setdefault(d.short, resolve_long_form(lexicon, d.long, d.short))
        if entity is not None and not entity.in_vocabulary and " " in d.long.strip():
            target.setdefault(d.long.strip(), entity)  # the long form names it too


def _vocabulary_mentions(
    lexicon: Lexicon, text: str, defined: AbbreviationMap
) -> list[Mention]:
    """Left to right, the longest vocabulary name at each token; no overlaps."""
    tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    keys = [compact(text[a:b], keep_case=True) for a, b in tokens]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        hit = _longest_at(lexicon, text, tokens, keys, i, defined)
        if hit is None:
            i += 1
            continue
        mention, used = hit
        mentions.append(mention)
        i += used
    return mentions


def _candidate_spans(lexicon: Lexicon, keys: list[str], i: int) -> list[tuple[int, str]]:
    """(token count, compact key) of the spans starting at token i that may name something."""
    spans: list[tuple[int, str]] = []
    key = ""
    for n in range(1, min(lexicon.max_tokens, len(keys) - i) + 1):
        key += keys[i + n - 1]
        spans.append((n, key))
        if not lexicon.may_extend(key):
            break
    return spans


def _longest_at(
    lexicon: Lexicon, text: str, tokens: list[tuple[int, int]], keys: list[str], i: int,
    defined: AbbreviationMap,
) -> tuple[Mention, int] | None:
    for n, key in reversed(_candidate_spans(lexicon, keys, i)):
        start, end = tokens[i][0], tokens[i + n - 1][1]
        if end < len(text) and text[end] == "+" and not text[end + 1 : end + 2].isalnum():
            end += 1  # "CD8+" keeps its plus
        surface = text[start:end]
        if n == 1 and surface in defined:
            entity = defined[surface]
            if entity is None:
                return None
            return Mention(entity, start, end, surface, "abbreviation"), 1
        found = lexicon.lookup_key(key)
        if not found and key.endswith("s"):
            found = lexicon.lookup_key(key[:-1])  # "TAMs", "Tregs"
        if len(found) == 1:
            return Mention(next(iter(found)), start, end, surface), n
        # several entities share the name: ambiguous unless the document defines it
    return None


def _pattern_mentions(text: str, taken: list[Mention], phrases: list[patterns.PatternMatch]) -> list[Mention]:
    """Shape-based mentions in the spans the vocabulary left free (earlier finders win);
    ``phrases`` are the subtype phrases of the text, found once."""
    covered = sorted((m.start, m.end) for m in taken)
    found: list[Mention] = []
    for matches in (patterns.trials(text), patterns.genes(text), patterns.drug_by_stem(text), phrases,
                    subtype_shapes.sarcoma_words(text)):
        for match in matches:
            if _overlaps(covered, match.start, match.end):
                continue
            bisect.insort(covered, (match.start, match.end))
            found.append(Mention(match.entity, match.start, match.end, text[match.start:match.end], "pattern"))
    return found


def _misspelt_subtype(lexicon: Lexicon, mention: Mention) -> Mention:
    """A subtype phrase the vocabulary knows under a near spelling is that subtype."""
    if mention.entity.category != "SarcomaSubtype" or mention.entity.in_vocabulary:
        return mention
    known = lexicon.near(mention.text, "SarcomaSubtype")
    if known is None:
        return mention
    return Mention(known, mention.start, mention.end, mention.text, "pattern")


def _is_part(whole: patterns.PatternMatch, mention: Mention) -> bool:
    """Is ``mention`` a known part of a longer unknown name: a gene of a fusion
    ("EWSR1" in "EWSR1-CREB1 fusion"), the head noun of a subtype ("sarcoma")?"""
    if not (whole.start <= mention.start and mention.end <= whole.end):
        return False
    if whole.entity.category == "GeneFusion":
        return mention.entity.category == "Target"
    return subtype_shapes.is_generic_head(mention.text)


def _wholes_over_parts(text: str, vocab: list[Mention], phrases: list[patterns.PatternMatch]) -> list[Mention]:
    """Vocabulary mentions that are only parts of an unknown fusion or subtype phrase give way
    to it (the pattern finders then name the whole); a whole the vocabulary knows stays."""
    wholes = [*patterns.fusions(text), *phrases]
    wholes = [w for w in wholes
              if all(_is_part(w, v) for v in vocab if v.start < w.end and w.start < v.end)]
    return [v for v in vocab if not any(_is_part(w, v) for w in wholes)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted, non-overlapping ``spans``?"""
    i = bisect.bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(i - 1, 0):i + 1])


def _defined_phrase_mentions(text: str, defined: AbbreviationMap) -> list[Mention]:
    """Long forms the document defined for entities the vocabulary lacks (plural too), and
    short forms of several tokens ("ostira-cel", "R-VEC"), which the token matcher cannot see."""
    found: list[Mention] = []
    for phrase, entity in sorted(defined.items(), key=lambda kv: -len(kv[0])):
        if entity is None or len(TOKEN_RE.findall(phrase)) < 2:
            continue
        if " " in phrase:
            pattern, flags = rf"\b{re.escape(phrase)}s?\b", re.IGNORECASE
        else:  # a short form keeps its case and is a whole token ("ostira-cel", not "x-ostira-cel")
            pattern, flags = rf"(?<![\w-]){re.escape(phrase)}s?(?![\w-])", re.NOFLAG
        for m in re.finditer(pattern, text, flags):
            if not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(Mention(entity, m.start(), m.end(), m.group(), "abbreviation"))
    return found


def recognise(lexicon: Lexicon, sentence: Sentence, defined: AbbreviationMap) -> tuple[Mention, ...]:
    """All mentions in one sentence, sorted by position."""
    phrases = _defined_phrase_mentions(sentence.text, defined)
    long_forms = [p for p in phrases if " " in p.text]
    vocab = [m for m in _vocabulary_mentions(lexicon, sentence.text, defined)
             if not any(p.start < m.end and m.start < p.end for p in long_forms)] + long_forms
    # a short form of several tokens fills only what the vocabulary left ("PD-L1 inhibitors" stays)
    vocab += [p for p in phrases if " " not in p.text and not any(
        v.start < p.end and p.start < v.end for v in vocab)]
    subtype_phrases = list(subtype_shapes.sarcoma_phrases(sentence.text))
    vocab = _wholes_over_parts(sentence.text, vocab, subtype_phrases)
    extra = [_misspelt_subtype(lexicon, m) for m in _pattern_mentions(sentence.text, vocab, subtype_phrases)]
    found = [_negated_group(sentence.text, m) for m in vocab + extra]
    return tuple(sorted(found, key=lambda m: (m.start, m.end, m.entity.key)))


_NON_BEFORE = re.compile(r"\bnon[- ]?$", re.IGNORECASE)


def _negated_group(text: str, mention: Mention) -> Mention:
    """"non-ASPS" names the patients without the subtype: a population, not the subtype."""
    if mention.entity.category != "SarcomaSubtype":
        return mention
    before = _NON_BEFORE.search(text, max(0, mention.start - 4), mention.start)
    if before is None:
        return mention
    surface = text[before.start():mention.end]
    label = f"non-{mention.text}"
    entity = EntityRef(f"population/{slugify(label)}", label, "Population", ("Population",), False)
    return Mention(entity, before.start(), mention.end, surface, "pattern")


_STUDY_TITLE_RE = re.compile(r"\s+")


def own_study(document: Document) -> EntityRef:
    """The study a document reports itself ("this study"): the one trial its title names as
    its own ("...: the VELDA-2 phase 2 trial"), else a study named after the document."""
    from sarckg.extract.trial_names import title_trial

    if document.title and (trial := title_trial(document.title)) is not None:
        return trial
    label = document.title or f"study reported in {document.file_name}"
    label = _STUDY_TITLE_RE.sub(" ", label).strip()
    return EntityRef(f"study/{document.doc_id}", label, "Study", ("Study",), False)


def annotate(
    document: Document,
    sentences: Iterable[Sentence],
    *,
    lexicon: Lexicon | None = None,
    study_design: str | None = None,
    cohort_size: int | None = None,
) -> AnnotatedDocument:
    """Recognise entities in every sentence and build the document's extraction context."""
    lexicon = lexicon or default_lexicon()
    sentences = tuple(sentences)
    defined = find_abbreviations(lexicon, sentences)
    context = ExtractionContext(
        own_study=own_study(document),
        study_design=study_design,
        cohort_size=cohort_size,
        abbreviations=defined.resolved(),
    )
    mentions = [recognise(lexicon, s, defined.for_zone(s.zone)) for s in sentences]
    mentions = plural_subtype_short_forms(sentences, one_reading_per_code(sentences, mentions))
    annotated = tuple(AnnotatedSentence(document, s, m, context) for s, m in zip(sentences, mentions, strict=True))
    return AnnotatedDocument(document, annotated, context)


#: "ASPs": two or more capitals and a lowercase "s", a whole token
_LOWER_S_FORM_RE = re.compile(r"(?<![\w-])([A-Z]{2,9})s(?![\w-])")
#: what joins two members of a list: "A and B", "A, B", "A, and B", "A or B", "A/B"
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|and/or|as well as)\s+|[/&]\s*)",
                           re.IGNORECASE)
_Mentions = Sequence[tuple[Mention, ...]]


def _written_subtype_short_forms(mentions: _Mentions) -> dict[str, EntityRef]:
    """All-capitals short forms the document writes for exactly one subtype ("ASPS")."""
    seen: dict[str, set[EntityRef]] = {}
    for found in mentions:
        for m in found:
            if m.entity.category == "SarcomaSubtype" and re.fullmatch(r"[A-Z]{3,10}", m.text):
                seen.setdefault(m.text, set()).add(m.entity)
    return {short: next(iter(ents)) for short, ents in seen.items() if len(ents) == 1}


def _listed_with_subtype(text: str, found: tuple[Mention, ...], start: int, end: int) -> bool:
    """Is [start, end) one member of a list whose neighbouring member is a subtype mention?"""
    before = [m for m in found if m.end <= start]
    after = [m for m in found if m.start >= end]
    if before and before[-1].entity.category == "SarcomaSubtype" and _LIST_JOIN_RE.fullmatch(
            text, before[-1].end, start):
        return True
    return bool(after and after[0].entity.category == "SarcomaSubtype"
                and _LIST_JOIN_RE.fullmatch(text, end, after[0].start))


def plural_subtype_short_forms(sentences: Sequence[Sentence], mentions: _Mentions) -> list[tuple[Mention, ...]]:
    """A short form written with its final capital in lower case ("The UPS and ASPs
    responded") names the subtype of the all-capitals form, but only listed with another
    subtype and only where the document also writes the exact form ("ASPS") itself: "ASP(s)"
    has other meanings."""
    written = _written_subtype_short_forms(mentions)
    out: list[tuple[Mention, ...]] = []
    for sentence, found in zip(sentences, mentions, strict=True):
        added: list[Mention] = []
        for m in _LOWER_S_FORM_RE.finditer(sentence.text) if written else ():
            entity = written.get(m.group(1) + "S")
            if entity is None or any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            if _listed_with_subtype(sentence.text, found, m.start(), m.end()):
                added.append(Mention(entity, m.start(), m.end(), m.group(), "abbreviation"))
        out.append(tuple(sorted((*found, *added), key=lambda x: (x.start, x.end, x.entity.key))))
    return out



def _named_as_trial(code: str, sentences: Sequence[Sentence]) -> bool:
    """Does the document name the code as a trial by shape ("the X-123 trial", "trial (X-123)",
    "X-123 (NCT...)")?"""
    c = re.escape(code)
    named = re.compile(rf"(?<![\w-]){c}\s+(?:phase\s+\S+\s+)?(?:trials?|study)\b|\b(?:trials?|study)\s*\(\s*{c}\s*\)"
                       rf"|(?<![\w-]){c}\s*\(\s*NCT", re.IGNORECASE)
    return any(named.search(s.text) for s in sentences)


def one_reading_per_code(sentences: Sequence[Sentence], mentions: _Mentions) -> list[tuple[Mention, ...]]:
    """A code name the document reads as a drug somewhere ("Oncolytic peptides, such as
    LTX-315") is that drug where a pattern read it as a trial by a nearby trial word
    ("Subsequent studies found that LTX-315 triggers ..."), unless the document names it as a
    trial by shape ("the LTX-315 trial")."""
    drugs: dict[str, EntityRef] = {}
    for found in mentions:
        for m in found:
            if m.entity.category == "Drug" and m.via == "pattern" and patterns.CODE_NAME_RE.fullmatch(m.text):
                drugs.setdefault(compact(m.text, keep_case=True), m.entity)
    if not drugs:
        return list(mentions)
    trial_named: dict[str, bool] = {}
    out: list[tuple[Mention, ...]] = []
    for found in mentions:
        read: list[Mention] = []
        for m in found:
            drug = drugs.get(compact(m.text, keep_case=True)) if m.entity.category == "Study" else None
            if drug is not None and m.via == "pattern" and not trial_named.setdefault(
                    m.text, _named_as_trial(m.text, sentences)):
                m = Mention(drug, m.start, m.end, m.text, "pattern")
            read.append(m)
        out.append(tuple(read))
    return out
