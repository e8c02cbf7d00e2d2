"""Drive the real window as a coder would: search, select, copy, follow links, go back."""

from __future__ import annotations

import socket
import sys

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QSplitter, QTextBrowser, QTreeView, QWidget

from sacroref.core.document import to_text
from sacroref.qt.content_store import ContentState
from sacroref.ui.handouts import HandoutKind
from sacroref.ui.row_delegate import PlainRowDelegate
from tests.helpers.content import BUNDLED_CODES, SOURCES, write_folder
from tests.unit.qt.test_tree_model import visible_codes


def find(window, kind, name):
    widget = window.findChild(kind, name)
    assert widget is not None, name
    return widget


def search(window, qtbot, text):
    box = find(window, QLineEdit, "searchBox")
    box.setFocus()
    qtbot.keyClicks(box, text)
    return box


def detail_text(window):
    return find(window, QTextBrowser, "detailPane").toPlainText()


def select(window, qtbot, code):
    assert window.tree_panel.select_code(code)
    qtbot.waitUntil(lambda: code in detail_text(window))


def test_the_detail_pane_says_what_to_do_until_something_is_selected(make_window, qtbot):
    window = make_window(staged=True, show=False)
    pane = find(window, QTextBrowser, "detailPane")
    assert pane.toPlainText() == ""  # before the first paint: a placeholder, not a page
    assert "Select a table" in pane.placeholderText()
    window.show()
    qtbot.waitUntil(lambda: "Recently viewed" in pane.toPlainText())  # then the start page
    select(window, qtbot, "0QP134Z")
    window.detail.show_document(None, None, starred=False)
    assert pane.toPlainText() == ""  # the placeholder shows again


def test_typing_filters_the_tree_and_counts(window, qtbot):
    search(window, qtbot, "0qp1")
    tree = find(window, QTreeView, "codeTree")
    assert len(visible_codes(tree.model())) == 17
    assert find(window, QLabel, "matchCount").text() == "17 matches"


def test_device_key_term_search(window, qtbot):
    search(window, qtbot, "k-wire")
    codes = visible_codes(find(window, QTreeView, "codeTree").model())
    assert "0QP134Z" in codes
    assert "0QP135Z" not in codes


def test_escape_clears_the_search(window, qtbot):
    box = search(window, qtbot, "cement")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert find(window, QLabel, "matchCount").text() == f"{BUNDLED_CODES:,} codes"


def test_no_match_says_so_and_suggests(window, qtbot):
    search(window, qtbot, "0QP1Y")
    no_match = find(window, QLabel, "noMatch")
    assert no_match.isVisible()
    assert "No match." in no_match.text()
    qtbot.waitUntil(lambda: "0QP1X" in no_match.text())  # once the keystrokes have settled
    assert find(window, QLabel, "matchCount").text() == "0 matches"
    no_match.linkActivated.emit("0QP1X4Z")
    qtbot.waitUntil(lambda: "0QP1X4Z" in detail_text(window))


def test_enter_on_a_complete_code_jumps_to_it(window, qtbot):
    box = search(window, qtbot, "0qp1-34z")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            "Removal of Internal Fixation Device from Sacrum, Percutaneous "
            "Approach" in detail_text(window)
        )
    )
    assert find(window, QTreeView, "codeTree").hasFocus()


def test_selecting_a_code_shows_its_detail(window, qtbot):
    select(window, qtbot, "0QP134Z")
    text = detail_text(window)
    assert "Character by character" in text
    assert "Entry, by puncture or minor incision" in text
    assert "Kirschner wire (K-wire)" in text


def test_cpt_detail_and_its_notice(window, qtbot):
    select(window, qtbot, "0201T")
    text = detail_text(window)
    assert "AMA-licensed" in text
    assert "Payment indicators" in text
    assert "P6A" in text


