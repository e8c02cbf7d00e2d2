"""An import folder's files: listed by one walk, and its two large files read ahead.

Reading a file, hashing it and inflating compressed bytes let other Python threads run, so a
thread started with the first slice of loading reads, hashes and inflates the snapshot and
the search word lists while the main thread reads the rest (docs/startup.md). What it read is
used only for the very file asked for, hashed the same way, and only once; a file it could
not read is read again, and any problem reported, as before.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core.content.problems import ContentError
from sacroref.core.content.reader import read_entry_bytes, read_file_bytes

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
    """A large file of an import: its bytes, their digest, and what its reader made of them
    ahead (a snapshot's compressed part inflated, the word lists unpacked), if anything."""

    data: bytes
    digest: str
    prepared: Any = None


class ReadAhead:
    """Large files of one import folder, read in a thread from the moment this is made.

    ``prepare`` names the files, each with what to make of its bytes in the thread too: work
    done in C that lets the main thread run meanwhile (inflating compressed bytes).
    """

    def __init__(
        self,
        folder: Path,
        prepare: Mapping[str, Callable[[bytes], Any]],
        hashed: Callable[[bytes], str],
    ) -> None:
        self.folder = folder
        self.hashed = hashed  # the digest each file's ``digest`` was made with
        self._read: dict[str, AheadFile] = {}
        self._done = {name: threading.Event() for name in prepare}  # each file, once read
        # The thread needs the interpreter between its steps; by default it would wait up to
        # 5 ms for it each time while the main thread runs Python.
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, 0.0005))
        thread = threading.Thread(
            target=self._run,
            args=(dict(prepare), switch),
            name="sacroref-read-ahead",
            daemon=True,
        )
        thread.start()

    def _run(self, prepare: dict[str, Callable[[bytes], Any]], switch: float) -> None:
        last = list(prepare)[-1]
        for name, made_of in prepare.items():
            try:
                data = read_file_bytes(self.folder / name, name)
                digest = self.hashed(data)
                self._read[name] = AheadFile(data, digest, made_of(data))
            except Exception:  # read again, and any problem reported, when asked for
                continue
            finally:
                if name == last:  # before the last file is given: its taker sees it restored
                    sys.setswitchinterval(switch)
                self._done[name].set()

    def take(self, name: str) -> AheadFile | None:
        """Return what was read of a file of the folder (waiting for it), once; else None."""
        done = self._done.get(name)
        if done is None:
            return None
        done.wait()
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
