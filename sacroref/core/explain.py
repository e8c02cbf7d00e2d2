"""Explains a full or partial PCS code character by character, or says which character is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from sacroref.core.catalog import Catalog
from sacroref.core.model import (
    PCS_ALPHABET,
    PCS_AXIS_NAMES,
    AxisValue,
    PcsRow,
    PcsTable,
    is_cpt_code,
)


@dataclass(frozen=True)
class ExplainedCharacter:
    """One character of a code with its axis and meaning."""

    position: int
    axis: str
    value: str
    meaning: str


@dataclass(frozen=True)
class Explanation:
    """The characters understood, and, when one is wrong, why and the valid choices there."""

    code: str
    characters: tuple[ExplainedCharacter, ...]
    error: str | None = None
    #: With an error: the valid values where it is. Without: the valid next values.
    choices: tuple[AxisValue, ...] = field(default_factory=tuple)
    #: A code the typed one was probably meant to be (the letter O for zero, I for one).
    meant: str | None = None

    @property
    def complete(self) -> bool:
        """Return whether the code is a full, valid 7-character code."""
        return self.error is None and len(self.characters) == 7


def _values_at(table: PcsTable, row: PcsRow, position: int) -> tuple[AxisValue, ...]:
    if position == 1:
        return (table.section,)
    if position == 2:
        return (table.body_system,)
    if position == 3:
        return (table.operation,)
    return (row.body_parts, row.approaches, row.devices, row.qualifiers)[position - 4]


def explain(catalog: Catalog, typed: str) -> Explanation:
    """Explain ``typed`` (punctuation and case ignored) against the loaded PCS tables.

    The letters O and I, which PCS never uses, are caught with the code that zero and one
    would make, when that code is valid. A code a mid-year update added (or, when the tables
    hold the update, deleted) is said to be so.
    """
    explanation = _explain(catalog, typed)
    if explanation.error and any(ch in "OI" for ch in explanation.code):
        fixed = explanation.code.replace("O", "0").replace("I", "1")
        if _explain(catalog, fixed).error is None:
            letters = " or ".join(sorted({ch for ch in explanation.code if ch in "OI"}))
            return Explanation(
                explanation.code,
                explanation.characters,
                f"PCS never uses the letter {letters}; did you mean {fixed}?",
                explanation.choices,
                fixed,
            )
    if explanation.error and (changed := _changed_by_update(catalog, explanation.code)):
        return Explanation(explanation.code, explanation.characters, changed, explanation.choices)
    return explanation


def _changed_by_update(catalog: Catalog, code: str) -> str | None:
    """Return why a code not in the tables is not, when a mid-year update added or deleted it."""
    update = catalog.pcs_update
    if update is None or len(code) != 7:
        return None
    title = dict(update.deleted if update.applied else update.added).get(code)
    if title is None:
        return None
    if update.applied:
        return f"{code} is not in these tables: CMS's {update.name} deleted it ({title})"
    return (
        f"{code} is not in these tables, the release before CMS's {update.name}: the update "
        f"added it ({title}); look it up in the update's files"
    )


def looks_like_code(typed: str) -> bool:
    """Return whether search text is a code, whole or begun: one word of up to seven letters
    and digits, at least one of them a digit ("0qp1", "0QP1-3", "XNH6", "0201")."""
    compact = "".join(ch for ch in typed.upper() if ch.isalnum())
    return len(typed.split()) == 1 and 0 < len(compact) <= 7 and any(ch.isdigit() for ch in compact)


def _explain(catalog: Catalog, typed: str) -> Explanation:
    code = "".join(ch for ch in typed.upper() if ch.isalnum())
    # Each table's first row stands for it while only characters 1-3 are read: the rows
    # of the whole code set are opened only once the table is known.
    candidates = [(table, table.rows[0]) for table in catalog.tables if table.rows]
    explained: list[ExplainedCharacter] = []
    if not code:
        return Explanation(code, (), "no code given")
    if is_cpt_code(code):
        return Explanation(
            code,
            (),
            f"{code} is a CPT code, not an ICD-10-PCS code: explain reads ICD-10-PCS codes "
            f"(7 characters) character by character; 'show {code}' gives its page",
        )
    if len(code) > 7:
        return Explanation(code, (), f"{code} has {len(code)} characters; PCS codes have 7")
    for position, char in enumerate(code, start=1):
        axis = PCS_AXIS_NAMES[position - 1]
        valid: dict[str, AxisValue] = {}
        for table, row in candidates:
            for value in _values_at(table, row, position):
                valid.setdefault(value.code, value)
        choices = tuple(sorted(valid.values(), key=lambda v: v.code))
        if char not in PCS_ALPHABET:
            reason = (
                "the letters I and O are never used in PCS"
                if char in "IO"
                else "not a PCS character"
            )
            return Explanation(
                code,
                tuple(explained),
                f"character {position} ({axis}) is {char!r}: {reason}",
                choices,
            )
        if char not in valid:
            return Explanation(
                code,
                tuple(explained),
                f"character {position} ({axis}) is {char!r}, which no ICD-10-PCS code has "
                f"{'after ' + code[: position - 1] if position > 1 else 'first'}",
                choices,
            )
        explained.append(ExplainedCharacter(position, axis, char, valid[char].label))
        candidates = [
            (table, row)
            for table, row in candidates
            if any(v.code == char for v in _values_at(table, row, position))
        ]
        if position == 3:
            candidates = [(table, row) for table, _ in candidates for row in table.rows]
    if len(code) < 7:
        position = len(code) + 1
        following: dict[str, AxisValue] = {}
        for table, row in candidates:
            for value in _values_at(table, row, position):
                following.setdefault(value.code, value)
        return Explanation(
            code, tuple(explained), choices=tuple(sorted(following.values(), key=lambda v: v.code))
        )
    return Explanation(code, tuple(explained))
