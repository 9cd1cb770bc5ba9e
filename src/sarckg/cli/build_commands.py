"""build, validate, stats, extract."""

from __future__ import annotations

from sarckg.cli.app import app


@app.command()
def build() -> None:
    """Build graphs/sarckg.ttl from the corpus (placeholder until the pipeline lands)."""
    raise SystemExit("not yet implemented")
