"""Small widget helpers: the objectName tests find widgets by, and a row of buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
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


def shortcut(
    key: str | QKeySequence | Qt.Key,
    parent: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext,
) -> QShortcut:
    """Return a shortcut that works only in ``context`` of ``parent``.

    QShortcut's constructor that takes a callable ignores its ``context`` argument in
    PySide6 (the shortcut then works window-wide), so the context is set on its own here.
    """
    made = QShortcut(QKeySequence(key), parent)
    made.setContext(context)
    made.activated.connect(slot)
    return made
