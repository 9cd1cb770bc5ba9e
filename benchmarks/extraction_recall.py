"""Recall per kind of fact against the development set, and precision on an audit sample.

    python benchmarks/extraction_recall.py [--graph graphs/sarckg.ttl] [--facts PATH] [--misses]

A fact counts as found when the graph has a statement of the same kind, read from the same
document, naming the same entities (resolved with the same matcher the pipeline uses; a subtype
may be named by one of its narrower subtypes, skg:subtypeOf) and, for
numbers, the same value; an alias fact is also found through an alias statement of the same
document (the alias as written, the entity by name). Precision: for a deterministic sample of statements, every entity they
name must appear (by one of its names) in the quote, and every number as written; entities
resolved from the document context (its own study, a table header) are exempt and counted.
A mechanism object the quote names through another entity passes only through the vocabulary:
its ``skg:statedAs`` is named in the quote and decomposes to the object (a process nominal's
``skg:nominalObject``, a drug's ``skg:knownTarget`` or stated ``skg:targets``), or the object is
a state-holding process (``skg:hasState``, the tumour immune phenotype) and the quote names
one of its states ("cold", "inflamed").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from sarckg.extract.entities import default_lexicon
from sarckg.extract.lexicon import TOKEN_RE, compact
from sarckg.graph.ontology_files import load_ontology, load_vocabulary
from sarckg.graph.terms import entity_iri
from sarckg.model import slugify
from sarckg.namespaces import ENT, SKG

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FACTS = REPO.parent / "shared" / "eval" / "dev" / "facts.jsonl"
MEASURES = {"ORR": "ORR", "DCR": "DCR", "mPFS": "MedianPFS", "mOS": "MedianOS", "PFS rate": "PFSRate",
            "OS rate": "OSRate", "CR": "CompleteResponse", "PR": "PartialResponse",
            "pathologic response": "PathologicResponse"}


def mentioned(text: str | None) -> set[URIRef]:
    """Entity IRIs named anywhere in a free-text fact field (every sub-span tried)."""
    if not text:
        return set()
    lexicon = default_lexicon()
    tokens = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    found: set[URIRef] = set()
    for i in range(len(tokens)):
        for j in range(i, min(i + lexicon.max_tokens, len(tokens))):
            surface = text[tokens[i][0]:tokens[j][1]]
            hits = lexicon.lookup(surface) or lexicon.lookup(surface.rstrip("s"))
            found |= {entity_iri(e) for e in hits}
    excluded = {ENT[f"population/non-{slugify(m.group(1))}"] for m in re.finditer(r"\bnon-([A-Za-z][\w-]*)", text)}
    return excluded or found  # "non-ASPS STS" names population/non-asps only, neither ASPS nor STS


class GraphIndex:
    """Statements of the built graph by kind, with their documents and role fillers."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.names: dict[URIRef, set[str]] = defaultdict(set)
        for s, p, o in graph.triples((None, None, None)):
            if p in (RDFS.label, SKOS.altLabel) and isinstance(s, URIRef):
                self.names[s].add(compact(str(o)))
        self.doc_of_file = {str(graph.value(d, SKG.fileName)): d for d in graph.subjects(RDF.type, SKG.Document)}

    def statements(self, cls: URIRef, file: str) -> list[URIRef]:
        doc = self.doc_of_file.get(file)
        out = []
        for s in self.g.subjects(RDF.type, cls):
            if any(self.g.value(ev, DCTERMS.source) == doc for ev in self.g.objects(s, PROV.wasDerivedFrom)):
                out.append(s)  # type: ignore[arg-type]
        return sorted(out)

    def fills(self, node: URIRef, props: tuple[URIRef, ...], wanted: str | list[str] | None) -> bool:
        """Does one of the role fillers name (one of) the wanted entities?"""
        if not wanted:
            return True
        texts = wanted if isinstance(wanted, list) else [wanted]
        targets: set[URIRef] = set().union(*(mentioned(t) for t in texts))
        fillers: set[URIRef] = set()
        for p in props:
            for o in self.g.objects(node, p):
                if isinstance(o, URIRef):
                    fillers.add(o)
                    fillers |= {c for c in self.g.objects(o, SKG.hasComponent) if isinstance(c, URIRef)}
        if targets & fillers:
            return True
        # entailment, for the subtype roles only: a finding in a subtype is a finding in the
        # broader subtype it belongs to
        if {SKG.population, SKG.subtype} & set(props):
            broader = {b for f in fillers for b in self.g.transitive_objects(f, SKG.subtypeOf)}
            if targets & broader:
                return True
        wanted_compact = {compact(t) for t in texts}
        return any(self.names.get(f, set()) & wanted_compact for f in fillers)

    def number(self, node: URIRef, prop: URIRef) -> Decimal | None:
        value = self.g.value(node, prop)
        return Decimal(str(value)) if isinstance(value, Literal) else None


