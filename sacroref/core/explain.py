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
    choices: tuple[AxisValue, ...] = field(default_factory=tuple)

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
    """Explain ``typed`` (punctuation and case ignored) against the loaded PCS tables."""
    code = "".join(ch for ch in typed.upper() if ch.isalnum())
    candidates = [(table, row) for table in catalog.tables for row in table.rows]
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
                f"character {position} ({axis}) is {char!r}, which is not valid after "
                f"{code[: position - 1] or 'the start'} in the loaded tables",
                choices,
            )
        explained.append(ExplainedCharacter(position, axis, char, valid[char].label))
        candidates = [
            (table, row)
            for table, row in candidates
            if any(v.code == char for v in _values_at(table, row, position))
        ]
    return Explanation(code, tuple(explained))
