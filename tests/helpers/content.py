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
