"""Cues and grammar shared by the relation extractors: negation, hedging, direction,
clauses, coordination and comparison baselines.

The words that name things of the ontology's value sets (effects, subtype traits, clinical
outcomes) are read from their ``rdfs:label``/``skos:altLabel`` in ``ontology/sarckg.ttl``
(:func:`load_lexicon`), so the lexicon lives in one place. What stays here is grammar: the
function words of negation and hedging, clause boundaries, and the comparison patterns that
say whether "more biomarker" goes with a better or a worse outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.drug_combinations import without_descriptions
from sarckg.model import MINED_ZONES, EntityRef, Mention, Regimen
from sarckg.namespaces import SKG

Span = tuple[int, int]

# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """Value-set terms of the ontology with the regular expression that finds each in text.

    ``effects``, ``traits``, ``outcomes`` and ``directions`` map an individual's local name
    (``Increases``, ``ImmunologicallyHot``, ``Response``, ``Negative``) to a pattern built
    from its labels.
    """

    effects: dict[str, re.Pattern[str]]
    traits: dict[str, re.Pattern[str]]
    outcomes: dict[str, re.Pattern[str]]
    directions: dict[str, re.Pattern[str]]
    measures: dict[str, re.Pattern[str]]

    @staticmethod
    def from_graph(graph: Graph) -> Lexicon:
        """Build the lexicon from an ontology graph (value-set individuals and their labels)."""
        return Lexicon(
            effects=_value_set(graph, "Effect"),
            traits=_value_set(graph, "SubtypeTrait"),
            outcomes=_value_set(graph, "ClinicalOutcome"),
            directions=_value_set(graph, "AssociationDirection"),
            measures=_value_set(graph, "OutcomeMeasure"),
        )

    def find(self, table: dict[str, re.Pattern[str]], text: str) -> list[tuple[str, int, int]]:
        """Every ``(local name, start, end)`` of ``table``'s terms in ``text``, by position;
        where two terms overlap the longer wins."""
        hits = [(m.start(), -(m.end() - m.start()), name) for name, pattern in table.items()
                for m in pattern.finditer(text)]
        out: list[tuple[str, int, int]] = []
        last_end = -1
        for start, neg_len, name in sorted(hits):
            if start >= last_end:
                out.append((name, start, start - neg_len))
                last_end = start - neg_len
        return out


def _value_set(graph: Graph, class_name: str) -> dict[str, re.Pattern[str]]:
    table: dict[str, re.Pattern[str]] = {}
    for individual in sorted(set(graph.subjects(RDF.type, SKG[class_name])), key=str):
        labels = sorted({
            str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for o in graph.objects(individual, p) if isinstance(o, Literal)
        })
        pattern = phrase_pattern(labels)
        if pattern is not None:
            table[str(individual).rsplit("#", 1)[-1]] = pattern
    return table


_QUOTE = r"[\"'“”‘’]?"


def _word_regex(word: str, last: bool) -> str:
    """One label word, quotes allowed around it ("immunologically “hot”"); the last word of a
    lower-case label may take the plural, as names do in the matcher ("responses")."""
    plural = "(?:s|es)?" if last and word.isalpha() and word.islower() and word[-1] != "s" else ""
    return _QUOTE + re.escape(word) + plural + _QUOTE


def phrase_pattern(labels: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``labels`` as whole words, tolerating hyphen/space variation
    and quotes. Acronyms (no lower-case letter: "PD", "OS") keep their case, the rest do not.
    Word forms come from the labels, not from code."""
    alternatives = []
    for label in labels:
        words = [w for w in re.split(r"[\s\-]+", label.strip()) if w]
        if not words:
            continue
        body = r"[\s\-]+".join(_word_regex(w, i == len(words) - 1) for i, w in enumerate(words))
        alternatives.append(body if any(c.islower() for c in label) else f"(?-i:{body})")
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?!\w|-\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon of the project ontology (``sarckg.graph.ontology_files``), loaded once."""
    from sarckg.graph.ontology_files import load_ontology

    return Lexicon.from_graph(load_ontology())


# --------------------------------------------------------------------------- sentences

#: Longer "sentences" are unsplit blocks (reference lists, flattened tables): no grammar holds.
MAX_SENTENCE_CHARS = 600


def minable(sentence: AnnotatedSentence, *, references: bool = True) -> bool:
    """Whether relation extractors should read ``sentence``: a mined zone, not furniture,
    short enough to be one sentence, and (unless ``references``) not a reference entry."""
    zone = sentence.sentence.zone
    if zone not in MINED_ZONES or zone == "furniture" or (zone == "reference" and not references):
        return False
    return len(sentence.text) <= MAX_SENTENCE_CHARS


# --------------------------------------------------------------------------- clauses

_CLAUSE_BREAK = re.compile(
    r";|:\s|\.\s|,?\s+(?:while|whereas|although|though|however)\b|,\s+(?:but(?!\s+not)|suggesting|indicating|"
    r"implying|underscoring|highlighting|which|making|leading|and\s+thereby)\b",
    re.IGNORECASE,
)


def clauses(text: str) -> list[Span]:
    """Spans of the clauses of a sentence (split at ";" and before subordinating words)."""
    spans: list[Span] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.start() if m.group(0)[:1] not in ";:." else m.end()
    spans.append((start, len(text)))
    return [s for s in spans if text[s[0]:s[1]].strip()]


def clause_of(text: str, position: int) -> Span:
    """The clause that contains ``position``."""
    for start, end in clauses(text):
        if start <= position < end:
            return start, end
    return 0, len(text)


# --------------------------------------------------------------------------- negation

#: Negations of the whole clause's predicate ("X did not correlate with Y").
_CLAUSAL_NEGATION = re.compile(
    r"\b(?:no|without)\s+(?:\w+\s+){0,2}?(?:association|correlation|relationship|difference|"
    r"link|impact|effect)s?\b|\bnot\s+(?:\w+\s+)?(?:associated|correlated|linked|related|"
    r"predictive|prognostic|significant)\b|"
    r"\b(?:did|does|do|was|were|is|are|could|can|would|has|have|had)\s+not\b(?!\s+only)|"
    r"\b(?:cannot|never)\b|\bfail(?:ed|s)?\s+to\b|"
    r"\bno\s+(?:statistically\s+)?significant\b|\bdifficult\s+to\s+find\s+a\s+significant\b|"
    r"\bneither\b|\bnon-?significant\b|\black\s+of\s+(?:association|correlation)\b",
    re.IGNORECASE,
)
#: Negations of one noun phrase only ("but not PD-L1 expression", "not to PFS or OS").
_PHRASE_NEGATION = re.compile(r"\b(?:but|and)\s+not(?:\s+to)?\b|\bnor\b", re.IGNORECASE)


def negation_cues(text: str) -> list[Span]:
    """Spans of clausal negation cues in ``text``."""
    return [m.span() for m in _CLAUSAL_NEGATION.finditer(text)]


def _phrase_scope(text: str, cue_end: int) -> Span:
    stop = re.compile(r"[,;.)]|\s(?:are|is|was|were|has|have|in|with)\s").search(text, cue_end)
    return cue_end, stop.start() if stop else len(text)


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the entity at ``text[start:end]`` is in the scope of a negation: a clausal
    negation in its clause, or a phrase negation ("but not X") that covers it."""
    for m in _PHRASE_NEGATION.finditer(text):
        s, e = _phrase_scope(text, m.end())
        if s <= start and end <= e:
            return True
    c_start, c_end = clause_of(text, start)
    return any(c_start <= s < c_end for s, _ in negation_cues(text))


