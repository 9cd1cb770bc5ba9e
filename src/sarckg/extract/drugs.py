"""What a drug targets and which class it belongs to, as the text says it.

Patterns (grammar only; drug, class and target names come from the matcher's mentions):
an apposition or copula ("pembrolizumab, an anti-PD-1 antibody", "anlotinib is a multi-target
TKI"), a class word before the name ("the CTLA-4 inhibitor ipilimumab"), a list after a class
("PD-1 inhibitors such as X and Y", "PD-1 inhibitors (X, Y)"), a parenthesis after the name
("MGA271 (anti-B7-H3 mAb)"), "targeting" ("a TCR therapy targeting NY-ESO-1 and
HLA-A*02"), coordination in order ("X and Y ...: dual anti-CTLA-4 and anti-PD-1 blockade"),
a class description before the name ("the oncolytic vaccinia virus JX-594") and cell products
named by their antigen or restricted to an HLA allele (:mod:`sarckg.extract.cell_therapies`).
A drug the vocabulary lacks (found by its INN stem) is put in a stem class only when the
sentence names that class next to it. Classes read from a drug's combination partners and
list-mates are in :mod:`sarckg.extract.drug_combinations`; which drugs a class phrase is said of
(the list and apposition grammar) in :mod:`sarckg.extract.drug_lists`. A target named with an
inhibitor word ("a CD274 inhibitor") names the class named after that target; "These agents
included X and Y" gives the drugs the one class of the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from sarckg.extract import cell_therapies, cues
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.class_words import (
    class_target_name,
    drug_class_heads,
    drug_class_labels,
    drug_class_modifiers,
    named_target,
    target_classes,
    words_of,
)
from sarckg.extract.drug_combinations import ancestors, combination_classes, list_mate_classes
from sarckg.extract.drug_lists import coordinated, drugs_of, linked_drugs
from sarckg.extract.lexicon import compact
from sarckg.model import (
    DrugClassMembership,
    DrugTarget,
    EntityRef,
    Mention,
    Statement,
)

EXTRACTOR = "drugs"

_DESCRIPTION = re.compile(r"^\s*\)?\s*(?:\([^()]{1,25}\)\s*)?(?:,|\bis|\bwas)\s*(?:an?|the)\s+"
                          r"(?P<desc>[^,;.()]{3,60})")
_PRENOMINAL_DESCRIPTION = re.compile(r"\b(?:the|an?)\s+(?P<desc>(?:[\w-]+\s+){1,5})$", re.IGNORECASE)
#: "These agents included A and B": the one class of the sentence before
_AGENTS_ANAPHOR = re.compile(r"^\s*(?:These|Those|Such)\s+(?:agents|drugs|inhibitors|antibodies|medications)\s+"
                             r"(?:included|include|were|are|comprised|consisted\s+of)\s*:?\s*$", re.IGNORECASE)
#: "a programmed death ligand-1 inhibitor": a target named with an inhibitor word names its class
_INHIBITOR_WORD = re.compile(r"^\s*-?\s*(?:inhibitors?|antibod(?:y|ies)|mAbs?|blockers?|antagonists?)\b",
                             re.IGNORECASE)
#: a target joined to another before the head ("PD-1/PD-L1 inhibitors") is not the class's own
_JOINED_TARGET = re.compile(r"(?:/|\bx|×|,|\band|\bor|-)\s*$", re.IGNORECASE)
_TARGET_WORD_AFTER = re.compile(r"^\s*-?\s*(?:inhibitors?|antibod(?:y|ies)|mAbs?|blockers?|antagonists?|"
                                r"ADCs?|-?targeted|directed|drugs?|agents?|therap(?:y|ies)|blockade|"
                                r"monoclonal)\b(?:\s+(?:therap(?:y|ies)|agents?|drugs?|antibod(?:y|ies)))?",
                                re.IGNORECASE)
_TARGET_JOIN = re.compile(r"\s*/\s*")
_CROSS = re.compile(r"\s*(?:x|×)\s*", re.IGNORECASE)
_RESPECTIVE_JOIN = re.compile(r"\s*(?:,|/|,?\s*and|,?\s*or)\s*", re.IGNORECASE)
_RESPECTIVE_CUE = re.compile(r"\b(?:dual|double|combined|combination|both)\b", re.IGNORECASE)
_TARGETING = re.compile(r"\b(?:targeting|targets|targeted\s+(?:at|to|against)|directed\s+against|"
                        r"against|specific\s+for|(?:inhibitor|antagonist|blocker|antibod(?:y|ies))s?\s+(?:of|to)|"
                        r"(?:selectively\s+|specifically\s+)?(?:binds?|binding)(?:\s+to)?|"
                        r"(?:selectively\s+|specifically\s+)?(?:inhibits|blocks))\s+(?:the\s+)?$", re.IGNORECASE)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Every drug-target and drug-class statement in ``doc``."""
    named = target_names(doc)
    stated: dict[str, set[str]] = {}
    for sentence in doc.sentences:
        if not cues.minable(sentence):
            continue
        seen: set[tuple[object, ...]] = set()
        for statement in (*classes(sentence, doc.previous(sentence)), *targets(sentence, named)):
            if statement.key() not in seen:
                seen.add(statement.key())
                if isinstance(statement, DrugClassMembership):
                    stated.setdefault(statement.drug.key, set()).update(ancestors((statement.drug_class,)))
                yield statement
    minable = AnnotatedDocument(doc.document, tuple(s for s in doc.sentences if cues.minable(s)), doc.context)
    yield from list_mate_classes(minable, stated)


