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
SNAPSHOT_FORMAT = 1


def _stamp() -> tuple[int, str, tuple[int, int]]:
    return SNAPSHOT_FORMAT, __version__, (sys.version_info[0], sys.version_info[1])


def snapshot_bytes(documents: list[Document], search: Any = None) -> bytes:
    """Return the snapshot of documents (named relative to their import folder), with the
    search index's word lists for its tables when given (search/engine.py)."""
    records = [(doc.name, doc.kind, doc.data) for doc in documents]
    # Version 2 writes no back-references, whose use depends on reference counts: the same
    # documents always give the same bytes (an import is byte-identical when run twice).
    return zlib.compress(marshal.dumps((_stamp(), records, search), 2), 6)


def read_snapshot(folder: Traversable, label: str) -> tuple[list[Document], object] | None:
    """Return the documents of a folder's snapshot, named as the folder shows them, and its
    word lists; None when there is no snapshot this sacroref can use."""
    try:
        data = zlib.decompress((folder / SNAPSHOT_NAME).read_bytes())
        stamp, records, search = marshal.loads(data)
        if stamp != _stamp():
            return None
        return [Document(f"{label}/{name}", kind, value) for name, kind, value in records], search
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None
