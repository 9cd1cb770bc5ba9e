"""Mechanisms: agent -effect-> object (via a mediator), read from effect words.

The effect words are the ``skos:altLabel`` of the ontology's ``skg:Effect`` individuals
(:func:`sarckg.extract.cues.load_lexicon`); this module holds only the grammar: who is the
agent (the sentence's drug or class, else the first actor before the verb; the ``by`` phrase
of a passive), what are the objects (the mentions after the verb, with their coordinated
list), and ``via``/``through`` mediators. Agents and objects are the matcher's entities, so a
chain "drug -> cell -> process" is traversable with the same IRIs as every other statement.
An anaphoric subject ("It", "This synergy", "The treatment") acts as its antecedent
(:mod:`sarckg.extract.anaphora`), and the evidence then quotes from the antecedent's sentence.
What a cell expresses is no causal effect and has its own shapes (:mod:`sarckg.extract.expression`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from itertools import chain

from sarckg.extract import cues
from sarckg.extract.anaphora import Antecedent, resolve_anaphor
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.extract.compensation import compensations
from sarckg.extract.cues import Lexicon, drop_nested, load_lexicon
from sarckg.extract.expression import EXPRESSES, expressions
from sarckg.extract.mechanism_objects import (
    AGENTS,
    OBJECTS,
    PASSIVE_BEFORE,
    PRIMARY_AGENTS,
    SECRETES,
    nominal_by,
    objects,
    passive,
    secreted,
    via,
)
from sarckg.extract.mechanism_shapes import each_agent, effect_nouns
from sarckg.extract.mechanism_statement import mechanism
from sarckg.extract.phenotype_conversion import passive_conversion, phenotype_objects, turn_verbs
from sarckg.extract.process_nominals import GENERIC_EFFECTS, causal_verbs
from sarckg.extract.subtypes import fusion_mentions
from sarckg.model import EntityRef, Mechanism, Mention, Regimen, Statement

_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|these|its|their)\s+$", re.IGNORECASE)
_WITHOUT_BEFORE = re.compile(r"\bwithout\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: "resistance to X", "response against X": X is what the subject is about, not an actor.
_UNDERGOER_BEFORE = re.compile(r"\b(?:to|against)\s+(?:the\s+)?$", re.IGNORECASE)
_PLAIN_NOUN_AFTER = re.compile(r" (?!(?:of|in|to|by|with|and|or|the|an?)\b)[a-z][a-z-]*\b")
_ADJECTIVE_SLOT = re.compile(r"\b(?:exhibit\w*|show\w*|display\w*|ha[sd]|have|with|demonstrat\w*|"
                             r"achiev\w*|of|an?|the|by|for|to|in|into)\s+$", re.IGNORECASE)
_COLLECTIVE_RELATIVE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,\s*(?:which|that)\s+(?:collectively|together|jointly|"
                                  r"all|both)\s+(?:\w+\s+)?$", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"(?P<head>\S+)\s+(?:that|which|who)\s+(?:\w+\s+)?$", re.IGNORECASE)
_COMPOUND_HEAD = re.compile(r"^[\s-]*(?:vaccinations?|vaccines?|therap(?:y|ies)|transfer|infiltration|"
                            r"densit(?:y|ies)|levels?|expression|ratios?|signatures?|scores?|"
                            r"polarization|depletion|counts?)\b", re.IGNORECASE)
#: "attributed to the normalization of X", "through increased X": a nominal or participle
#: naming the means by which the clause's subject acts; only a treatment (or an anaphor's
#: antecedent) is trusted as that subject.
_MEANS = r"\b(?:attributed\s+to|due\s+to|owing\s+to|because\s+of|through|via|by)\s+(?:the\s+|an?\s+)?(?:[a-z]+(?<!ed)\s+)?$"
_MEANS_BEFORE = re.compile(_MEANS, re.IGNORECASE)
_CAUSE_BEFORE = re.compile(r"\b(?:lead(?:ing|s)?\s+to|led\s+to|result(?:ing|s|ed)?\s+in|caus(?:e|es|ed|ing)|"
                           r"induc(?:e|es|ed|ing)|trigger(?:s|ed|ing)?)\s+(?:\w+\s+){0,2}$|" + _MEANS, re.IGNORECASE)
#: "leads to increased X": the participle after a causal phrase states the effect.
_CAUSED_STATE = re.compile(r"\b(?:lead(?:s|ing)?\s+to|led\s+to|result(?:s|ed|ing)?\s+in|caus(?:e|es|ed|ing)|"
                           r"contribut\w+\s+to)\s+(?:an?\s+|the\s+)?(?:significant(?:ly)?\s+|marked(?:ly)?\s+)?$|"
                           + _MEANS, re.IGNORECASE)
#: "anlotinib-mediated depletion of Tregs": the compound names the agent of the nominal.
_AGENT_COMPOUND = re.compile(r"\w-(?:mediated|induced|driven|triggered|dependent)\s+$", re.IGNORECASE)
_DIRECT_SUBJECT = re.compile(r"\s*(?:(?:also|further|then|can|could|may|might|will|would|significantly|"
                             r"strongly|not\s+only|\w+ly)\s+)*", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)?|\b(?:while|whereas))\s+(?:the\s+)?$",
                             re.IGNORECASE)
_CONTINUATION = re.compile(r"^\s*,?\s*(?:leading|which|and\s+thereby|thereby|resulting|making|reducing|"
                           r"increasing)\b", re.IGNORECASE)
_COORD_VERB_BEFORE = re.compile(r"[\w)]\s*(?:,\s*|,?\s+and\s+|\s+or\s+)$", re.IGNORECASE)
_NOMINAL_OF = re.compile(r"(?<![\w-])(?P<nominal>[a-z-]+(?:ion|ment))\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[-\w]+\s+)?$",
                         re.IGNORECASE)
_NOMINAL = re.compile(r"(?:ion|ment|ade|ing)$")
#: A list gap with something in it: two names side by side are no list.
_SPACED_LIST_GAP = re.compile(r"(?=\s*\S)" + cues.LIST_GAP.pattern, re.IGNORECASE)


def extract(doc: AnnotatedDocument) -> Iterator[Statement]:
    """Every mechanism stated in ``doc``."""
    lexicon = load_lexicon()
    for sentence in doc.sentences:
        if not cues.minable(sentence, references=False):
            continue
        antecedent = resolve_anaphor(doc, sentence, AGENTS)
        seen: set[tuple[object, ...]] = set()
        for statement in chain(mechanisms(sentence, lexicon, antecedent), compensations(doc, sentence),
                               expressions(sentence, lexicon, antecedent)):
            if statement.key() not in seen:
                seen.add(statement.key())
                yield statement


def actors(sentence: AnnotatedSentence) -> list[Mention]:
    """The sentence's mentions that may act or be acted on, fusions found by shape included,
    nested mentions dropped (the longer wins)."""
    mentions = [m for m in sentence.mentions if m.entity.category in AGENTS | OBJECTS]
    mentions += fusion_mentions(sentence)
    return drop_nested(mentions)


def effect_words(lexicon: Lexicon, sentence: AnnotatedSentence, mentions: Sequence[Mention],
                 subjects: Collection[int] = ()) -> list[tuple[str, int, int]]:
    """Effect words used as verbs or nominalisations; a participle directly before a
    mention ("activated CD8+ T cells") is an adjective, not an effect, unless it follows its
    subject (a mention, or an anaphor ending at one of ``subjects``: "It reduced TAMs"), and
    so are words inside an entity's name."""
    text = sentence.text
    ends = {m.end for m in sentence.mentions} | set(subjects)
    found: list[tuple[str, int, int]] = []
    for name, start, end in lexicon.find(lexicon.effects, text):
        if name == EXPRESSES or any(m.start <= start < m.end for m in sentence.mentions):
            continue  # what a cell expresses has its own shapes (sarckg.extract.expression)
        word = text[start:end].lower()
        nxt = next((m for m in mentions if m.start >= end), None)
        before = text[max(0, start - 40):start]
        if found and word.endswith("ed") and text[found[-1][1]:found[-1][2]].lower().endswith("ed") \
                and _COORD_VERB_BEFORE.search(before):
            found.append((name, start, end))  # "increased PD-L1 and reduced TAMs": a second verb
            continue
        caused = _CAUSED_STATE.search(before) or any(
            e <= start and _DIRECT_SUBJECT.fullmatch(text[e:start]) for e in ends)
        if not caused and not PASSIVE_BEFORE.search(before) and (
                (nxt and not text[end:nxt.start].strip() and (
                    word.endswith(("ed", "er")) or _DETERMINER_BEFORE.search(before)))
                or (word.endswith("ed") and _ADJECTIVE_SLOT.search(before))):
            continue  # an adjective: "activated CD8+ T cells", "exhibit enhanced trafficking"
        if word.endswith(("ing", "ed")) and _DETERMINER_BEFORE.search(before) and \
                _PLAIN_NOUN_AFTER.match(text, end) and not any(m.start == end + 1 for m in mentions):
            continue  # "one of the driving mechanisms", "the enhanced infiltration": a modifier
        if _NOMINAL.search(word) and not word.endswith("ing") and not (
                re.match(r"\s+(?:of|in)\b", text[end:]) and (
                    _CAUSE_BEFORE.search(before) or _AGENT_COMPOUND.search(before))) and \
                nominal_by(sentence, mentions, end, len(text)) is None:
            continue  # "PD-1 blockade"; "upregulation of X" needs a cause ("leading to", "X-induced") or a by-agent
        if _WITHOUT_BEFORE.search(before) or re.search(r"\bcompensatory\s+$", before, re.IGNORECASE):
            continue  # a manner ("without stimulating Tregs"); "compensatory upregulation": compensation
        found.append((name, start, end))
    return found


