"""A fuzz run of the document reader for a few minutes (hypothesis, many examples).

    python benchmarks/fuzz_reader.py [--minutes 3]

Prints how many inputs were tried and whether any crashed (the failing input is shown by
hypothesis). Exit status 1 on a crash.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_targets import read_split_annotate
from test_corpus_fuzz import TEXT


class _TimeUp(Exception):
    """Raised inside the target once the time budget is spent, to end the run."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    tried = 0

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=4000), TEXT.map(lambda t: t.encode("utf-8"))),
           st.sampled_from([".txt", ".md"]))
    def target(data: bytes, suffix: str) -> None:
        nonlocal tried
        if time.monotonic() > deadline:
            raise _TimeUp
        tried += 1
        read_split_annotate(data, suffix)

    try:
        target()
    except Exception as error:
        if all(isinstance(e, _TimeUp) for e in getattr(error, "exceptions", (error,))):
            print(f"{tried} inputs in {args.minutes:g} min: no crash")
            return 0
        print(f"crash after {tried} inputs: {error!r}")
        return 1
    print(f"{tried} inputs in {args.minutes:g} min: no crash")
    return 0


if __name__ == "__main__":
    sys.exit(main())
