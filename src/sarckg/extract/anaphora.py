"""Anaphora: "It can destroy ...", "This synergy is attributed to ...", "The treatment further
increased ...", "these features could lead to ...": the entity the anaphor stands for.

An anaphor is the subject that opens a sentence (after an adverbial such as "However,"), or a
clause after ", and". It resolves to the salient entity of the wanted categories where it was
named: for a clause, earlier in the same sentence; for a sentence, the subject of the sentence
just before (``AnnotatedDocument.previous``), or, for a definite description of a treatment
("the treatment", "this regimen"), of the sentence before that when the one in between names
none. Expletive "It is ..." and nouns that do not fit what was named ("These patients") resolve
to nothing: a wrong antecedent is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import Mention

#: Heads that stand for a treatment (a drug, a class or their combination).
TREATMENT_HEADS = frozenset({
    "synergy", "synergism", "combination", "combinations", "regimen", "regimens", "treatment",
    "treatments", "therapy", "therapies", "agent", "agents", "drug", "drugs", "compound",
    "compounds", "inhibitor", "inhibitors", "antibody", "antibodies", "approach", "strategy",
})
#: Heads that stand for whatever property or process was just named.
GENERIC_HEADS = frozenset({
    "feature", "features", "characteristic", "characteristics", "alteration", "alterations",
    "change", "changes", "factor", "factors", "property", "properties", "abnormality",
    "abnormalities", "event", "events",
})
TREATMENT_CATEGORIES = frozenset({"Drug", "DrugClass"})

_OPENING = re.compile(
    r"^(?:(?:however|moreover|furthermore|additionally|notably|importantly|collectively|thus|"
    r"therefore|consequently|similarly|likewise|indeed|in\s+addition|in\s+turn|in\s+contrast|"
    r"mechanistically|in\s+(?:preclinical|clinical|animal|mouse)\s+\w+),\s*)?", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"(?:(?P<pronoun>it|they)|(?P<det>this|these|the|such)\s+(?P<words>[a-z-]+(?:\s+[a-z]+)?))\b",
    re.IGNORECASE)
_CLAUSE_ANAPHOR = re.compile(
    r",\s+and\s+(?P<det>this|these|such)\s+(?P<words>[a-z-]+(?:\s+[a-z]+)?)\b", re.IGNORECASE)
#: Mentions that, named before a drug, make it something other than the sentence's subject.
_ACTOR_CATEGORIES = frozenset({"CellType", "Target", "Process", "Biomarker", "GeneFusion"})
#: What joins two treatments of one combination, an article allowed before the second
#: ("combining A with an anti-PD-1 antibody", "A was combined with B").
_JOIN = re.compile(r"\s*(?:\+|,|plus|with|and|(?:(?:is|are|was|were|been|being)\s+)?(?:combined|co-?administered|"
                   r"paired)\s+with|in\s+combination\s+with|together\s+with)\s*(?:(?:an?|the)\s+)?",
                   re.IGNORECASE)
_PLURAL_VERB = re.compile(r"\s+(?:are|were|have|do)\b")
#: "It is unclear", "It was shown that", "It remains": the pronoun stands for nothing.
_EXPLETIVE = re.compile(r"\s+(?:is|was|has\s+been|had\s+been|remains|seems|appears|should|must|"
                        r"would\s+be|may\s+be|might\s+be|could\s+be|becomes?|became)\b", re.IGNORECASE)
#: A subject is named before the sentence's first verb: "A phase II trial of X achieved ...".
_VERB = re.compile(r"\b(?:\w+ed|we|our|is|are|was|were|has|have|had|can|could|may|might|will|would|"
                   r"shown|demonstrated|reported|found|achieved|suggest\w*|indicat\w*)\b", re.IGNORECASE)
_MAX_SUBJECT_WORDS = 10
_DEMONSTRATIVE = re.compile(r"(?:this|these|such)\s+", re.IGNORECASE)
_CELLS = re.compile(r"cells?\b", re.IGNORECASE)
#: "Loss of function results in ...": a bare noun phrase opening the sentence before its verb.
_NOUN_SUBJECT = re.compile(r"(?P<np>[A-Za-z][a-z-]*(?:\s+[a-z-]+){1,4}?)\s+(?:(?:also|then|thus|in\s+turn)\s+)?"
                           r"(?:results?|leads?|causes?|induces?|triggers?|drives?|promotes?|impairs?|"
                           r"reduces?|increases?|prevents?|abrogates?)\b")
#: "X represents/is defined as Y": Y is another name for X (or what X amounts to).
_DEFINES = re.compile(r"\b(?:represents?|denotes?|means|refers?\s+to|is\s+defined\s+as|reflects?|"
                      r"consists?\s+of|indicates?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Antecedent:
    """What an anaphor (``sentence.text[start:end]``) stands for: ``mention`` in ``named_in``
    (the same sentence, or an earlier one whose start the evidence quote must include)."""

    mention: Mention
    named_in: AnnotatedSentence
    start: int
    end: int

    def earlier(self, annotated: AnnotatedSentence) -> AnnotatedSentence | None:
        """The earlier sentence to pass as ``evidence(antecedent=...)``, or None."""
        return None if self.named_in.sentence.index == annotated.sentence.index else self.named_in

    def combination(self) -> tuple[Mention, ...]:
        """The antecedent with the treatments joined to it ("A plus B", "combining A with B",
        "A combined with B"): what "this regimen" or "this combination" stands for."""
        text = self.named_in.text
        treatments = [m for m in self.named_in.mentions if m.entity.category in TREATMENT_CATEGORIES
                      and m.start >= self.mention.start]
        group = [self.mention]
        for m in treatments[1:]:
            if not _JOIN.fullmatch(text[group[-1].end:m.start]):
                break
            group.append(m)
        return tuple(group)


def resolve_anaphor(doc: AnnotatedDocument, annotated: AnnotatedSentence,
                    categories: Collection[str]) -> Antecedent | None:
    """The antecedent, among mentions of ``categories``, of the anaphor that is the subject
    of ``annotated`` (at its start or after ", and"), or None."""
    text = annotated.text
    opening = _OPENING.match(text)
    at = opening.end() if opening else 0
    m = _ANAPHOR.match(text, at)
    if m and not _inside_mention(annotated, m.start()):
        found = _sentence_antecedent(doc, annotated, m, categories)
        if found is not None:
            return Antecedent(found[0], found[1], m.start(), _anaphor_end(m))
    renamed = _renamed_subject(doc, annotated, at, categories)
    if renamed is not None:
        return renamed
    restated = _restated_subject(doc, annotated, at, categories)
    if restated is not None:
        return restated
    for c in _CLAUSE_ANAPHOR.finditer(text):
        head = _head(c)
        if head is None or _inside_mention(annotated, c.start("det")):
            continue
        earlier = [x for x in _candidates(annotated, categories) if x.end <= c.start()]
        if earlier and _fits(head, earlier[0], categories):
            return Antecedent(earlier[0], annotated, c.start("det"), _anaphor_end(c))
    return None


def _sentence_antecedent(doc: AnnotatedDocument, annotated: AnnotatedSentence, m: re.Match[str],
                         categories: Collection[str]) -> tuple[Mention, AnnotatedSentence] | None:
    """The subject of the sentence before (or, for "the treatment", the one before that)."""
    if m.group("pronoun"):
        if _EXPLETIVE.match(annotated.text, m.end()) and m.group("pronoun").lower() == "it":
            return None
        head = None
        plural = m.group("pronoun").lower() == "they"
    else:
        plural = False
        head = _head(m)
        definite = m.group("det").lower() == "the"
        if head is None or (definite and (head not in TREATMENT_HEADS or head.endswith("s"))):
            return None  # "The treatment" is anaphoric, "the treatment regimens" or "the features" hardly
        if head in TREATMENT_HEADS:
            categories = TREATMENT_CATEGORIES.intersection(categories)
        own = _candidates(annotated, categories)
        if own and is_subject(annotated, own[0]):
            return None  # "The combination of X and Y ...": the sentence names its own subject
    before = doc.previous(annotated)
    steps = 2 if head in TREATMENT_HEADS else 1
    for _ in range(steps):
        if before is None:
            return None
        candidates = _candidates(before, categories)
        if candidates:
            subject = candidates[0]
            if not is_subject(before, subject) or (head and not _fits(head, subject, categories)) or \
                    (head is None and _plural(before.text, subject) != plural):
                return None  # "It" never stands for "TAMs", nor "They" for "trabectedin"
            return subject, before
        before = doc.previous(before)
    return None


def _renamed_subject(doc: AnnotatedDocument, annotated: AnnotatedSentence, at: int,
                     categories: Collection[str]) -> Antecedent | None:
    """"TAM densities exceed ... . These macrophages display ...": a demonstrative before a
    broader name stands for the subject of the sentence before when that subject is a kind of
    it (its name ends with the broader name: "tumor-associated macrophage", "macrophage");
    "these cells" stands for a cell type."""
    text = annotated.text
    d = _DEMONSTRATIVE.match(text, at)
    if d is None:
        return None
    named = next((x for x in annotated.mentions if x.start == d.end()), None)
    cells = _CELLS.match(text, d.end())
    if named is None and cells is None:
        return None
    before = doc.previous(annotated)
    candidates = _candidates(before, categories) if before is not None else []
    if before is None or not candidates or not is_subject(before, candidates[0]):
        return None
    subject = candidates[0]
    if named is not None:
        broader = named.entity.label.lower()
        fits = named.entity.key != subject.entity.key and named.entity.category in categories and \
            bool(re.search(rf"[\s-]{re.escape(broader)}$", subject.entity.label.lower()))
        end = named.end
    else:
        fits, end = subject.entity.category == "CellType", cells.end() if cells else d.end()
    return Antecedent(subject, before, d.start(), end) if fits else None


def _restated_subject(doc: AnnotatedDocument, annotated: AnnotatedSentence, at: int,
                      categories: Collection[str]) -> Antecedent | None:
    """"A positive X represents ... loss of function of ... . Loss of function results in
    ...": a subject restating what the sentence before defined its subject as stands for it."""
    m = _NOUN_SUBJECT.match(annotated.text, at)
    if not m or any(x.start < m.end("np") for x in annotated.mentions):
        return None
    before = doc.previous(annotated)
    if before is None:
        return None
    candidates = _candidates(before, categories)
    if not candidates or not is_subject(before, candidates[0]):
        return None
    definition = _DEFINES.search(before.text, candidates[0].end)
    phrase = re.escape(m.group("np").lower()).replace(r"\ ", r"\s+")
    if definition is None or not re.search(rf"\b{phrase}\b", before.text[definition.end():].lower()):
        return None
    return Antecedent(candidates[0], before, m.start("np"), m.end("np"))


