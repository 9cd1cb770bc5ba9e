"""JSON-LD, compacted with the published sarckg context (``context.jsonld`` in this package).

The context is written inline in every file (``@context`` is the object, not a URL), so
the file is read the same way offline; its public copy is for people writing JSON by hand.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from rdflib import Graph

from sarckg.export._rdf import sorted_copy
from sarckg.export.base import Exporter

CONTEXT_RESOURCE = "context.jsonld"


def context() -> dict[str, Any]:
    """The ``@context`` object of the sarckg JSON-LD context."""
    text = files("sarckg.export").joinpath(CONTEXT_RESOURCE).read_text(encoding="utf-8")
    ctx: dict[str, Any] = json.loads(text)["@context"]
    return ctx


def to_jsonld(graph: Graph) -> bytes:
    """``graph`` as compact JSON-LD bytes (UTF-8, stable key order)."""
    text = sorted_copy(graph).serialize(format="json-ld", context=context(), indent=1)
    data = json.loads(text)
    if isinstance(data.get("@graph"), list):
        data["@graph"].sort(key=lambda node: str(node.get("@id", "")))
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


class JsonLdExporter(Exporter):
    name = "jsonld"
    suffix = ".jsonld"

    def write(self, graph: Graph) -> None:
        self.files.open(self.path).write(to_jsonld(graph))