def target_names(doc: AnnotatedDocument) -> dict[str, EntityRef]:
    """The document's target mentions by compact surface ("PD-L1" -> target/pd-l1), so a
    class phrase ("anti-PD-L1 antibody") can name its target with the matcher's IRI."""
    found: dict[str, set[EntityRef]] = {}
    for sentence in doc.sentences:
        for m in sentence.mentions:
            if m.entity.category == "Target":
                found.setdefault(compact(m.text), set()).add(m.entity)
    return {k: next(iter(v)) for k, v in sorted(found.items()) if len(v) == 1}


def classes(sentence: AnnotatedSentence,
            previous: AnnotatedSentence | None = None) -> Iterator[DrugClassMembership]:
    """Class memberships from class phrases next to drug names (``previous``: the sentence
    before, where a combination restated by "These combinations ..." is named)."""
    for c in sentence.mentions:
        if c.entity.category != "DrugClass" or _slash_joined(sentence, c):
            continue
        local = c.entity.key.split("/", 1)[1]
        for drug in linked_drugs(sentence, c.start, c.end):
            yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                      drug=drug.entity, drug_class=local)
    for local, start, end in _target_word_classes(sentence):
        for drug in linked_drugs(sentence, start, end):
            yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                      drug=drug.entity, drug_class=local)
    yield from _anaphor_classes(sentence, previous)
    yield from _stem_classes(sentence)
    yield from _described_classes(sentence)
    yield from combination_classes(sentence, previous)


def _slash_joined(sentence: AnnotatedSentence, c: Mention) -> bool:
    """"PD-1/PD-L1 inhibitors": a class phrase sharing its head with a target before it names
    a joint class, neither target's own (pembrolizumab is no PD-L1 inhibitor)."""
    return bool(re.search(r"[\w-]\s*/\s*(?:anti-?\s*)?$", sentence.text[:c.start]))


def _target_word_classes(sentence: AnnotatedSentence) -> Iterator[tuple[str, int, int]]:
    """(class, start, end) of "<target> inhibitor" phrases the matcher did not see as a class
    ("a programmed death ligand-1 inhibitor"): the class named after that target, when one is."""
    text = sentence.text
    table = target_classes()
    spans = [(c.start, c.end) for c in sentence.mentions if c.entity.category == "DrugClass"]
    for t in sentence.mentions:
        word = _INHIBITOR_WORD.match(text[t.end:]) if t.entity.key in table else None
        if word is None or t.entity.category != "Target":
            continue
        anti = text[max(0, t.start - 5):t.start].lower() in ("anti-", "anti ")
        start, end = t.start - (5 if anti else 0), t.end + word.end()
        if _JOINED_TARGET.search(text[:start]) or any(s < end and start < e for s, e in spans):
            continue
        yield table[t.entity.key], start, end


def _anaphor_classes(sentence: AnnotatedSentence,
                     previous: AnnotatedSentence | None) -> Iterator[DrugClassMembership]:
    """"PD-1 inhibitors were given. These agents included A and B.": the drugs listed take the
    one class the sentence before names, when the vocabulary puts every one of them in it."""
    drugs = drugs_of(sentence)
    if previous is None or not drugs or not _AGENTS_ANAPHOR.match(sentence.text[:drugs[0].start]):
        return
    named = {c.entity.key.split("/", 1)[1] for c in previous.mentions if c.entity.category == "DrugClass"}
    if len(named) != 1:
        return
    local = named.pop()
    listed = coordinated(sentence.text, drugs, drugs[0], forward=True)
    if re.match(r"\s*(?:\+|plus\b|with\b|combined\b)", sentence.text[listed[-1].end:], re.IGNORECASE) or not all(
            local in ancestors(d.entity.types) for d in listed):
        return
    evidence = sentence.evidence(extractor=EXTRACTOR, antecedent=previous)
    for drug in listed:
        yield DrugClassMembership(evidence=evidence, drug=drug.entity, drug_class=local)


