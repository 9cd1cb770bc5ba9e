"""The typer application that every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sarckg",
    help="sarckg: a knowledge graph of sarcoma immunotherapy, built from papers with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
