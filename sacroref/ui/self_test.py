"""``sacroref --self-test``: prove the installed app works end to end, offscreen, in seconds."""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

SAMPLE_CODE = "0QP134Z"
SAMPLE_TITLE = "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
SAMPLE_QUERY = "0qp1"

#: Qt remarks that say nothing is wrong: the offscreen plugin's, and Qt switching a
#: non-UTF-8 "C" locale (common on locked-down machines) to C.UTF-8 by itself.
HARMLESS_QT_REMARKS = ("propagateSizeHints", "Qt depends on a UTF-8 locale")


def _refuse_sockets() -> None:
    """Make any attempt to open a network socket fail loudly during the self-test."""

    def refuse(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("sacroref tried to open a network socket")

    socket.socket = refuse  # type: ignore[assignment, misc]
    socket.create_connection = refuse


def _quiet_offscreen_noise() -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not any(remark in message for remark in HARMLESS_QT_REMARKS):
            sys.stderr.write(f"qt: {message}\n")

    qInstallMessageHandler(handler)


def _check_glyphs(font: QFont, sample: str) -> None:
    """Fail when the font has no glyph for a letter of the sample (it would draw boxes)."""
    from PySide6.QtGui import QFontMetrics, QRawFont

    raw = QRawFont.fromFont(font)
    metrics = QFontMetrics(font)
    letters = [ch for ch in sample if not ch.isspace()]
    if not raw.isValid() or not all(metrics.inFontUcs4(ord(ch)) for ch in letters):
        raise RuntimeError(
            "text cannot be rendered: no usable font (install fonts-dejavu-core or another)"
        )
    if 0 in raw.glyphIndexesForString(sample.replace(" ", "")):
        raise RuntimeError("text cannot be rendered: the font lacks glyphs for plain letters")


def run_self_test(content: Sequence[Path]) -> int:
    """Load content, build the window offscreen, search, select, render; print one line."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # whatever the environment says
    started = time.perf_counter()
    _refuse_sockets()
    from sacroref.ui.startup import problem_before_qt

    problem = problem_before_qt("offscreen")
    if problem:
        print(f"sacroref self-test: FAILED: {problem}")
        return 1
    try:
        from sacroref.ui.settings import Settings, settings_location
        from sacroref.ui.startup import create_application, create_window

        _quiet_offscreen_noise()
        app = create_application()
        location = settings_location()
        # Loaded as the app loads it (after the first paint); no settings read or written.
        window = create_window(content, Settings.in_memory())
        window.show()
        window.store.ensure_loaded()
        problems = window.store.problems
        if problems:
            raise RuntimeError(f"{len(problems)} content problem(s); first: {problems[0]}")
        window.tree_panel.search_box.setText(SAMPLE_QUERY)
        found = window.tree_panel.result
        matches = found.count if found is not None else 0
        if matches != 17:
            raise RuntimeError(f"search {SAMPLE_QUERY!r} found {matches} codes, expected 17")
        if not window.tree_panel.select_code(SAMPLE_CODE):
            raise RuntimeError(f"{SAMPLE_CODE} could not be selected")
        app.processEvents()
        if SAMPLE_TITLE not in window.detail.browser.toPlainText():
            raise RuntimeError(f"the detail of {SAMPLE_CODE} did not render")
        _check_glyphs(window.detail.browser.font(), SAMPLE_TITLE)
        codes = window.store.catalog.code_count()
        window.hide()
        window.deleteLater()
        app.processEvents()
        elapsed = time.perf_counter() - started
    except Exception as error:
        print(f"sacroref self-test: FAILED: {type(error).__name__}: {error}")
        return 1
    print(
        f"sacroref self-test: OK: {codes:,} codes, search and detail work "
        f"({elapsed:.2f} s); settings: {location} (the self-test writes none)"
    )
    return 0