def _described_classes(sentence: AnnotatedSentence) -> Iterator[DrugClassMembership]:
    """"T-VEC, an oncolytic HSV-1 virus", "the oncolytic vaccinia virus JX-594": the
    description after (or before) a drug, with the drug's own name ("HER2 CAR-T"), holds every
    word of a label of one of the drug's own classes (or, after the name, every word but its
    head noun: "an oncolytic HSV-2", or a head noun only that class's labels end in: "an
    anti-B7-H3 conjugate"), though not as one phrase the matcher could see."""
    text = sentence.text
    labels = drug_class_labels()
    modifiers = drug_class_modifiers()
    for drug in drugs_of(sentence):
        after = _DESCRIPTION.match(text[drug.end:])
        before = _PRENOMINAL_DESCRIPTION.search(text[:drug.start])
        words = words_of(f"{after.group('desc') if after else ''} {drug.text}")
        # before the name the head noun is there: a modifier alone ("tumour cell vaccine") is not a class
        full = words | words_of(before.group("desc") if before else "")
        head = words_of(after.group("desc").split()[-1]) if after and after.group("desc").split() else set()
        for local in sorted(set(drug.entity.types) & set(labels)):
            if any(set(label) <= full for label in labels[local]) or any(
                    set(label) <= words for label in modifiers.get(local, ())) or (
                    head and head <= drug_class_heads().get(local, frozenset())):
                yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                          drug=drug.entity, drug_class=local)


def _stem_classes(sentence: AnnotatedSentence) -> Iterator[DrugClassMembership]:
    """An out-of-vocabulary drug goes in a class its INN stem implies only when the sentence
    names that class too ("TKIs such as ...nib" supports TyrosineKinaseInhibitor)."""
    named = {c.entity.key.split("/", 1)[1] for c in sentence.mentions if c.entity.category == "DrugClass"}
    for drug in drugs_of(sentence):
        if drug.entity.in_vocabulary:
            continue
        for local in sorted(named & set(drug.entity.types)):
            yield DrugClassMembership(evidence=sentence.evidence(extractor=EXTRACTOR),
                                      drug=drug.entity, drug_class=local)


def targets(sentence: AnnotatedSentence,
            named: Mapping[str, EntityRef] | None = None) -> Iterator[DrugTarget]:
    """Targets named with "anti-", "<target> inhibitor", a class phrase or "targeting"."""
    for target, start, end in _target_phrases(sentence, named or {}):
        drugs = linked_drugs(sentence, start, end)
        for drug in drugs:
            if drug.entity.key != target.key:
                yield DrugTarget(evidence=sentence.evidence(extractor=EXTRACTOR),
                                 drug=drug.entity, target=target)
    for drug in drugs_of(sentence):
        for target in _targeted_by(sentence, drug):
            yield DrugTarget(evidence=sentence.evidence(extractor=EXTRACTOR),
                             drug=drug.entity, target=target)
    for drug, target in respective_targets(sentence, named or {}):
        yield DrugTarget(evidence=sentence.evidence(extractor=EXTRACTOR), drug=drug.entity, target=target)
    drugs = drugs_of(sentence)
    for drug in drugs:
        antigen = cell_therapies.antigen_in_name(drug, named or {})
        if antigen is not None:
            yield DrugTarget(evidence=sentence.evidence(extractor=EXTRACTOR), drug=drug.entity, target=antigen)
    for drug, allele in cell_therapies.hla_restrictions(sentence, drugs):
        yield DrugTarget(evidence=sentence.evidence(extractor=EXTRACTOR), drug=drug.entity, target=allele)


def respective_targets(sentence: AnnotatedSentence,
                       named: Mapping[str, EntityRef]) -> list[tuple[Mention, EntityRef]]:
    """"ipilimumab and nivolumab ...: dual anti-CTLA-4 and anti-PD-1 blockade": coordinated
    drugs and, later in the sentence, as many coordinated target phrases, paired in order.
    Only with a cue ("dual", "combined", "respectively") and when the vocabulary agrees with
    one pair and contradicts none."""
    text = sentence.text
    phrases = sorted({(s, e): t for t, s, e in _target_phrases(sentence, named)}.items())
    drugs = drugs_of(sentence)
    for i, ((start, _), _target) in enumerate(phrases):
        group = [phrases[i]]
        for nxt in phrases[i + 1:]:
            if not _RESPECTIVE_JOIN.fullmatch(text[group[-1][0][1]:nxt[0][0]]):
                break
            group.append(nxt)
        before = [d for d in drugs if d.end <= start]
        if len(group) < 2 or not before:
            continue
        listed = coordinated(text, drugs, before[-1], forward=False)
        respectively = re.search(r"\brespectively\b", text[group[-1][0][1]:])
        if len(listed) != len(group) or not (_RESPECTIVE_CUE.search(text[listed[-1].end:start]) or respectively):
            continue
        pairs = [(d, t) for d, (_, t) in zip(listed, group, strict=True)]
        known = [t.key in _known_targets(d.entity.key) for d, t in pairs if _known_targets(d.entity.key)]
        if (known and all(known)) or (respectively and not known):
            return pairs
    return []


