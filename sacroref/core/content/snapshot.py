"""An import's snapshot: its checked documents in one compact file, read far faster than TOML.

`import-pcs` writes it beside the TOML it comes from and lists it in the manifest. It is used
only when the manifest's checksum of it holds and it was made by this sacroref on this
Python; otherwise (stale, damaged, from another version) it is ignored and the TOML is read.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sacroref import __version__
from sacroref.core.content.kinds import Document
from sacroref.core.model import IndexTerm

if TYPE_CHECKING:
    from sacroref.resources import Traversable

SNAPSHOT_NAME = "snapshot.bin"
SEARCH_NAME = "search.bin"  # the search index's word lists: read only when a search needs them
SNAPSHOT_FORMAT = 3  # 2: titles packed apart; 3: index terms too


def _stamp() -> tuple[int, str, tuple[int, int], str]:
    # The byte order too: the search word lists keep arrays of machine integers.
    return SNAPSHOT_FORMAT, __version__, (sys.version_info[0], sys.version_info[1]), sys.byteorder


def _packed(value: Any, *, compress: bool = True) -> bytes:
    # Version 2 writes no back-references, whose use depends on reference counts: the same
    # value always gives the same bytes (an import is byte-identical when run twice).
    data = marshal.dumps((_stamp(), value), 2)
    return b"z" + zlib.compress(data, 6) if compress else b"m" + data


def _unpacked(data: bytes) -> Any:
    body = data[1:]
    stamp, value = marshal.loads(zlib.decompress(body) if data[:1] == b"z" else body)
    if stamp != _stamp():
        raise ValueError("made by another sacroref or Python")
    return value


def snapshot_bytes(documents: list[Document]) -> bytes:
    """Return the snapshot of documents (named relative to their import folder).

    A table's CMS titles, nine tenths of the whole code set's bytes, are packed apart (see
    ``PackedTitles``), so that reading the snapshot makes no string for them.
    """
    records = []
    for doc in documents:
        data = doc.data
        if doc.kind == "pcs-table" and data.get("titles"):
            data = {**data, "titles": pack_titles(data["titles"])}
        elif doc.kind == "pcs-index":  # 14,934 terms: a third of the reading, rarely used
            data = {**data, "terms": pack_terms(data.get("terms", []))}
        records.append((doc.name, doc.kind, data))
    return _packed(records)


def pack_titles(titles: Mapping[str, Sequence[str]]) -> bytes:
    """Return a table's titles ({code: [short, long]}) as one compressed text, a line a code;
    raise ValueError for a title holding a tab or a line break (CMS's never do)."""
    lines = []
    for code, pair in sorted(titles.items()):
        line = f"{code}\t{pair[0]}\t{pair[-1]}"
        if line.count("\t") != 2 or "\n" in line or "\r" in line:
            raise ValueError(f"the title of {code} holds a tab or a line break")
        lines.append(line)
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


class PackedTitles(Mapping[str, tuple[str, str]]):
    """A table's CMS titles (short, long) by code, unpacked the first time one is asked for:
    most tables of the whole code set are never opened."""

    __slots__ = ("_packed", "_titles")

    def __init__(self, packed: bytes) -> None:
        self._packed = packed
        self._titles: dict[str, tuple[str, str]] | None = None

    def _unpacked(self) -> dict[str, tuple[str, str]]:
        if self._titles is None:
            lines = zlib.decompress(self._packed).decode("utf-8").split("\n")
            self._titles = {code: (short, long) for code, short, long in map(_fields, lines)}
        return self._titles

    def __getitem__(self, code: str) -> tuple[str, str]:
        return self._unpacked()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())

    def __bool__(self) -> bool:
        return bool(self._packed)


def pack_terms(terms: list[dict[str, Any]]) -> bytes:
    """Return Alphabetic Index terms ({path, target}) as one compressed text, a line a term:
    its target, then each step of its path; raise ValueError for a tab or line break."""
    lines = []
    for term in terms:
        line = "\t".join([term["target"], *term["path"]])
        if line.count("\t") != len(term["path"]) or "\n" in line or "\r" in line:
            raise ValueError(f"an index term for {term['target']} holds a tab or a line break")
        lines.append(line)
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


def unpack_terms(packed: bytes) -> list[IndexTerm]:
    """Return the index terms ``pack_terms`` packed."""
    text = zlib.decompress(packed).decode("utf-8")
    lines = text.split("\n") if text else []
    return [IndexTerm(tuple(fields[1:]), fields[0]) for fields in map(_split, lines)]


def _split(line: str) -> list[str]:
    return line.split("\t")


def _fields(line: str) -> tuple[str, str, str]:
    code, short, long = line.split("\t")
    return code, short, long


def search_bytes(word_lists: Any) -> bytes:
    """Return the search index's word lists for an import's tables (search/engine.py)."""
    # Each word's bit set is compressed on its own and unpacked when a search first asks for
    # it, so the file itself is not compressed again.
    return _packed(word_lists, compress=False)


def snapshot_documents(data: bytes, label: str) -> list[Document] | None:
    """Return the documents of a snapshot, named as its folder shows them; None when it is
    not one this sacroref can use."""
    try:
        records = _unpacked(data)
        return [Document(f"{label}/{name}", kind, value) for name, kind, value in records]
    except (EOFError, ValueError, TypeError, zlib.error):
        return None


def read_search(folder: Traversable) -> Any:
    """Return a folder's search word lists, or None when there are none this sacroref can use."""
    try:
        return _unpacked((folder / SEARCH_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None
