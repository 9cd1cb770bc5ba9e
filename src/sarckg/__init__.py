"""sarckg: a knowledge graph of sarcoma immunotherapy built from papers, with evidence."""

from __future__ import annotations

__version__ = "0.1.0"
