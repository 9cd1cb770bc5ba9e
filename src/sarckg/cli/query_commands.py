"""query, queries, paths, explain, synthesize: asking the graph questions.

Every query goes through :func:`sarckg.query.engine.run_query` (guarded, parameters bound by
the engine). Refused or invalid queries exit with status 2 and the reason.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sarckg.cli.app import app

if TYPE_CHECKING:
    from sarckg.query.engine import QueryResult, Term
    from sarckg.query.store import GraphStore

ParamOption = Annotated[list[str] | None, typer.Option(
    "--param", "-p", help="name=value, repeatable. Entities by label, synonym, IRI or CURIE.")]
GraphOption = Annotated[Path | None, typer.Option(
    "--graph", help="Graph file (default: $SARCKG_GRAPH or graphs/sarckg.ttl).")]
EngineOption = Annotated[str, typer.Option("--engine", help="oxigraph (fast) or rdflib (reference).")]
TableJson = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into a message and an exit status (2: refused or invalid query)."""
    from sarckg.query.guard import QueryError
    from sarckg.query.store import GraphNotFound

    try:
        yield
    except QueryError as exc:
        raise _fail(str(exc), 2) from None
    except GraphNotFound as exc:
        raise _fail(str(exc), 1) from None
    except ValueError as exc:
        raise _fail(str(exc), 1) from None


def _store(graph: Path | None, endpoint: str | None = None) -> GraphStore:
    """The local graph, or (with ``endpoint``) the graph a remote endpoint serves."""
    from sarckg.query.store import load_store

    if endpoint:
        return _remote_store(endpoint)
    return load_store(graph)


def _remote_store(endpoint: str) -> GraphStore:
    """Fetch the remote graph with one guarded CONSTRUCT and traverse it here (traversal needs
    the whole neighbourhood; for a very large store, query it with `sarckg query --endpoint`)."""
    import tempfile

    from rdflib import Graph

    from sarckg.query.store import load_store
    from sarckg.serve.remote import run_remote

    result = run_remote(endpoint, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=None,
                        timeout=300.0)
    fetched = Graph()
    for s, p, o in result.rows:
        fetched.add((s, p, o))  # type: ignore[arg-type]
    folder = Path(tempfile.mkdtemp(prefix="sarckg-remote-"))
    path = folder / "remote.nt"
    fetched.serialize(path, format="nt", encoding="utf-8")
    return load_store(path)


EndpointOption = Annotated[str | None, typer.Option(
    "--endpoint", help="Read the graph from this SPARQL 1.1 endpoint instead of the local file.")]


@app.command("query")
def query_command(
    target: Annotated[str, typer.Argument(help="A named query (see `sarckg queries`), a .rq file, or - for stdin.")],
    param: ParamOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv.")] = "table",
    evidence: Annotated[bool, typer.Option("--evidence", help="Add quote, document and offsets for each statement.")] = False,
    engine: EngineOption = "oxigraph",
    graph: GraphOption = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds before the query is stopped.")] = 30.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most rows returned.")] = 10_000,
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", help="Run on this SPARQL 1.1 endpoint instead of the local graph "
        "(names are still resolved against the local graph; the guard runs before sending).")] = None,
    default_graph: Annotated[list[str] | None, typer.Option(
        "--default-graph", help="With --endpoint: named graphs to query as the default graph "
        "(e.g. where `sarckg publish --graph-iri` put the graph).")] = None,
) -> None:
    """Run a named query, a SPARQL file, or SPARQL from stdin.

    Answers with a statement column get computed confidence columns (support, disputes,
    designs, cohortSizes). SERVICE, LOAD, SPARQL Update and FROM <remote> are refused (exit 2).

    Examples:
      sarckg query subtype_biomarkers --param subtype=UPS
      sarckg query drugs_by_class -p "class=angiogenesis inhibitors" --format json
      sarckg query subtype_regimen_outcomes -p subtype=ASPS -p measure=ORR --evidence
      sarckg query my_query.rq -p drug=pembrolizumab -p 'text="a literal"'
      echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | sarckg query -
      sarckg query subtype_biomarkers -p subtype=UPS --endpoint http://127.0.0.1:7878/query
    """
    from sarckg.query.confidence import add_confidence
    from sarckg.query.named import attach_evidence
    from sarckg.query.results import FORMATS, render

    if fmt not in FORMATS:
        raise _fail(f"unknown --format {fmt!r}: use one of {', '.join(FORMATS)}", 2)
    with _errors():
        store = _store(graph)
        if endpoint:
            result, notes = _run_remote_target(endpoint, target, param or [], store, timeout,
                                               max_rows, tuple(default_graph or ()))
        else:
            result, notes = _run_target(target, param or [], store, engine, timeout, max_rows)
            result = add_confidence(result, store)
        if evidence:
            result = attach_evidence(result, store, engine=engine)
    if fmt == "table":
        for note in notes:
            typer.echo(note, err=True)
    width = shutil.get_terminal_size((200, 24)).columns if fmt == "table" else None
    typer.echo(render(result, fmt, width=width), nl=False)


