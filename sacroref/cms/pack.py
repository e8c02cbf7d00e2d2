"""Packs an import folder for a standalone build: its snapshot stands in for its TOML.

The whole code set's TOML is 17 MiB; its snapshot and search word lists are under 3 MiB.
A packed folder lists every file the import wrote, with ``packed = true``, and holds only
the snapshot, the word lists and the manifest, both remade with the Python of the build
(a snapshot is used only by the Python that made it).
"""

from __future__ import annotations

from pathlib import Path

from sacroref.cms.importer import PcsImportError, import_snapshot
from sacroref.core.content.provenance import MANIFEST_NAME, manifest_text, verify_import
from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME


def pack_import(source: Path, out: Path) -> None:
    """Write a packed copy of a verified import folder into ``out`` (made, or emptied of
    nothing: it must not exist yet); raise PcsImportError when the source does not verify."""
    manifest, problems = verify_import(source, str(source))
    if manifest is None:
        raise PcsImportError(str(problems[0]))
    files = {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and path.name not in {MANIFEST_NAME, SNAPSHOT_NAME, SEARCH_NAME}
    }
    snapshot, search = import_snapshot(files)
    out.mkdir(parents=True)
    (out / SNAPSHOT_NAME).write_bytes(snapshot)
    (out / SEARCH_NAME).write_bytes(search)
    listed = {**files, SNAPSHOT_NAME: snapshot, SEARCH_NAME: search}
    text = manifest_text(manifest.edition, manifest.inputs, listed, packed=sorted(files))
    (out / MANIFEST_NAME).write_text(text, encoding="utf-8")
