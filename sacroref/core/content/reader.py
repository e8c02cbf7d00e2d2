"""Reads content files: walks folders, parses TOML and checks each file against its kind."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sacroref.core.content.kinds import Document, check_document
from sacroref.core.content.problems import ContentError, Problem

if TYPE_CHECKING:
    from sacroref.resources import Traversable

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_toml(name: str, data: bytes) -> dict[str, Any]:
    """Decode and parse one file; raise ContentError naming the file (and line) when it cannot."""
    if not data.strip():
        raise ContentError([Problem(name, "", "file is empty")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            [
                Problem(
                    name,
                    "",
                    f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start}",
                )
            ]
        ) from None
    # Imported on first use: a staged start parses nothing before the first paint.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
        return parsed
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if match := _TOML_POSITION.search(message):
            line = int(match.group(1))
            message = message[: match.start()]
        raise ContentError([Problem(name, "", f"TOML syntax error: {message}", line)]) from None


def iter_toml_files(
    root: Traversable, label: str, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Traversable]]:
    """Yield (display name, file) for every ``.toml`` file below ``root``, in a stable order."""
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        name = f"{label}/{entry.name}"
        if entry.name in skip:
            continue
        if entry.is_dir():
            yield from iter_toml_files(entry, name)
        elif entry.name.endswith(".toml"):
            yield name, entry


def is_import_folder(folder: Traversable) -> bool:
    """Return whether a folder was written by ``import-pcs`` (which owns everything in it)."""
    return (folder / "sources.toml").is_file() and (folder / "tables").is_dir()


#: A folder to read: the folder, the name it is shown by, and top-level names to skip.
Folder = tuple["Traversable", str, frozenset[str]]


def read_folders(folders: Iterable[Folder]) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Read every TOML file below the folders (less their skipped names), one at a time."""
    for root, label, skip in folders:
        for name, entry in iter_toml_files(root, label, skip):
            yield read_document(name, entry)


def read_document(name: str, entry: Traversable) -> tuple[Document | None, list[Problem]]:
    """Read, parse and check one file; return what is usable of it and every problem found."""
    try:
        return check_document(name, parse_toml(name, entry.read_bytes()))
    except ContentError as error:
        return None, list(error.problems)
    except OSError as error:
        return None, [Problem(name, "", f"cannot be read ({error})")]
