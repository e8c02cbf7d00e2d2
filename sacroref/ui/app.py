"""``sacroref`` with no command: start up (ui/startup.py), show the window, run until closed."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget


def report_first_paint(app: QApplication, widget: QWidget) -> None:
    """For benchmarks/: print the wall-clock time of the first paint, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                print(f"first-paint {time.time():.6f}", flush=True)
                widget.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    widget.installEventFilter(FirstPaint(widget))


def run_app(content: Sequence[Path], *, self_test: bool = False, demo: bool = False) -> int:
    """Open the window and run until it closes; return the exit status."""
    from sacroref.ui.startup import local_content_dirs, problem_before_qt

    if self_test:
        from sacroref.ui.self_test import run_self_test

        return run_self_test(local_content_dirs(content))
    # The checks come before any Qt import, so that what is missing is said in one line.
    problem = problem_before_qt()
    if problem:
        print(f"sacroref: {problem}", file=sys.stderr)
        return 1
    from sacroref.ui.startup import create_application, create_window, setup_logging

    setup_logging()
    app = create_application()
    from PySide6.QtGui import QIcon

    from sacroref.resources import content_root
    from sacroref.ui.settings import user_settings

    app.setWindowIcon(QIcon(str(content_root() / "icons" / "sacroref.png")))
    window = create_window(local_content_dirs(content), user_settings())
    if os.environ.get("SACROREF_BENCH_FIRST_PAINT"):
        report_first_paint(app, window.tree_panel.tree.viewport())
    window.show()
    if demo:
        window.start_tour()
    return app.exec()