def mechanisms(sentence: AnnotatedSentence, lexicon: Lexicon,
               antecedent: Antecedent | None = None) -> Iterator[Mechanism]:
    """Mechanisms of one sentence, one per (agent, effect, object); an anaphoric subject
    ("It", "This synergy") acts as its ``antecedent``."""
    mentions = actors(sentence)
    if not mentions and antecedent is None:
        return  # a lone mention may still convert the phenotype ("X converts cold tumours")
    noun_effects = effect_nouns(sentence)
    nouns = {start: found for _, start, _, found in noun_effects}
    words = sorted([*effect_words(lexicon, sentence, mentions, [antecedent.end] if antecedent else []),
                    *turn_verbs(sentence, lexicon), *causal_verbs(sentence),
                    *((e, s, t) for e, s, t, _ in noun_effects)], key=lambda w: w[1])
    used: set[int] = set()  # objects of earlier effects never act in a later one
    for i, (effect, start, end) in enumerate(words):
        limit = words[i + 1][1] if i + 1 < len(words) else len(sentence.text)
        by = passive(sentence, mentions, start, end) or nominal_by(sentence, mentions, end, limit) or \
            passive_conversion(sentence, lexicon, effect, start, end, AGENTS)
        earlier: AnnotatedSentence | None = None
        if by:
            agents, found = [by[0]], by[1]
        else:
            agents, earlier = _active_agents(sentence, mentions, used, start, antecedent)
            found = nouns.get(start) or phenotype_objects(sentence, lexicon, effect, end, limit) or \
                objects(sentence, mentions, end, limit)
        if effect == SECRETES:
            found = secreted(sentence, end, found, passive=by is not None)
        used.update(o.start for o in found)
        mediator = via(sentence, mentions, found[-1].end if found else end, limit)
        for agent in each_agent(sentence, agents):
            actor = _combined(sentence, antecedent) if antecedent and agent is antecedent.mention else agent.entity
            own = {c.key for c in actor.components} if isinstance(actor, Regimen) else {actor.key}
            for obj in found:
                if obj.entity.key in own or (mediator is not None and obj.entity.key == mediator.key):
                    continue
                yield mechanism(sentence, actor, _nominal_effect(lexicon, sentence.text, effect, obj),
                                obj.entity, start, via=mediator, earlier=earlier)


