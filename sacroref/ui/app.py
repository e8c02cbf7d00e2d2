"""Starts the Qt application: content, settings, the main window, and the self-test."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sacroref.resources import executable_dir


def local_content_dirs(extra: Sequence[Path]) -> list[Path]:
    """Return the content folders to add: ``content/`` beside the executable, then --content."""
    dirs = []
    exe = executable_dir()
    if exe is not None and (exe / "content").is_dir():
        dirs.append(exe / "content")
    return dirs + list(extra)


def run_app(content: Sequence[Path], *, self_test: bool = False, demo: bool = False) -> int:
    """Open the window and run until it closes; return the exit status."""
    from PySide6.QtWidgets import QApplication

    from sacroref.core.loader import load_content
    from sacroref.ui.main_window import MainWindow
    from sacroref.ui.settings import Settings, default_settings_path

    if self_test:
        from sacroref.ui.self_test import run_self_test

        return run_self_test(local_content_dirs(content))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("sacroref")
    app.setOrganizationName("sacroref")
    result = load_content(local_content_dirs(content))
    window = MainWindow(result.catalog, result.problems, Settings(default_settings_path()))
    window.show()
    del demo  # the guided tour arrives with training mode
    return app.exec()