def phrase_negated(text: str, start: int, end: int) -> bool:
    """Whether only the phrase at ``start:end`` is negated ("but not X"), not its clause."""
    for m in _PHRASE_NEGATION.finditer(text):
        s, e = _phrase_scope(text, m.end())
        if s <= start and end <= e:
            return True
    return False


# --------------------------------------------------------------------------- hedging

_HEDGE = re.compile(
    r"\b(?:may|might|could|possibly|possible|potentially|potential|perhaps|likely|unlikely|"
    r"suggest(?:s|ed|ing)?|appears?\s+to|seems?\s+to|presumably|putative|hypothe\w+|"
    r"only\s+modestly|modestly|speculate\w*|remains?\s+(?:unclear|undefined|uncertain)|"
    r"(?:unclear|unknown|uncertain|not\s+(?:yet\s+)?(?:known|clear))\s+(?:whether|if)|"
    r"tend(?:s|ed)?\s+to|warrant\w*\s+further)\b",
    re.IGNORECASE,
)


#: A comma just before a hedge: the hedge opens a comment on what precedes it.
_COMMENT_OPENS = re.compile(r",\s*$")


def hedge_cues(text: str) -> list[Span]:
    """Spans of hedging cues in ``text``."""
    return [m.span() for m in _HEDGE.finditer(text)]