def _known_targets(drug_key: str) -> frozenset[str]:
    """The target keys the vocabulary records for a drug (``skg:knownTarget``)."""
    from sarckg.extract.compensation import known_targets  # compensation reads this module

    return frozenset(t.key for t in known_targets().get(drug_key, ()))


def _target_phrases(sentence: AnnotatedSentence,
                    named: Mapping[str, EntityRef]) -> Iterator[tuple[EntityRef, int, int]]:
    """(target, phrase start, phrase end) for "anti-PD-1 antibody", "IDO1 inhibitor", and
    class mentions that name their target ("PD-1 inhibitors")."""
    text = sentence.text
    target_mentions = [m for m in sentence.mentions if m.entity.category == "Target"]
    for i, t in enumerate(target_mentions):
        anti = text[max(0, t.start - 5):t.start].lower().endswith(("anti-", "anti "))
        word = _TARGET_WORD_AFTER.match(text[t.end:])
        if not (anti or word):
            continue
        group = [t]  # "a MET/VEGFR2 inhibitor": every target before the shared head
        for u in reversed(target_mentions[:i]):
            if anti or not _TARGET_JOIN.fullmatch(text[u.end:group[0].start]):
                break
            group.insert(0, u)
        for member in group:
            yield member.entity, group[0].start - (5 if anti else 0), t.end + (word.end() if word else 0)
    for c in sentence.mentions:
        if c.entity.category == "DrugClass" and not _slash_joined(sentence, c):
            target = class_target(c, named)
            if target is not None:
                yield target, c.start, c.end
    yield from _crossed_targets(sentence, named)


def _crossed_targets(sentence: AnnotatedSentence,
                     named: Mapping[str, EntityRef]) -> Iterator[tuple[EntityRef, int, int]]:
    """"a LAG-3 x PD-L1 bispecific antibody", "the anti-PD-1 x CTLA-4 bispecific": the
    targets crossed with "x" right before a class phrase are all targets of that phrase."""
    text = sentence.text
    mentions = list(sentence.mentions)
    for i, head in enumerate(mentions):
        if head.entity.category != "DrugClass":
            continue
        chain: list[tuple[EntityRef, int]] = []
        right = head.start
        for m in reversed(mentions[:i]):
            gap = text[m.end:right]
            if not (re.fullmatch(r"\s*-?\s*", gap) if not chain else _CROSS.fullmatch(gap)):
                break
            target = m.entity if m.entity.category == "Target" else (
                class_target(m, named) if m.entity.category == "DrugClass" else None)
            if target is None:
                break
            chain.insert(0, (target, m.start))
            right = m.start
        if len(chain) >= 2:
            start = chain[0][1] - (5 if text[max(0, chain[0][1] - 5):chain[0][1]].lower() == "anti-" else 0)
            for target, _ in chain:
                yield target, start, head.end


def class_target(c: Mention, named: Mapping[str, EntityRef]) -> EntityRef | None:
    """The target a class phrase names ("anti-PD-1 antibody" -> PD-1): a target the
    document mentions by that name, else the matcher's vocabulary entry."""
    name = class_target_name(c.text)
    return named_target(name, named) if name is not None else None


def _targeted_by(sentence: AnnotatedSentence, drug: Mention) -> list[EntityRef]:
    """"D ... targeting T1 and T2" within the drug's own stretch (no other drug between)."""
    text = sentence.text
    drugs = drugs_of(sentence)
    nxt = next((d.start for d in drugs if d.start > drug.end), len(text))
    targets_after = [t for t in sentence.mentions if t.entity.category == "Target" and drug.end <= t.start < nxt]
    for i, t in enumerate(targets_after):
        if _TARGETING.search(text[max(drug.end, t.start - 40):t.start]) and len(
                text[drug.end:t.start].split()) <= 14 and not cues.is_negated(text, t.start, t.end):
            group = [t.entity]
            for u in targets_after[i + 1:]:
                if not re.fullmatch(r"[\s\w-]{0,20}?(?:,|and|or)\s*(?:specific\s+|the\s+)?",
                                    text[t.end:u.start]):
                    break
                group.append(u.entity)
                t = u
            return group
    return []
