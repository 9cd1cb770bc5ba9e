"""Render a QueryResult: a rich table, SPARQL 1.1 Query Results JSON, CSV or TSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rich.console import Console
from rich.table import Table

from sarckg.namespaces import PREFIXES
from sarckg.query.engine import QueryResult, Term

FORMATS: tuple[str, ...] = ("table", "json", "csv", "tsv")

# Longest namespace first so ``ent:`` wins over a shorter prefix of the same IRI.
_CURIES = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def compact(term: Term | None) -> str:
    """A short readable form: CURIEs for known namespaces, plain text for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for ns, prefix in _CURIES:
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri
    return str(term)


def render(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """The result as text in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "table":
        return to_table(result, width=width)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def to_json(result: QueryResult) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [
        {name: _json_term(term) for name, term in zip(result.variables, row, strict=True)
         if term is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: a header of variable names, plain values (IRIs in full)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in Turtle/N-Triples syntax."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _nt(t) for t in row))
    return "\n".join(lines) + "\n"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _nt(term: Term) -> str:
    """A term in N-Triples syntax (one line: quotes, tabs and newlines escaped)."""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()


def to_table(result: QueryResult, *, width: int | None = None) -> str:
    """A rich table for the terminal, IRIs shortened to CURIEs; a column ``x`` is left out
    when ``xLabel`` is there to name it (json, csv and tsv keep every column)."""
    console = Console(width=width or 200, record=True, file=io.StringIO(), highlight=False)
    if result.kind == "ask":
        console.print("yes" if result.boolean else "no")
        return console.export_text()
    shown = [i for i, v in enumerate(result.variables) if f"{v}Label" not in result.variables]
    table = Table(show_lines=False, header_style="bold")
    for i in shown:
        table.add_column(result.variables[i], overflow="fold")
    for row in result.rows:
        table.add_row(*(compact(row[i]) for i in shown), end_section=False)
    console.print(table)
    note = f"{len(result.rows)} row(s)"
    if result.truncated:
        note += " (truncated: raise --max-rows to see more)"
    console.print(f"{note}, {result.engine}, {result.seconds * 1000:.1f} ms")
    return console.export_text()
