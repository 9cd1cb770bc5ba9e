"""Subtype properties: traits from the ontology's ``skg:SubtypeTrait`` value set, and the
fusions and mutated genes a subtype harbours.

The trait words are the value set's labels (:func:`sarckg.extract.cues.load_lexicon`); a
trait the value set lacks is never invented. Which subtypes a trait is
said of is :mod:`sarckg.extract.subtype_scope`'s grammar; this module finds the traits, what a
subtype harbours, its response to immunotherapy and how many subtypes it comprises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.class_words import ancestors
from sarckg.extract.cues import Lexicon, load_lexicon
from sarckg.extract.numbers import word_to_int
from sarckg.extract.subtype_scope import (
    EXTRACTOR,
    LIST_GAP,
    LIST_INTRO,
    SUBJECT_LINK,
    copula_subject,
    list_before,
    list_from,
    subtype_mentions,
    subtype_property,
    trait_names,
    trait_scope,
)
from sarckg.extract.subtype_shapes import is_generic_head
from sarckg.model import EntityRef, Mention, Statement, SubtypeProperty, slugify

__all__ = ["EXTRACTOR", "extract", "fusion_mentions", "trait_scope", "traits", "vocabulary_fusion"]

#: Traits read by their own grammar (they name a related entity), not by their words alone.
_RELATIONAL_TRAITS = frozenset({"HarboursFusion", "HarboursMutation"})
_FUSION_RE = re.compile(
    r"(?<![\w-])\*?(?P<name>[A-Z][A-Z0-9]{1,9}(?:\s?[-–:/]\s?[A-Z][A-Z0-9]{1,9}){1,2})\*?"
    r"(?=\s+(?:gene\s+)?(?:fusions?|rearrangements?|translocations?|fusion\s+genes?)\b)")
_HARBOUR = re.compile(r"\b(?:harbou?r\w*|carr(?:y|ies|ied|ying)|characteri[sz]ed\s+by|defined\s+by|"
                      r"driven\s+by|bear\w*|display\w*|exhibit\w*|with)\b", re.IGNORECASE)
_MUTATION_AFTER = re.compile(r"^\s*(?:gene\s+)?(?:mutations?|mutated|amplifications?|amplified|"
                             r"alterations?|deletions?|loss)\b", re.IGNORECASE)
#: a genomic biomarker that names a gene's alteration ("TP53 mutations", "MDM2 amplification")
_ALTERATION_NAME = re.compile(r"^[A-Z][A-Z0-9]{1,9}\b.*\b(?:mutations?|mutated|mutant|amplifications?|amplified|"
                              r"deletions?|deleted|loss|alterations?)$")

#: Immunotherapy named in words (the therapy a "response" of a subtype is read against).
_IMMUNOTHERAPY = re.compile(
    r"\b(?:immuno-?therap\w*|(?:immune\s+)?checkpoint\s+(?:inhibit\w*|blockade)|ICIs?|"
    r"anti-?\s?(?:PD-?L?-?1|CTLA-?4|LAG-?3)|PD-?L?1\s+(?:inhibit\w*|blockade|antibod\w*))\b", re.IGNORECASE)
_IMMUNOTHERAPY_CLASSES = frozenset({"ImmuneCheckpointInhibitor", "CellTherapy", "OncolyticVirus", "Vaccine"})
_IMMUNOTHERAPY_TRAITS = frozenset({"ImmunotherapySensitive", "PotentiallySensitive", "ImmunotherapyResistant"})
#: a therapy other than immunotherapy right before a sensitivity word ("chemotherapy-sensitive")
_OTHER_THERAPY_BEFORE = re.compile(
    r"\b(?:chemo\w*|radi\w*|cytotoxic|hormon\w*|endocrine|platinum|anthracycline\w*|\w+(?:rubicin|platin|fosfamide))"
    r"[\s-]*$", re.IGNORECASE)
#: "(had significantly longer) median PFS (16 months) than other subtypes": an outcome better or
#: worse than that of the rest, the subtypes set against all others
_THAN_OTHER_SUBTYPES = (
    r"(?:median\s+)?(?:PFS|OS|progression-free\s+survival|overall\s+survival|survival|ORR|objective\s+response\s+rates?|"
    r"response\s+rates?|responses?)\b(?:\s*\([^()]*\))?(?=\s+(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+"
    r"(?:those\s+(?:of|with|in)\s+|patients\s+with\s+)?(?:the\s+|all\s+)?other\s+(?:sarcoma\s+|histologic\w*\s+)?"
    r"(?:sub)?types|\s+(?:than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+|all\s+)?other\s+(?:histologies|sarcomas))")
#: Response verbs and superlatives said of subtypes: the subtypes are their subject.
_RESPONSE_OF_SUBJECT = (
    (re.compile(r"\b(?:poorly|less|minimally|not|weakly)\s+(?:sensitive|responsive)\s+to\b(?=\s+(?:the\s+)?(?:\w+\s+)?"
                r"(?:immuno|checkpoint|ICI|anti-?\s?(?:PD|CTLA)|PD-?L?1\s))", re.IGNORECASE), "ImmunotherapyResistant"),
    (re.compile(r"(?<!poorly )(?<!less )(?<!minimally )(?<!not )(?<!weakly )"
                r"\b(?:highly\s+|particularly\s+)?(?:sensitive|responsive)\s+to\b(?=\s+(?:the\s+)?(?:\w+\s+)?"
                r"(?:immuno|checkpoint|ICI|anti-?\s?(?:PD|CTLA)|PD-?L?1\s))", re.IGNORECASE), "ImmunotherapySensitive"),
    (re.compile(r"\b(?:highly\s+)?(?:resistant|refractory|insensitive|unresponsive)\s+to\b(?=\s+(?:the\s+)?(?:\w+\s+)?"
                r"(?:immuno|checkpoint|ICI|anti-?\s?(?:PD|CTLA)|PD-?L?1\s))", re.IGNORECASE),
     "ImmunotherapyResistant"),
    (re.compile(r"\b(?:(?P<hedge>may|might|can|could)\s+|(?:did|do|does|will)\s+)?(?P<denied>not\s+)?(?:also\s+)?"
                r"respond(?:s|ed)?\s+(?:well\s+|best\s+)?to\b", re.IGNORECASE), "ImmunotherapySensitive"),
    (re.compile(r"\bthe\s+(?:best|highest|greatest|strongest)\s+(?:objective\s+)?respons(?:es|e)"
                r"(?:\s+rates?)?\b", re.IGNORECASE), "ImmunotherapySensitive"),
    (re.compile(r"\bthe\s+(?:lowest|poorest|worst|weakest)\s+(?:objective\s+)?respons(?:es|e)"
                r"(?:\s+rates?)?\b", re.IGNORECASE), "ImmunotherapyResistant"),
    (re.compile(r"\b(?:significantly\s+|markedly\s+)?(?:longer|better|improved|superior|higher|greater|prolonged)\s+"
                + _THAN_OTHER_SUBTYPES, re.IGNORECASE), "ImmunotherapySensitive"),
    (re.compile(r"\b(?:significantly\s+|markedly\s+)?(?:shorter|worse|poorer|inferior|lower)\s+"
                + _THAN_OTHER_SUBTYPES, re.IGNORECASE), "ImmunotherapyResistant"),
)
#: "many sarcoma subtypes": the mention names the set some of whose members are meant.
_SUBSET_HEAD = re.compile(r"^\s+(?:sub)?types\b", re.IGNORECASE)
_NONE_OF = re.compile(r"\b(?:none|no|neither|nor)\b", re.IGNORECASE)
_NOT_ABLE = re.compile(r"\b(?:not|never|unable|fail(?:s|ed)?)\b[^,;]*$", re.IGNORECASE)
#: "elicit a response in LMS", "responses were seen in UPS": the subtypes follow.
#: "more than 40 distinct histologic subtypes", "over 100 histologic types": a count of subtypes.
_SUBTYPE_COUNT = re.compile(
    r"\b(?P<q>(?:more|fewer|less)\s+than|over|approximately|about|around|nearly|almost|at\s+least|up\s+to|"
    r"some|roughly)?\s*(?P<n>\d[\d,]*|[a-z]+(?:-[a-z]+)?)\s+(?:(?:different|distinct|recogni[sz]ed)\s+)?"
    r"(?:(?:histolog\w*|patholog\w*|morpholog\w*|molecular|clinicopathologic\w*)\s+)?(?:sub)?types(?![A-Za-z])",
    re.IGNORECASE)
_MANY_SUBTYPES = 10
#: how a count of subtypes is qualified, as a comparator ("more than 40" is ">40")
_COUNT_COMPARATOR = {"more than": ">", "over": ">", "at least": ">=", "fewer than": "<", "less than": "<",
                     "up to": "<=", "approximately": "~", "about": "~", "around": "~", "nearly": "~",
                     "almost": "~", "some": "~", "roughly": "~"}
#: what makes the subtype before a count its holder: "Bone sarcoma has/comprises/includes more than 40 ..."
_COUNT_HOLDER = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:,[^,]*,\s*)?(?:has|have|comprises?|compris\w*|includes?|"
                           r"encompass\w*|consists?\s+of|contains?|spans?|is\s+divided\s+into|are\s+divided\s+into)\s*$",
                           re.IGNORECASE)
#: "classifies sarcomas into more than 100 subtypes": the object of a dividing verb is the holder
_DIVIDING_VERB = re.compile(r"\b(?:classif(?:y|ies|ied)|(?:sub)?divid(?:e|es|ed)|categori[sz](?:e|es|ed)|"
                            r"group(?:s|ed)?|split(?:s)?|separat(?:e|es|ed))\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
#: counting verbs with no subtype as subject ("The classification recognizes over 40 subtypes"): the
#: sarcomas are named in the sentence before.
_COUNTING_VERB = re.compile(r"\b(?:recogni[sz]\w*|describ\w*|classif\w*|lists?|listed|defin\w*|identif\w*|"
                            r"there\s+are|exist)\s*$", re.IGNORECASE)
_RESPONSE_IN = re.compile(r"\b(?:elicit|induce|achieve|produce)\s+(?:an?\s+)?(?:objective\s+)?"
                          r"respons(?:es|e)\s+in\s+(?:patients\s+with\s+)?$", re.IGNORECASE)

#: "demonstrated promising efficacy in certain sarcoma subtypes, including": efficacy said of a
#: subset of sarcomas whose examples follow (after "patients with STS, especially in ...")
_EFFICACY_IN_SUBSET = re.compile(
    r"\b(?:show|demonstrat|display|exhibit|ha[sdv]|produc|achiev|elicit|induc)\w*\s+(?:(?:an?|the|some)\s+)?"
    r"(?:(?:promising|encouraging|notable|significant|durable|meaningful|substantial|clinical|objective|"
    r"anti-?tumou?r|remarkable|favou?rable|marked)\s+){0,2}(?P<efficacy>activity|efficacy|benefit|respons(?:es|e))"
    r"\s+in\s+(?:patients\s+with\s+)?(?:[^,;()]{0,40},\s*(?:especially|particularly|notably|mainly|mostly)\s+"
    r"(?:in\s+)?(?:patients\s+with\s+)?)?(?:certain|some|several|specific|selected|particular|a\s+few)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:sub)?types,?\s*(?:such\s+as|including|like|e\.g\.,?|for\s+example,?)\s*$", re.IGNORECASE)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Every subtype property stated in ``doc``."""
    lexicon = load_lexicon()
    immunotherapy_document = any(_IMMUNOTHERAPY.search(s.text) for s in doc.sentences)
    for sentence in doc.sentences:
        if not cues.minable(sentence, references=False):
            continue
        seen: set[tuple[object, ...]] = set()
        for statement in (*traits(sentence, lexicon, doc), *harboured(sentence),
                          *responses(sentence, immunotherapy_document), *subtype_counts(doc, sentence)):
            if statement.key() not in seen:
                seen.add(statement.key())
                yield statement


