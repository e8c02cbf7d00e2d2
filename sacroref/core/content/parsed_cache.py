"""The bundled hand-written files, parsed and checked ahead, so that a start parses no TOML.

``resources/parsed.bin`` holds every bundled file's checked document and the digest of the
file it came from. It is used only when the files below the folder are exactly the ones it
lists, byte for byte, and this sacroref and Python made it; otherwise the files are read as
usual (nothing else changes). ``scripts/regenerate_content.py --parsed`` writes it, and the
standalone build writes it again with the build's Python.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

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


class ParsedCache(NamedTuple):
    """What a folder's cache holds that still matches the files it was made from."""

    #: Every file's document, when every file below the folder is as the cache found it.
    documents: tuple[Document, ...] | None = None
    #: Other TOML files read at every start (the bundled import's manifest): their parsed
    #: data by the digest of their bytes, used only for bytes with that very digest.
    parsed: Mapping[str, Any] = MappingProxyType({})


def parsed_cache_bytes(
    root: Traversable, label: str, skip: frozenset[str], others: Sequence[str] = ()
) -> bytes:
    """Return the cache of a folder's files and of the ``others`` (paths below it); raise
    ContentError listing every problem, if any (a cache holds only content that loads
    cleanly)."""
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
    parsed = []
    for other in others:
        name = f"{label}/{other}"
        data = read_entry_bytes(root.joinpath(*other.split("/")), name)
        parsed.append((blake2b(data), parse_toml(name, data)))
    if problems:
        raise ContentError(problems)
    listing = tuple((name, blake2b(data)) for name, data in files)
    return packed_value((listing, records, tuple(parsed)))


def read_parsed_cache(root: Traversable, label: str, skip: frozenset[str]) -> ParsedCache:
    """Return what a folder's cache holds that is still good; nothing when the cache is
    missing, damaged or made by another sacroref (the files are then read as usual)."""
    try:
        listing, records, parsed = unpacked_value(read_entry_bytes(root / PARSED_NAME, PARSED_NAME))
        files = _files(root, label, skip)
        others = dict(parsed)
    except (ContentError, OSError, EOFError, ValueError, TypeError, zlib.error):
        return ParsedCache()
    if tuple((name, blake2b(data)) for name, data in files) != tuple(map(tuple, listing)):
        return ParsedCache(parsed=others)
    return ParsedCache(tuple(Document(name, kind, data) for name, kind, data in records), others)
