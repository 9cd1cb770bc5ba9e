"""Make a large synthetic graph with the shape of a real one (deterministic).

The source graph is copied until the target size is reached. In every copy, statements,
evidence and documents get fresh IRIs (one copy = one more batch of papers); each entity is
either shared with the original (as a drug or subtype recurs across papers) or replaced by a
copy-specific twin with a suffixed label, decided by a seeded random draw. Ontology terms and
value sets are kept, so the named queries run unchanged.

    python benchmarks/synthetic_graph.py graphs/sarckg.ttl /tmp/synthetic.nt --triples 1000000
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

BASE = "https://w3id.org/sarckg/"
FRESH = (BASE + "statement/", BASE + "evidence/", BASE + "document/")
ENTITY = BASE + "entity/"


def make_synthetic(source: Path, out: Path, target_triples: int, *, seed: int = 7,
                   shared: float = 0.3) -> int:
    """Write about ``target_triples`` N-Triples lines to ``out``; return the count written."""
    graph = Graph()
    graph.parse(source)
    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    copies = max(1, math.ceil(target_triples / max(1, len(triples))))
    rng = random.Random(seed)
    entities = sorted({str(t) for triple in triples for t in triple
                       if isinstance(t, URIRef) and str(t).startswith(ENTITY)})
    written = 0
    tmp = out.with_suffix(out.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for k in range(copies):
            keep = {e for e in entities if k == 0 or rng.random() < shared}
            for s, p, o in triples:
                if written >= target_triples:
                    break
                line = f"{_term(s, k, keep)} {_term(p, k, keep)} {_object(s, p, o, k, keep)} .\n"
                f.write(line)
                written += 1
    tmp.replace(out)
    return written


def _rename(iri: str, k: int, keep: set[str]) -> str:
    if k == 0 or iri in keep:
        return iri
    if iri.startswith(FRESH) or iri.startswith(ENTITY):
        return f"{iri}-c{k}"
    return iri


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _literal(value: Literal) -> str:
    """N-Triples form: one line, quotes and line breaks escaped."""
    text = '"' + str(value).translate(_ESCAPES) + '"'
    if value.language:
        return f"{text}@{value.language}"
    return f"{text}^^<{value.datatype}>" if value.datatype else text


def _term(term: object, k: int, keep: set[str]) -> str:
    if isinstance(term, URIRef):
        return f"<{_rename(str(term), k, keep)}>"
    if isinstance(term, Literal):
        return _literal(term)
    return str(term.n3())  # type: ignore[attr-defined]


def _object(s: object, p: object, o: object, k: int, keep: set[str]) -> str:
    """Labels of renamed entities get the copy number, so names stay distinct."""
    renamed = isinstance(s, URIRef) and _rename(str(s), k, keep) != str(s)
    if renamed and p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal) \
            and str(s).startswith(ENTITY):
        return _literal(Literal(f"{o} {k}", lang=o.language))
    return _term(o, k, keep)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    n = make_synthetic(args.source, args.out, args.triples, seed=args.seed)
    print(f"wrote {n} triples to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