def _run_target(target: str, items: list[str], store: GraphStore, engine: str,
                timeout: float, max_rows: int) -> tuple[QueryResult, list[str]]:
    from sarckg.query.catalog import get_query
    from sarckg.query.engine import run_query
    from sarckg.query.named import run_named
    from sarckg.query.params import parse_assignments

    params = parse_assignments(items)
    if target == "-" or target.endswith(".rq") or Path(target).is_file():
        text = sys.stdin.read() if target == "-" else _read(Path(target))
        bindings = {name: _adhoc_value(value, store) for name, value in params.items()}
        return run_query(text, bindings, engine=engine, store=store, timeout=timeout,
                         max_rows=max_rows), []
    answer = run_named(get_query(target), params, store=store, engine=engine,
                       timeout=timeout, max_rows=max_rows)
    notes = [f"{b.name} = {b.matched} <{b.value}>" + (
        f" (also matched: {'; '.join(b.alternatives)})" if b.alternatives else "")
        for b in answer.bindings]
    return answer.result, notes


def _run_remote_target(endpoint: str, target: str, items: list[str], store: GraphStore,
                       timeout: float, max_rows: int, default_graphs: tuple[str, ...] = (),
                       ) -> tuple[QueryResult, list[str]]:
    """The same query, bound the same way, answered by a remote endpoint."""
    from sarckg.query.catalog import get_query
    from sarckg.query.params import bind_params, parse_assignments
    from sarckg.serve.remote import run_remote

    params = parse_assignments(items)
    if target == "-" or target.endswith(".rq") or Path(target).is_file():
        text = sys.stdin.read() if target == "-" else _read(Path(target))
        bindings = {name: _adhoc_value(value, store) for name, value in params.items()}
        notes: list[str] = []
    else:
        named = get_query(target)
        resolved = bind_params(named, params, store)
        text, bindings = named.text, {r.name: r.value for r in resolved}
        notes = [f"{r.name} = {r.matched} <{r.value}>" for r in resolved]
    result = run_remote(endpoint, text, bindings, timeout=timeout, max_rows=max_rows,
                        default_graphs=default_graphs)
    return result, [f"endpoint: {endpoint}", *notes]


def _read(path: Path) -> str:
    from sarckg.query.guard import QueryError

    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"cannot read query file {path}: {exc.strerror}") from None


def _adhoc_value(value: str, store: GraphStore) -> Term:
    """For a query without a header: "quoted" is a literal, anything else an entity."""
    from rdflib import Literal

    from sarckg.query.params import resolve_entity

    if len(value) >= 2 and value[0] == value[-1] == '"':
        return Literal(value[1:-1])
    return resolve_entity(value, (), store).value