def fusion_mentions(sentence: AnnotatedSentence) -> list[Mention]:
    """Gene fusions: the matcher's, and GENE-GENE names before "fusion"/"rearrangement"
    that it missed (``in_vocabulary=False``); a longer name wins over one nested in it."""
    found = [m for m in sentence.mentions if m.entity.category == "GeneFusion"]
    for m in _FUSION_RE.finditer(sentence.text):
        start, end = m.span("name")
        if any(f.start <= start and end <= f.end for f in found):
            continue
        label = re.sub(r"\s?[-–:/]\s?", "-", m.group("name"))
        entity = vocabulary_fusion(label) or EntityRef(
            f"fusion/{slugify(label)}", label, "GeneFusion", ("GeneFusion",), False)
        found = [f for f in found if not (start <= f.start and f.end <= end)]
        found.append(Mention(entity, start, end, sentence.text[start:end], "pattern"))
    return sorted(found, key=lambda f: f.start)


_CONFUSABLE = str.maketrans({"i": "1", "l": "1", "o": "0"})


def _fusion_form(label: str) -> str:
    """A fusion name with separators dropped and look-alike characters merged, so that
    "ASPS-CRI-TFE3" (I for 1) and "ASPSCR1-TFE3" meet."""
    return re.sub(r"[^a-z0-9]", "", label.lower()).translate(_CONFUSABLE)


