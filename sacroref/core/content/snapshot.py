"""An import's snapshot: its checked documents in one compact file, read far faster than TOML.

`import-pcs` writes it beside the TOML it comes from and lists it in the manifest. It is used
only when the manifest's checksum of it holds and it was made by this sacroref on this
Python; otherwise (stale, damaged, from another version) it is ignored and the TOML is read.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from typing import TYPE_CHECKING, Any

from sacroref import __version__
from sacroref.core.content.kinds import Document

if TYPE_CHECKING:
    from sacroref.resources import Traversable

SNAPSHOT_NAME = "snapshot.bin"
SEARCH_NAME = "search.bin"  # the search index's word lists: read only when a search needs them
SNAPSHOT_FORMAT = 1


def _stamp() -> tuple[int, str, tuple[int, int]]:
    return SNAPSHOT_FORMAT, __version__, (sys.version_info[0], sys.version_info[1])


def _packed(value: Any) -> bytes:
    # Version 2 writes no back-references, whose use depends on reference counts: the same
    # value always gives the same bytes (an import is byte-identical when run twice).
    return zlib.compress(marshal.dumps((_stamp(), value), 2), 6)


def _unpacked(data: bytes) -> Any:
    stamp, value = marshal.loads(zlib.decompress(data))
    if stamp != _stamp():
        raise ValueError("made by another sacroref or Python")
    return value


def snapshot_bytes(documents: list[Document]) -> bytes:
    """Return the snapshot of documents (named relative to their import folder)."""
    return _packed([(doc.name, doc.kind, doc.data) for doc in documents])


def search_bytes(word_lists: Any) -> bytes:
    """Return the search index's word lists for an import's tables (search/engine.py)."""
    return _packed(word_lists)


def read_snapshot(folder: Traversable, label: str) -> list[Document] | None:
    """Return the documents of a folder's snapshot, named as the folder shows them; None
    when there is no snapshot this sacroref can use."""
    try:
        records = _unpacked((folder / SNAPSHOT_NAME).read_bytes())
        return [Document(f"{label}/{name}", kind, value) for name, kind, value in records]
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None


def read_search(folder: Traversable) -> Any:
    """Return a folder's search word lists, or None when there are none this sacroref can use."""
    try:
        return _unpacked((folder / SEARCH_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None
