"""Small widget helpers: the objectName tests find widgets by, and a row of buttons."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QWidget

Named = TypeVar("Named", bound=QObject)


def named(widget: Named, name: str) -> Named:
    """Give a widget the objectName that tests and accessibility tools find it by."""
    widget.setObjectName(name)
    return widget


def button_row(left: list[QWidget], right: list[QWidget]) -> QHBoxLayout:
    """Return a row with widgets at the left, a stretch, and widgets at the right."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row
