"""Binaries for the bundle without the build machine's library search paths (RPATH, RUNPATH).

The loader searches an ELF file's RPATH/RUNPATH first: a build machine's folder there (such
as pyenv's lib folder in libpython) would let a library planted in that folder on a user's
machine be loaded. Paths relative to the file ($ORIGIN) stay.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sacroref.system import library_paths


def _outside(path: Path) -> list[str] | None:
    """Return the search paths an ELF file should keep, or None when it needs no change."""
    with path.open("rb") as opened:
        if opened.read(4) != b"\x7fELF":
            return None
    paths = library_paths(path)
    kept = [entry for entry in paths if entry.startswith("$ORIGIN")]
    return None if kept == paths else kept


def _patch(path: Path, kept: list[str]) -> None:
    command = ["patchelf", "--set-rpath", ":".join(kept)] if kept else ["patchelf"]
    if not kept:
        command.append("--remove-rpath")
    subprocess.run([*command, str(path)], check=True)


def confined(source: Path, work: Path) -> Path:
    """Return the binary itself, or a patched copy in ``work`` (the spec bundles the copy)."""
    kept = _outside(source)
    if kept is None:
        return source
    work.mkdir(parents=True, exist_ok=True)
    copy = work / source.name
    shutil.copy2(source, copy)
    _patch(copy, kept)
    return copy


def confine_folder(folder: Path) -> list[str]:
    """Patch, in place, every binary below a built folder that still searches outside it."""
    changed = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        kept = _outside(path)
        if kept is not None:
            _patch(path, kept)
            changed.append(str(path.relative_to(folder)))
    return changed
