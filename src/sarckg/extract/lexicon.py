"""The name index the entity matcher uses, built from the ontology and vocabulary graphs.

Names live in one place, the RDF (``rdfs:label`` and ``skos:altLabel``); this module only
indexes them. A name is indexed by its *compact form* (lower case, letters and digits only,
Greek letters spelled out), so "PD-L1", "PDL1" and "PD L1" meet. Names written without
lower-case letters ("AS", "PD-L1", "KIT") are matched case-sensitively, so the word "as"
never becomes angiosarcoma.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from sarckg.model import EntityRef
from sarckg.namespaces import ENT, SKG

#: Entity IRI folder -> ontology category class (docs/design.md, "IRIs").
CATEGORY_OF_FOLDER: dict[str, str] = {
    "drug": "Drug",
    "target": "Target",
    "subtype": "SarcomaSubtype",
    "population": "Population",
    "biomarker": "Biomarker",
    "celltype": "CellType",
    "process": "Process",
    "adverseevent": "AdverseEvent",
    "study": "Study",
    "fusion": "GeneFusion",
    "patient": "Patient",
    "regimen": "Regimen",
}

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "λ": "lambda",
    "µ": "mu", "μ": "mu", "ω": "omega", "ε": "epsilon",
}
#: a word, or a number; a lowercase word with a citation number glued to it in a flattened PDF
#: ("sarcomas8", "Immunotherapy44") is two tokens, so "sarcomas" can end a name (symbols such as
#: "BRCA1", "CD8" or "Ki67" stay whole)
TOKEN_RE = re.compile(r"[A-Za-z]?[a-z]{3,}(?=\d{1,3}(?![^\W_]))|[^\W_]+", re.UNICODE)
_NEAR_LENGTH = 3
_NEAR_RATIO = 0.9


def compact(text: str, *, keep_case: bool = False) -> str:
    """Letters and digits only, Greek spelled out: ``"IFN-γ"`` -> ``"ifngamma"``."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_GREEK.get(c, c) for c in text)
    out = "".join(c for c in text if c.isalnum())
    return out if keep_case else out.lower()


def is_case_sensitive(name: str) -> bool:
    """Acronym-like names (no lower-case letter) must match with their case."""
    return not any(c.islower() for c in name)


def name_variants(name: str) -> Iterator[str]:
    """The name and its simple plural, for class phrases ("PD-1 inhibitor(s)")."""
    yield name
    if not name or not name[-1].isalpha() or not name[-1].islower():
        return
    if name.endswith("y") and not name.endswith(("ay", "ey", "oy")):
        yield name[:-1] + "ies"  # antibody -> antibodies
    else:
        yield name + ("es" if name.endswith(("s", "x", "ch", "sh")) else "s")


