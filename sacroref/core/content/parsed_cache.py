"""The bundled hand-written files, parsed and checked ahead, so that a start parses no TOML.

``resources/parsed.bin`` holds every bundled file's checked document and the digest of the
file it came from. It is used only when the files below the folder are exactly the ones it
lists, byte for byte, and this sacroref and Python made it; otherwise the files are read as
usual (nothing else changes). ``scripts/regenerate_content.py --parsed`` writes it, and the
standalone build writes it again with the build's Python.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from sacroref.core.content.kinds import Document, check_document
from sacroref.core.content.problems import ContentError, Problem
from sacroref.core.content.provenance import blake2b
from sacroref.core.content.reader import parse_toml, read_entry_bytes, walk_folder
from sacroref.core.content.snapshot import packed_value, unpacked_value

if TYPE_CHECKING:
    from sacroref.resources import Traversable

PARSED_NAME = "parsed.bin"


def _files(root: Traversable, label: str, skip: frozenset[str]) -> list[tuple[str, bytes]]:
    """Return every content file below a folder with its bytes; raise ContentError for any
    entry that cannot be read."""
    files = []
    for found in walk_folder(root, label, skip):
        if isinstance(found, Problem):
            raise ContentError([found])
        name, entry = found
        try:
            files.append((name, read_entry_bytes(entry, name)))
        except OSError as error:
            raise ContentError([Problem(name, "", f"cannot be read ({error})")]) from None
    return files


def parsed_cache_bytes(root: Traversable, label: str, skip: frozenset[str]) -> bytes:
    """Return the cache of a folder's files; raise ContentError listing every problem, if
    any (a cache holds only content that loads cleanly)."""
    files = _files(root, label, skip)
    records, problems = [], list[Problem]()
    for name, data in files:
        try:
            document, found = check_document(name, parse_toml(name, data))
        except ContentError as error:
            problems += error.problems
            continue
        problems += found
        if document is not None:
            records.append((document.name, document.kind, document.data))
    if problems:
        raise ContentError(problems)
    listing = tuple((name, blake2b(data)) for name, data in files)
    return packed_value((listing, records))


def cached_documents(
    root: Traversable, label: str, skip: frozenset[str]
) -> tuple[Document, ...] | None:
    """Return a folder's documents from its cache when every file is as the cache found it;
    None when there is no usable cache (the files are then read as usual)."""
    try:
        listing, records = unpacked_value(read_entry_bytes(root / PARSED_NAME, PARSED_NAME))
        files = _files(root, label, skip)
    except (ContentError, OSError, EOFError, ValueError, TypeError, zlib.error):
        return None
    if tuple((name, blake2b(data)) for name, data in files) != tuple(map(tuple, listing)):
        return None
    return tuple(Document(name, kind, data) for name, kind, data in records)
