"""The one way to reach bundled files, from source, a wheel or a frozen build."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["Traversable", "content_root", "executable_dir"]


def content_root() -> Traversable:
    """Return the folder of bundled TOML content.

    Installed wheels and the PyInstaller bundle carry it as ``sacroref/resources``;
    a source checkout (including an editable install) keeps it beside the package.
    """
    packaged = resources.files("sacroref") / "resources"
    if packaged.is_dir():
        return packaged
    # pathlib.Path satisfies the Traversable protocol.
    return Path(__file__).resolve().parent.parent / "resources"


def executable_dir() -> Path | None:
    """Return the folder of the frozen executable, or None when running from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None