@app.command("queries")
def queries_command(
    fmt: TableJson = "table",
) -> None:
    """List the named queries with what they answer and their parameters.

    Examples:
      sarckg queries
      sarckg queries --format json
    """
    from sarckg.query.catalog import load_catalog

    with _errors():
        catalog = load_catalog()
    if fmt == "json":
        typer.echo(json.dumps([{
            "name": q.name, "title": q.title, "description": q.description,
            "params": [{"name": p.name, "kind": p.kind, "classes": list(p.classes),
                        "required": p.required, "description": p.description} for p in q.params],
            "examples": list(q.examples)} for q in catalog.values()], indent=2))
        return
    for q in catalog.values():
        typer.echo(f"{q.name}: {q.title}")
        typer.echo(f"    {q.description}")
        for p in q.params:
            flag = "" if p.required else " (optional)"
            typer.echo(f"    --param {p.name}=...{flag}  {p.description}")
        if q.examples:
            typer.echo(f"    e.g. {q.examples[0]}")


@app.command("paths")
def paths_command(
    source: Annotated[str, typer.Option("--from", help="Start entity (label, synonym or IRI).")],
    target: Annotated[str, typer.Option("--to", help="End entity.")],
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path, in edges.")] = 3,
    via: Annotated[list[str] | None, typer.Option("--via", help="Class every intermediate entity must belong to (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Most paths shown.")] = 20,
    fmt: TableJson = "table",
    graph: GraphOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """All simple paths between two entities over the domain relations, strongest first.

    Each hop shows the relation, its direction and one evidence quote.

    Examples:
      sarckg paths --from UPS --to TMB
      sarckg paths --from lenvatinib --to "CD8+ T cells" --max-hops 2
      sarckg paths --from pembrolizumab --to response --max-hops 4 --via Biomarker --format json
    """
    from sarckg.query.paths import find_paths, paths_to_json, paths_to_text, traversal_graph

    with _errors():
        store = _store(graph, endpoint)
        found = find_paths(store, source, target, max_hops=max_hops, via=via or (), limit=limit)
        tg = traversal_graph(store)
    if fmt == "json":
        typer.echo(json.dumps(paths_to_json(tg, found), indent=2, ensure_ascii=False))
    else:
        typer.echo(paths_to_text(tg, found), nl=False)


@app.command("explain")
def explain_command(
    subtype: Annotated[str, typer.Argument(help="A subtype or population (label, synonym or IRI).")],
    outcome: Annotated[str, typer.Option("--outcome", help="response, survival, prognosis or recurrence.")] = "response",
    fmt: TableJson = "table",
    graph: GraphOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Why a subtype might respond: Subtype->Biomarker->Outcome, Subtype->Regimen->Outcome and
    Drug->Target->Cell->Outcome paths with counts, strongest first, support and refutation together.

    Examples:
      sarckg explain UPS --outcome response
      sarckg explain "alveolar soft part sarcoma" --format json
    """
    from sarckg.query.explain import explain, explanation_to_json, explanation_to_text

    with _errors():
        result = explain(_store(graph, endpoint), subtype, outcome)
    if fmt == "json":
        typer.echo(json.dumps(explanation_to_json(result), indent=2, ensure_ascii=False))
    else:
        typer.echo(explanation_to_text(result), nl=False)


@app.command("synthesize")
def synthesize_command(
    subtype: Annotated[str, typer.Option("--subtype", help="Subtype or population; member subtypes are included.")],
    measure: Annotated[str, typer.Option("--measure", help="A proportion measure: ORR, DCR, ...")] = "ORR",
    regimen_class: Annotated[str | None, typer.Option("--regimen-class", help="Keep regimens with a component in this drug class.")] = None,
    fmt: TableJson = "table",
    graph: GraphOption = None,
) -> None:
    """Pool comparable proportions across studies (random effects, DerSimonian-Laird, logit
    scale): pooled estimate, 95% CI, I², and each study that went in with its evidence.

    Examples:
      sarckg synthesize --subtype "soft tissue sarcoma" --measure ORR
      sarckg synthesize --subtype STS --regimen-class "PD-1 inhibitor" --measure ORR --format json
    """
    from sarckg.query.synthesize import synthesis_to_json, synthesis_to_text, synthesize

    with _errors():
        result = synthesize(_store(graph), subtype, measure, regimen_class)
    if fmt == "json":
        typer.echo(json.dumps(synthesis_to_json(result), indent=2, ensure_ascii=False))
    else:
        typer.echo(synthesis_to_text(result), nl=False)