def _same_value(found: Decimal | None, wanted: object) -> bool:
    if wanted is None:
        return True
    return found is not None and found == Decimal(str(wanted))


def fact_found(ix: GraphIndex, fact: dict) -> bool:
    kind, file = fact["kind"], fact["doc"]
    if kind == "drug_target":
        return any(ix.fills(s, (RDF.subject,), fact["drug"]) and ix.fills(s, (RDF.object,), fact["target"])
                   for s in ix.statements(SKG.DrugTargetStatement, file))
    if kind == "drug_class":
        return any(ix.fills(s, (RDF.subject,), fact["drug"]) and _class_matches(ix, s, fact["class"])
                   for s in ix.statements(SKG.DrugClassStatement, file))
    if kind in ("drug_alias", "subtype_alias"):
        a, b = mentioned(fact["name"]), mentioned(fact["alias"])
        return bool(a & b) or _alias_stated(ix, fact)
    if kind == "outcome":
        measure = SKG[MEASURES.get(fact["measure"], fact["measure"])]
        for s in ix.statements(SKG.OutcomeMeasurement, file):
            if ix.g.value(s, SKG.measure) != measure:
                continue
            if fact.get("value") is None and ix.g.value(s, SKG.notReached) is None:
                continue
            if fact.get("value") is not None and not _same_value(ix.number(s, SKG.value), fact["value"]):
                continue
            if not _regimen_matches(ix, s, fact.get("regimen")):
                continue
            if ix.fills(s, (SKG.population,), fact.get("subtype")) or not mentioned(fact.get("subtype")):
                return True
        return False
    if kind == "biomarker_association":
        direction = {"positive": SKG.Positive, "negative": SKG.Negative, "none": SKG.NoAssociation}
        return any(ix.fills(s, (SKG.biomarker,), fact["biomarker"])
                   and ix.g.value(s, SKG.direction) == direction[fact["direction"]]
                   for s in ix.statements(SKG.BiomarkerAssociation, file))
    if kind == "biomarker_property":
        return any(ix.fills(s, (SKG.biomarker,), fact["biomarker"])
                   for s in ix.statements(SKG.BiomarkerMeasurement, file))
    if kind == "subtype_property":
        return any(ix.fills(s, (SKG.subtype,), fact["subtype"])
                   for s in ix.statements(SKG.SubtypePropertyStatement, file))
    if kind == "mechanism":
        return any(ix.fills(s, (SKG.agent,), fact["agent"]) and ix.fills(s, (SKG.object,), fact["object"])
                   for s in ix.statements(SKG.Mechanism, file))
    if kind == "adverse_event":
        return any(ix.fills(s, (SKG.event,), fact["event"])
                   and _same_value(ix.number(s, SKG.value), fact.get("value"))
                   for s in ix.statements(SKG.AdverseEventReport, file))
    if kind == "trial":
        return any(_trial_matches(ix, s, fact) for s in ix.statements(SKG.StudyStatement, file))
    return False


def _regimen_matches(ix: GraphIndex, statement: URIRef, wanted: list[str] | None) -> bool:
    """Every agent of the fact's regimen that the matcher resolves is a component of the
    statement's regimen, by name or by class (a PD-1 inhibitor named as "PD-1 inhibitor" or
    as pembrolizumab); further components are allowed."""
    regimen = ix.g.value(statement, SKG.regimen)
    components = set(ix.g.objects(regimen, SKG.hasComponent)) if regimen is not None else set()
    covered = set(components)
    for c in components:
        for cls in ix.g.objects(c, RDF.type):
            covered |= {cls, *ix.g.transitive_objects(cls, RDFS.subClassOf)}
    for item in wanted or []:
        names = mentioned(item)
        if names and not names & covered:
            return False
    return True


