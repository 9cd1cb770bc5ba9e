"""Bind ``--param name=value`` to RDF terms: entities by label or synonym, literals as typed.

An entity parameter accepts an IRI, a CURIE (``ent:drug/pembrolizumab``, ``skg:ORR``) or any
``rdfs:label`` / ``skos:altLabel`` of a node of the parameter's classes, compared without case,
punctuation or accents ("UPS", "undifferentiated pleomorphic sarcoma", "PD-L1",
"programmed death-ligand 1"); a trailing plural "s" is forgiven. A drug class parameter also
accepts the ontology class itself ("PD-1 inhibitors"), since classes are used as individuals.
Unknown names raise :class:`UnknownEntity` with the closest names ("did you mean").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from sarckg.query.catalog import NamedQuery, ParamSpec, expand_curie, lib_query
from sarckg.query.engine import QueryError, Term, run_query
from sarckg.query.store import GraphStore

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa"}
_NUMERIC = {str(XSD.decimal), str(XSD.integer), str(XSD.double), str(XSD.float)}


class UnknownEntity(QueryError):
    """No node of the wanted classes has this name; ``suggestions`` holds close names."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


@dataclass(frozen=True)
class Resolved:
    """How one parameter was bound: the term, the name it matched, other nodes it could mean."""

    name: str
    value: Term
    matched: str
    alternatives: tuple[str, ...] = ()


def name_key(text: str) -> str:
    """A name without case, accents or punctuation: "PD-L1" and "pd l1" give "pdl1"."""
    text = "".join(_GREEK.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


@dataclass
class EntityIndex:
    """Names and types of every named node in a store, with the class hierarchy closed."""

    names: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[URIRef, str] = field(default_factory=dict)
    all_names: dict[URIRef, set[str]] = field(default_factory=lambda: defaultdict(set))
    types: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    supers: dict[URIRef, set[URIRef]] = field(default_factory=lambda: defaultdict(set))

    def ancestors(self, cls: URIRef) -> set[URIRef]:
        """``cls`` and every class above it (rdfs:subClassOf*)."""
        seen, stack = {cls}, [cls]
        while stack:
            for parent in self.supers.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen

    def is_a(self, node: URIRef, classes: Iterable[str]) -> bool:
        """Instance of (or, for punned classes, subclass of) one of ``classes``."""
        wanted = {URIRef(c) for c in classes}
        if not wanted:
            return True
        if self.ancestors(node) & wanted:
            return True
        return any(self.ancestors(t) & wanted for t in self.types.get(node, ()))

    def label(self, node: URIRef) -> str:
        return self.labels.get(node) or str(node)


def entity_index(store: GraphStore) -> EntityIndex:
    """The name index of ``store``, built once per store."""
    return store.derived("entity_index", _build_index)


def _build_index(store: GraphStore) -> EntityIndex:
    index = EntityIndex()
    for node, name, preferred, typ in run_query(lib_query("entity_names"), store=store,
                                                 max_rows=None, timeout=None).rows:
        assert isinstance(node, URIRef)
        index.names[name_key(str(name))].add(node)
        index.all_names[node].add(str(name))
        if preferred is not None and preferred.toPython() is True:
            index.labels.setdefault(node, str(name))
        if isinstance(typ, URIRef):
            index.types[node].add(typ)
    for cls, sup in run_query(lib_query("class_hierarchy"), store=store,
                              max_rows=None, timeout=None).rows:
        if isinstance(cls, URIRef) and isinstance(sup, URIRef):
            index.supers[cls].add(sup)
    return index


def resolve_entity(text: str, classes: Iterable[str], store: GraphStore, *, param: str = "") -> Resolved:
    """The node named ``text`` among nodes of ``classes`` (an IRI or CURIE is taken as is)."""
    classes = tuple(classes)
    index = entity_index(store)
    text = text.strip()
    iri = expand_curie(text)
    if re.match(r"^[a-z][a-z0-9+.-]*://", iri):
        return Resolved(param, URIRef(iri), index.label(URIRef(iri)))
    key = name_key(text)
    candidates = _matches(index, key, classes)
    if not candidates and key.endswith("s"):
        candidates = _matches(index, key[:-1], classes)
    if not candidates:
        candidates = {n for k in (key + "s",) for n in index.names.get(k, ()) if index.is_a(n, classes)}
    if not candidates:
        raise _unknown(text, classes, index, param)
    ranked = sorted(candidates, key=lambda n: (name_key(index.label(n)) != key, str(n)))
    alternatives = tuple(f"{index.label(n)} <{n}>" for n in ranked[1:])
    return Resolved(param, ranked[0], index.label(ranked[0]), alternatives)


def _matches(index: EntityIndex, key: str, classes: tuple[str, ...]) -> set[URIRef]:
    return {n for n in index.names.get(key, ()) if index.is_a(n, classes)}


def _unknown(text: str, classes: tuple[str, ...], index: EntityIndex, param: str) -> UnknownEntity:
    pool = {name: node for node, names in index.all_names.items() if index.is_a(node, classes)
            for name in names}
    by_key: dict[str, str] = {}
    for name in sorted(pool):
        by_key.setdefault(name_key(name), name)
    close = difflib.get_close_matches(name_key(text), list(by_key), n=5, cutoff=0.6)
    contains = [k for k in by_key if name_key(text) and name_key(text) in k and k not in close]
    suggestions = tuple(by_key[k] for k in [*close, *sorted(contains)[:3]])
    what = " or ".join(c.rsplit("#", 1)[-1] for c in classes) or "entity"
    where = f" for --param {param}" if param else ""
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else \
        "; list names with `sarckg query entity_search --param text=...`"
    return UnknownEntity(f"no {what} named {text!r}{where}{hint}", suggestions)


def literal_for(spec: ParamSpec, text: str) -> Literal:
    """A literal of the spec's datatype; numbers are checked."""
    if spec.datatype in _NUMERIC:
        try:
            Decimal(text)
        except InvalidOperation:
            raise QueryError(f"--param {spec.name} must be a number, not {text!r}") from None
        return Literal(text, datatype=URIRef(spec.datatype))
    if spec.datatype and spec.datatype != str(XSD.string):
        return Literal(text, datatype=URIRef(spec.datatype))
    return Literal(text)


def bind_params(query: NamedQuery, raw: Mapping[str, str], store: GraphStore) -> list[Resolved]:
    """Resolve every given parameter (and defaults); a missing required one is an error."""
    bound: list[Resolved] = []
    for name in raw:
        query.param(name)
    for spec in query.params:
        text = raw.get(spec.name, spec.default)
        if text is None:
            if spec.required:
                example = f" (e.g. {query.examples[0]})" if query.examples else ""
                raise QueryError(f"query {query.name!r} needs --param {spec.name}=...{example}")
            continue
        if spec.kind == "literal":
            bound.append(Resolved(spec.name, literal_for(spec, text), text))
        else:
            bound.append(resolve_entity(text, spec.classes, store, param=spec.name))
    return bound


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["subtype=UPS", "measure=ORR"]`` -> a dict; the value may contain ``=``."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param takes name=value, not {item!r}")
        params[name.strip()] = value
    return params
