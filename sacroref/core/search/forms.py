"""Word forms in a coder's vocabulary: remove, removal, removing; sacrum, sacral; screw, screws.

Every word is indexed and looked up by its stem, so the forms of a word find the same codes,
and a word typed letter by letter never finds less as it grows (see ``SearchEngine``).
"""

from __future__ import annotations

#: Words that join a title's parts; a query's "into" or "of" says nothing about the code.
STOP_WORDS = frozenset(
    {"a", "an", "and", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
)

#: Forms no suffix rule reaches: each maps to the word it is a form of.
FORMS = {
    "sacral": "sacrum",
    "sacra": "sacrum",
    "pelvis": "pelvic",
    "biopsies": "biopsy",
    "vertebrae": "vertebra",
    "vertebral": "vertebra",
    "took": "take",
    "taken": "take",
}

_PLURALS = (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""))
_ENDINGS = ("ing", "ed", "al", "e")


def stem(word: str) -> str:
    """Return the stem a word is indexed and looked up by (lower case in, lower case out)."""
    base = FORMS.get(word, word)
    if base.isdigit() or len(base) <= 3:
        return base
    for suffix, replacement in _PLURALS:
        if base.endswith(suffix) and not (suffix == "s" and base.endswith(("ss", "us", "is"))):
            base = base[: -len(suffix)] + replacement
            break
    for ending in _ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= 4:
            return base[: -len(ending)]
    return base