def is_hedged(text: str, position: int | None = None) -> bool:
    """Whether the clause at ``position`` (or, without one, the sentence) is hedged. A hedge
    opening a comment after the claim does not hedge it ("X reduces Y, possibly due to Z"
    asserts that X reduces Y)."""
    cues = hedge_cues(text)
    if position is None:
        return bool(cues)
    c_start, c_end = clause_of(text, position)
    return any(c_start <= s < c_end and (s < position or not _COMMENT_OPENS.search(text[:s]))
               for s, _ in cues)


# --------------------------------------------------------------------------- direction

_MORE = (r"high(?:er|est)?|elevated|increas(?:ed|ing)|greater|dense|heightened|abundant|"
         r"enrich(?:ed|ment)|more|amplifi(?:ed|cation)|overexpress(?:ed|ion)|presence\s+of|"
         r"co-presence\s+of|upregulat(?:ed|ion)|gain\s+of|positiv(?:e|ity)|rich")
_LESS = (r"low(?:er|est)?|decreas(?:ed|ing)|reduced|fewer|less|absen(?:t|ce)\s+of|loss\s+of|"
         r"lack\s+of|downregulat(?:ed|ion)|deficien(?:t|cy)|negative|poor")
_AMOUNT_BEFORE = re.compile(rf"\b(?:(?P<more>{_MORE})|(?P<less>{_LESS}))\b[^,;.]{{0,40}}$",
                            re.IGNORECASE)
_AMOUNT_AFTER = re.compile(
    rf"^[\w+\-/()\s]{{0,25}}?\b(?:levels?\s+|expression\s+|infiltration\s+|density\s+)?"
    rf"(?:was|were|is|are)\s+(?:\w+\s+)?(?:(?P<more>{_MORE})|(?P<less>{_LESS}))\b"
    r"(?!\s+(?:predict\w*|indicator|marker|prognos\w*|correlat\w*|associat\w*|factor|regulator))",
    re.IGNORECASE)
_SUFFIX = re.compile(r"^[-\s]?(?:(?P<more>high|positive|rich)|(?P<less>low|negative))\b",
                     re.IGNORECASE)


def amount_sign(text: str, start: int, end: int) -> int:
    """+1 when the entity at ``start:end`` is said to be high/present, -1 low/absent, else 0."""
    for m in (_SUFFIX.match(text[end:end + 10]),
              _AMOUNT_BEFORE.search(text[max(0, start - 35):start]),
              _AMOUNT_AFTER.match(text[end:end + 60])):
        if m:
            return 1 if m.group("more") else -1
    surface = text[start:end].lower()
    if re.search(r"-(?:high|positive)$", surface):
        return 1
    if re.search(r"-(?:low|negative)$", surface):
        return -1
    return 0


_INVERSE_RELATION = re.compile(
    r"\b(?:inversely|reversely|negatively)\s+(?:\w+\s+)?(?:correlat|associat|relat)\w*|"
    r"\bnegative\s+(?:indicator|predictor|correlation|association|prognostic)\w*", re.IGNORECASE)
#: Words before an outcome that make it better or worse ("improved OS", "poor prognosis").
_BETTER = re.compile(
    r"\b(?:improv\w*|better|best|longer|prolong\w*|extend\w*|favou?rabl[ey]|strong(?:er)?|"
    r"superior|enhanc\w*|increas\w*|higher|greater|durable|benefit\w*)\b", re.IGNORECASE)
_WORSE = re.compile(
    r"\b(?:worse|worst|poor(?:er|ly)?|shorter|unfavou?rabl[ey]|inferior|reduc\w*|decreas\w*|"
    r"lower|limited|impair\w*)\b", re.IGNORECASE)
#: Outcomes that are bad in themselves: more of them is worse.
_BAD_OUTCOME = re.compile(
    r"\b(?:risk|recurren\w+|relaps\w+|progression|hyperprogression|metasta\w+|death|"
    r"mortality|resistance)\b", re.IGNORECASE)
#: Outcomes that are good in themselves even with no modifier ("ICI efficacy").
_GOOD_OUTCOME = re.compile(r"\b(?:respon\w*|efficacy|benefit\w*|ORR|sensitivity)\b", re.IGNORECASE)
def relation_sign(text: str) -> int:
    """-1 when ``text`` relates two things inversely ("reversely correlated"), else +1."""
    return -1 if _INVERSE_RELATION.search(text) else 1