def _combined(sentence: AnnotatedSentence, antecedent: Antecedent) -> EntityRef | Regimen:
    """What a combination anaphor ("This synergy", "This combination") stands for: every
    treatment joined to its antecedent ("combining A with B"); any other anaphor, the one."""
    head = sentence.text[antecedent.start:antecedent.end].lower()
    group = antecedent.combination()
    if len(group) > 1 and re.search(r"\b(?:synerg\w*|combinations?|regimens?)\b", head):
        return Regimen.of(*(m.entity for m in group))
    return antecedent.mention.entity


def _active_agents(sentence: AnnotatedSentence, mentions: Sequence[Mention], used: set[int], verb: int,
                   antecedent: Antecedent | None) -> tuple[list[Mention], AnnotatedSentence | None]:
    """Who acts for an active verb (with the earlier sentence an anaphor's antecedent is in):
    a list that "which collectively" takes up, an anaphoric subject, else the named actor."""
    text = sentence.text
    listed = _collective_subjects(text, mentions, verb)
    if listed:
        return listed, None
    cells = next((m for m in mentions if m.end < verb and not text[m.end:verb].strip()), None)
    if cells is not None and cells.entity.category == "CellType" and re.match(r"\w+ing\b", text[verb:]):
        return [cells], None  # "CD8+ T cells secreting IFN-γ": a reduced relative, the cells act
    candidates = [m for m in mentions if m.start not in used and not _acted_on(text, m)]
    agent = None if _unnamed_relative_subject(text, mentions, verb) else _agent(sentence, candidates, verb)
    if agent is not None and agent.entity.category not in PRIMARY_AGENTS and \
            _COMPOUND_HEAD.match(text[agent.end:]):
        agent = None  # "DC vaccination", "CD8+ infiltration": the compound acts, not the entity
    if antecedent is not None and _anaphor_is_subject(sentence, antecedent, agent, verb):
        return [antecedent.mention], antecedent.earlier(sentence)
    if agent is None or (agent.entity.category not in PRIMARY_AGENTS and _means(text, verb)):
        return [], None  # "X ... through increased Y": only a treatment is trusted as X
    return [agent], None