@dataclass
class Lexicon:
    """Compact name -> entities. ``folded`` is case-insensitive, ``exact`` case-sensitive."""

    folded: dict[str, set[EntityRef]] = field(default_factory=lambda: defaultdict(set))
    exact: dict[str, set[EntityRef]] = field(default_factory=lambda: defaultdict(set))
    max_tokens: int = 1
    entities: dict[str, EntityRef] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)  # every prefix of every folded key
    #: category -> name length -> folded key -> that category's entities (built on first use)
    _by_category: dict[str, dict[int, dict[str, set[EntityRef]]]] = field(
        default_factory=dict, repr=False, compare=False)

    def add(self, entity: EntityRef, name: str) -> None:
        self._by_category.clear()
        self.entities[entity.key] = entity
        for variant in name_variants(name):
            if is_case_sensitive(variant):
                self.exact[compact(variant, keep_case=True)].add(entity)
            else:
                self.folded[compact(variant)].add(entity)
            key = compact(variant)
            self.prefixes.update(key[:i] for i in range(1, len(key) + 1))
        self.max_tokens = max(self.max_tokens, len(TOKEN_RE.findall(name)) + 1)

    def lookup(self, surface: str) -> set[EntityRef]:
        """Entities this exact surface string may name (empty when none)."""
        return self.lookup_key(compact(surface, keep_case=True))

    def lookup_key(self, cased: str) -> set[EntityRef]:
        """Like :meth:`lookup`, for a surface already in compact form with its case kept."""
        found = self.exact.get(cased)
        if found:
            return found
        folded = cased.lower()
        if folded != cased and cased == cased.upper() and len(cased) <= 3:
            return set()  # "AS" in capitals is an acronym, not the word "as"
        return self.folded.get(folded, set())

    def may_extend(self, cased: str) -> bool:
        """Could a longer name start with this compact text?"""
        return cased.lower() in self.prefixes

    def near(self, name: str, category: str) -> EntityRef | None:
        """The one entity of ``category`` named by a near spelling of ``name`` (a typo such as
        "alveolar soft partial sarcoma"): same length within a few letters, 90% alike."""
        key = compact(name)
        by_length = self._names_of(category)
        names = {k: ents for n in range(len(key) - _NEAR_LENGTH, len(key) + _NEAR_LENGTH + 1)
                 for k, ents in by_length.get(n, {}).items()}
        close = difflib.get_close_matches(key, sorted(names), n=3, cutoff=_NEAR_RATIO)
        found = {e for k in close for e in names[k]}
        return next(iter(found)) if len(found) == 1 else None

    def _names_of(self, category: str) -> dict[int, dict[str, set[EntityRef]]]:
        """The folded names of ``category``'s entities, by length (indexed once per category)."""
        if category not in self._by_category:
            by_length: dict[int, dict[str, set[EntityRef]]] = {}
            for k, ents in self.folded.items():
                mine = {e for e in ents if e.category == category}
                if mine:
                    by_length.setdefault(len(k), {})[k] = mine
            self._by_category[category] = by_length
        return self._by_category[category]

    def names(self) -> Iterable[str]:
        return list(self.folded) + list(self.exact)


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class DrugClassNames:
    """A drug class of the ontology: its local name, its names (label first) and the local
    names of the classes above it."""

    local: str
    label: str | None
    names: tuple[str, ...]
    superclasses: tuple[str, ...]


def drug_class_names(graph: Graph) -> tuple[DrugClassNames, ...]:
    """skg:Drug and every OWL class under it (transitively), by IRI."""
    found: set[URIRef] = {SKG.Drug}
    frontier = [SKG.Drug]
    while frontier:
        parent = frontier.pop()
        for child in graph.subjects(RDFS.subClassOf, parent):
            if isinstance(child, URIRef) and child not in found:
                found.add(child)
                frontier.append(child)
    out = []
    for cls in sorted(found):
        label, alts = _labels(graph, cls)
        above = sorted({_local(c) for c in graph.transitive_objects(cls, RDFS.subClassOf)
                        if isinstance(c, URIRef)} - {_local(cls)})
        out.append(DrugClassNames(_local(cls), label, tuple(n for n in (label, *alts) if n is not None),
                                  tuple(above)))
    return tuple(out)


def _labels(graph: Graph, node: URIRef) -> tuple[str | None, list[str]]:
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
    alts = sorted({str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(node, p)})
    return (labels[0] if labels else None), alts


def build_lexicon(graph: Graph) -> Lexicon:
    """Index the vocabulary entities and the drug classes of ``graph`` (ontology + vocabulary)."""
    lexicon = Lexicon()
    ent_prefix = str(ENT)
    subjects = sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)})
    for node in subjects:
        iri = str(node)
        if not iri.startswith(ent_prefix):
            continue
        key = iri[len(ent_prefix):]
        category = CATEGORY_OF_FOLDER.get(key.split("/", 1)[0])
        label, alts = _labels(graph, node)
        if category is None or label is None:
            continue
        types = tuple(sorted(_local(t) for t in graph.objects(node, RDF.type)
                             if isinstance(t, URIRef) and str(t).startswith(str(SKG))))
        entity = EntityRef(key=key, label=label, category=category, types=types)
        unsafe = {str(o) for o in graph.objects(node, SKG.ambiguousLabel)}
        for name in (label, *alts):
            if name not in unsafe:  # "ES", "OS": only where a document defines them
                lexicon.add(entity, name)
    for cls in drug_class_names(graph):
        if cls.label is None or cls.local == "Drug":
            continue
        entity = EntityRef(key=f"class/{cls.local}", label=cls.label, category="DrugClass", types=(cls.local,))
        for name in cls.names:
            lexicon.add(entity, name)
    return lexicon