def outcome_sign(phrase: str) -> int:
    """+1 when ``phrase`` names a better outcome, -1 a worse one, 0 when it does not say.

    The modifier ("improved", "poor", "increased", "reduced") times the outcome's own
    sign (risk, recurrence and progression are bad; survival, response and prognosis good):
    "increased risk of local recurrence" is worse, "reduced disease-free survival" is worse,
    "ICI efficacy" is better, a bare "survival" says nothing.
    """
    worse = _WORSE.search(phrase)
    better = _BETTER.search(phrase)
    if worse and better:
        modifier = 1 if better.start() < worse.start() else -1
    else:
        modifier = -1 if worse else 1 if better else 0
    intrinsic = -1 if _BAD_OUTCOME.search(phrase) else 1
    if modifier == 0:
        if intrinsic < 0:
            return -1
        return 1 if _GOOD_OUTCOME.search(phrase) else 0
    return modifier * intrinsic


#: Measures that name a good (responding) or a bad (progressing) patient group.
_GROUP_SIGN: dict[str, int] = {
    "CompleteResponse": 1, "PartialResponse": 1, "StableDisease": 1, "ProgressiveDisease": -1,
}


_RESPONDERS = re.compile(r"\b(non-?)?responders\b", re.IGNORECASE)


def response_groups(lexicon: Lexicon, text: str) -> list[tuple[int, int]]:
    """Spans naming patients by their response ("PR patients", "in PD", "non-responders"),
    sorted by position."""
    groups = [(s, e) for name, s, e in lexicon.find(lexicon.measures, text) if name in _GROUP_SIGN]
    groups += [m.span() for m in _RESPONDERS.finditer(text)]
    return sorted(groups)


def group_sign(lexicon: Lexicon, phrase: str) -> int:
    """+1 when ``phrase`` names responders ("PR patients"), -1 progressors ("in PD"), else 0;
    the first group named decides."""
    for name, _start, _ in lexicon.find(lexicon.measures, phrase):
        if name in _GROUP_SIGN:
            return _GROUP_SIGN[name]
    m = _RESPONDERS.search(phrase)
    if m:
        return -1 if m.group(1) else 1
    return 0


# --------------------------------------------------------------------------- shared grammar

_COORD_STOP = re.compile(
    r"\b(?:is|are|was|were|has|have|had|that|which|who|by|than|with|to|in|among|on|at|while|whereas|versus|vs|"
    r"(?!infiltrating|including|circulating)\w+ing)\b", re.IGNORECASE)
_COORD_LINK = re.compile(r",|/|\b(?:and|or|nor|not|especially|particularly|including)\b|^\s*$",
                         re.IGNORECASE)


