"""What an effect word acts on: its objects (the mentions after it, with their coordinated
list), the ``by`` agent of a passive, the ``via``/``through`` mediator, and what a secretion verb
may take as its object (a molecule right after it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sarckg.extract import cues
from sarckg.extract.base import AnnotatedSentence
from sarckg.model import EntityRef, Mention

PRIMARY_AGENTS = ("Drug", "DrugClass", "GeneFusion")
#: The biology a treatment acts on, which may also act in turn.
BIOLOGY = frozenset({"Target", "Process", "CellType", "Biomarker"})
AGENTS = frozenset({*PRIMARY_AGENTS, *BIOLOGY})
OBJECTS = frozenset({*BIOLOGY, "GeneFusion"})
SECRETES = "Secretes"
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_AFTER = re.compile(r"^\s+by\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
#: "by VEGF blockade", "by PD-1 inhibitors": a head noun after the named entity acts, not the entity.
_NOUN_AFTER_AGENT = re.compile(r"\s*-?\s*(?:blockade|inhibition|inhibitors?|therap(?:y|ies)|vaccin\w*|"
                               r"depletion|signal\w*|expression|levels?|pathways?|antibod(?:y|ies)|"
                               r"treatment|targeting|agonists?|antagonists?)\b", re.IGNORECASE)
_OBJECT_GAP_STOP = re.compile(
    r"[;:%]|,\s*(?:and|but|or|while|whereas)\b|\b(?:by|via|through|which|that|who|whereas|while|than|when)\b",
    re.IGNORECASE)
_VIA = re.compile(r"^[^;:]{0,40}?\b(?:via|through|mediated\s+by|by\s+way\s+of)\s+(?:the\s+|an?\s+)?",
                  re.IGNORECASE)
_MODIFIER_AFTER = re.compile(r"^\s*-\s*(?:producing|secreting|expressing|positive|rich|derived)\s*$",
                             re.IGNORECASE)
#: What may stand between a secretion verb and the molecule it makes: a determiner, an amount,
#: an adjective, a class of molecules ("produce high levels of pro-inflammatory cytokines such as"),
#: the long name of an abbreviated molecule ("secreting interferon (IFN)-γ").
_SECRETED_GAP = re.compile(r"\s*(?:(?:the|an?|its|their|high(?:er)?|large|increased|elevated|more|abundant|"
                           r"amounts?|levels?|quantities|of|such\s+as|including|like|e\.g\.|[a-z]+-?[a-z]*"
                           r"(?:ory|ive|ic|al)|cytokines?|chemokines?|antibod(?:y|ies)|factors?|molecules?|"
                           r"proteins?|mediators?|enzymes?)\s*,?\s+)*(?:[a-z][\w-]*\s*\()?", re.IGNORECASE)
def objects(sentence: AnnotatedSentence, mentions: Sequence[Mention], verb_end: int,
            limit: int) -> list[Mention]:
    """The first object after the verb (within eight words, no clause break between) and
    the objects coordinated with it."""
    text = sentence.text
    _, c_end = cues.clause_of(text, verb_end - 1)
    after = [m for m in mentions if verb_end <= m.start < min(limit, c_end)
             and m.entity.category in OBJECTS]
    if not after:
        return []
    gap = text[verb_end:after[0].start]
    if len(gap.split()) > 8 or _OBJECT_GAP_STOP.search(gap):
        return []
    while len(after) > 1 and _MODIFIER_AFTER.match(text[after[0].end:after[1].start]):
        after = after[1:]  # "IFN-γ-producing effector T cells": the cells are the object
    return cues.coordinated(text, after, 0, forward=True)


def secreted(sentence: AnnotatedSentence, verb_end: int, found: list[Mention], passive: bool) -> list[Mention]:
    """The molecules among a secretion verb's objects; an active verb's first object stands
    right after it ("produced durable responses ... due to high TMB" secretes nothing)."""
    if found and not passive and not _SECRETED_GAP.fullmatch(sentence.text, verb_end, found[0].start):
        return []
    return [o for o in found if _molecule(o.entity)]


def _molecule(entity: EntityRef) -> bool:
    """What a cell can secrete: a protein or antigen (a cytokine, an antibody), never a gene, a
    fusion, a process, a cell or a measured biomarker ("produce ... TMB")."""
    return entity.category == "Target" and not {"Gene", "GeneFusion"}.intersection(entity.types)


def passive(sentence: AnnotatedSentence, mentions: Sequence[Mention], start: int,
            end: int) -> tuple[Mention, list[Mention]] | None:
    """"X was reduced by Y": agent Y, object X."""
    text = sentence.text
    if not PASSIVE_BEFORE.search(text[:start]):
        return None
    by = _BY_AFTER.match(text[end:])
    if not by:
        return None
    agent = next((m for m in mentions if m.start == end + by.end() and m.entity.category in AGENTS), None)
    obj = [m for m in mentions if m.end <= start and m.entity.category in OBJECTS]
    if agent is None or not obj:
        return None
    return agent, [obj[-1]]


def nominal_by(sentence: AnnotatedSentence, mentions: Sequence[Mention], end: int,
               limit: int) -> tuple[Mention, list[Mention]] | None:
    """"the activation of immune evasion by macrophages", "depletion of TAMs and MDSCs by
    trabectedin": a nominal's objects right after "of" and its agent right after "by"."""
    text = sentence.text
    of = _OF_AFTER.match(text, end)
    if of is None:
        return None
    found = objects(sentence, mentions, end, limit)
    if not found or found[0].start != of.end():
        return None
    by = _BY_AFTER.match(text[found[-1].end:limit])
    if by is None:
        return None
    at = found[-1].end + by.end()
    agent = next((m for m in mentions if m.start == at and m.entity.category in AGENTS), None)
    if agent is None or _NOUN_AFTER_AGENT.match(text, agent.end):
        return None  # "by VEGF blockade": the compound acts, not VEGF
    return agent, found


def via(sentence: AnnotatedSentence, mentions: Sequence[Mention], after: int,
        limit: int) -> EntityRef | None:
    """The mediator "via/through X" right after the objects."""
    m = _VIA.match(sentence.text[after:limit])
    if not m:
        return None
    at = after + m.end()
    found = next((x for x in mentions if x.start == at), None)
    return found.entity if found else None
