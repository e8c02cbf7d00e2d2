"""ICD-10-PCS codes derived from table rows, and their titles built from axis labels."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from sacroref.core.model import PCS_ALPHABET, AxisValue, PcsCode, PcsRow, PcsTable, TitleRules

_OPTIONAL_SEGMENT = re.compile(r"\[([^\[\]]*)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDERS = frozenset({"operation", "body_part", "approach", "device", "qualifier"})
_LATERAL_SUFFIXES = (", Right", ", Left", ", Bilateral")
EMPTY_LABELS = frozenset({"No Device", "No Qualifier"})


def template_problems(template: str) -> list[str]:
    """Return what is wrong with a title template (unknown placeholders, unbalanced brackets)."""
    problems = [
        f"unknown placeholder {{{name}}}; use {', '.join(sorted(PLACEHOLDERS))}"
        for name in _PLACEHOLDER.findall(template)
        if name not in PLACEHOLDERS
    ]
    if _OPTIONAL_SEGMENT.sub("", template).count("[") or _OPTIONAL_SEGMENT.sub("", template).count(
        "]"
    ):
        problems.append("unbalanced [ ] around an optional part")
    return problems


def is_pcs_code(text: str) -> bool:
    """Return whether ``text`` is 7 characters from the PCS alphabet."""
    return len(text) == 7 and all(char in PCS_ALPHABET for char in text)


def title_body_part(label: str) -> str:
    """Return a body part as titles say it: "Pelvic Bone, Right" -> "Right Pelvic Bone"."""
    for suffix in _LATERAL_SUFFIXES:
        if label.endswith(suffix):
            return f"{suffix[2:]} {label[: -len(suffix)]}"
    return label


def _title_values(
    table: PcsTable,
    body_part: AxisValue,
    approach: AxisValue,
    device: AxisValue,
    qualifier: AxisValue,
) -> dict[str, str]:
    def spoken(value: AxisValue) -> str:
        return "" if value.label in EMPTY_LABELS else value.label

    return {
        "operation": table.operation.label,
        "body_part": title_body_part(body_part.label),
        "approach": approach.label,
        "device": spoken(device),
        "qualifier": spoken(qualifier),
    }


def render_template(template: str, values: dict[str, str]) -> str:
    """Fill a template, dropping each optional ``[...]`` part whose placeholders are empty."""

    def keep_if_filled(match: re.Match[str]) -> str:
        segment = match.group(1)
        return segment if all(values.get(name) for name in _PLACEHOLDER.findall(segment)) else ""

    filled = _OPTIONAL_SEGMENT.sub(keep_if_filled, template)
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), filled)


def template_for(rules: TitleRules, table: PcsTable) -> str:
    """Return the long-title template for a table's root operation."""
    key = f"{table.section.code}:{table.operation.label}"
    return rules.long_templates.get(key, rules.default_template)


def short_title(template: str, values: dict[str, str], rules: TitleRules) -> str | None:
    """Return the CMS-style short title, or None when the known abbreviations cannot fit it.

    CMS shortens the parts of a long title from the last to the first until it fits;
    sacroref follows that rule with the abbreviations kept in content.
    """
    current = dict(values)
    title = render_template(template, current)
    for name in reversed(_PLACEHOLDER.findall(template)):
        if len(title) <= rules.short_max_length:
            break
        short = rules.abbreviations.get(current.get(name, ""))
        if short:
            current[name] = short
            title = render_template(template, current)
    return title if len(title) <= rules.short_max_length else None


#: A code's body part, approach, device and qualifier values.
PcsAxes = tuple[AxisValue, AxisValue, AxisValue, AxisValue]


def title_code(table: PcsTable, values: PcsAxes, rules: TitleRules) -> PcsCode:
    """Return the code a table gives for four axis values, with its long and short titles."""
    body_part, approach, device, qualifier = values
    code = table.prefix + body_part.code + approach.code + device.code + qualifier.code
    official = table.titles.get(code)
    if official is not None:  # CMS's titles, as CMS publishes them
        return PcsCode(
            code, table, body_part, approach, device, qualifier, official[1], official[0] or None
        )
    template = template_for(rules, table)
    spoken = _title_values(table, body_part, approach, device, qualifier)
    return PcsCode(
        code=code,
        table=table,
        body_part=body_part,
        approach=approach,
        device=device,
        qualifier=qualifier,
        long_title=render_template(template, spoken),
        short_title=short_title(template, spoken, rules),
        derived=True,
    )


def derive_codes(table: PcsTable, rules: TitleRules) -> Iterator[PcsCode]:
    """Yield every code of a table, row by row, in the order CMS lists the values."""
    for _code, values in table.entries():
        yield title_code(table, values, rules)


def rows_overlap(rows: tuple[PcsRow, ...]) -> bool:
    """Return whether a code comes twice from a table's rows: from two rows (they share a
    value on every axis) or from one row naming a value twice."""
    value_sets = []
    for row in rows:
        sets = tuple({value.code for value in axis} for axis in row)
        if any(len(codes) < len(axis) for codes, axis in zip(sets, row, strict=True)):
            return True
        value_sets.append(sets)
    return any(
        not any(mine.isdisjoint(theirs) for mine, theirs in zip(first, second, strict=True))
        for first, second in itertools.combinations(value_sets, 2)
    )
