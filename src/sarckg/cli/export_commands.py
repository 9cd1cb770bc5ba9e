"""The `export` command group (see docs/design.md)."""

from __future__ import annotations

from sarckg.cli.app import app  # noqa: F401  commands register on this app
