"""The detail pane: patient sections folded on CPT pages, the contents jump to any section."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from sacroref.core.pages.cpt import PATIENT_FOLD
from tests.unit.ui.test_main_window import detail_text, select

RISK = "Cement escaping from the bone into nearby tissue"


def test_patient_sections_are_folded_until_the_coder_opens_them(window, qtbot):
    select(window, qtbot, "0201T")
    shown = detail_text(window)
    assert "Coder's summary" in shown
    assert "Patient information" in shown
    assert "Folded: Preparation, Post-procedure and recovery, Risks" in shown
    assert RISK not in shown
    window.detail.browser.anchorClicked.emit(QUrl(f"fold:{PATIENT_FOLD}"))  # "[show]"
    qtbot.waitUntil(lambda: RISK in detail_text(window))
    window.detail.browser.anchorClicked.emit(QUrl(f"fold:{PATIENT_FOLD}"))  # "[hide]"
    assert RISK not in detail_text(window)
    select(window, qtbot, "0200T")
    select(window, qtbot, "0201T")
    assert RISK not in detail_text(window)  # each page opens folded again


def test_the_contents_jump_to_a_section_opening_its_fold(window, qtbot):
    window.resize(700, 500)
    select(window, qtbot, "0201T")
    bar = window.detail.browser.verticalScrollBar()
    assert bar.value() == 0
    window.detail.browser.anchorClicked.emit(QUrl("#risks"))
    qtbot.waitUntil(lambda: RISK in detail_text(window))
    assert bar.value() > 0
    top = window.detail.browser.cursorForPosition(window.detail.browser.rect().topLeft())
    assert "Risks" in top.block().text() or bar.value() == bar.maximum()
