"""What a synonym may mean (axis values, tables, codes), and the check that it names something."""

from __future__ import annotations

MEANING_AXES = ("operation", "body_part", "approach", "device", "qualifier")


def meaning_problem(meaning: str, labels: set[tuple[str, str]]) -> str | None:
    """Return why a synonym's meaning names nothing in the tables, or None when it is good."""
    for part in meaning.split("&"):
        axis, colon, label = part.strip().partition(":")
        if colon:
            if axis not in MEANING_AXES:
                return f"{axis!r} is not an axis; use one of {', '.join(MEANING_AXES)}"
            if labels and (axis, label.strip()) not in labels:
                return f"no loaded table has the {axis} {label.strip()!r}"
        elif not (part.strip().isalnum() and part.strip().upper() == part.strip()):
            return (
                f"{part.strip()!r} is neither an axis value (such as 'device:Internal Fixation "
                "Device') nor a code or table"
            )
    return None
