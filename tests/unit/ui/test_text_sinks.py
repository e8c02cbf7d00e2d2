"""Every place content is shown treats it as plain text: markup is shown, never acted on."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from sacroref.ui.handouts import HandoutKind
from tests.helpers.content import SOURCES, write_folder
from tests.unit.ui.test_training import pdf_text

MARKUP = '<img src="file:///dev/zero"><b>bold</b>'
SOURCES_WITH_MARKUP = f"""
kind = "sources"
[[sources]]
id = "test-source"
title = '{MARKUP} source'
kind = "local"
"""
PAGE = f"""
kind = "cpt-page"
code = "99999"
group = "Local"
name = '{MARKUP} page'
add_on = {{ value = false, source = "test-source" }}
[sections.summary]
source = "test-source"
text = '{MARKUP} text'
"""


@pytest.fixture
def marked_up(tmp_path):
    return write_folder(
        tmp_path / "local",
        {"sources.toml": SOURCES_WITH_MARKUP, "page.toml": PAGE, "<b>bold</b>.toml": "x = "},
    )


def test_tree_tooltip_is_escaped(make_window, marked_up):
    window = make_window([marked_up])
    index = window.model.find_code("99999")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip
    rendered = QTextDocument()
    rendered.setHtml(tooltip)
    assert rendered.toPlainText() == f"Local content from {marked_up}: {MARKUP} page"


HOVER = """
import sys
from pathlib import Path
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolTip
from sacroref.ui.startup import create_application, create_window
app = create_application()
from sacroref.ui.settings import Settings
window = create_window([Path(sys.argv[1])], Settings.in_memory(), staged=False)
window.show()
index = window.model.find_code("99999")
QToolTip.showText(QPoint(10, 10), index.data(Qt.ItemDataRole.ToolTipRole), window)
for _ in range(20):
    app.processEvents()
print("hovered")
"""


def test_hovering_a_marked_up_name_opens_no_file(marked_up):
    done = subprocess.run(
        [sys.executable, "-c", HOVER, str(marked_up)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "hovered" in done.stdout


def test_problems_banner_and_notice_are_plain_text(make_window, marked_up, tmp_path):
    window = make_window([marked_up])
    banner = window.findChild(QWidget, "contentProblems")
    assert banner is not None
    assert banner.heading.textFormat() == Qt.TextFormat.PlainText
    listing = window.findChild(QWidget, "contentProblemList").toPlainText()
    assert "<b>bold</b>.toml" in listing
    window.show_notice(MARKUP)
    notice = window.findChild(QLabel, "settingsNoticeText")
    assert notice.textFormat() == Qt.TextFormat.PlainText
    assert notice.text() == MARKUP


def test_detail_pane_status_bar_and_about_show_markup_as_text(make_window, marked_up, qtbot):
    window = make_window([marked_up])
    window.go_to_code("99999")
    shown = window.detail.browser.toPlainText()
    assert f"{MARKUP} text" in shown
    assert f"{MARKUP} source" in shown
    window.copy_current(with_title=True)
    assert MARKUP in window.statusBar().currentMessage()  # QStatusBar draws plain text only
    window.show_about()
    qtbot.waitExposed(window.about_dialog)
    assert f"{MARKUP} source" in window.about_dialog.browser.toPlainText()


def test_pdf_shows_markup_as_text(make_window, marked_up, tmp_path):
    window = make_window([marked_up])
    window.go_to_code("99999")
    _, content = pdf_text(window.handouts.export_pdf(HandoutKind.PAGE, tmp_path / "page.pdf"))
    assert '<img src="file:///dev/zero"><b>bold</b> text' in content


def test_a_huge_unbroken_note_is_shown_short_with_a_way_to_all_of_it(make_window, tmp_path):
    from sacroref.core.document import SHOW_ALL_LINK, SHOWN_CHARACTERS

    word = "A" * 10_000_000
    note = (
        'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
        f'title = "Long"\ntext = "{word}"\n'
    )
    folder = write_folder(tmp_path / "long", {"sources.toml": SOURCES, "n.toml": note})
    window = make_window([folder])
    window.go_to_code("0QP134Z")
    shown = window.detail.browser.toPlainText()
    assert f"[{10_000_000 - SHOWN_CHARACTERS:,} more characters: show all]" in shown
    assert len(shown) < 2 * SHOWN_CHARACTERS
    window.detail.browser.anchorClicked.emit(QUrl(SHOW_ALL_LINK))
    full = window.detail.full_text.findChild(QPlainTextEdit, "fullText").toPlainText()
    assert full.replace("\n", "").count("A") >= 10_000_000


def test_copying_from_the_pane_leaves_out_the_wrapping_breaks(make_window, tmp_path):
    url = "https://example.org/" + "x" * 300
    note = (
        'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
        f'title = "Link"\ntext = "{url}"\n'
    )
    folder = write_folder(tmp_path / "url", {"sources.toml": SOURCES, "n.toml": note})
    window = make_window([folder])
    window.go_to_code("0QP134Z")
    browser = window.detail.browser
    assert "\u200b" in browser.toPlainText()  # so Qt can wrap it
    browser.selectAll()
    copied = browser.createMimeDataFromSelection().text()
    assert url in copied
    assert "\u200b" not in copied