def _collective_subjects(text: str, mentions: Sequence[Mention], verb: int) -> list[Mention]:
    """"... CD47, CD68, and CSF1R (14-17), which collectively promote X": the coordinated list
    right before the relative pronoun is its subject."""
    m = _COLLECTIVE_RELATIVE.search(text[max(0, verb - 80):verb])
    if not m:
        return []
    head_end = max(0, verb - 80) + m.start()
    before = [x for x in mentions if x.end <= head_end]
    if not before or text[before[-1].end:head_end].strip():
        return []
    group = cues.coordinated(text, before, len(before) - 1, gap=_SPACED_LIST_GAP)
    return group if len(group) > 1 else []


def _means(text: str, verb: int) -> bool:
    """Whether the effect word is a nominal or participle after "through", "due to", ..."""
    word_end = re.match(r"\w*", text[verb:])
    word = text[verb:verb + (word_end.end() if word_end else 0)].lower()
    return not word.endswith("ing") and bool(_MEANS_BEFORE.search(text[max(0, verb - 40):verb]))


def _anaphor_is_subject(sentence: AnnotatedSentence, antecedent: Antecedent, agent: Mention | None,
                        verb: int) -> bool:
    """The anaphor is the subject of the verb when it stands before it in its reach, unless a
    treatment named after it opens its own clause ("It ..., and lenvatinib reduces ...") or the
    verb's subject is an unnamed relative head (then ``agent`` is None for a reason)."""
    text = sentence.text
    reach = _reach(text, verb)
    if antecedent.end > verb or (reach > antecedent.start and text[antecedent.end:reach].strip(" ,")):
        return False  # "The drug, however, did not ...": a parenthesis right after the anaphor
    if _unnamed_relative_subject(text, sentence.mentions, verb):
        return False
    return agent is None or agent.start < antecedent.start or agent.entity.category not in PRIMARY_AGENTS


