"""An import folder's files: listed by one walk, and its two large files read ahead.

Reading a file, hashing it and inflating compressed bytes let other Python threads run, so a
thread started before the window is built reads, hashes and inflates the snapshot and the
search word lists while the window is made and painted (docs/startup.md). What it read is
used only for the very file asked for, hashed the same way, and only once; a file it could
not read is read again, and any problem reported, as before.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sacroref.core.content.problems import ContentError
from sacroref.core.content.reader import read_entry_bytes, read_file_bytes
from sacroref.core.content.snapshot import SNAPSHOT_NAME, inflated_snapshot

if TYPE_CHECKING:
    from sacroref.resources import Traversable


class FoundFile(NamedTuple):
    """A file below an import folder: off disk (a zipped install) its entry; on disk its path
    and the size the walk saw, None for anything but a regular file (such as a link, which
    read_file_bytes refuses)."""

    entry: Traversable | str
    size: int | None = None

    def opened(self) -> Traversable:
        """Return the file as something to read."""
        return Path(self.entry) if isinstance(self.entry, str) else self.entry


def files_below(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, FoundFile]]:
    """Yield every file below a folder, by its name relative to the folder, sorted."""
    if isinstance(folder, Path):  # by scandir: no stat for a name, one for a file's size
        yield from _paths_below(folder, prefix)
        return
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from files_below(entry, f"{name}/")
        else:
            yield name, FoundFile(entry)


def _paths_below(folder: Path | str, prefix: str) -> Iterator[tuple[str, FoundFile]]:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = f"{prefix}{entry.name}"
        link = entry.is_symlink()
        if not link and entry.is_dir():
            yield from _paths_below(entry.path, f"{name}/")
            continue
        size = None
        if not link:
            found = entry.stat(follow_symlinks=False)
            size = found.st_size if stat.S_ISREG(found.st_mode) else None
        yield name, FoundFile(entry.path, size)


class AheadFile(NamedTuple):
    """A large file of an import: its bytes, their digest, and for a snapshot its inflated part."""

    data: bytes
    digest: str
    inflated: bytes | None = None


class ReadAhead:
    """Large files of one import folder, read in a thread from the moment this is made."""

    def __init__(self, folder: Path, names: Sequence[str], hashed: Callable[[bytes], str]) -> None:
        self.folder = folder
        self.hashed = hashed  # the digest each file's ``digest`` was made with
        self._read: dict[str, AheadFile] = {}
        self._thread = threading.Thread(
            target=self._run, args=(tuple(names),), name="sacroref-read-ahead", daemon=True
        )
        self._thread.start()

    def _run(self, names: tuple[str, ...]) -> None:
        for name in names:
            try:
                data = read_file_bytes(self.folder / name, name)
                inflated = inflated_snapshot(data) if name == SNAPSHOT_NAME else None
                self._read[name] = AheadFile(data, self.hashed(data), inflated)
            except Exception:  # read again, and reported, when asked for
                continue

    def take(self, name: str) -> AheadFile | None:
        """Return what was read of a file of the folder (waiting for it), once; else None."""
        self._thread.join()
        return self._read.pop(name, None)


def read_hashed(
    file: Traversable, name: str, hashed: Callable[[bytes], str], ahead: ReadAhead | None
) -> AheadFile | None:
    """Return a large file of an import and its digest: as read ahead, if it was (and hashed
    the same way), else read now; None when it cannot be read."""
    if ahead is not None and ahead.hashed is hashed and file == ahead.folder / name:
        found = ahead.take(name)
        if found is not None:
            return found
    try:
        data = read_entry_bytes(file, name)
    except (ContentError, OSError):
        return None
    return AheadFile(data, hashed(data))
