"""Binaries for the bundle without the build machine's library search paths (RPATH, RUNPATH).

The loader searches an ELF file's RPATH/RUNPATH first: a build machine's folder there (such
as pyenv's lib folder in libpython) would let a library planted in that folder on a user's
machine be loaded. Paths relative to the file ($ORIGIN) stay; the spec bundles the copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sacroref.system import library_paths


def confined(source: Path, work: Path) -> Path:
    """Return the binary itself, or a copy in ``work`` whose outside search paths are gone."""
    with source.open("rb") as opened:
        if opened.read(4) != b"\x7fELF":
            return source
    paths = library_paths(source)
    kept = [entry for entry in paths if entry.startswith("$ORIGIN")]
    if kept == paths:
        return source
    work.mkdir(parents=True, exist_ok=True)
    copy = work / source.name
    shutil.copy2(source, copy)
    command = (
        ["patchelf", "--set-rpath", ":".join(kept)] if kept else ["patchelf", "--remove-rpath"]
    )
    subprocess.run([*command, str(copy)], check=True)
    return copy
