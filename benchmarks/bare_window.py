"""A bare PySide6 window (a tree and a text pane) for frozen start-up comparisons."""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTextEdit,
    QTreeView,
)


class FirstPaint(QObject):
    """Prints the wall-clock time of the first paint, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def build_bare(codes: list[str]) -> tuple[Any, Any, Any]:
    """Return a bare window: a tree over a standard item model and a text pane."""
    model = QStandardItemModel()
    parents: dict[str, QStandardItem] = {}
    for code in codes:
        parent = parents.get(code[:4])
        if parent is None:
            parent = parents[code[:4]] = QStandardItem(code[:4])
            model.appendRow(parent)
        parent.appendRow(QStandardItem(code))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    window = QMainWindow()
    splitter = QSplitter()
    tree = QTreeView()
    tree.setModel(proxy)
    splitter.addWidget(tree)
    splitter.addWidget(QTextEdit("detail"))
    window.setCentralWidget(splitter)
    search = QLineEdit()
    search.textChanged.connect(proxy.setFilterFixedString)
    window.setMenuWidget(search)
    window.resize(1000, 680)
    return window, search, tree


def main() -> int:
    """Show the window and report its first paint."""
    app = QApplication(sys.argv[:1])
    window, _search, tree = build_bare([f"0QP1{n:03d}" for n in range(16)])
    watcher = FirstPaint()
    tree.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
