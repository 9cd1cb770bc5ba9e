"""Pool comparable proportions (ORR, DCR, ...) across studies: random-effects meta-analysis.

Comparable means: the same measure, in the subtype or any subtype under it, for regimens with
a component in the drug class (a member drug or the class itself). Each measurement needs its
cohort: n/N as stated, or a percentage with a denominator (n = round(p * N)). The same
cohort reported in several places (same study, regimen, population, n/N) counts once.

Pooling is DerSimonian-Laird on the logit scale (0.5 added to both cells when n is 0 or N),
with a 95% CI from the normal approximation and I² for heterogeneity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from statistics import NormalDist

from rdflib import URIRef

from sarckg.namespaces import SKG
from sarckg.query.catalog import get_query, lib_query
from sarckg.query.confidence import confidence_table
from sarckg.query.engine import QueryError, Term, run_query
from sarckg.query.params import entity_index, resolve_entity
from sarckg.query.store import GraphStore

#: Measures that are proportions of a cohort (value sets of docs/design.md).
PROPORTION_MEASURES = frozenset({
    "ORR", "DCR", "CompleteResponse", "PartialResponse", "StableDisease", "ProgressiveDisease",
    "PathologicResponse", "PFSRate", "OSRate"})
Z95 = NormalDist().inv_cdf(0.975)


class SynthesisError(QueryError):
    """Too few comparable measurements, or a measure that is not a proportion."""


@dataclass(frozen=True)
class StudyInput:
    """One measurement that went into the pool."""

    statement: str
    label: str
    population: str
    regimen: str
    study: str
    events: int
    total: int
    weight_percent: float = 0.0
    quote: str = ""
    document: str = ""

    @property
    def proportion(self) -> float:
        return self.events / self.total


@dataclass(frozen=True)
class Synthesis:
    measure: str
    subtype: str
    regimen_class: str
    pooled: float
    ci_low: float
    ci_high: float
    tau2: float
    i2: float
    q: float
    inputs: tuple[StudyInput, ...]
    excluded: tuple[tuple[str, str], ...]  # (statement label, reason)


@dataclass(frozen=True)
class Pooled:
    estimate: float  # logit scale
    se: float
    tau2: float
    q: float
    i2: float
    weights: tuple[float, ...]  # random-effects weights, summing to 1


def logit_effect(events: int, total: int) -> tuple[float, float]:
    """Logit of a proportion and its variance (0.5 continuity correction at 0 or N)."""
    if total <= 0 or not 0 <= events <= total:
        raise ValueError(f"not a proportion: {events}/{total}")
    a, b = float(events), float(total - events)
    if events in (0, total):
        a, b = a + 0.5, b + 0.5
    return math.log(a / b), 1 / a + 1 / b


def dersimonian_laird(effects: list[tuple[float, float]]) -> Pooled:
    """Random-effects pooling of (estimate, variance) pairs."""
    if len(effects) < 2:
        raise ValueError("pooling needs at least two estimates")
    w = [1 / v for _, v in effects]
    fixed = sum(wi * y for wi, (y, _) in zip(w, effects, strict=True)) / sum(w)
    q = sum(wi * (y - fixed) ** 2 for wi, (y, _) in zip(w, effects, strict=True))
    df = len(effects) - 1
    c = sum(w) - sum(wi * wi for wi in w) / sum(w)
    tau2 = max(0.0, (q - df) / c) if c > 0 else 0.0
    w_star = [1 / (v + tau2) for _, v in effects]
    estimate = sum(wi * y for wi, (y, _) in zip(w_star, effects, strict=True)) / sum(w_star)
    i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
    total = sum(w_star)
    return Pooled(estimate, math.sqrt(1 / total), tau2, q, i2, tuple(wi / total for wi in w_star))


def expit(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def synthesize(
    store: GraphStore, subtype: str, measure: str = "ORR", regimen_class: str | None = None,
) -> Synthesis:
    """Pool ``measure`` across comparable measurements (see the module docstring)."""
    s = resolve_entity(subtype, (str(SKG.SarcomaSubtype), str(SKG.Population)), store, param="subtype")
    m = resolve_entity(measure, (str(SKG.OutcomeMeasure),), store, param="measure")
    if str(m.value).rsplit("#", 1)[-1] not in PROPORTION_MEASURES:
        raise SynthesisError(f"{m.matched} is not a proportion; synthesize pools proportions "
                             f"such as ORR or DCR ({', '.join(sorted(PROPORTION_MEASURES))})")
    c = resolve_entity(regimen_class or str(SKG.Drug), (str(SKG.Drug),), store, param="regimen-class")
    rows = run_query(lib_query("synthesis_inputs"),
                     {"subtype": s.value, "measure": m.value, "regimen_class": c.value},
                     store=store, max_rows=None).records()
    inputs, excluded = _comparable(store, rows)
    what = f"{m.matched} in {s.matched} (and its subtypes) with {c.matched}"
    if len(inputs) < 2:
        found = "; ".join(f"{label}: {why}" for label, why in excluded) or "none"
        raise SynthesisError(
            f"fewer than 2 comparable measurements of {what}: found {len(inputs)} with a cohort "
            f"size (excluded: {found}); widen the subtype or the regimen class")
    pooled = dersimonian_laird([logit_effect(i.events, i.total) for i in inputs])
    weighted = tuple(_with_evidence(store, i, w) for i, w in zip(inputs, pooled.weights, strict=True))
    return Synthesis(
        measure=m.matched, subtype=s.matched, regimen_class=c.matched,
        pooled=expit(pooled.estimate),
        ci_low=expit(pooled.estimate - Z95 * pooled.se),
        ci_high=expit(pooled.estimate + Z95 * pooled.se),
        tau2=pooled.tau2, i2=pooled.i2, q=pooled.q, inputs=weighted, excluded=tuple(excluded),
    )


Row = dict[str, Term | None]


def _comparable(store: GraphStore, rows: list[Row]) -> tuple[list[StudyInput], list[tuple[str, str]]]:
    """Measurements with a cohort, one per (study, regimen, population, n/N); the rest excluded."""
    index = entity_index(store)
    table = confidence_table(store)

    def label(node: Term | None) -> str:
        return index.label(URIRef(str(node))) if node is not None else ""

    def strength(row: Row) -> tuple[int, str]:
        c = table.get(str(row["statement"]))
        return (-(c.support if c else 0), str(row["statement"]))

    seen: dict[tuple[str, ...], StudyInput] = {}
    excluded: dict[str, str] = {}
    for row in sorted(rows, key=strength):
        statement = str(row["statement"])
        counts = _counts(row)
        if isinstance(counts, str):
            excluded[label(row["statement"])] = counts
            continue
        item = StudyInput(statement, label(row["statement"]), label(row["member"]),
                          label(row["regimen"]), label(row["study"]), *counts)
        key = (item.study or statement, str(row["regimen"]), str(row["member"]),
               str(item.events), str(item.total))
        seen.setdefault(key, item)
    return sorted(seen.values(), key=lambda i: (i.study, i.population, i.statement)), sorted(excluded.items())


def _counts(row: Row) -> tuple[int, int] | str:
    """(events, total) from n/N, or from a percentage and N; else why not."""
    def number(key: str) -> Decimal | None:
        try:
            return Decimal(str(row[key])) if row[key] is not None else None
        except InvalidOperation:
            return None

    numerator, denominator, value = number("numerator"), number("denominator"), number("value")
    if denominator is None or denominator <= 0:
        return "no cohort size (N) stated"
    total = int(denominator)
    if numerator is not None and 0 <= numerator <= denominator:
        return int(numerator), total
    unit = str(row["unit"]) if row["unit"] is not None else ""
    if value is not None and unit == "%" and 0 <= value <= 100:
        return int((value * total / 100).to_integral_value()), total
    return "no count or percentage to pool"


def _with_evidence(store: GraphStore, item: StudyInput, weight: float) -> StudyInput:
    found = run_query(get_query("statement_evidence").text, {"statement": URIRef(item.statement)},
                      store=store, max_rows=1).records()
    quote = str(found[0]["quote"]) if found else ""
    document = str(found[0]["document"]) if found else ""
    return StudyInput(item.statement, item.label, item.population, item.regimen, item.study,
                      item.events, item.total, round(100 * weight, 1), quote, document)


def synthesis_to_json(s: Synthesis) -> dict[str, object]:
    return {
        "measure": s.measure, "subtype": s.subtype, "regimenClass": s.regimen_class,
        "method": "DerSimonian-Laird random effects, logit scale",
        "pooled": s.pooled, "ci95": [s.ci_low, s.ci_high], "i2": s.i2, "tau2": s.tau2, "q": s.q,
        "studies": [{"statement": i.statement, "label": i.label, "population": i.population,
                     "regimen": i.regimen, "study": i.study, "events": i.events, "total": i.total,
                     "proportion": i.proportion, "weightPercent": i.weight_percent,
                     "quote": i.quote, "document": i.document} for i in s.inputs],
        "excluded": [{"statement": label, "reason": why} for label, why in s.excluded],
    }


def synthesis_to_text(s: Synthesis) -> str:
    lines = [
        f"{s.measure} in {s.subtype} (incl. subtypes), regimens with {s.regimen_class}",
        f"pooled {100 * s.pooled:.1f}% (95% CI {100 * s.ci_low:.1f}-{100 * s.ci_high:.1f}%), "
        f"I² {100 * s.i2:.0f}%, tau² {s.tau2:.3f}, {len(s.inputs)} measurements "
        "(DerSimonian-Laird, logit scale)",
    ]
    for i in s.inputs:
        lines.append(f"  {i.events}/{i.total} ({100 * i.proportion:.1f}%) weight {i.weight_percent}% "
                     f"- {i.regimen} in {i.population}" + (f", {i.study}" if i.study else ""))
        if i.quote:
            quote = " ".join(i.quote.split())
            quote = quote if len(quote) <= 240 else quote[:237] + "..."
            lines.append(f'      "{quote}" ({i.document})')
    lines.extend(f"  excluded: {label}: {why}" for label, why in s.excluded)
    return "\n".join(lines) + "\n"
