"""Words that name a group of patients, not a clause: "16% of patients with LMS in the X plus
Y arm showed an objective response" is a share of one group (a noun phrase and its
prepositional phrases up to the verb); "16% of patients progressed and the others showed ..."
is not."""

from __future__ import annotations

import re

# "19% (4/21) of patients with LMS in the X plus Y arm showed an objective response": a share of
# a group (a noun phrase and its prepositional phrases, checked by ``group_phrase``) that had it
_SHARE_OF_RE = re.compile(
    r"^\s*of\s+(?P<group>[^,;:.()\[\]]+?)\s+(?:showed|achieved|had|displayed|experienced|obtained|reached|"
    r"attained|exhibited)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# participles and relative clauses that work as a preposition in a group: "patients treated with X"
_GROUP_LINK_RE = re.compile(r"\b(?:who\s+(?:had\s+)?(?:received|were\s+(?:treated\s+with|given))|(?:treated|"
                            r"pretreated)\s+with|receiving|enrolled\s+in)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset({"with", "without", "in", "on", "of", "from", "among", "at", "after", "under",
                           "within", "across", "for", "by"})
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "that", "all", "both", "each", "their", "its"})
# words that make a second clause of a group: a finite verb, a relative pronoun, a subordinator
_CLAUSE_WORDS = frozenset({"was", "were", "is", "are", "be", "been", "had", "has", "have", "did", "does", "do",
                           "showed", "achieved", "displayed", "experienced", "obtained", "reached", "who", "which",
                           "whom", "whose", "while", "whereas", "but", "because", "although", "than", "then",
                           "not", "no", "they", "it", "others", "some", "most", "none"})


def share_of(gap: str) -> bool:
    """Whether the words between a percent and a measure make it a share of a group that had
    the measure: " of patients with LMS in the X arm showed an "."""
    share = _SHARE_OF_RE.match(gap)
    return share is not None and group_phrase(share["group"])


def group_phrase(words: str) -> bool:
    """Whether words name one group, not a clause: determiners and up to five content words,
    joined by prepositions ("patients with LMS in the nivolumab plus ipilimumab arm"). A word in
    -ed after a content word and before no noun or preposition is a verb ("patients progressed
    and others ..."), as is an "and" starting a new subject ("and the others")."""
    tokens = _GROUP_LINK_RE.sub("with", words).lower().split()
    run = 0
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in _CLAUSE_WORDS or len(tokens) > 24:
            return False
        if token in _PREPOSITIONS or token in _DETERMINERS:
            run = 0 if token in _PREPOSITIONS else run
            continue
        if token in ("and", "or") and (after is None or after in _DETERMINERS or after in _CLAUSE_WORDS):
            return False
        verb_like = token.endswith("ed") and "-" not in token and i > 0 and not tokens[i - 1].endswith("ly") \
            and tokens[i - 1] not in _PREPOSITIONS | _DETERMINERS
        if verb_like and (after is None or after in ("and", "or")):
            return False
        run += 1
        if run > 5:
            return False
    return bool(tokens)
