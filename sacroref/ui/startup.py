"""The one start-up path: checks before Qt, Qt's set-up, logging, and the window factory.

The app, the self-test, the screenshots and the benchmarks all start through here, so
they start the same way: nothing imports Qt before ``problem_before_qt`` has run.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sacroref.resources import executable_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sacroref.ui.main_window import MainWindow
    from sacroref.ui.settings import Settings


def local_content_dirs(extra: Sequence[Path]) -> list[Path]:
    """Return the content folders to add: ``content/`` beside the executable, then --content."""
    dirs = []
    exe = executable_dir()
    if exe is not None and (exe / "content").is_dir():
        dirs.append(exe / "content")
    return dirs + list(extra)


def problem_before_qt(platform: str | None = None) -> str | None:
    """Return why Qt cannot start here, in one line (None when it can); imports no Qt.

    ``platform`` is the Qt platform to check for ("offscreen" for the self-test); by
    default the window's, from the environment.
    """
    from sacroref.ui.platform_check import display_problem, qt_problem

    return qt_problem(platform) if platform else display_problem()


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


def spare_pyside_source_scan() -> None:
    """Spare PySide6 reading the source of each sacroref module imported after it.

    PySide6 reads the source of every module imported after it, looking for the word
    "PySide6", to know which modules may switch on its ``__feature__`` options (PYSIDE-2029).
    No sacroref module uses them; ours are answered as modules that use PySide6 without
    reading them (3 to 4 ms of the start: docs/startup.md). A PySide6 whose support module
    differs is left as it is.
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if not callable(scan) or getattr(scan, "__module__", None) == __name__:
        return

    def uses_pyside(module: object) -> bool:
        return str(getattr(module, "__name__", "")).startswith("sacroref.") or bool(scan(module))

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010  # not ours: no stub for it


def create_application() -> QApplication:
    """Return the application, made once, after ``configure_qt``."""
    configure_qt()
    from PySide6.QtWidgets import QApplication

    spare_pyside_source_scan()
    from sacroref.qt.content_store import pause_collector_for_start

    pause_collector_for_start()  # until the content is searchable

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("sacroref")
    app.setOrganizationName("sacroref")
    return app


def create_window(
    content: Sequence[Path], settings: Settings, *, staged: bool = True
) -> MainWindow:
    """Return the main window over the bundled content and the folders given.

    ``staged`` (as the app starts) reads no content before the window's first paint.
    """
    from sacroref.core.content.loader import load_content
    from sacroref.qt.content_store import ContentStore, collector_paused

    with collector_paused():  # the window's modules and widgets: no cycle worth a scan yet
        from sacroref.ui.main_window import MainWindow

        store = ContentStore(load_content(list(content), staged=staged))
        return MainWindow(store, settings)
