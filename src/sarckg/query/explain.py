"""Why a subtype might respond: the metapath view over the graph.

Three metapaths, each instance with its statements and their confidence:

- Subtype -> Biomarker -> Outcome: biomarker associations in the subtype (or a member subtype),
  and general associations of biomarkers measured in it;
- Subtype -> Regimen -> Outcome: outcome measurements of regimens in the subtype, for the
  measures that quantify the outcome (response: ORR, DCR, CR, PR, pathologic response, ...);
- Drug -> Target -> Cell -> Outcome: drugs given in the subtype, what they (or their targets,
  or their drug class) act on, and how that mediator is associated with the outcome.

Findings that agree with an instance's leading direction are shown as support, the others
(and statements contradicting them) as refuting, side by side. Strongest instances first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef

from sarckg.namespaces import SKG
from sarckg.query.catalog import lib_query
from sarckg.query.confidence import Confidence, confidence_table
from sarckg.query.engine import Term, run_query
from sarckg.query.params import entity_index, resolve_entity
from sarckg.query.store import GraphStore

#: Which outcome measures quantify which clinical outcome (value sets of docs/design.md).
MEASURES_OF_OUTCOME: dict[str, frozenset[str]] = {
    "Response": frozenset({"ORR", "DCR", "CompleteResponse", "PartialResponse", "StableDisease",
                           "ProgressiveDisease", "PathologicResponse", "DurationOfResponse"}),
    "Survival": frozenset({"MedianPFS", "MedianOS", "PFSRate", "OSRate"}),
    "Prognosis": frozenset({"MedianOS", "OSRate", "MedianPFS", "PFSRate"}),
    "Recurrence": frozenset({"MedianPFS", "PFSRate"}),
}
METAPATHS = ("Subtype -> Biomarker -> Outcome", "Subtype -> Regimen -> Outcome",
             "Drug -> Target -> Cell -> Outcome")


@dataclass(frozen=True)
class Finding:
    """One statement on a metapath instance."""

    statement: str
    label: str
    detail: str  # direction, value or effect
    confidence: Confidence


@dataclass(frozen=True)
class Instance:
    """One concrete path of a metapath (e.g. UPS -> TMB -> response) and its evidence."""

    metapath: str
    nodes: tuple[str, ...]  # labels along the path
    supporting: tuple[Finding, ...]
    refuting: tuple[Finding, ...]

    @property
    def strength(self) -> int:
        return sum(f.confidence.support for f in self.supporting) - sum(
            f.confidence.support for f in self.refuting)


@dataclass(frozen=True)
class Explanation:
    subtype: str
    outcome: str
    instances: dict[str, tuple[Instance, ...]]  # by metapath name, strongest first

    def counts(self) -> dict[str, int]:
        return {name: len(found) for name, found in self.instances.items()}


def explain(store: GraphStore, subtype: str, outcome: str = "response") -> Explanation:
    """The metapath view for ``subtype`` (a label, synonym or IRI) and ``outcome``."""
    s = resolve_entity(subtype, (str(SKG.SarcomaSubtype), str(SKG.Population)), store, param="subtype")
    o = resolve_entity(outcome, (str(SKG.ClinicalOutcome),), store, param="outcome")
    names = _Namer(store)
    binds: dict[str, Term] = {"subtype": s.value, "outcome": o.value}
    instances = {
        METAPATHS[0]: _biomarkers(store, binds, names),
        METAPATHS[1]: _regimens(store, {"subtype": s.value}, str(o.value), names),
        METAPATHS[2]: _mechanisms(store, binds, names),
    }
    ordered = {k: tuple(sorted(v, key=lambda i: (-i.strength, i.nodes))) for k, v in instances.items()}
    return Explanation(s.matched, o.matched, ordered)


class _Namer:
    def __init__(self, store: GraphStore) -> None:
        self.index = entity_index(store)
        self.table = confidence_table(store)

    def label(self, node: object) -> str:
        return self.index.label(URIRef(str(node))) if node is not None else ""

    def finding(self, statement: object, detail: str) -> Finding:
        iri = str(statement)
        return Finding(iri, self.label(statement), detail,
                       self.table.get(iri, Confidence(iri)))


def _local(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def _split(findings: list[Finding], key: dict[str, str]) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Findings of the best-supported direction support; the rest refute."""
    by_direction: dict[str, int] = defaultdict(int)
    for f in findings:
        by_direction[key[f.statement]] += f.confidence.support
    lead = max(sorted(by_direction), key=lambda d: by_direction[d])
    unique = sorted({f.statement: f for f in findings}.values(),
                    key=lambda f: (-f.confidence.support, f.statement))  # never the store's order
    return (tuple(f for f in unique if key[f.statement] == lead),
            tuple(f for f in unique if key[f.statement] != lead))


