"""A bare PySide6 window (a tree and a text pane) for frozen start-up comparisons."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextEdit, QTreeView


class FirstPaint(QObject):
    """Prints the wall-clock time of the first paint, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    """Show the window and report its first paint."""
    app = QApplication(sys.argv[:1])
    model = QStandardItemModel()
    for number in range(16):
        model.appendRow(QStandardItem(f"row {number}"))
    window = QMainWindow()
    splitter = QSplitter()
    tree = QTreeView()
    tree.setModel(model)
    splitter.addWidget(tree)
    splitter.addWidget(QTextEdit("detail"))
    window.setCentralWidget(splitter)
    window.resize(1000, 680)
    watcher = FirstPaint()
    tree.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
