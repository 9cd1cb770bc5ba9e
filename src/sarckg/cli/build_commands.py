"""build, validate, stats, extract: the commands that make and check the graph."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sarckg.cli.app import app

console = Console(stderr=True, soft_wrap=True)
out = Console()

CorpusOption = Annotated[Path, typer.Option("--corpus", help="Folder of papers (.txt, .md).")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder the graph is written to.")]
GraphOption = Annotated[Path, typer.Option("--graph", help="The built graph (Turtle).")]


@app.command()
def build(
    corpus: CorpusOption = Path("corpus"),
    out_dir: OutOption = Path("graphs"),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each extractor.")] = False,
    cache: Annotated[bool, typer.Option(help="Re-read only changed papers (cache in OUT/.cache).")] = True,
) -> None:
    """Build graphs/sarckg.ttl from every paper in the corpus folder.

    Broken documents are reported and skipped. Exit status: 0 built cleanly; 3 built but some
    documents were skipped (see the report); 4 nothing could be read, nothing written.

    Example: sarckg build --corpus corpus/ --out graphs/
    """
    from sarckg.graph.build import EXIT_NOTHING, build_graph, write_outputs

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not corpus.is_dir():
        console.print(f"[red]error:[/] corpus folder {corpus} does not exist; "
                      "pass --corpus PATH to a folder of .txt/.md papers")
        raise typer.Exit(2)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[name]}"), TimeElapsedColumn(), console=console,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("reading papers", total=None, name="")
        result = build_graph(
            corpus,
            on_start=lambda n: progress.update(task, total=n),
            on_document=lambda name: progress.update(task, advance=1, name=name),
            cache_dir=out_dir / ".cache" if cache else None,
        )
    for p in result.problems:
        console.print(f"[yellow]skipped[/] {p.file}: {p.reason}" + (f" ({p.hint})" if p.hint else ""))
    if result.exit_status == EXIT_NOTHING:
        console.print(f"[red]error:[/] no readable document in {corpus}; nothing was written")
        raise typer.Exit(EXIT_NOTHING)
    target = write_outputs(result, out_dir)
    console.print(f"wrote {target}: {len(result.documents)} documents, "
                  f"{len(result.assertions)} assertions, {len(result.graph)} triples")
    raise typer.Exit(result.exit_status)


@app.command()
def validate(
    graph: GraphOption = Path("graphs/sarckg.ttl"),
    corpus: CorpusOption = Path("corpus"),
    reasoner: Annotated[bool, typer.Option(help="Also check OWL consistency with HermiT (Java).")] = True,
) -> None:
    """Check the graph: SHACL shapes, every quote at its offsets, ontology consistency.

    Exits 1 with a readable report when something is wrong.

    Example: sarckg validate --graph graphs/sarckg.ttl --corpus corpus/
    """
    from sarckg.graph.validate import validate_graph

    if not graph.is_file():
        console.print(f"[red]error:[/] {graph} not found; run `sarckg build` first")
        raise typer.Exit(2)
    report = validate_graph(graph, corpus, reasoner=reasoner)
    sections = (("SHACL", report.shacl), ("quotes", report.quotes), ("reasoner", report.reasoner))
    for name, problems in sections:
        status = "[green]ok[/]" if not problems else f"[red]{len(problems)} problem(s)[/]"
        out.print(f"{name}: {status}")
        for line in problems[:50]:
            out.print(f"  - {line}")
        if len(problems) > 50:
            out.print(f"  ... and {len(problems) - 50} more")
    out.print(f"quotes checked against their documents: {report.checked_quotes}")
    for line in report.skipped:
        out.print(f"[yellow]not checked[/]: {line}")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def stats(graph: GraphOption = Path("graphs/sarckg.ttl")) -> None:
    """Counts by class, by statement kind, and evidence per document.

    Example: sarckg stats
    """
    from sarckg.graph.statistics import graph_statistics

    if not graph.is_file():
        console.print(f"[red]error:[/] {graph} not found; run `sarckg build` first")
        raise typer.Exit(2)
    s = graph_statistics(graph)
    for title, rows in (("entities by class", s.entities_by_class),
                        ("statements by kind", s.statements_by_kind),
                        ("evidence per document", s.evidence_by_document)):
        table = Table(title=title)
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, count in rows:
            table.add_row(name, str(count))
        out.print(table)
    out.print(f"triples: {s.triples}")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One paper (.txt or .md).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
) -> None:
    """Print the statements extracted from one document, with quote and offsets, for audit.

    Example: sarckg extract corpus/002_d9d922505da5d732.txt --format table
    """
    from sarckg.corpus import read_document
    from sarckg.extract.audit import statement_record
    from sarckg.extract.pipeline import extract_document

    if fmt not in ("jsonl", "table"):
        console.print("[red]error:[/] --format must be jsonl or table")
        raise typer.Exit(2)
    try:
        document = read_document(file)
    except Exception as error:
        console.print(f"[red]error:[/] cannot read {file}: {error}")
        raise typer.Exit(2) from error
    records = [statement_record(s) for s in extract_document(document).statements]
    if fmt == "jsonl":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return
    table = Table(show_lines=True)
    for column in ("kind", "fields", "offsets", "quote"):
        table.add_column(column)
    for r in records:
        fields = ", ".join(f"{k}={v}" for k, v in r["fields"].items() if v not in (None, False))
        table.add_row(r["kind"], fields, f"{r['start']}-{r['end']}", r["quote"][:300])
    out.print(table)