def _plural(text: str, mention: Mention) -> bool:
    """"TAMs", "PD-1 inhibitors", or a name its verb makes plural ("TLS are ...")."""
    if mention.text.endswith("s") and not mention.text.endswith(("ss", "is", "us")):
        return True
    return bool(_PLURAL_VERB.match(text, mention.end))


def _head_word(m: re.Match[str]) -> re.Match[str] | None:
    """The anaphor's head noun: the last of its one or two words that is a known head."""
    heads = [w for w in re.finditer(r"[a-z-]+", m.group("words"), re.IGNORECASE)
             if w.group(0).lower() in TREATMENT_HEADS | GENERIC_HEADS]
    return heads[-1] if heads else None


def _head(m: re.Match[str]) -> str | None:
    word = _head_word(m)
    return word.group(0).lower() if word else None


def _anaphor_end(m: re.Match[str]) -> int:
    """Where the anaphor ends: after the pronoun or the head noun ("This approach| remodels")."""
    if "pronoun" in m.re.groupindex and m.group("pronoun"):
        return m.end("pronoun")
    word = _head_word(m)
    return m.start("words") + word.end() if word else m.end()


def _candidates(annotated: AnnotatedSentence, categories: Collection[str]) -> list[Mention]:
    wanted = set(categories)
    return [x for x in annotated.mentions if x.entity.category in wanted]