def _biomarkers(store: GraphStore, binds: dict[str, Term], names: _Namer) -> list[Instance]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    direction: dict[str, str] = {}
    for row in run_query(lib_query("explain_biomarkers"), binds, store=store, max_rows=None).records():
        statement = str(row["statement"])
        direction[statement] = _local(row["direction"])
        groups[str(row["biomarker"])].append(
            names.finding(row["statement"], f"{direction[statement]} ({row['route']})"))
    subtype, outcome = names.label(binds["subtype"]), names.label(binds["outcome"])
    result = []
    for biomarker, findings in groups.items():
        supporting, refuting = _split(findings, direction)
        result.append(Instance(METAPATHS[0], (subtype, names.label(biomarker), outcome),
                               supporting, refuting))
    return result


def _regimens(store: GraphStore, binds: dict[str, Term], outcome: str, names: _Namer) -> list[Instance]:
    wanted = MEASURES_OF_OUTCOME.get(_local(outcome), frozenset())
    groups: dict[str, list[Finding]] = defaultdict(list)
    for row in run_query(lib_query("explain_regimens"), binds, store=store, max_rows=None).records():
        measure = _local(row["measure"])
        if measure not in wanted:
            continue
        unit = str(row["unit"] or "")
        amount = "?" if row["value"] is None else str(row["value"])
        value = f"{measure} {amount}{unit if unit in ('', '%') else ' ' + unit}"
        if row["numerator"] is not None and row["denominator"] is not None:
            value += f" ({row['numerator']}/{row['denominator']})"
        groups[str(row["regimen"])].append(names.finding(row["statement"], value))
    subtype = names.label(binds["subtype"])
    result = []
    for regimen, findings in groups.items():
        unique = tuple(sorted({f.statement: f for f in findings}.values(),
                              key=lambda f: (-f.confidence.support, f.statement)))
        refuting = tuple(names.finding(c, "contradicts") for f in unique
                         for c in f.confidence.contradicted_by)
        result.append(Instance(METAPATHS[1], (subtype, names.label(regimen), names.label(outcome)),
                               unique, refuting))
    return result


def _mechanisms(store: GraphStore, binds: dict[str, Term], names: _Namer) -> list[Instance]:
    groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    direction: dict[str, str] = {}
    for row in run_query(lib_query("explain_mechanisms"), binds, store=store, max_rows=None).records():
        chain = tuple(str(row[k]) for k in ("drug", "source", "mediator"))
        mechanism, association = str(row["mechanism"]), str(row["association"])
        direction[mechanism] = "mechanism"
        direction[association] = _local(row["direction"])
        groups[chain].append(names.finding(row["mechanism"], _local(row["effect"])))
        groups[chain].append(names.finding(row["association"], direction[association]))
    outcome = names.label(binds["outcome"])
    result = []
    for (drug, source, mediator), findings in groups.items():
        mechanisms = [f for f in findings if direction[f.statement] == "mechanism"]
        associations = [f for f in findings if direction[f.statement] != "mechanism"]
        supporting, refuting = _split(associations, direction)
        nodes = (names.label(drug), *([names.label(source)] if source != drug else []),
                 names.label(mediator), outcome)
        unique = tuple(sorted({f.statement: f for f in mechanisms}.values(),
                              key=lambda f: (-f.confidence.support, f.statement)))
        result.append(Instance(METAPATHS[2], nodes, unique + supporting, refuting))
    return result


def explanation_to_json(e: Explanation) -> dict[str, object]:
    def finding(f: Finding) -> dict[str, object]:
        c = f.confidence
        return {"statement": f.statement, "label": f.label, "detail": f.detail,
                "support": c.support, "disputes": c.disputes, "designs": list(c.designs),
                "cohortSizes": list(c.sizes)}

    return {
        "subtype": e.subtype, "outcome": e.outcome, "counts": e.counts(),
        "metapaths": {name: [{"path": list(i.nodes), "strength": i.strength,
                              "supporting": [finding(f) for f in i.supporting],
                              "refuting": [finding(f) for f in i.refuting]} for i in found]
                      for name, found in e.instances.items()},
    }


def explanation_to_text(e: Explanation, *, limit: int = 10) -> str:
    lines = [f"{e.subtype} -> {e.outcome}"]
    for name, found in e.instances.items():
        lines.append(f"\n{name}: {len(found)} path(s)")
        for i in found[:limit]:
            lines.append(f"  {' -> '.join(i.nodes)}  (strength {i.strength})")
            lines.extend(f"    + {f.detail}: {f.label} [{f.confidence.summary()}]" for f in i.supporting)
            lines.extend(f"    - {f.detail}: {f.label} [{f.confidence.summary()}]" for f in i.refuting)
        if len(found) > limit:
            lines.append(f"  ... {len(found) - limit} more (use --format json for all)")
    return "\n".join(lines) + "\n"
