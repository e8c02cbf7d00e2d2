"""``sacroref --self-test``: prove the installed app works end to end, offscreen, in seconds."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

SAMPLE_CODE = "0QP134Z"
SAMPLE_QUERY = "0qp1"


def run_self_test(content: Sequence[Path]) -> int:
    """Load content, build the window offscreen, search, select, render; print one line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        from PySide6.QtWidgets import QApplication

        from sacroref.core.loader import load_content
        from sacroref.ui.main_window import MainWindow
        from sacroref.ui.settings import Settings

        app = QApplication.instance() or QApplication(sys.argv[:1])
        result = load_content(content)
        if result.problems:
            raise RuntimeError(
                f"{len(result.problems)} content problem(s); first: {result.problems[0]}"
            )
        with tempfile.TemporaryDirectory() as folder:
            window = MainWindow(
                result.catalog, result.problems, Settings(Path(folder) / "self-test.ini")
            )
            window.show()
            window.tree_panel.search_box.setText(SAMPLE_QUERY)
            matches = window.tree_panel.result.count
            if matches != 17:
                raise RuntimeError(f"search {SAMPLE_QUERY!r} found {matches} codes, expected 17")
            if not window.tree_panel.select_code(SAMPLE_CODE):
                raise RuntimeError(f"{SAMPLE_CODE} could not be selected")
            app.processEvents()
            shown = window.detail.browser.toPlainText()
            if (
                "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
                not in shown
            ):
                raise RuntimeError(f"the detail of {SAMPLE_CODE} did not render")
            window.close()
            window.deleteLater()
            app.processEvents()
        elapsed = time.perf_counter() - started
    except Exception as error:
        print(f"sacroref self-test: FAILED: {type(error).__name__}: {error}")
        return 1
    print(
        f"sacroref self-test: OK: {result.catalog.code_count()} codes, search and detail "
        f"work ({elapsed:.2f} s)"
    )
    return 0
