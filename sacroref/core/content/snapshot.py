"""An import's snapshot: its checked documents in one compact file, read far faster than TOML.

`import-pcs` writes it beside the TOML it comes from and lists it in the manifest. It is used
only when the manifest's checksum of it holds and it was made by this sacroref on this
Python; otherwise (stale, damaged, from another version) it is ignored and the TOML is read.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from typing import Any

from sacroref import __version__
from sacroref.core.content.kinds import Document
from sacroref.core.content.snapshot_tables import (
    TableEncoder,
    TableMaker,
    add_made_table,
    made_tables,
    pack_titles,
)
from sacroref.core.model import IndexTerm

SNAPSHOT_NAME = "snapshot.bin"
SEARCH_NAME = "search.bin"  # the search index's word lists: read only when a search needs them
#: 2: titles packed apart; 3: index terms too; 4: tables as records of numbers, titles last
SNAPSHOT_FORMAT = 4


def _stamp() -> tuple[int, str, tuple[int, int], str]:
    # The byte order too: the search word lists keep arrays of machine integers.
    return SNAPSHOT_FORMAT, __version__, (sys.version_info[0], sys.version_info[1]), sys.byteorder


def packed_value(value: Any, *, compress: bool = True) -> bytes:
    """Return a value of plain data as bytes stamped with this sacroref and Python."""
    # Version 2 writes no back-references, whose use depends on reference counts: the same
    # value always gives the same bytes (an import is byte-identical when run twice).
    data = marshal.dumps((_stamp(), value), 2)
    return b"z" + zlib.compress(data, 6) if compress else b"m" + data


def unpacked_value(data: bytes, inflated: bytes | None = None) -> Any:
    """Return the value ``packed_value`` packed (``inflated``: its compressed bytes inflated
    already); raise ValueError when another sacroref or Python made it (EOFError, TypeError
    or zlib.error when it is damaged)."""
    body = data[1:]
    if inflated is None:
        inflated = zlib.decompress(body) if data[:1] == b"z" else body
    stamp, value = marshal.loads(inflated)
    if stamp != _stamp():
        raise ValueError("made by another sacroref or Python")
    return value


def snapshot_bytes(documents: list[Document]) -> bytes:
    """Return the snapshot of documents (named relative to their import folder).

    Tables are kept as records of numbers (see ``snapshot_tables``). Their CMS titles, nine
    tenths of the whole code set's bytes, are packed apart, after the rest, which alone is
    compressed: reading the snapshot makes no string for them and decompresses none.
    """
    encoder = TableEncoder()
    titles = bytearray()  # every table's packed titles, kept out of the compressed part
    records: list[tuple[str, str, Any]] = []
    for doc in documents:
        data: Any = doc.data
        if doc.kind == "pcs-table":
            span = None
            if data.get("titles"):
                packed = pack_titles(data["titles"])
                span, titles = (len(titles), len(packed)), titles + packed
            data = encoder.record(doc.name, data, span)
        elif doc.kind == "pcs-index":  # 14,934 terms: a third of the reading, rarely used
            data = {**data, "terms": pack_terms(data.get("terms", []))}
        records.append((doc.name, doc.kind, data))
    rest = packed_value((encoder.shared(), records))
    return len(rest).to_bytes(4, "big") + rest + titles


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


def search_bytes(word_lists: Any) -> bytes:
    """Return the search index's word lists for an import's tables (search/engine.py)."""
    # Each word's bit set is compressed on its own and unpacked when a search first asks for
    # it, so the file itself is not compressed again.
    return packed_value(word_lists, compress=False)


def inflated_snapshot(data: bytes) -> bytes | None:
    """Return a snapshot's compressed part inflated, as ``snapshot_documents`` takes it."""
    part = data[4 : 4 + int.from_bytes(data[:4], "big")]
    return zlib.decompress(part[1:]) if part[:1] == b"z" else None


def snapshot_documents(
    data: bytes, label: str, inflated: bytes | None = None
) -> list[Document] | None:
    """Return the documents of a snapshot, named as its folder shows them; None when it is
    not one this sacroref can use (``inflated``: ``inflated_snapshot`` of it, if made).

    Its tables come as one document of kind ``pcs-tables`` (in the place of the first),
    each to be made when first asked for: the builder adds them at once (``Builder._tables``).
    """
    try:
        end = 4 + int.from_bytes(data[:4], "big")
        shared, records = unpacked_value(data[4:end], inflated)
        maker = TableMaker(shared, memoryview(data)[end:])
        documents, tables = [], None
        for name, kind, stored in records:
            shown = f"{label}/{name}"
            if kind != "pcs-table":
                documents.append(Document(shown, kind, stored))
                continue
            if tables is None:
                tables = made_tables(maker, label)
                documents.append(Document(f"{label}/tables", "pcs-tables", tables))
            add_made_table(tables, maker, stored, shown)
        return documents
    except (EOFError, ValueError, TypeError, IndexError, KeyError, zlib.error):
        return None


def unpack_search(data: bytes) -> Any:
    """Return the search word lists ``search_bytes`` packed, or None when this sacroref
    cannot use them."""
    try:
        return unpacked_value(data)
    except (EOFError, ValueError, TypeError, zlib.error):
        return None