def test_ctrl_c_in_the_tree_copies_the_code(window, qtbot):
    select(window, qtbot, "0QP134Z")
    tree = find(window, QTreeView, "codeTree")
    tree.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "0QP134Z"
    assert window.statusBar().currentMessage() == "Copied 0QP134Z"


def test_copy_buttons_and_context_menu(window, qtbot):
    select(window, qtbot, "0QP134Z")
    qtbot.mouseClick(window.detail.copy_title_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "0QP134Z Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
    )
    qtbot.mouseClick(window.detail.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "0QP134Z"
    menu_texts = [a.text() for a in find(window, QTreeView, "codeTree").actions()]
    assert "&Copy code" in menu_texts
    assert "Copy code and &title" in menu_texts


def test_following_a_link_navigates_inside_the_app(window, qtbot):
    select(window, qtbot, "0201T")
    window.detail.browser.anchorClicked.emit(QUrl("code:0200T"))
    qtbot.waitUntil(lambda: "Sacroplasty, one side" in detail_text(window))
    assert window.tree_panel.current_node().code == "0200T"


def test_back_and_forward_with_the_keyboard(window, qtbot):
    for code in ("0QP134Z", "0201T", "22848"):
        select(window, qtbot, code)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_code == "0201T")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_code == "0QP134Z")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.current_code == "0201T")


