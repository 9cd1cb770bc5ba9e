"""Latency of every named query and some path queries, on pyoxigraph and rdflib.

Runs each named query (parameters from its first example) several times on both engines and
prints p50/p95 per query with the rdflib/pyoxigraph ratio, plus graph load rates and the named
queries that miss the pyoxigraph p50 target (20 ms on the corpus graph, 1 s on the large one);
then the same on a synthetic graph of about a million triples (benchmarks/synthetic_graph.py).

    python benchmarks/query_latency.py [--graph graphs/sarckg.ttl] [--large-triples 1000000]
"""

from __future__ import annotations

import argparse
import gc
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from sarckg.query.catalog import NamedQuery, load_catalog
from sarckg.query.engine import QueryError
from sarckg.query.named import run_named
from sarckg.query.params import parse_assignments
from sarckg.query.paths import find_paths, traversal_graph
from sarckg.query.store import GraphStore, default_graph_path, load_store


@dataclass
class Timing:
    name: str
    ox: list[float]
    rd: list[float]
    rows: int
    note: str = ""


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], repeats: int) -> tuple[list[float], object]:
    fn()  # warm-up (builds caches: name index, confidence)
    out: object = None
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out


def example_params(query: NamedQuery) -> dict[str, str]:
    if not query.examples:
        return {}
    words = shlex.split(query.examples[0])
    return parse_assignments(words[i + 1] for i, w in enumerate(words) if w in ("--param", "-p"))


def bench_queries(store: GraphStore, engine: str, repeats: int, timeout: float) -> dict[str, Timing]:
    """Time every named query (first example's parameters) on one engine."""
    results: dict[str, Timing] = {}
    for name, query in load_catalog().items():
        params = example_params(query)
        try:
            times, answer = timed(lambda q=query, p=params: run_named(
                q, p, store=store, engine=engine, timeout=timeout), repeats)
        except QueryError as exc:
            results[name] = Timing(name, [], [], 0, f"{engine}: {exc}"[:70])
            continue
        results[name] = Timing(name, times, [], len(answer.result.rows))  # type: ignore[attr-defined]
    return results


def path_pairs(store: GraphStore, count: int = 3) -> list[tuple[str, str]]:
    """Pairs two hops apart in the traversal graph (deterministic: sorted nodes)."""
    tg = traversal_graph(store)
    pairs = []
    for node in sorted(n for n in tg.graph if "/entity/" in n):
        far = sorted(n for n in tg.graph[node] if n in tg.kinds)
        for mid in far:
            ends = sorted(n for n in tg.graph[mid] if n != node and "/entity/" in n)
            if ends:
                pairs.append((node, ends[0]))
                break
        if len(pairs) >= count:
            break
    return pairs


def bench_paths(store: GraphStore, repeats: int) -> list[Timing]:
    traversal_graph(store)
    out = []
    for a, b in path_pairs(store):
        times, found = timed(lambda a=a, b=b: find_paths(store, a, b, max_hops=3), repeats)
        label = f"paths {URIRef(a).split('/')[-1]} -> {URIRef(b).split('/')[-1]}"[:60]
        out.append(Timing(label, times, [], len(found), "networkx (no rdflib run)"))  # type: ignore[arg-type]
    return out


def table(title: str, store: GraphStore, rd_load: float, timings: list[Timing], target: float) -> str:
    rate = store.triples / store.load_seconds if store.load_seconds else float("nan")
    lines = [
        f"### {title}",
        "",
        f"{store.triples:,} triples; pyoxigraph load {store.load_seconds:.2f} s ({rate:,.0f} triples/s); "
        f"rdflib load {rd_load:.2f} s ({store.triples / rd_load if rd_load else float('nan'):,.0f} triples/s)",
        "",
        "| query | rows | oxigraph p50 ms | oxigraph p95 ms | rdflib p50 ms | rdflib p95 ms | rdflib/oxigraph | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in timings:
        ox50, ox95 = 1000 * percentile(t.ox, 0.5), 1000 * percentile(t.ox, 0.95)
        rd50, rd95 = 1000 * percentile(t.rd, 0.5), 1000 * percentile(t.rd, 0.95)
        ratio = f"{rd50 / ox50:.1f}x" if t.rd and t.ox else ""
        cells = [t.name, str(t.rows), f"{ox50:.1f}" if t.ox else "", f"{ox95:.1f}" if t.ox else "",
                 f"{rd50:.1f}" if t.rd else "", f"{rd95:.1f}" if t.rd else "", ratio, t.note]
        lines.append("| " + " | ".join(cells) + " |")
    ox = [percentile(t.ox, 0.5) for t in timings if t.ox and not t.name.startswith("paths")]
    if ox:
        lines.append("")
        lines.append(f"slowest named query p50: {1000 * max(ox):.1f} ms; median of p50s: "
                     f"{1000 * statistics.median(ox):.1f} ms")
        over = [t.name for t in timings if t.ox and not t.name.startswith("paths")
                and percentile(t.ox, 0.5) >= target]
        lines.append(f"target p50 < {1000 * target:.0f} ms: " + (f"missed by {', '.join(over)}" if over else "met"))
    return "\n".join(lines) + "\n"


def run(graph: Path, repeats: int, rd_repeats: int, rd_timeout: float, target: float) -> str:
    """pyoxigraph first (before rdflib's objects fill the heap), then rdflib."""
    store = load_store(graph)
    timings = bench_queries(store, "oxigraph", repeats, 60.0)
    paths = bench_paths(store, repeats)
    start = time.perf_counter()
    store.rdflib_dataset()
    rd_load = time.perf_counter() - start
    gc.freeze()  # keep the collector off the loaded graph's millions of objects
    for name, t in bench_queries(store, "rdflib", rd_repeats, rd_timeout).items():
        timings[name].rd = t.ox
        timings[name].note = timings[name].note or t.note
    return table(f"{graph.name}", store, rd_load, [*timings.values(), *paths], target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=default_graph_path())
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--large-triples", type=int, default=1_000_000, help="0 skips the large graph")
    parser.add_argument("--large-rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    print(run(args.graph, args.repeats, args.repeats, 60.0, target=0.020))
    if args.large_triples:
        sys.path.insert(0, str(Path(__file__).parent))
        from synthetic_graph import make_synthetic

        with tempfile.TemporaryDirectory() as tmp:
            big = Path(tmp) / "synthetic.nt"
            make_synthetic(args.graph, big, args.large_triples)
            print(run(big, max(3, args.repeats // 3), 1, args.large_rdflib_timeout, target=1.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