def vocabulary_fusion(label: str) -> EntityRef | None:
    """The vocabulary's fusion written ``label`` in a variant spelling, if exactly one."""
    from sarckg.extract.entities import default_lexicon
    from sarckg.graph.ontology_files import OntologyFileError

    try:
        entities = default_lexicon().entities.values()
    except OntologyFileError:
        return None
    form = _fusion_form(label)
    found = [e for e in entities if e.category == "GeneFusion" and _fusion_form(e.label) == form]
    return found[0] if len(found) == 1 else None


def traits(sentence: AnnotatedSentence, lexicon: Lexicon,
           doc: AnnotatedDocument | None = None) -> Iterator[SubtypeProperty]:
    """Traits of the value set said of named subtypes, or of the subtypes listed in the
    sentence before when an anaphor is the subject ("These subtypes are characterized by ...")."""
    text = sentence.text
    for trait, start, end in lexicon.find(lexicon.traits, text):
        inside = [m for m in sentence.mentions if m.start <= start < m.end]
        if trait in _RELATIONAL_TRAITS or any(m.entity.category != "Process" for m in inside):
            continue
        if trait in _IMMUNOTHERAPY_TRAITS and _OTHER_THERAPY_BEFORE.search(text, 0, start):
            continue  # "chemotherapy-sensitive sarcomas" say nothing of immunotherapy
        # a trait that is also a process's name ("genomic instability") is read only after an anaphor
        scope = [] if inside else trait_scope(sentence, start, end)
        for subtype in scope:
            yield subtype_property(sentence, subtype.entity, trait, None, start, end)
        previous = doc.previous(sentence) if doc is not None and not scope else None
        if previous is not None and not any(m.start < start for m in subtype_mentions(sentence)):
            for subtype in anaphoric_subtypes(text[:start], previous):
                yield subtype_property(sentence, subtype.entity, trait, None, start, end, antecedent=previous)