def drop_nested(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions without those nested in (or overlapping) an earlier, longer one."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: (x.start, -(x.end - x.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


#: "marked by (a) high", "characterized by": what opens the markers that define a cell or state.
MARKED_BY = (r"\b(?:marked|characteri[sz]ed|defined|distinguished|identified|typified)\s+by\s+"
             r"(?:(?:a|an|the)\s+)?(?:(?:high|strong|elevated|abundant|increased|robust|prominent)\s+)?")

#: What may stand between two names of one list: commas, "and", "or", "as well as", articles,
#: parentheses, an abbreviation's definition, and "expression of" and its like ("CD8+ T cells
#: and the expression of PD-L1").
LIST_GAP = re.compile(r"^(?:\s*(?:,|and|or|as\s+well\s+as|the|its|their|\(|\)|[-\w]+\s+\(\w+\)|"
                      r"(?:expression|infiltration|levels?|numbers?|densit(?:y|ies)|activity|activation|"
                      r"production|release|secretion|recruitment|proliferation|function|frequency|"
                      r"abundance|accumulation|presence)\s+of)\s*)*$", re.IGNORECASE)


def coordinated(text: str, mentions: Sequence[Mention], head: int, *, forward: bool = False,
                gap: re.Pattern[str] | None = None) -> list[Mention]:
    """``mentions[head]`` with the mentions coordinated to its left ("TMB, TNB and MSI"), or
    with ``forward`` to its right. With ``gap`` (forward, :data:`LIST_GAP` by default), a
    mention joins while the text between it and the group fully matches ``gap``; leftward
    without one, the looser rule for a list of biomarkers: a few words with a link ("," "and"
    "or" "including") and no verb, and the same name again after an opening parenthesis."""
    if gap is not None or forward:
        return _walk(text, mentions, head, forward, gap or LIST_GAP)
    group = [mentions[head]]
    for i in range(head - 1, -1, -1):
        between = re.sub(r"\([^()]*\)", "", text[mentions[i].end:group[0].start])
        if mentions[i].entity == group[0].entity and re.fullmatch(r"\s*\(?\s*", between):
            group.insert(0, mentions[i])  # "tertiary lymphoid structures (TLS"
            continue
        if len(between.split()) > 6 or _COORD_STOP.search(between) or not _COORD_LINK.search(between):
            break
        group.insert(0, mentions[i])
    return group


def _walk(text: str, mentions: Sequence[Mention], head: int, forward: bool,
          gap: re.Pattern[str]) -> list[Mention]:
    group = [mentions[head]]
    if forward:
        for m in mentions[head + 1:]:
            if not gap.fullmatch(text[group[-1].end:m.start]):
                break
            group.append(m)
        return group
    for m in reversed(mentions[:head]):
        if not gap.fullmatch(text[m.end:group[0].start]):
            break
        group.insert(0, m)
    return group


def therapy_context(sentence: AnnotatedSentence,
                    measured: Iterable[EntityRef] = ()) -> Regimen | None:
    """The regimen of the drugs and drug classes the sentence names, if any, without those
    ``measured`` as biomarkers in it ("serum IFN-α levels") and the classes that only
    describe a drug beside them ("the anti-PD-1 antibody X")."""
    skip = set(measured)
    named = [m for m in sentence.of_category("Drug", "DrugClass") if m.entity.category in ("Drug", "DrugClass")]
    agents = [m.entity for m in without_descriptions(sentence.text, named) if m.entity not in skip]
    return Regimen.of(*agents) if agents else None


def subtypes_named(sentence: AnnotatedSentence) -> list[EntityRef | None]:
    """The distinct subtypes or populations the sentence names, but not one it sets apart
    ("unlike ASPS") (None when it names none, or too many to be the scope of one finding)."""
    found: dict[str, EntityRef] = {}
    for m in sentence.mentions:
        if m.entity.category in ("SarcomaSubtype", "Population") and not re.search(
                r"\bunlike\s+(?:the\s+)?(?:\w+\s+)?$", sentence.text[max(0, m.start - 25):m.start], re.IGNORECASE):
            found.setdefault(m.entity.key, m.entity)  # "Unlike ASPS, ...": the finding is not about ASPS
    if not found or len(found) > 3:
        return [None]
    return list(found.values())


def clause_index(text: str, start: int) -> int:
    """The index of the clause that starts at ``start`` (0 when none does)."""
    for i, (s, _) in enumerate(clauses(text)):
        if s == start:
            return i
    return 0


_COMPARED = r"(?:compared\s+(?:with|to)|relative\s+to|than(?:\s+in)?|versus|vs\.?|unlike)"


def compared_to(text: str, start: int) -> bool:
    """Whether the phrase at ``start`` is the baseline of a comparison ("compared with X")."""
    return bool(re.search(_COMPARED + r"\s+(?:the\s+)?(?:\w+\s+)?$", text[max(0, start - 30):start],
                          re.IGNORECASE))


def without_comparison(gap: str) -> str:
    """A gap without the comparison aside it opens with (", compared with primary sarcomas,")."""
    return re.sub(r"^\s*\)?\s*,\s*" + _COMPARED + r"[^,]*,", " ", gap, flags=re.IGNORECASE)


# --------------------------------------------------------------------------- examples of a group

_GENERIC_HEAD = (r"(?:sub)?types|sarcomas|tumou?rs|cancers|malignancies|neoplasms|histolog(?:ies|ic\s+(?:sub)?types)|"
                 r"histotypes|entities")
#: A plural head noun naming a group of subtypes, no subtype itself ("subtypes", "sarcomas").
GENERIC_HEAD = re.compile(rf"\b(?:{_GENERIC_HEAD})\b", re.IGNORECASE)
#: That head right before a position ("the subtypes | resistant to chemotherapy").
GENERIC_HEAD_BEFORE = re.compile(rf"\b(?:{_GENERIC_HEAD})\s*$", re.IGNORECASE)
#: That head right after a position ("chemoresistant | subtypes").
GENERIC_HEAD_AFTER = re.compile(rf"\s*(?:{_GENERIC_HEAD})\b", re.IGNORECASE)
#: Words that introduce examples of what came before ("..., for example, A and B", "(e.g., A)").
EXAMPLE_INTRO = re.compile(
    r"(?:\b|\()\s*(?:for\s+example|for\s+instance|such\s+as|including|e\.g\.|especially|particularly|notably)"
    r"\s*[,:]?\s*$", re.IGNORECASE)
