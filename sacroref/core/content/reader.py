"""Reads content files: walks folders, parses TOML and checks each file against its kind.

Only regular files are opened, and at most ``MAX_FILE_BYTES`` of each; a link is followed
only when it stays inside the folder being read, and never twice. A FIFO, device, socket,
link loop, unreadable folder or file too large is a problem for that entry alone.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core.content.kinds import Document, check_document
from sacroref.core.content.problems import ContentError, Problem

if TYPE_CHECKING:
    from sacroref.resources import Traversable

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
#: No content file comes near this (the largest CMS table is well under 1 MiB).
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_FOLDER_DEPTH = 24


class Origin(str, Enum):
    """Where a folder of content comes from, which decides what it may say."""

    BUNDLED = "bundled"  # shipped with sacroref, hand-written by its editors
    IMPORT = "import"  # written by `sacroref import-pcs`, checked against its manifest
    LOCAL = "local"  # an organisation's own folder: notes, pages, synonyms, training


class Folder(NamedTuple):
    """A folder to read: the folder, the name it is shown by, names to skip, its origin."""

    root: Traversable
    label: str
    skip: frozenset[str] = frozenset()
    origin: Origin = Origin.BUNDLED
    #: The folder's documents already read (an import's snapshot, the bundled files' parsed
    #: cache): nothing is parsed.
    documents: tuple[Document, ...] | None = None
    search: object = None  # reads the search word lists of an import (a callable), if any


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
    except RecursionError:
        raise ContentError(
            [Problem(name, "", "arrays or tables are nested too deeply to read")]
        ) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if match := _TOML_POSITION.search(message):
            line = int(match.group(1))
            message = message[: match.start()]
        raise ContentError([Problem(name, "", f"TOML syntax error: {message}", line)]) from None


def _kind_of(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def read_file_bytes(path: Path, name: str) -> bytes:
    """Return a regular file's bytes; raise ContentError for anything else or anything huge."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise ContentError([Problem(name, "", f"is {_kind_of(before.st_mode)}; not read")])
        handle = os.open(path, flags)
    except OSError as error:
        raise ContentError([Problem(name, "", f"cannot be read ({error.strerror})")]) from None
    with os.fdopen(handle, "rb") as opened:
        # Checked again on the open file: the name may have been swapped since.
        mode = os.fstat(opened.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise ContentError([Problem(name, "", f"is {_kind_of(mode)}; not read")])
        data = opened.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(
            [Problem(name, "", f"is larger than {MAX_FILE_BYTES // 2**20} MiB; not read")]
        )
    return data


def walk_folder(
    root: Traversable, label: str, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Traversable] | Problem]:
    """Yield (display name, file) for every ``.toml`` file below ``root``, or a Problem.

    Entries come in a stable (sorted) order. A folder on disk is walked without following a
    link out of it or round in a loop; other folders (a zipped install) have no links.
    """
    if isinstance(root, Path):
        inside = Path(os.path.realpath(root))
        yield from _walk_path(root, label, skip, _Walk(inside, {inside}), 0)
        return
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        name = f"{label}/{entry.name}"
        if entry.name in skip:
            continue
        if entry.is_dir():
            yield from walk_folder(entry, name)
        elif entry.name.endswith(".toml"):
            yield name, entry


class _Walk(NamedTuple):
    inside: Path  # the real path of the folder being read: links may not leave it
    seen: set[Path]  # real paths of the folders read so far: a link to one is a loop


def _walk_path(
    folder: Path, label: str, skip: frozenset[str], walk: _Walk, depth: int
) -> Iterator[tuple[str, Traversable] | Problem]:
    inside, seen = walk
    if depth > MAX_FOLDER_DEPTH:
        yield Problem(label, "", f"folders nested more than {MAX_FOLDER_DEPTH} deep; not read")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        yield Problem(label, "", f"folder cannot be read ({error.strerror})")
        return
    for entry in entries:
        if entry.name in skip:
            continue
        name = f"{label}/{entry.name}"
        path = Path(entry.path)
        if entry.is_symlink():
            target = Path(os.path.realpath(path))
            if target != inside and inside not in target.parents:
                yield Problem(name, "", f"is a link out of the content folder (to {target})")
                continue
            if target.is_dir():
                if target in seen:
                    yield Problem(name, "", "is a link back to a folder already read (a loop)")
                    continue
                seen.add(target)
                yield from _walk_path(target, name, frozenset(), walk, depth + 1)
            elif entry.name.endswith(".toml"):
                yield name, target
        elif entry.is_dir(follow_symlinks=False):
            seen.add(Path(os.path.realpath(path)))
            yield from _walk_path(path, name, frozenset(), walk, depth + 1)
        elif entry.name.endswith(".toml"):
            yield name, path


def read_folders(
    folders: Iterable[Folder],
) -> Iterator[tuple[Document | None, list[Problem], Folder]]:
    """Read every TOML file below the folders (less their skipped names), one at a time."""
    for folder in folders:
        if folder.documents is not None:
            for document in folder.documents:
                yield document, [], folder
            continue
        empty = True
        for found in walk_folder(folder.root, folder.label, folder.skip):
            empty = False
            if isinstance(found, Problem):
                yield None, [found], folder
            else:
                yield (*read_document(*found), folder)
        if empty:
            yield None, [Problem(folder.label, "", "holds no .toml content files")], folder


def read_entry_bytes(entry: Traversable, name: str) -> bytes:
    """Return one content file's bytes, refusing links and special files on disk."""
    return read_file_bytes(entry, name) if isinstance(entry, Path) else entry.read_bytes()


def read_document(name: str, entry: Traversable) -> tuple[Document | None, list[Problem]]:
    """Read, parse and check one file; return what is usable of it and every problem found."""
    try:
        data = read_entry_bytes(entry, name)
        return check_document(name, parse_toml(name, data))
    except ContentError as error:
        return None, list(error.problems)
    except RecursionError:
        return None, [Problem(name, "", "arrays or tables are nested too deeply to check")]
    except OSError as error:
        return None, [Problem(name, "", f"cannot be read ({error})")]
