"""A coder's own things: the codes viewed last, personal notes per code, copy with rationale."""

from __future__ import annotations

from collections.abc import Iterable

from sacroref.core.catalog import Catalog
from sacroref.core.model import PCS_AXIS_NAMES, PcsCode

RECENT_LIMIT = 50
NOTE_LIMIT = 20_000  # characters: a note is a citation or a rule, not a document


def remember(recent: list[str], code: str, limit: int = RECENT_LIMIT) -> list[str]:
    """Return the recently viewed codes with ``code`` first, each once, ``limit`` at most."""
    return [code, *(other for other in recent if other != code)][:limit]


def notes_from_text(saved: str) -> dict[str, str]:
    """Return the notes kept as JSON; anything else gives no notes (never an error)."""
    if not saved:
        return {}
    import json  # only when there are notes: the start without them skips the import

    try:
        data = json.loads(saved)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(code): str(note)[:NOTE_LIMIT]
        for code, note in data.items()
        if isinstance(note, str) and note.strip()
    }


def notes_to_text(notes: dict[str, str]) -> str:
    """Return the notes as the JSON text the settings keep."""
    import json

    return json.dumps({code: note for code, note in sorted(notes.items()) if note.strip()})


def codes_with_note_words(notes: dict[str, str], query_words: Iterable[str]) -> list[str]:
    """Return the codes whose note holds every word of a query (as a word's beginning)."""
    from sacroref.core.search.codespace import words

    wanted = list(query_words)
    found = []
    for code, note in notes.items():
        have = words(note)
        if wanted and all(any(w.startswith(q) for w in have) for q in wanted):
            found.append(code)
    return found


def rationale(catalog: Catalog, code: str, note: str | None = None) -> str | None:
    """Return a code, its title and what each character means, as plain text to paste."""
    found = catalog.lookup(code)
    if found is None:
        return None
    if isinstance(found, PcsCode):
        lines = [f"{found.code} {found.long_title}", ""]
        for position, (axis, value) in enumerate(
            zip(PCS_AXIS_NAMES, found.axis_values, strict=True), start=1
        ):
            lines.append(f"{position} {axis}: {value.code} {value.label}")
        lines.append("(ICD-10-PCS, CMS)")
    else:
        lines = [
            f"{found.code} (CPT) {found.name}",
            "(sacroref's description, not the AMA's CPT descriptor)",
        ]
    if note:
        lines += ["", f"My note: {note}"]
    return "\n".join(lines)
