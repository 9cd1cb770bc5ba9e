"""The named queries: one ``queries/<name>.rq`` file per question, described by its header.

A header is a block of ``#`` comment lines at the top of the file::

    # title: Biomarkers linking a subtype to an outcome
    # description: What it answers.
    # param: subtype (kind: entity, class: skg:SarcomaSubtype skg:Population) what it is
    # param: measure (kind: entity, class: skg:OutcomeMeasure, optional) what it is
    # example: sarckg query subtype_biomarkers --param subtype=UPS

Parameter options: ``kind`` (``entity`` or ``literal``), ``class`` (CURIEs an entity must be
an instance or subclass of), ``optional``, ``default: <value>``, ``datatype: xsd:decimal``.
Support queries used by the library live in ``queries/lib/`` and are not listed.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sarckg.namespaces import PREFIXES
from sarckg.query.guard import QueryError
from sarckg.query.store import repo_root

_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<opts>[^)]*)\)\s*(?P<text>.*)$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a named query."""

    name: str
    kind: str = "entity"  # "entity" or "literal"
    classes: tuple[str, ...] = ()  # full IRIs
    required: bool = True
    default: str | None = None
    datatype: str | None = None  # full IRI, literals only
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header parsed."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[ParamSpec, ...]
    examples: tuple[str, ...]
    text: str

    def param(self, name: str) -> ParamSpec:
        for spec in self.params:
            if spec.name == name:
                return spec
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")


def queries_dir() -> Path:
    """``$SARCKG_QUERIES``, else ``<repo>/queries``."""
    env = os.environ.get("SARCKG_QUERIES")
    return Path(env) if env else repo_root() / "queries"


def expand_curie(value: str) -> str:
    """``skg:Drug`` -> its full IRI; full IRIs (with or without <>) pass through."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    return value


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header; a malformed header is a QueryError naming the line."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2).strip())
        elif fields["description"] and line.startswith("#  "):
            fields["description"][-1] += " " + line.lstrip("# ").strip()
        elif line.strip() != "#":
            raise QueryError(f"{path}:{lineno}: unknown header line {line!r}")
    if not fields["title"] or not fields["description"]:
        raise QueryError(f"{path}: the header needs '# title:' and '# description:' lines")
    params = tuple(_parse_param(p, path) for p in fields["param"])
    return NamedQuery(
        name=path.stem, path=path, title=fields["title"][0],
        description=" ".join(fields["description"]), params=params,
        examples=tuple(fields["example"]), text=text,
    )


def _parse_param(line: str, path: Path) -> ParamSpec:
    match = _PARAM.match(line)
    if not match:
        raise QueryError(f"{path}: malformed '# param:' line {line!r}: use 'name (kind: entity) text'")
    options: dict[str, str] = {}
    flags: set[str] = set()
    for item in match.group("opts").split(","):
        key, sep, value = item.partition(":")
        if sep:
            options[key.strip()] = value.strip()
        elif item.strip():
            flags.add(item.strip())
    kind = options.get("kind", "entity")
    if kind not in ("entity", "literal"):
        raise QueryError(f"{path}: parameter kind must be entity or literal, not {kind!r}")
    datatype = options.get("datatype")
    return ParamSpec(
        name=match.group("name"), kind=kind,
        classes=tuple(expand_curie(c) for c in options.get("class", "").split()),
        required="optional" not in flags and "default" not in options,
        default=options.get("default"),
        datatype=expand_curie(datatype) if datatype else None,
        description=match.group("text").strip(),
    )


@cache
def _load(folder: str, stamp: tuple[tuple[str, float], ...]) -> dict[str, NamedQuery]:
    queries = {}
    for name, _ in stamp:
        path = Path(folder) / name
        query = parse_query_file(path)
        if not _NAME.match(query.name):
            raise QueryError(f"{path}: query names are lower_snake_case")
        queries[query.name] = query
    return queries


def load_catalog(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in ``folder`` (default :func:`queries_dir`), by name, sorted."""
    folder = folder or queries_dir()
    if not folder.is_dir():
        raise QueryError(f"no queries folder at {folder}; set SARCKG_QUERIES to the folder of .rq files")
    stamp = tuple(sorted((p.name, p.stat().st_mtime) for p in folder.glob("*.rq")))
    return dict(_load(str(folder), stamp))


def get_query(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``, or a QueryError suggesting the closest names."""
    catalog = load_catalog(folder)
    if name in catalog:
        return catalog[name]
    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"no named query {name!r}{hint} (list them with `sarckg queries`)")


def lib_query(name: str) -> str:
    """The text of a support query in ``queries/lib/`` (used by the library, not listed)."""
    path = repo_root() / "queries" / "lib" / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"support query missing: {path}")
    return path.read_text(encoding="utf-8")