#: "These subtypes", "Such sarcomas", "Both histologies": a plural subject standing for the
#: subtypes just listed, then a linking verb before the trait
_SUBTYPE_ANAPHOR = re.compile(
    r"^(?:(?:however|moreover|furthermore|notably|importantly|indeed|in\s+addition),\s*)?"
    r"(?:these|those|such|both|all\s+these|all\s+of\s+these)\s+(?:[a-z-]+\s+)?"
    r"(?:sub)?(?:types|sarcomas|tumou?rs|histolog(?:ies|ic\s+subtypes)|entities)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL)


def anaphoric_subtypes(before_trait: str, previous: AnnotatedSentence) -> list[Mention]:
    """The subtypes a plural anaphor opening a sentence stands for: the last list of two or more
    named subtypes in the sentence before (generic heads such as "sarcomas" left out), when
    the anaphor is linked to the trait by a short verb phrase."""
    m = _SUBTYPE_ANAPHOR.match(before_trait)
    if not m or len(m["rest"].split()) > 8 or not SUBJECT_LINK.search(m["rest"]) or "," in m["rest"]:
        return []
    named = subtype_mentions(previous)
    if not named:
        return []
    group = [x for x in list_before(previous.text, named, len(named) - 1) if not is_generic_head(x.text)]
    return group if len(group) >= 2 else []


def harboured(sentence: AnnotatedSentence) -> Iterator[SubtypeProperty]:
    """"ASPS harbours the ASPSCR1-TFE3 fusion", "RIS frequently harbors TP53 mutations"."""
    text = sentence.text
    subtypes = subtype_mentions(sentence)
    related: list[tuple[Mention, str]] = [(f, "HarboursFusion") for f in fusion_mentions(sentence)]
    related += [(g, "HarboursMutation") for g in sentence.of_category("Target")
                if _MUTATION_AFTER.match(text[g.end:])]
    related += [(b, "HarboursMutation") for b in sentence.of_category("Biomarker")
                if "GenomicBiomarker" in b.entity.types and _ALTERATION_NAME.search(b.text)]
    holders: list[tuple[Mention, list[EntityRef]]] = []
    for thing, trait in sorted(related, key=lambda r: r[0].start):
        found = _coordinated_holders(text, holders, thing) or _holders(text, subtypes, thing)
        holders.append((thing, found))
        for holder in found:
            yield subtype_property(sentence, holder, trait, thing.entity, thing.start, thing.end)


# "an EWSR1-ATF1 fusion, or less often an EWSR1-CREB1 fusion": the second has the holder of the first
_COORDINATED = re.compile(
    r"\s*(?:(?:gene\s+)?(?:fusions?|rearrangements?|translocations?|mutations?)\s*)?,?\s*(?:or|and|and/or)\s*,?\s*"
    r"(?:(?:less|more)\s+(?:often|commonly|frequently|rarely)|rarely|occasionally|sometimes|alternatively|"
    r"in\s+(?:some|a\s+few|rare|(?:about\s+|approximately\s+)?\d+%\s+of)\s+cases)?\s*,?\s*(?:an?\s+|the\s+)?",
    re.IGNORECASE)
# "Sarcomas with EWSR1-CREB1 fusions": "with" restricts a generic head, it says nothing of all sarcomas
_RESTRICTIVE = re.compile(r"\s*(?:with|harbou?ring|carrying|bearing)\s+(?:an?\s+|the\s+)?", re.IGNORECASE)


def _coordinated_holders(text: str, holders: list[tuple[Mention, list[EntityRef]]],
                         thing: Mention) -> list[EntityRef]:
    """The holders of the thing coordinated right before ``thing`` ("X fusion, or less often Y")."""
    if holders and holders[-1][1] and _COORDINATED.fullmatch(text, holders[-1][0].end, thing.start):
        return holders[-1][1]
    return []


def _holders(text: str, subtypes: list[Mention], thing: Mention) -> list[EntityRef]:
    """The subtypes said to harbour ``thing``: the subject before a harbouring verb, the
    subtype after "in"/"of", or the subtypes a generic head restricted by it includes
    ("Sarcomas with X fusions include A, B and C")."""
    c_start, _ = cues.clause_of(text, thing.start)
    before = [s for s in subtypes if s.end <= thing.start and not cues.compared_to(text, s.start) and (
        s.start >= c_start or text[s.end:thing.start].startswith(","))]
    for k in range(len(before) - 1, -1, -1):
        gap = cues.without_comparison(text[before[k].end:thing.start])
        if len(gap.split()) <= 12 and _HARBOUR.search(gap):
            if is_generic_head(before[k].text) and _RESTRICTIVE.fullmatch(gap):
                return [m.entity for m in _listed_after(text, subtypes, thing.end)]
            return [copula_subject(text, before[:k + 1]).entity]
    after = next((s for s in subtypes if s.start >= thing.end), None)
    if after and re.fullmatch(r"[^,;.]{0,30}?\b(?:in|of|defines?|characteristic\s+of)\s+"
                              r"(?:the\s+|most\s+)?(?:\w+\s+)?", text[thing.end:after.start]):
        return [after.entity]
    return []


def _listed_after(text: str, subtypes: list[Mention], end: int) -> list[Mention]:
    """The subtypes listed after ``end`` by "include", "such as", ":" ("... fusions include A, B")."""
    after = [i for i, m in enumerate(subtypes) if m.start >= end]
    if not after or not LIST_INTRO.match(text[end:subtypes[after[0]].start]):
        return []
    return list_from(text, subtypes, after[0])


def subtype_counts(doc: AnnotatedDocument, sentence: AnnotatedSentence) -> Iterator[SubtypeProperty]:
    """"Bone sarcoma has more than 40 distinct histologic subtypes": the sarcoma is
    ``HistologicallyDiverse``, with the count and its comparator (">" for "more than"). The holder is
    the subtype whose subtypes are counted ("over 40 subtypes of chondrosarcoma"), the subject of
    "has"/"comprises", or, when a counting verb has no subtype as subject ("The WHO
    recognizes over 40 subtypes"), the first sarcoma the sentence before names."""
    text = sentence.text
    subtypes = subtype_mentions(sentence)
    for m in _SUBTYPE_COUNT.finditer(text):
        n = int(m["n"].replace(",", "")) if m["n"][0].isdigit() else word_to_int(m["n"])
        if n is None or n < _MANY_SUBTYPES:
            continue  # "its two subtypes" is a classification, not diversity
        c_start, _ = cues.clause_of(text, m.start())
        of = next((s for s in subtypes if s.start >= m.end() and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[m.end():s.start])), None)
        before = [s for s in subtypes if c_start <= s.start and s.end <= m.start()]
        comparator = _COUNT_COMPARATOR.get(" ".join((m["q"] or "").lower().split()), "=")
        if of is not None:
            found = subtype_property(sentence, of.entity, "HistologicallyDiverse", None, m.start(), m.end())
        elif before and (_COUNT_HOLDER.match(text[before[-1].end:m.start()]) or (
                re.fullmatch(r"\s+into\s+", text[before[-1].end:m.start()])
                and _DIVIDING_VERB.search(text[c_start:before[-1].start]))):
            found = subtype_property(sentence, before[-1].entity, "HistologicallyDiverse", None, m.start(), m.end())
        elif not before and _COUNTING_VERB.search(text[c_start:m.start()]):
            previous = doc.previous(sentence)
            named = subtype_mentions(previous) if previous is not None else []
            if previous is None or not named:
                continue
            found = subtype_property(sentence, named[0].entity, "HistologicallyDiverse", None, m.start(), m.end(),
                              antecedent=previous)
        else:
            continue
        yield replace(found, subtype_count=n, count_comparator=comparator)