@pytest.mark.parametrize(
    "key",
    [
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Slash, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_find_shortcuts_focus_search(window, qtbot, key):
    tree = find(window, QTreeView, "codeTree")
    tree.setFocus()
    qtbot.keyClick(tree, *key)
    qtbot.waitUntil(find(window, QLineEdit, "searchBox").hasFocus)


def test_star_with_ctrl_d_adds_to_favorites(window, qtbot):
    select(window, qtbot, "0QP134Z")
    qtbot.keyClick(
        find(window, QTreeView, "codeTree"), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
    )
    assert window.model.favorite_codes() == ["0QP134Z"]
    assert window.detail.star_button.isChecked()
    qtbot.mouseClick(window.detail.star_button, Qt.MouseButton.LeftButton)
    assert window.model.favorite_codes() == []


def test_always_on_top_zoom_and_compact(window, qtbot):
    window.action("onTopAction").trigger()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    browser = find(window, QTextBrowser, "detailPane")
    before = browser.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == before + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == before
    window.action("compactAction").trigger()
    qtbot.waitUntil(lambda: window.width() <= 420)
    assert find(window, QSplitter, "mainSplitter").orientation() == Qt.Orientation.Vertical
    search(window, qtbot, "0qp134")
    assert find(window, QTreeView, "codeTree").isVisible()


def test_state_is_restored_after_a_restart(make_window, qtbot, tmp_path):
    settings = tmp_path / "state.ini"
    first = make_window(settings_path=settings)
    select(first, qtbot, "0QP134Z")
    first.model.add_favorite("0201T")
    first.view.set_zoom(3)
    first.view.set_always_on_top(True)
    first.resize(700, 500)  # the offscreen screen is 800 x 600
    first.close()
    second = make_window(settings_path=settings)
    assert second.view.zoom == 3
    assert second.action("onTopAction").isChecked()
    assert second.model.favorite_codes() == ["0201T"]
    assert second.current_code == "0QP134Z"
    assert "Removal of Internal Fixation Device" in detail_text(second)
    assert (second.width(), second.height()) == (700, 500)


def test_broken_extra_content_shows_the_banner(make_window, tmp_path):
    folder = write_folder(
        tmp_path / "local", {"s.toml": SOURCES, "bad.toml": 'kind = "notes"\n[[notes]]\ncode = 5\n'}
    )
    window = make_window([folder])
    banner = window.findChild(QWidget, "contentProblems")
    assert banner.isVisible()
    listing = banner.listing.toPlainText()
    assert "bad.toml: source: required key is missing" in listing
    assert "bad.toml: notes[0].code: expected a string" in listing
    assert window.store.catalog.code_count() == BUNDLED_CODES


def test_banner_is_absent_without_problems(window):
    assert window.findChild(QWidget, "contentProblems") is None


def test_corrupt_settings_fall_back_to_defaults(make_window, tmp_path):
    settings = tmp_path / "bad.ini"
    settings.write_bytes(b"[view]\nzoom=banana\nalways_on_top=maybe\n[window]\ngeometry=junk\n")
    window = make_window(settings_path=settings)
    assert window.view.zoom == 0
    assert not window.action("onTopAction").isChecked()
    assert "bad value" in window.statusBar().currentMessage()


def test_unwritable_settings_give_a_notice(make_window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    window = make_window(settings_path=blocker / "sub" / "settings.ini")
    notice = window.findChild(QWidget, "settingsNotice")
    assert notice is not None
    assert notice.isVisible()  # said at start, not only when the window closes
    shown = window.findChild(QLabel, "settingsNoticeText").text()
    assert "cannot be saved" in shown
    assert "will not survive a restart" in shown
    window.model.add_favorite("0QP134Z")
    assert window.model.is_favorite("0QP134Z")  # kept while the app runs
    assert window.save_state() is False


def test_about_shows_edition_disclaimer_and_cpt_notice(window, qtbot):
    window.findChild(type(window.action("backAction")), "aboutAction").trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert "ICD-10-PCS FY2026, CPT 2025" in text
    assert "does not replace the official" in text
    assert "AMA-licensed" in text
    assert "Coding Ahead code page for CPT 0201T" in text  # sources named by what they are
    assert not any(ending in text for ending in (".txt", ".xml", ".tsv", "seeds/"))  # no paths
    dialog.close()


def test_no_network_while_driving_the_whole_window(make_window, qtbot, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("sacroref tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    window = make_window()
    search(window, qtbot, "sacroplasty")
    select(window, qtbot, "0201T")
    window.detail.browser.anchorClicked.emit(QUrl("code:0QU13JZ"))
    window.detail.browser.anchorClicked.emit(QUrl("https://example.com/"))
    qtbot.waitUntil(lambda: window.current_code == "0QU13JZ")
    window.show_about()
    window.close()
    assert "PySide6.QtNetwork" not in sys.modules


def test_clear_action_empties_the_search(window, qtbot):
    box = search(window, qtbot, "cement")
    clear = window.tree_panel.clear_action
    assert clear in box.actions()
    assert clear.isVisible()
    clear.trigger()
    assert box.text() == ""
    assert not clear.isVisible()


def test_dark_theme_and_back(window, qapp):
    before = qapp.palette().window().color().lightness()
    window.findChild(type(window.action("backAction")), "theme-dark").trigger()
    assert qapp.palette().window().color().lightness() < 80
    window.findChild(type(window.action("backAction")), "theme-system").trigger()
    assert qapp.palette().window().color().lightness() == before
    assert window.settings.get_str("theme") == "system"


def test_help_shows_what_changed(window):
    window.findChild(type(window.action("backAction")), "changesAction").trigger()
    assert "What changed: FY2025 to FY2026" in detail_text(window)


def test_typing_on_with_the_same_matches_keeps_the_tree(make_window, sacral_import, qtbot):
    window = make_window([sacral_import])
    search(window, qtbot, "kirschne")
    tree = find(window, QTreeView, "codeTree")
    tree.collapseAll()  # the coder folded a branch
    qtbot.keyClicks(find(window, QLineEdit, "searchBox"), "r")
    assert find(window, QLabel, "matchCount").text() == "26 matches"
    assert not tree.isExpanded(tree.model().index(0, 0))
    qtbot.keyClick(find(window, QLineEdit, "searchBox"), Qt.Key.Key_Backspace)
    qtbot.keyClicks(find(window, QLineEdit, "searchBox"), "x")
    assert find(window, QLabel, "matchCount").text() == "0 matches"


def test_search_index_is_built_after_the_first_paint(window, qtbot):
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.store.state is ContentState.READY)
    search(window, qtbot, "0qp1")
    assert find(window, QLabel, "matchCount").text() == "17 matches"


def test_typing_before_the_index_is_ready_still_finds(make_window, qtbot):
    window = make_window(show=False)  # not shown: nothing has started the index yet
    assert window.store.state is ContentState.WAITING
    search(window, qtbot, "k-wire")
    assert "0QP134Z" in visible_codes(find(window, QTreeView, "codeTree").model())


def test_expanding_a_table_shows_its_approaches(window, qtbot):
    tree = find(window, QTreeView, "codeTree")
    proxy = tree.model()
    pcs = proxy.index(0, 0, proxy.index(1, 0))  # the sacral tables
    tree.expand(pcs)
    table = next(
        proxy.index(row, 0, pcs)
        for row in range(proxy.rowCount(pcs))
        if proxy.index(row, 0, pcs).data().startswith("0QP1")
    )
    tree.expand(table)
    qtbot.waitUntil(lambda: proxy.rowCount(table) == 4)
    assert proxy.index(0, 0, table).data() == "0  Open"


def test_rows_are_painted_from_cached_layouts_once_the_content_is_searchable(make_window, qtbot):
    window = make_window(show=False)
    tree = find(window, QTreeView, "codeTree")
    assert not isinstance(tree.itemDelegate(), PlainRowDelegate)  # QStyle waits for the paint
    window.show()
    qtbot.waitUntil(lambda: window.store.state is ContentState.READY)
    qtbot.waitUntil(lambda: isinstance(tree.itemDelegate(), PlainRowDelegate))


def test_content_loads_after_the_first_paint(make_window, qtbot):
    window = make_window(staged=True, show=False)
    label = find(window, QLabel, "editionLabel")
    assert "loading content" in label.text()
    tree = find(window, QTreeView, "codeTree")
    pcs, cpt = tree.model().index(1, 0), tree.model().index(2, 0)
    assert tree.model().rowCount(pcs) == tree.model().rowCount(cpt) == 0
    assert pcs.data() == "ICD-10-PCS  (loading…)"
    assert cpt.data() == "CPT  (loading…)"
    window.show()
    qtbot.waitUntil(lambda: window.store.loaded)
    assert label.text().endswith(f"{BUNDLED_CODES:,} codes")
    assert pcs.data() == "ICD-10-PCS"
    assert tree.model().rowCount(pcs) == 18  # the sacral tables, then the 17 sections
    assert cpt.data() == "CPT"
    assert tree.model().rowCount(cpt) == 2  # the sacroplasty and pelvic fixation headings
    qtbot.waitUntil(lambda: window.store.state is ContentState.READY)
    search(window, qtbot, "0qp1")
    assert find(window, QLabel, "matchCount").text() == "17 matches"


def test_small_content_is_opened_whole_in_idle_time(make_window, sacral_import, qtbot, monkeypatch):
    window = make_window([sacral_import], staged=True)
    qtbot.waitUntil(lambda: window.store.loaded and window.store.state is ContentState.READY)
    assert all(window.model.has_row(code) for code in window.store.catalog.code_strings())
    assert window.model.opened_whole  # a search need not look for rows to make
    monkeypatch.setattr("sacroref.qt.content_store.OPEN_AHEAD_LIMIT", 100)  # 146 codes: too many
    larger = make_window([sacral_import], staged=True)
    qtbot.waitUntil(lambda: larger.store.loaded and larger.store.state is ContentState.READY)
    assert not larger.model.has_row("0QH134Z")  # its table opens when a coder opens it
    assert not larger.model.opened_whole


def test_a_search_while_content_loads_waits_for_it(make_window, qtbot):
    window = make_window(staged=True, show=False)
    search(window, qtbot, "k-wire")
    assert window.store.loaded
    assert "0QP134Z" in visible_codes(find(window, QTreeView, "codeTree").model())


def test_a_code_or_handout_asked_for_while_content_loads_is_whole(make_window, qtbot):
    window = make_window(staged=True, show=False)
    assert not window.store.loaded
    select(window, qtbot, "0200T")  # as a link, a suggestion or history would
    assert window.store.loaded
    # A related PCS code is titled, so its table was loaded before the page was shown.
    assert "Supplement Sacrum with Synthetic Substitute" in detail_text(window)
    early = make_window(staged=True, show=False)
    handout = to_text(early.handouts.documents(HandoutKind.QUIZ)[1])
    assert early.store.loaded
    assert "0QP1X5Z" in handout  # the first case's answer, in the key


def test_favorites_and_last_code_survive_a_staged_start(make_window, qtbot, tmp_path):
    settings = tmp_path / "state.ini"
    first = make_window(settings_path=settings)
    select(first, qtbot, "0QP134Z")
    first.model.add_favorite("0QP134Z")
    first.close()
    early = make_window(settings_path=settings, staged=True, show=False)
    early.close()  # before its tables were in: nothing remembered may be lost
    second = make_window(settings_path=settings, staged=True, show=False)
    assert second.model.favorite_codes() == ["0QP134Z"]  # kept while its table loads
    second.show()
    qtbot.waitUntil(lambda: second.store.loaded)
    assert second.current_code == "0QP134Z"
    favorites = second.tree_panel.tree.model().index(0, 0)
    assert second.tree_panel.tree.model().rowCount(favorites) == 1


def test_problems_in_tables_parsed_later_join_the_banner(make_window, qtbot, tmp_path):
    folder = write_folder(
        tmp_path / "local",
        {"s.toml": SOURCES, "0QX.toml": 'kind = "pcs-table"\nsource = "test-source"\n'},
    )
    window = make_window([folder], staged=True, show=False)
    window.show()
    assert not window.store.loaded
    window.store.ensure_loaded()  # checked at once: no event may be needed for the banner to show
    banner = window.findChild(QWidget, "contentProblems")
    assert banner is not None
    assert banner.isVisible()
    assert "0QX.toml" in banner.listing.toPlainText()
    assert window.store.catalog.code_count() == BUNDLED_CODES


def test_rows_made_when_a_table_opens_fit_the_column(make_window, qtbot, tmp_path):
    window = make_window()
    tree = find(window, QTreeView, "codeTree")
    assert window.tree_panel.select_code("0QP134Z")  # opens 0QP1, making its code rows
    index = tree.currentIndex()
    depth = 0
    above = index
    while above.isValid():
        depth, above = depth + 1, above.parent()
    needed = tree.fontMetrics().horizontalAdvance(index.data()) + tree.indentation() * depth
    assert tree.columnWidth(0) >= needed


@pytest.mark.parametrize(("today", "shown"), [("2026-03-01", False), ("2026-12-02", True)])
def test_the_edition_warning_is_shown_only_past_the_editions_end(
    make_window, monkeypatch, today, shown
):
    import datetime

    import sacroref.core.edition

    monkeypatch.setattr(sacroref.core.edition, "today", lambda: datetime.date.fromisoformat(today))
    window = make_window()
    notice = window.findChild(QWidget, "editionNotice")
    assert (notice is not None and notice.isVisible()) is shown
    if shown:
        text = window.findChild(QLabel, "editionNoticeText").text()
        assert text.startswith("ICD-10-PCS FY2026 ended 2026-09-30. FY2027 is in force")
    window.go_to_code("0QP134Z")  # every look-up keeps working
    assert "0QP134Z" in detail_text(window)
    window.show_about()
    about = window.about_dialog.browser.toPlainText()
    assert "for discharges from 2025-10-01 to 2026-09-30" in about
    assert ("edition ended" in about) is shown
    assert "April 1, 2026 update added 80 codes and deleted 2" in about
