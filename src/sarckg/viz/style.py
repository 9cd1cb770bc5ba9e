"""Colours and shapes: one per node category and one per kind of effect, shared by every renderer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str  # a vis-network shape
    marker: str  # the matplotlib marker for the same category


NODE_STYLES: dict[str, NodeStyle] = {
    "Drug": NodeStyle("#4e79a7", "box", "s"),
    "DrugClass": NodeStyle("#a0cbe8", "box", "s"),
    "Regimen": NodeStyle("#f28e2b", "diamond", "D"),
    "Target": NodeStyle("#e15759", "ellipse", "o"),
    "CellType": NodeStyle("#59a14f", "ellipse", "o"),
    "Process": NodeStyle("#76b7b2", "hexagon", "h"),
    "Biomarker": NodeStyle("#edc948", "ellipse", "o"),
    "SarcomaSubtype": NodeStyle("#b07aa1", "box", "p"),
    "Population": NodeStyle("#ff9da7", "box", "p"),
    "AdverseEvent": NodeStyle("#9c755f", "triangle", "^"),
    "Outcome": NodeStyle("#bab0ac", "box", "s"),
    "ClinicalOutcome": NodeStyle("#d4a6c8", "star", "*"),
    "SubtypeTrait": NodeStyle("#f1ce63", "star", "*"),
    "Study": NodeStyle("#8cd17d", "box", "v"),
    "Patient": NodeStyle("#86bcb6", "dot", "."),
}
DEFAULT_NODE = NodeStyle("#cccccc", "dot", "o")

INCREASING = frozenset({"increases", "activates", "upregulates", "promotes"})
DECREASING = frozenset({"decreases", "inhibits", "suppresses", "downregulates"})

EDGE_COLORS: dict[str, str] = {"increasing": "#2ca02c", "decreasing": "#d62728", "targets": "#1f77b4"}
DEFAULT_EDGE = "#8c8c8c"

EDGE_LEGEND: tuple[tuple[str, str], ...] = (
    ("increases / activates", EDGE_COLORS["increasing"]),
    ("decreases / inhibits", EDGE_COLORS["decreasing"]),
    ("targets", EDGE_COLORS["targets"]),
    ("other relation", DEFAULT_EDGE),
)


def node_style(category: str) -> NodeStyle:
    return NODE_STYLES.get(category, DEFAULT_NODE)


def edge_color(relation: str) -> str:
    if relation in INCREASING:
        return EDGE_COLORS["increasing"]
    if relation in DECREASING:
        return EDGE_COLORS["decreasing"]
    return EDGE_COLORS.get(relation, DEFAULT_EDGE)