def responses(sentence: AnnotatedSentence, immunotherapy_document: bool) -> Iterator[SubtypeProperty]:
    """Response to immunotherapy said of subtypes: "LMS and OS may also respond to anti-PD-1",
    "LMS had the lowest response rates" (resistant), "failed to elicit a response in LMS"
    (sensitivity disputed). Read only when the therapy is immunotherapy: the sentence names
    it, or names no therapy in a document that does."""
    text = sentence.text
    if not _about_immunotherapy(sentence, immunotherapy_document):
        return
    names = trait_names(text)
    for pattern, trait in _RESPONSE_OF_SUBJECT:
        for m in pattern.finditer(text):
            if any(s <= m.start() and m.end() <= e for s, e in names):
                continue  # "potentially sensitive to ICIs": a trait's name, read by traits()
            for subtype in trait_scope(sentence, m.start(), m.end()):
                if subtype.end <= m.start() and not _SUBSET_HEAD.match(text[subtype.end:]):
                    none = bool(_NONE_OF.search(text[cues.clause_of(text, m.start())[0]:m.start()]))
                    denied = none or bool(m.groupdict().get("denied"))  # "did not respond to"
                    yield subtype_property(sentence, subtype.entity, trait, None, m.start(), m.end(), denied,
                                    hedge=bool(m.groupdict().get("hedge")))  # "may respond to"
    subtypes = subtype_mentions(sentence)
    for i, s in enumerate(subtypes):
        found = _RESPONSE_IN.search(text[max(0, s.start - 60):s.start])
        if found:
            start = max(0, s.start - 60) + found.start()
            denied = bool(_NOT_ABLE.search(text[max(0, start - 40):start]))
            for member in list_from(text, subtypes, i):
                yield subtype_property(sentence, member.entity, "ImmunotherapySensitive", None, start, s.start, denied)

    yield from _efficacy_in_subsets(sentence, subtypes)