def _alias_stated(ix: GraphIndex, fact: dict) -> bool:
    """An alias statement of the same document gives the fact's alias to the named entity."""
    alias = compact(fact["alias"])
    return any(compact(str(ix.g.value(s, SKG.alias))) == alias
               and ix.fills(s, (SKG.entity,), fact["name"])
               for s in ix.statements(SKG.AliasStatement, fact["doc"]))


def _trial_matches(ix: GraphIndex, statement: URIRef, fact: dict) -> bool:
    """Same NCT id, same name, or a study of the same design or phase given the same agents."""
    study = ix.g.value(statement, SKG.study)
    nct = ix.g.value(study, SKG.nctId)
    if fact.get("nct") and nct is not None and str(nct) == fact["nct"]:
        return True
    if compact(fact["name"]) in ix.names.get(study, set()):  # type: ignore[arg-type]
        return True
    stated = _phase_key(" ".join(str(v) for p in (SKG.phase, SKG.studyDesign)
                                 for v in ix.g.objects(study, p)))
    wanted_phase = _phase_key(str(fact.get("phase") or ""))
    if not stated or not wanted_phase or wanted_phase not in stated:
        return False
    agents = set().union(*(mentioned(a) for a in fact.get("agents") or []))
    given = {c for r in ix.g.objects(study, SKG.evaluates) for c in ix.g.objects(r, SKG.hasComponent)}
    return bool(agents) and len(agents & given) * 2 >= len(agents)


def _phase_key(text: str) -> str:
    """"phase II" and "2" compare equal."""
    arabic = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
    text = re.sub(r"\b(iv|i{1,3})(?=[ab]?\b)", lambda m: arabic[m.group(1)], text.lower())
    return compact(text).replace("phase", "")


def _class_matches(ix: GraphIndex, statement: URIRef, wanted: str) -> bool:
    """The extracted class is the wanted one or one of its subclasses (entailment), the wanted
    class being any ontology class whose name appears in the fact's free text."""
    wanted_text = compact(wanted)
    wanted_classes = {
        c for c in ix.g.subjects(RDF.type, OWL.Class)
        if any(len(n) > 2 and n in wanted_text for n in _class_names(ix.g, c))
    }
    cls = ix.g.value(statement, RDF.object)
    lineage = {cls} | set(ix.g.transitive_objects(cls, RDFS.subClassOf))
    return bool(lineage & wanted_classes)


