"""The one way to reach bundled files, from source, a wheel or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

__all__ = ["Traversable", "content_root", "executable_dir"]


def content_root() -> Traversable:
    """Return the folder of bundled TOML content.

    Installed wheels and the PyInstaller bundle carry it as ``sacroref/resources``;
    a source checkout (including an editable install) keeps it beside the package. When
    that is a folder on disk it is used as a plain path (pathlib.Path satisfies the
    Traversable protocol); importlib.resources, which costs ~10 ms of start-up to import,
    is asked only otherwise (a zipped install).
    """
    package = Path(__file__).resolve().parent
    for folder in (package / "resources", package.parent / "resources"):
        if (folder / "sources.toml").is_file():
            return folder
    from importlib import resources

    return resources.files("sacroref") / "resources"


def executable_dir() -> Path | None:
    """Return the folder of the frozen executable, or None when running from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None
