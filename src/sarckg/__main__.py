"""``python -m sarckg`` runs the command-line interface."""

from __future__ import annotations

from sarckg.cli import app

app()