def _class_names(g: Graph, cls: object) -> set[str]:
    return {compact(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in g.objects(cls, p)}  # type: ignore[arg-type]


def audit_precision(graph: Graph, sample: int, seed: int = 7,
                    background: Graph | None = None) -> tuple[float, list[str]]:
    """Share of sampled statements whose entities and numbers appear in their quote
    (``background``: the ontology and vocabulary, for objects stated through another entity)."""
    background = background if background is not None else Graph()
    statements = sorted({s for s in graph.subjects(PROV.wasDerivedFrom, None)})
    rng = random.Random(seed)
    picked = rng.sample(statements, min(sample, len(statements)))
    failures = []
    for s in picked:
        quotes = [compact(str(graph.value(ev, SKG.quote))) for ev in graph.objects(s, PROV.wasDerivedFrom)]
        ok = True
        for p in (RDF.subject, RDF.object, SKG.agent, SKG.object, SKG.biomarker, SKG.event, SKG.subtype,
                  SKG.entity):
            for filler in graph.objects(s, p):
                if p == SKG.object and _stated_through(graph, background, s, filler, quotes):
                    continue
                if not all(_named_in(graph, o, quotes) for o in _named_parts(graph, filler)):
                    ok = False
        value = graph.value(s, SKG.value)
        raw_quotes = [str(graph.value(ev, SKG.quote)) for ev in graph.objects(s, PROV.wasDerivedFrom)]
        if isinstance(value, Literal) and not any(_number_in(str(value), q) for q in raw_quotes):
            ok = False
        alias = graph.value(s, SKG.alias)
        if isinstance(alias, Literal) and not any(compact(str(alias)) in q for q in quotes):
            ok = False
        if not ok:
            failures.append(str(graph.value(s, RDFS.label)))
    return 1 - len(failures) / max(len(picked), 1), failures


def _stated_through(graph: Graph, background: Graph, statement: object, obj: object,
                    quotes: list[str]) -> bool:
    """A mechanism object the quote names through another entity, verified by the vocabulary:
    its statedAs is named and decomposes to it, or the quote names a state of it."""
    if _named_in(graph, obj, quotes):
        return False  # named itself: the ordinary check applies
    for stated in graph.objects(statement, SKG.statedAs):  # type: ignore[arg-type]
        leads = {*background.objects(stated, SKG.nominalObject), *background.objects(stated, SKG.knownTarget),
                 *graph.objects(stated, SKG.targets)}
        if obj in leads and _named_in(graph, stated, quotes):
            return True
    states = list(background.objects(obj, SKG.hasState))  # type: ignore[arg-type]
    return any(compact(str(n)) in q for st in states for p in (RDFS.label, SKOS.altLabel)
               for n in background.objects(st, p) for q in quotes)


def _named_parts(graph: Graph, filler: object) -> list[object]:
    """The entities that must be named for a role filler: a regimen (a combination acting in a
    mechanism) by its components, anything else itself."""
    if str(filler).startswith("https://w3id.org/sarckg/entity/regimen/"):
        return list(graph.objects(filler, SKG.hasComponent))  # type: ignore[arg-type]
    return [filler]


def _named_in(graph: Graph, entity: object, quotes: list[str]) -> bool:
    """An entity IRI is named (by a label or synonym) in one of the compacted quotes; ontology
    terms (drug classes) are not checked here."""
    if not str(entity).startswith("https://w3id.org/sarckg/entity/"):
        return True
    names = {compact(str(n)) for p in (RDFS.label, SKOS.altLabel) for n in graph.objects(entity, p)}  # type: ignore[arg-type]
    return any(n and (n in q or n.rstrip("s") in q) for n in names for q in quotes)


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                 "eighteen", "nineteen", "twenty")
_COUNTED = (r"\s+(?:[a-z-]+\s+)?(?:patients?|cases?|subjects?|participants?|children|adults|tumou?rs|"
            r"responses?|responders?|events?|deaths?|days?|weeks?|months?|years?)\b")


def _number_in(value: str, quote: str) -> bool:
    """The number as a whole number in the quote ("6" is not in "16%", "2.6" not in "26"), or
    a small count written as a word before what it counts ("six patients", "no patient")."""
    plain = value.rstrip("0").rstrip(".") if "." in value else value
    if re.search(rf"(?<![\d.]){re.escape(plain)}(?:\.0+)?(?!\.?\d)", quote):
        return True
    if plain.isdigit() and int(plain) < len(_NUMBER_WORDS):
        word = _NUMBER_WORDS[int(plain)]
        return re.search(rf"(?<![a-z]){word}{_COUNTED}", quote.lower()) is not None
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=REPO / "graphs" / "sarckg.ttl")
    parser.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--misses", action="store_true", help="list the facts not found")
    args = parser.parse_args(argv)
    graph = Graph().parse(args.graph, format="turtle")
    ix = GraphIndex(graph + load_ontology())  # class labels live in the ontology
    facts = [json.loads(line) for line in args.facts.read_text().splitlines() if line.strip()]
    per_kind: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for fact in facts:
        hit = fact_found(ix, fact)
        per_kind[fact["kind"]].append(hit)
        if not hit:
            misses.append(fact)
    print("| kind | facts | found | recall |\n|---|---:|---:|---:|")
    for kind in sorted(per_kind):
        hits = per_kind[kind]
        print(f"| {kind} | {len(hits)} | {sum(hits)} | {sum(hits) / len(hits):.2f} |")
    total = sum(len(v) for v in per_kind.values())
    found = sum(sum(v) for v in per_kind.values())
    print(f"| **all** | {total} | {found} | {found / max(total, 1):.2f} |")
    precision, failures = audit_precision(graph, args.sample, background=load_ontology() + load_vocabulary())
    print(f"\nprecision on an audit of {args.sample} sampled statements: "
          f"{precision:.3f} ({len(failures)} failed)")
    if args.misses:
        for fact in misses:
            print("MISS", fact["id"], fact["kind"], {k: v for k, v in fact.items()
                                                      if k not in ("id", "doc", "kind", "quote")})
        for label in failures:
            print("AUDIT-FAIL", label)
    return 0


if __name__ == "__main__":
    sys.exit(main())
