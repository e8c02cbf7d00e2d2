"""Starts the Qt application: content, settings, the main window, and the self-test."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sacroref.resources import executable_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget


def local_content_dirs(extra: Sequence[Path]) -> list[Path]:
    """Return the content folders to add: ``content/`` beside the executable, then --content."""
    dirs = []
    exe = executable_dir()
    if exe is not None and (exe / "content").is_dir():
        dirs.append(exe / "content")
    return dirs + list(extra)


def configure_qt() -> None:
    """Set Qt's environment for sacroref's window; call before the QApplication exists."""
    # Qt's raster engine hands every large fill to a thread pool and waits for it. For a
    # window this size the hand-off costs more than the fill, and on a busy machine the
    # wait is longest: keystroke p95 drops by about a quarter without it (benchmarks/).
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def setup_logging() -> None:
    """Log warnings to stderr when there is one; a windowed Windows build has none."""
    handler: logging.Handler = (
        logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()
    )
    logging.basicConfig(
        level=logging.WARNING, handlers=[handler], format="sacroref: %(levelname)s: %(message)s"
    )


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
    # The checks come before any Qt import, so that what is missing is said in one line.
    if self_test:
        from sacroref.ui.self_test import run_self_test

        return run_self_test(local_content_dirs(content))
    from sacroref.ui.platform_check import display_problem

    problem = display_problem()
    if problem:
        print(f"sacroref: {problem}", file=sys.stderr)
        return 1
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from sacroref.core.content.loader import load_content
    from sacroref.resources import content_root
    from sacroref.ui.main_window import MainWindow
    from sacroref.ui.settings import user_settings

    setup_logging()
    configure_qt()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("sacroref")
    app.setOrganizationName("sacroref")
    app.setWindowIcon(QIcon(str(content_root() / "icons" / "sacroref.png")))
    # The content is parsed after the first paint (PendingContent).
    result = load_content(local_content_dirs(content), staged=True)
    window = MainWindow(result.catalog, result.problems, user_settings(), result.pending)
    if os.environ.get("SACROREF_BENCH_FIRST_PAINT"):
        report_first_paint(app, window.tree_panel.tree.viewport())
    window.show()
    if demo:
        window.start_tour()
    return app.exec()