def _nominal_effect(lexicon: Lexicon, text: str, effect: str, obj: Mention) -> str:
    """"promote normalization of the vasculature" normalizes it: a generic causal verb takes
    the effect of the nominalisation that governs its object."""
    if effect not in GENERIC_EFFECTS:
        return effect
    m = _NOMINAL_OF.search(text[max(0, obj.start - 40):obj.start])
    if not m:
        return effect
    found = lexicon.find(lexicon.effects, m.group("nominal"))
    if len(found) != 1 or found[0][1] != 0 or found[0][0] == EXPRESSES:
        return effect  # "induce expression of X" is no claim that the agent expresses X
    return found[0][0]


def _unnamed_relative_subject(text: str, mentions: Sequence[Mention], verb: int) -> bool:
    """"cytokines that recruit immune cells": the subject is the noun before "that"; when no
    entity ends there, the sentence names no agent for this verb."""
    m = _RELATIVE_BEFORE.search(text[max(0, verb - 60):verb])
    if not m:
        return False
    head_end = max(0, verb - 60) + m.end("head")
    return not any(x.end == head_end or x.end == head_end - 1 for x in mentions)


def _acted_on(text: str, m: Mention) -> bool:
    """"the normalization of X": X is what something acts on, not the actor."""
    return bool(re.search(r"\b\w+(?:ion|ment)\s+of\s+(?:the\s+)?$", text[max(0, m.start - 30):m.start]))


def _agent(sentence: AnnotatedSentence, mentions: Sequence[Mention], verb: int) -> Mention | None:
    """The sentence's first drug, class or fusion before the verb, else the first actor of
    the verb's clause (or of the sentence, when the clause starts with a participle)."""
    text = sentence.text
    start = _reach(text, verb)
    before = [m for m in mentions if start <= m.start and m.end <= verb and m.entity.category in AGENTS
              and not _UNDERGOER_BEFORE.search(text[max(0, m.start - 30):m.start])]
    primary = [m for m in before if m.entity.category in PRIMARY_AGENTS]
    if primary:
        agent = _new_clause_subject(text, primary, verb) or primary[0]
        nxt = primary[1] if len(primary) > 1 else None
        if agent.entity.category == "DrugClass" and nxt and nxt.entity.category == "Drug" and \
                re.fullmatch(r"\s*,?\s*", text[agent.end:nxt.start]):
            return nxt  # "the anti-angiogenic agent, anlotinib, ..." acts as anlotinib
        return agent
    c_start, _ = cues.clause_of(text, verb)
    in_clause = [m for m in before if m.start >= c_start] or before
    if not in_clause:
        return None
    agent = _new_clause_subject(text, in_clause, verb) or in_clause[0]  # "..., and Tregs suppress"
    for m in in_clause[in_clause.index(agent) + 1:]:
        if text[agent.end:m.start].strip(" -"):
            break
        agent = m  # "antigen-presenting B cells": the head noun acts
    return agent


def _new_clause_subject(text: str, primary: Sequence[Mention], verb: int) -> Mention | None:
    """"X depletes TAMs, and Y reduces Tregs": the actor that opens a coordinated clause
    right before the verb is its subject, not the sentence's first actor."""
    last = primary[-1]
    if last is primary[0] or not _DIRECT_SUBJECT.fullmatch(text[last.end:verb]):
        return None
    return last if _CLAUSE_OPENING.search(text[max(0, last.start - 20):last.start]) else None


def _reach(text: str, verb: int) -> int:
    """Where the verb's subject may start: its clause, extended back over clauses that
    continue the previous one (", leading to", ", which")."""
    spans = cues.clauses(text)
    i = next((k for k, (s, e) in enumerate(spans) if s <= verb < e), 0)
    while i > 0 and _CONTINUATION.match(text[spans[i][0]:spans[i][1]]):
        i -= 1
    return spans[i][0] if spans else 0
