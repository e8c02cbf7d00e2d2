"""Helpers that write small content folders for tests."""

from __future__ import annotations

from pathlib import Path

SOURCES = """
kind = "sources"
[[sources]]
id = "test-source"
title = "A test source"
kind = "local"
"""


def write_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (text or bytes) into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    return folder


def write_import(folder: Path, files: dict[str, str], *, titles: bool = True) -> Path:
    """Write a folder as `import-pcs` would, manifest and all; with the bundled title rules.

    Its sources (``test-source`` and the titles' source) are CMS sources, as an import's are.
    """
    from sacroref.core.content.provenance import MANIFEST_NAME, manifest_text
    from sacroref.resources import content_root

    files = dict(files)
    if titles:
        files["titles.toml"] = (content_root() / "pcs" / "titles.toml").read_text("utf-8")
        files["sources.toml"] = CMS_SOURCES
    write_folder(folder, files)
    written = {name: body.encode("utf-8") for name, body in files.items()}
    (folder / MANIFEST_NAME).write_text(manifest_text(2026, [], written), encoding="utf-8")
    return folder


CMS_SOURCES = """
kind = "sources"
[[sources]]
id = "test-source"
title = "A test CMS file"
kind = "cms"
[[sources]]
id = "sacroref-editors"
title = "Test title rules"
kind = "editorial"
"""
