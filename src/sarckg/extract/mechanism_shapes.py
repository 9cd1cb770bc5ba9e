"""Shapes of English that name a mechanism's agent or effect without the plain "X verb Y":

- an elided shared head: "cytotoxic and/or antiangiogenic agents" names two drug classes,
  "cytotoxic agents" and "antiangiogenic agents", each an agent of what the phrase does
  (:func:`shared_head_partners`); so are treatments offered as alternatives ("A and/or B",
  "A, B or C": :func:`alternatives`), never a plain "A and B", which may be a combination;
- an effect noun: "X exerts significant anti-angiogenesis effects", "X has antiangiogenic
  activity": X inhibits the process the "anti-" word names; "X had (immuno)regulatory effects
  in/on Y": X modulates Y, the effect the ontology gives "modulate" (:func:`effect_nouns`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sarckg.extract.anaphora import TREATMENT_CATEGORIES
from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.cues import load_lexicon
from sarckg.extract.mechanism_objects import BIOLOGY
from sarckg.model import EntityRef, Mention

#: A verb that says its subject has an effect: "exerts", "had", "showed", "with".
_HAVE = (r"\b(?:exert(?:s|ed|ing)?|ha(?:s|d|ve|ving)|show(?:s|ed|n|ing)?|exhibit(?:s|ed|ing)?|"
         r"display(?:s|ed|ing)?|demonstrat(?:e|es|ed|ing)|possess(?:es|ed|ing)?|with)\s+"
         r"(?:(?:an?|the|its|their|significant|potent|strong|marked|robust|direct|additional|"
         r"\w+ly)\s+)*")
_EFFECT_NOUN = r"\s+(?:effects?|activit(?:y|ies)|properties|actions?|capacity|potential)\b"
#: "exerts significant anti-angiogenesis effects", "has antiangiogenic activity".
_ANTI = re.compile(_HAVE + r"anti-?(?P<stem>[a-z]+)" + _EFFECT_NOUN, re.IGNORECASE)
#: "had regulatory effects in the tumour immune microenvironment".
_REGULATORY = re.compile(_HAVE + r"(?:immuno-?)?(?:regulatory|modulatory)" + _EFFECT_NOUN +
                         r"\s+(?:in|on|upon)\s+(?:the\s+)?", re.IGNORECASE)
#: How an adjective after "anti-" names its process: angiogenic -> angiogenesis, inflammatory ->
#: inflammation, proliferative -> proliferation, metastatic -> metastasis.
_STEM_ENDINGS = (("genic", "genesis"), ("atory", "ation"), ("ative", "ation"), ("ive", "ion"),
                 ("tic", "sis"), ("ic", "ism"))

#: Head nouns a drug class shares over a coordination of its modifiers.
_CLASS_HEAD = re.compile(r"(?:^|\s)(?P<head>agents?|drugs?|therap(?:y|ies)|inhibitors?|compounds?|"
                         r"medications?|antibodies)$", re.IGNORECASE)
#: "<modifier> and/or ", "<modifier>, ", "<modifier> or ": a modifier whose head is elided.
_ELIDED_BEFORE = re.compile(r"(?P<modifier>[A-Za-z][\w-]*)(?:\s*,\s*(?:and/or\s+|and\s+|or\s+)?|\s+and/or\s+|"
                            r"\s+or\s+|\s+and\s+|\s*/\s*)$", re.IGNORECASE)
_ALTERNATIVE_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?P<or>and/or|or)\s+", re.IGNORECASE)
#: "the combination of cytotoxic and antiangiogenic agents": one regimen, not classes acting alone.
_COMBINED_BEFORE = re.compile(r"\b(?:combinations?\s+of|combining|combined)\s+(?:the\s+)?$", re.IGNORECASE)


def shared_head_partners(sentence: AnnotatedSentence, mention: Mention) -> list[Mention]:
    """The drug classes named by modifiers coordinated before a class ``mention`` that share
    its head ("cytotoxic and/or | antiangiogenic agents" gives "cytotoxic agents"), nearest
    last; none when the phrase names a combination or a modifier is part of another name."""
    text = sentence.text
    head = _CLASS_HEAD.search(mention.text)
    if mention.entity.category != "DrugClass" or head is None:
        return []
    partners: list[Mention] = []
    edge = mention.start
    while (m := _ELIDED_BEFORE.search(text, 0, edge)) is not None:
        start, end = m.start("modifier"), m.end("modifier")
        entity = _drug_class(f"{text[start:end]} {head['head']}")
        if entity is None or entity.key == mention.entity.key or \
                any(x.start < end and start < x.end for x in sentence.mentions):
            break
        partners.insert(0, Mention(entity, start, end, text[start:end], via="pattern"))
        edge = start
    if partners and _COMBINED_BEFORE.search(text, 0, partners[0].start):
        return []
    return partners


def _drug_class(name: str) -> EntityRef | None:
    """The one drug class the vocabulary names ``name``, else None."""
    from sarckg.extract.entities import default_lexicon

    found = [e for e in default_lexicon().lookup(name) if e.category == "DrugClass"]
    return found[0] if len(found) == 1 else None


def alternatives(sentence: AnnotatedSentence, mention: Mention) -> list[Mention]:
    """The treatments offered as alternatives right after ``mention`` ("cytotoxic agents and/or
    antiangiogenic agents", "A, B or C"): each does what the phrase does. A plain "and" may
    name a combination, so only a list that ends in "or" or "and/or" counts."""
    text = sentence.text
    after = [m for m in sentence.mentions if m.start >= mention.end and m.entity.category in TREATMENT_CATEGORIES]
    group: list[Mention] = []
    edge = mention.end
    for m in after:
        gap = _ALTERNATIVE_GAP.fullmatch(text, edge, m.start)
        if gap is None:
            break
        group.append(m)
        edge = m.end
        if gap["or"]:
            return group
    return []


def each_agent(sentence: AnnotatedSentence, agents: Sequence[Mention]) -> list[Mention]:
    """``agents`` with the classes each shares its head with and the treatments offered as its
    alternatives, in text order."""
    out: list[Mention] = []
    for agent in agents:
        out.extend(shared_head_partners(sentence, agent))
        out.append(agent)
        if agent.entity.category in TREATMENT_CATEGORIES:
            out.extend(alternatives(sentence, agent))
    return out


def effect_nouns(sentence: AnnotatedSentence) -> list[tuple[str, int, int, list[Mention]]]:
    """Effects stated by a noun after a verb of having: ``(effect, verb start, verb end,
    objects)``; the verb's subject is the agent. None under a negation ("had no
    anti-angiogenic effect")."""
    text = sentence.text
    found: list[tuple[str, int, int, list[Mention]]] = []
    for m in _ANTI.finditer(text):
        process = _process(sentence, m.start("stem"), m.end("stem"))
        if process is not None and not _inside(sentence, m.start("stem") - 1):
            found.append(("Inhibits", m.start(), m.start() + len(m.group(0).split()[0]), [process]))
    modulate = _modulate()
    for m in _REGULATORY.finditer(text):
        obj = next((x for x in sentence.mentions if x.start == m.end() and x.entity.category in BIOLOGY), None)
        if obj is not None and modulate is not None:
            found.append((modulate, m.start(), m.start() + len(m.group(0).split()[0]), [obj]))
    return found


@lru_cache(maxsize=1)
def _modulate() -> str | None:
    """The effect the ontology names "modulate", if exactly one does (looked up once)."""
    lexicon = load_lexicon()
    found = lexicon.find(lexicon.effects, "modulate")
    return found[0][0] if len(found) == 1 else None


def _process(sentence: AnnotatedSentence, start: int, end: int) -> Mention | None:
    """The process named by the word after "anti-": a mention there, else the vocabulary's
    one process of that name or of the noun its adjective stands for."""
    named = next((x for x in sentence.mentions if x.start == start and x.end == end), None)
    if named is not None:
        return named if named.entity.category == "Process" else None
    from sarckg.extract.entities import default_lexicon

    word = sentence.text[start:end].lower()
    names = [word] + [word[:-len(a)] + n for a, n in _STEM_ENDINGS if word.endswith(a)]
    for name in names:
        found = [e for e in default_lexicon().lookup(name) if e.category == "Process"]
        if len(found) == 1:
            return Mention(found[0], start, end, sentence.text[start:end], via="pattern")
    return None


def _inside(sentence: AnnotatedSentence, position: int) -> bool:
    """Whether ``position`` lies in a mention ("antiangiogenic agents" is a drug class)."""
    return any(x.start <= position < x.end for x in sentence.mentions)
