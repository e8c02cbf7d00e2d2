"""A coder's day by keyboard only, from a fresh window: search, copy, explain, notes, shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTreeView,
)

from tests.unit.ui.test_main_window import find


def shown(label: QLabel) -> str:
    """Return the text a rich-text label shows."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def type_in_search(window, qtbot, text: str) -> QLineEdit:
    box = find(window, QLineEdit, "searchBox")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert box.hasFocus()
    qtbot.keyClicks(box, text)
    return box


def test_from_search_to_a_code_and_copy_it(window, qtbot):
    box = type_in_search(window, qtbot, "0qp134")
    tree = find(window, QTreeView, "codeTree")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert tree.hasFocus()
    assert tree.currentIndex().isValid()  # a highlighted row to move from
    qtbot.waitUntil(lambda: window.current_code == "0QP134Z")
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "0QP134Z"


def test_down_moves_in_the_tree_and_stays_in_the_detail_pane(window, qtbot):
    tree = find(window, QTreeView, "codeTree")
    window.tree_panel.select_code("0QP134Z")
    tree.setFocus()
    first = tree.currentIndex()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentIndex() != first  # Down moves through the tree
    pane = find(window, QTextBrowser, "detailPane")
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_Down)
    assert pane.hasFocus()  # Down in the detail pane stays there


def test_escape_clears_the_search_only_in_the_search_field(window, qtbot):
    box = type_in_search(window, qtbot, "sacrum")
    tree = find(window, QTreeView, "codeTree")
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert box.text() == "sacrum"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


def test_copy_text_selected_in_the_detail_pane(window, qtbot):
    window.go_to_code("0QP134Z")
    pane = find(window, QTextBrowser, "detailPane")
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert "Character by character" in copied  # the selected text, not only the code
    assert "Kirschner wire" in copied


def test_a_wrong_code_is_explained_and_cannot_be_copied(window, qtbot):
    window.go_to_code("0QP134Z")
    QGuiApplication.clipboard().setText("before")
    type_in_search(window, qtbot, "0QP1XJZ")
    strip = find(window, QLabel, "codeStrip")
    assert strip.isVisible()
    assert "character 6 (Device) is 'J'" in shown(strip)
    assert not window.detail.copy_button.isEnabled()  # at once, before the page follows
    browser = find(window, QTextBrowser, "detailPane")
    qtbot.waitUntil(lambda: "0QP1XJZ (as typed)" in browser.toPlainText())
    pane = browser.toPlainText()
    assert "4 Internal Fixation Device" in pane  # the valid choices at that position
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"  # nothing copied
    assert not window.detail.copy_button.isEnabled()


def test_letter_o_for_zero_is_caught(window, qtbot):
    type_in_search(window, qtbot, "0QP1O4Z")
    assert "did you mean 0QP104Z?" in shown(find(window, QLabel, "codeStrip"))


def test_a_partial_code_shows_the_next_choices(window, qtbot):
    type_in_search(window, qtbot, "0QP1")
    strip = shown(find(window, QLabel, "codeStrip"))
    assert "next:" in strip
    assert "Percutaneous" in strip


@pytest.mark.parametrize("width", [420, 1200])
def test_the_code_strip_shows_whole_lines_in_a_narrow_or_wide_window(window, qtbot, width):
    window.resize(width, 700)
    type_in_search(window, qtbot, "0qp1")
    strip = find(window, QLabel, "codeStrip")
    assert strip.heightForWidth(strip.width()) <= strip.height()  # nothing cut off
    assert "Sacrum" in shown(strip)  # every typed character still explained
    if width > 1000:
        assert "next: 0 Open, 3 Percutaneous, 4 Percutaneous Endoscopic, X External" in shown(strip)


def test_a_code_the_april_update_added_is_told_apart_from_an_invalid_one(window, qtbot):
    update = window.store.catalog.pcs_update
    if update is None or update.applied:
        pytest.skip("the bundled content records no update it lacks")
    code, title = update.added[0]
    type_in_search(window, qtbot, code)
    strip = shown(find(window, QLabel, "codeStrip"))
    assert f"the update added it ({title})" in strip
    assert "which no ICD-10-PCS code has" not in strip


def test_a_cpt_code_is_told_apart(window, qtbot):
    type_in_search(window, qtbot, "0200T")
    assert "is a CPT code" in shown(find(window, QLabel, "codeStrip"))


def test_enter_opens_the_best_match(window, qtbot):
    box = type_in_search(window, qtbot, "ex-fix")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_code is not None)
    assert window.current_code[5] == "5"  # an External Fixation Device code
    assert find(window, QTreeView, "codeTree").hasFocus()


def test_a_note_written_by_keyboard_survives_a_restart_and_is_found(make_window, qtbot, tmp_path):
    settings = tmp_path / "notes.ini"
    first = make_window(settings_path=settings)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    first.go_to_code("0QP134Z")
    qtbot.keyClick(
        first, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    editor = first.findChild(QPlainTextEdit, "noteText")
    qtbot.waitUntil(editor.isVisible)
    dialog = editor.window()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(editor, "Coding Clinic Q3 2021 p.12")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "My note" in first.detail.browser.toPlainText()
    first.close()
    second = make_window(settings_path=settings)
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    second.go_to_code("0QP134Z")
    page = second.detail.browser.toPlainText()
    assert "Coding Clinic Q3 2021 p.12" in page
    assert "[your own note]" in page or "your own note" in page
    box = type_in_search(second, qtbot, "clinic")
    assert find(second, QLabel, "matchCount").text() == "1 match"
    assert box.text() == "clinic"


def test_f1_shows_every_shortcut(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    sheet = find(window, QTextBrowser, "detailPane").toPlainText()
    assert "Keyboard shortcuts" in sheet
    assert "Ctrl+Alt+C" in sheet
    assert "Down (in the search field)" in sheet


def test_the_start_page_lists_recent_codes(window, qtbot):
    window.go_to_code("0QP134Z")
    window.go_to_code("0201T")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = find(window, QTextBrowser, "detailPane").toPlainText()
    recent = page.split("Recently viewed")[1].split("Favorites")[0]
    assert recent.index("0201T") < recent.index("0QP134Z")


def test_copy_with_rationale(window, qtbot):
    window.go_to_code("0QP134Z")
    qtbot.keyClick(
        window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("0QP134Z Removal of Internal Fixation Device from Sacrum")
    assert "5 Approach: 3 Percutaneous" in copied
    QApplication.processEvents()
