"""Guards against a Qt binding that corrupts reference counts (PySide6 6.12.0 on Python < 3.12)."""

from __future__ import annotations

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel
    from PySide6.QtWidgets import QLineEdit

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel(["a", "b"]))
    line = QLineEdit()
    before = sys.getrefcount(None)
    for step in range(2000):
        proxy.beginFilterChange()
        proxy.endFilterChange()
        line.setText(str(step))
    assert sys.getrefcount(None) - before > -100
