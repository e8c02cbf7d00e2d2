"""Thin widgets: the main window and its panels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

Named = TypeVar("Named", bound=QObject)


def named(widget: Named, name: str) -> Named:
    """Give a widget the objectName that tests and accessibility tools find it by."""
    widget.setObjectName(name)
    return widget
