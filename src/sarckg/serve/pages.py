"""The server's HTML: the query page at ``/`` and a page per entity. No script at all, no
external resource, every value escaped by Jinja2's autoescape."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import DictLoader, Environment, select_autoescape
from rdflib import Literal, URIRef

from sarckg.namespaces import BASE
from sarckg.query.catalog import NamedQuery
from sarckg.query.engine import QueryResult

#: For HTML responses: nothing may load or run but this page's own inline styles.
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")

_STYLE = """
body { font-family: sans-serif; margin: 1em 2em; max-width: 1200px; }
textarea { width: 100%; font-family: monospace; }
table { border-collapse: collapse; font-size: 13px; margin: .5em 0; }
td, th { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; text-align: left; }
.error { color: #a00; white-space: pre-wrap; }
.note { color: #8a4b00; }
details { margin: .3em 0; } summary { cursor: pointer; }
code, pre { background: #f6f6f6; }
"""

_BASE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>{{ style }}</style></head><body>{% block body %}{% endblock %}</body></html>"""

_RESULTS = """{% macro cell(term) -%}
{%- if term is none -%}{%- elif term.href -%}<a href="{{ term.href }}">{{ term.text }}</a>
{%- else -%}{{ term.text }}{%- endif -%}
{%- endmacro %}
{% macro results(result, rows) -%}
{% if result.kind == "ask" %}<p>Answer: <b>{{ "yes" if result.boolean else "no" }}</b></p>
{% else %}<p>{{ rows|length }} row(s){% if result.truncated %} <span class="note">(cut at the
row limit; add LIMIT or narrow the query)</span>{% endif %}, {{ "%.3f"|format(result.seconds) }} s</p>
<table><tr>{% for v in result.variables %}<th>{{ v }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for term in row %}<td>{{ cell(term) }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endif %}
{%- endmacro %}"""

_INDEX = """{% extends "base" %}{% from "results" import results %}{% block body %}
<h1>sarckg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 endpoint at <code>/sparql</code> (GET or POST; results as JSON, XML,
CSV or TSV; CONSTRUCT as Turtle or JSON-LD). Entity IRIs under <code>{{ base }}</code>
resolve on this server.</p>
<form method="post" action="/"><textarea name="query" rows="10">{{ query }}</textarea>
<p><button type="submit">Run query</button></p></form>
{% if error %}<p class="error" id="error">{{ error }}</p>{% endif %}
{% if result %}<section id="results">{{ results(result, rows) }}</section>{% endif %}
<h2>Named queries</h2>
{% for q in queries %}<details{% if q.name == named %} open{% endif %}><summary><b>{{ q.title }}</b>
(<code>{{ q.name }}</code>)</summary><p>{{ q.description }}</p>
<form method="get" action="/"><input type="hidden" name="named" value="{{ q.name }}">
{% for p in q.params %}<label>{{ p.name }}{% if not p.required %} (optional){% endif %}
<input name="{{ p.name }}" value="{{ params.get(p.name, '') if q.name == named else '' }}"
 placeholder="{{ p.description }}"></label> {% endfor %}<button type="submit">Run</button></form>
<pre>{{ q.text }}</pre></details>{% endfor %}
{% endblock %}"""

_ENTITY = """{% extends "base" %}{% from "results" import cell %}{% block body %}
<p><a href="/">sarckg</a></p><h1>{{ label }}</h1><p><code>{{ iri }}</code></p>
<p>Also as <a href="?format=turtle">Turtle</a>, <a href="?format=jsonld">JSON-LD</a>,
<a href="?format=nt">N-Triples</a>.</p>
<h2>Properties</h2><table id="outgoing">{% for p, o in outgoing %}<tr><td>{{ cell(p) }}</td>
<td>{{ cell(o) }}</td></tr>{% endfor %}</table>
{% if incoming %}<h2>Referenced by</h2><table id="incoming">{% for s, p in incoming %}<tr>
<td>{{ cell(s) }}</td><td>{{ cell(p) }}</td></tr>{% endfor %}</table>{% endif %}
{% endblock %}"""


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None


@cache
def environment() -> Environment:
    loader = DictLoader({"base": _BASE, "results": _RESULTS, "index": _INDEX, "entity": _ENTITY})
    return Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True))


def local_path(iri: str) -> str | None:
    """The path on this server of a sarckg IRI (``/entity/drug/x``), else None."""
    if iri.startswith(BASE) and "#" not in iri:
        return "/" + iri[len(BASE):]
    return None


def cell(term: object, labels: dict[str, str] | None = None) -> Cell | None:
    """How one RDF term shows in a table: IRIs by label, linked when this server has them."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        text = (labels or {}).get(str(term), str(term))
        return Cell(text, local_path(str(term)))
    if isinstance(term, Literal):
        return Cell(str(term))
    return Cell(str(term))


def index_page(
    queries: Sequence[NamedQuery], *, query: str = "", named: str = "", params: dict[str, str] | None = None,
    result: QueryResult | None = None, error: str = "", labels: dict[str, str] | None = None,
) -> str:
    rows = [[cell(t, labels) for t in row] for row in result.rows] if result else []
    return environment().get_template("index").render(
        title="sarckg SPARQL endpoint", style=_STYLE, base=BASE, queries=queries, query=query,
        named=named, params=params or {}, result=result, rows=rows, error=error,
    )


def entity_page(
    iri: str, label: str, outgoing: Sequence[tuple[object, object]],
    incoming: Sequence[tuple[object, object]], labels: dict[str, str],
) -> str:
    return environment().get_template("entity").render(
        title=label, style=_STYLE, iri=iri, label=label,
        outgoing=[(cell(p, labels), cell(o, labels)) for p, o in outgoing],
        incoming=[(cell(s, labels), cell(p, labels)) for s, p in incoming],
    )
