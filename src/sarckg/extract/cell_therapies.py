"""Targets of cell therapies and vaccines as their names and descriptions state them.

- the antigen in the product's own name: "HER2 CAR-T cells", "GD2-directed CAR T cells",
  "NY-ESO-1-specific TCR T cells" (a drug mention whose surface starts with a target name);
- the HLA allele that restricts a TCR product or a peptide vaccine: "HLA-A*02:01-restricted",
  "in HLA-A*02-positive patients" within the drug's own stretch of the sentence (no other
  drug between). The model has no separate restriction role, so the allele is a target, as the
  vocabulary records it (``skg:knownTarget``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from sarckg.extract.base import AnnotatedSentence
from sarckg.extract.class_words import named_target
from sarckg.model import EntityRef, Mention

#: "<antigen>[-specific|-directed|...] CAR/TCR ..." in a product's name
_NAMED_ANTIGEN = re.compile(r"^(?P<antigen>.+?)[-\s]+(?:(?:specific|directed|redirected|targeted|targeting)"
                            r"[-\s]+)?(?:CAR|TCR)\b", re.IGNORECASE)
_RESTRICTED = re.compile(r"^\s*-?\s*(?:restricted\b|positive\b|\+)", re.IGNORECASE)
#: classes whose products are HLA-restricted (a TCR recognises a peptide on one HLA allele)
_HLA_RESTRICTED_CLASSES = frozenset({"TCRTCellTherapy", "Vaccine"})


def antigen_in_name(drug: Mention, named: Mapping[str, EntityRef]) -> EntityRef | None:
    """The target a cell product's name starts with ("HER2 CAR-T" -> HER2), or None."""
    m = _NAMED_ANTIGEN.match(drug.text)
    return named_target(m.group("antigen"), named) if m is not None else None


def hla_restrictions(sentence: AnnotatedSentence, drugs: list[Mention]) -> Iterator[tuple[Mention, EntityRef]]:
    """(drug, HLA allele) for a TCR product or vaccine (by its known class or the class its
    description names) restricted to an allele named in its own stretch of the sentence
    ("afami-cel, ... targeting MAGE-A4 in HLA-A*02-positive patients")."""
    text = sentence.text
    for i, drug in enumerate(drugs):
        stop = drugs[i + 1].start if i + 1 < len(drugs) else len(text)
        stretch = [m for m in sentence.mentions if drug.end <= m.start < stop]
        for t in stretch:
            if not (t.entity.category == "Target" and t.entity.label.upper().startswith("HLA-")
                    and _RESTRICTED.match(text[t.end:])):
                continue
            described = {c.entity.key.split("/", 1)[1] for c in stretch
                         if c.entity.category == "DrugClass" and c.start < t.start}
            if _HLA_RESTRICTED_CLASSES & (set(drug.entity.types) | described):
                yield drug, t.entity
