"""Load on the SPARQL endpoint: N concurrent clients against `sarckg serve` on 127.0.0.1.

    python benchmarks/endpoint_load.py [--clients 8] [--requests 2000] [--seconds 60]

Starts the real server in a subprocess on a free loopback port, sends the named queries (with the
parameters of their first example, bound as a VALUES block the way `--endpoint` does) from
concurrent clients until the request budget or the time budget runs out, then prints throughput,
p50/p95/p99 latency and the error count. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import itertools
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from sarckg.query.catalog import load_catalog
from sarckg.query.params import bind_params, parse_assignments
from sarckg.query.store import load_store
from sarckg.serve.remote import bind_remote

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def workload(graph: Path) -> list[tuple[str, str]]:
    """(name, SPARQL text with its example parameters bound) for every named query."""
    store = load_store(graph)
    texts = []
    for name, query in sorted(load_catalog().items()):
        raw: dict[str, str] = {}
        for example in query.examples:
            words = shlex.split(example)
            raw = parse_assignments(w for i, w in enumerate(words) if i and words[i - 1] == "--param")
            break
        try:
            bound = {r.name: r.value for r in bind_params(query, raw, store)}
            text, _ = bind_remote(query.text, bound)
        except Exception as error:  # a query whose example cannot be bound is left out, loudly
            print(f"skipping {name}: {error}", file=sys.stderr)
            continue
        texts.append((name, text))
    return texts


def wait_ready(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=10) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start in time")


def client(url: str, jobs: itertools.cycle, budget: dict, lock: threading.Lock,
           latencies: list[float], errors: list[str]) -> None:
    while True:
        with lock:
            if budget["left"] <= 0 or time.monotonic() > budget["deadline"]:
                return
            budget["left"] -= 1
            name, text = next(jobs)
        data = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(url + "/sparql", data=data,
                                         headers={"Accept": "application/sparql-results+json"})
        start = time.perf_counter()
        failure = None
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                if response.status != 200:
                    failure = f"{name}: HTTP {response.status}"
        except Exception as error:
            failure = f"{name}: {error}"
        elapsed = time.perf_counter() - start
        with lock:
            latencies.append(elapsed)
            if failure:
                errors.append(failure)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path, default=REPO / "graphs" / "sarckg.ttl")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    jobs = workload(args.graph)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "sarckg", "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--graph", str(args.graph)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(url, time.monotonic() + 60)
        budget = {"left": args.requests, "deadline": time.monotonic() + args.seconds}
        lock = threading.Lock()
        latencies: list[float] = []
        errors: list[str] = []
        cycle = itertools.cycle(jobs)
        threads = [threading.Thread(target=client, args=(url, cycle, budget, lock, latencies, errors))
                   for _ in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    ms = sorted(x * 1000 for x in latencies)
    print("| clients | requests | named queries | seconds | throughput (req/s) | p50 ms | p95 ms | p99 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.clients} | {len(ms)} | {len(jobs)} | {wall:.1f} | {len(ms) / wall:.1f} | "
          f"{percentile(ms, 50):.1f} | {percentile(ms, 95):.1f} | {percentile(ms, 99):.1f} | {len(errors)} |")
    for line in errors[:10]:
        print("error:", line, file=sys.stderr)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
