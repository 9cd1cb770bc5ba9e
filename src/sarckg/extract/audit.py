"""Statements as plain records, for `sarckg extract` and for audits."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import Any

from sarckg.model import EntityRef, Regimen, Statement


def _plain(value: object) -> Any:
    if isinstance(value, EntityRef):
        return value.label if value.in_vocabulary else f"{value.label} (found in text)"
    if isinstance(value, Regimen):
        return [c.label for c in value.components]
    if isinstance(value, Decimal):
        return str(value)
    return value


def statement_record(statement: Statement) -> dict[str, Any]:
    """kind, fields (entity labels, numbers as strings), quote, offsets, flags."""
    ev = statement.evidence
    return {
        "kind": statement.kind,
        "fields": {f.name: _plain(getattr(statement, f.name)) for f in fields(statement) if f.compare},
        "doc_id": ev.doc_id,
        "start": ev.start,
        "end": ev.end,
        "quote": ev.quote,
        "extractor": ev.extractor,
        "negated": ev.negated,
        "hedged": ev.hedged,
        "zone": ev.zone,
    }
