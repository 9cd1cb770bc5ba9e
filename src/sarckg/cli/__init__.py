"""Command-line interface: thin commands over library functions.

Each module registers its commands on :data:`sarckg.cli.app.app`; importing this package
wires them all up (importing it does nothing else).
"""

from __future__ import annotations

from sarckg.cli.app import app

# Command modules register themselves on import; keep this list in help order.
from sarckg.cli import (  # noqa: F401  isort: skip
    build_commands,
    query_commands,
    viz_commands,
    export_commands,
    serve_commands,
)

__all__ = ["app"]
