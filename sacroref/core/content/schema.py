"""A small declarative checker for TOML documents that reports every problem with its key path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

Check = Callable[[Any, str], list[tuple[str, str]]]


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def join(path: str, key: str | int) -> str:
    """Return a dotted key path, with array positions in brackets."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def text(*, non_empty: bool = True) -> Check:
    """Return a check for a string."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, str):
            return [(path, f"expected a string, found {_type_name(value)}")]
        if non_empty and not value.strip():
            return [(path, "must not be empty")]
        return []

    return check


def boolean() -> Check:
    """Return a check for true or false."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, bool):
            return [(path, f"expected true or false, found {_type_name(value)}")]
        return []

    return check


def whole_number(minimum: int = 0) -> Check:
    """Return a check for an integer at or above ``minimum``."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if isinstance(value, bool) or not isinstance(value, int):
            return [(path, f"expected a whole number, found {_type_name(value)}")]
        if value < minimum:
            return [(path, f"must be at least {minimum}")]
        return []

    return check


def array(item: Check, *, non_empty: bool = False) -> Check:
    """Return a check for an array whose every item passes ``item``."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, list):
            return [(path, f"expected an array, found {_type_name(value)}")]
        if non_empty and not value:
            return [(path, "must not be empty")]
        problems: list[tuple[str, str]] = []
        for index, entry in enumerate(value):
            problems += item(entry, join(path, index))
        return problems

    return check


def mapping(
    value_check: Check,
    *,
    key_check: Callable[[str], str | None] | None = None,
    non_empty: bool = False,
) -> Check:
    """Return a check for a table with free keys and checked values."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, dict):
            return [(path, f"expected a table, found {_type_name(value)}")]
        if non_empty and not value:
            return [(path, "must not be empty")]
        problems: list[tuple[str, str]] = []
        for key, entry in value.items():
            if key_check is not None and (message := key_check(key)):
                problems.append((join(path, key), message))
            problems += value_check(entry, join(path, key))
        return problems

    return check


class Field(NamedTuple):
    """A key of a record: its check and whether it must be present."""

    check: Check
    required: bool = True


def record(fields: Mapping[str, Field]) -> Check:
    """Return a check for a table with known keys; unknown keys are reported as likely typos."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, dict):
            return [(path, f"expected a table, found {_type_name(value)}")]
        problems: list[tuple[str, str]] = []
        for name, spec in fields.items():
            if name in value:
                problems += spec.check(value[name], join(path, name))
            elif spec.required:
                problems.append((join(path, name), "required key is missing"))
        for name in value:
            if name not in fields:
                known = ", ".join(sorted(fields))
                problems.append((join(path, name), f"unknown key (a typo?); known keys: {known}"))
        return problems

    return check


def one_of(*choices: str) -> Check:
    """Return a check for a string from a fixed list."""

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        if not isinstance(value, str):
            return [(path, f"expected a string, found {_type_name(value)}")]
        if value not in choices:
            return [(path, f"must be one of {', '.join(choices)}; found {value!r}")]
        return []

    return check


def source_ids() -> Check:
    """Return a check for one source id or a non-empty array of them."""
    single = text()
    many = array(text(), non_empty=True)

    def check(value: Any, path: str) -> list[tuple[str, str]]:
        return many(value, path) if isinstance(value, list) else single(value, path)

    return check