def _efficacy_in_subsets(sentence: AnnotatedSentence, subtypes: list[Mention]) -> Iterator[SubtypeProperty]:
    """"X showed activity in STS, especially in certain subtypes, such as UPS and DDLPS": the
    subtypes a therapy's efficacy singles out (examples of "certain subtypes") are sensitive."""
    text = sentence.text
    for i, s in enumerate(subtypes):
        if i and LIST_GAP.match(text[subtypes[i - 1].end:s.start]):
            continue  # a later member of a list
        c_start, _ = cues.clause_of(text, s.start)
        found = _EFFICACY_IN_SUBSET.search(text, c_start, s.start)
        if found:
            denied = bool(_NOT_ABLE.search(text[max(0, found.start() - 40):found.start()]))
            for member in list_from(text, subtypes, i):
                yield subtype_property(sentence, member.entity, "ImmunotherapySensitive", None, found.start(),
                                found.end("efficacy"), denied)


def _about_immunotherapy(sentence: AnnotatedSentence, immunotherapy_document: bool) -> bool:
    therapies = sentence.of_category("Drug", "DrugClass")
    if _IMMUNOTHERAPY.search(sentence.text) or any(
            _IMMUNOTHERAPY_CLASSES & ancestors(t.entity.types) for t in therapies):
        return True
    return immunotherapy_document and not therapies and not re.search(
        r"\bchemo\w*|\bradi\w*therap\w*|\bsurg\w*", sentence.text, re.IGNORECASE)