def _fits(head: str, mention: Mention, categories: Collection[str]) -> bool:
    """A treatment noun stands for a drug or class; a generic noun for anything wanted."""
    if head in TREATMENT_HEADS:
        return mention.entity.category in TREATMENT_CATEGORIES
    return head in GENERIC_HEADS and mention.entity.category in categories


def is_subject(annotated: AnnotatedSentence, mention: Mention) -> bool:
    """Whether ``mention`` opens its sentence: few words and no verb before it."""
    before = annotated.text[:mention.start]
    if any(x.end <= mention.start and x.entity.category in _ACTOR_CATEGORIES for x in annotated.mentions):
        return False
    if re.search(r"\b(?:to|against|than|versus|vs\.?)\s+(?:the\s+)?$", before, re.IGNORECASE):
        return False  # "Patients respond to X": X completes a predicate
    return len(before.split()) <= _MAX_SUBJECT_WORDS and not _VERB.search(before)


def _inside_mention(annotated: AnnotatedSentence, position: int) -> bool:
    """"The PD-1 inhibitor ...": a determiner before a named entity is no anaphor."""
    return any(x.start <= position < x.end or x.start == _next_word(annotated.text, position)
               for x in annotated.mentions)


def _next_word(text: str, position: int) -> int:
    m = re.compile(r"\S+\s+").match(text, position)
    return m.end() if m else -1
