"""The right side: the detail of the selected item, with copy and star buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sacroref.ui.widgets import button_row, named

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData, QUrl

    from sacroref.core.document import Document


class PageBrowser(QTextBrowser):
    """The page view; a copied selection leaves out the breaks added for wrapping."""

    def createMimeDataFromSelection(self) -> QMimeData:
        from PySide6.QtCore import QMimeData  # only when something is copied

        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace("\u200b", ""))
        return data


class DetailPane(QWidget):
    """Shows a rendered document; links to codes stay inside the app."""

    codeLinkActivated = Signal(str)
    copyRequested = Signal(bool)  # True: code and title
    starToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy_button = named(QPushButton("Copy code", self), "copyButton")
        self.copy_button.setAccessibleName("Copy code")
        self.copy_button.setToolTip("Copy the code (Ctrl+C)")
        self.copy_title_button = named(QPushButton("Copy code + title", self), "copyTitleButton")
        self.copy_title_button.setAccessibleName("Copy code and title")
        self.copy_title_button.setToolTip("Copy the code and its title (Ctrl+Shift+C)")
        self.star_button = named(QPushButton("☆ Star", self), "starButton")
        self.star_button.setCheckable(True)
        self.star_button.setAccessibleName("Star this code")
        self.star_button.setToolTip("Keep this code under Favorites (Ctrl+D)")
        self.browser = named(PageBrowser(self), "detailPane")
        self.document: Document | None = None
        self.unfolded: set[str] = set()  # the folds of the shown page a coder opened
        self.full_text: QDialog | None = None
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("Detail")
        # A placeholder, not a document: nothing to lay out before the first paint.
        self.browser.setPlaceholderText(
            "Select a table, approach, device or code on the left, or type in the search field."
        )

        buttons = button_row([self.copy_button, self.copy_title_button, self.star_button], [])
        buttons.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)

        self.copy_button.clicked.connect(lambda: self.copyRequested.emit(False))
        self.copy_title_button.clicked.connect(lambda: self.copyRequested.emit(True))
        self.star_button.toggled.connect(self._star_toggled)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.show_document(None, None, starred=False)

    def show_document(self, document: Document | None, code: str | None, *, starred: bool) -> None:
        """Show a page, its folds closed; the code buttons work only when a code is shown."""
        self.document = document
        self.unfolded.clear()
        if document is None:
            self.browser.clear()  # shows the placeholder
        else:
            self.rerender()
        self.set_code_actions(code is not None)
        self.set_starred(starred)

    def folded(self) -> frozenset[str]:
        """Return the keys of the shown page's folds that are closed."""
        from sacroref.core.document import Fold

        blocks = self.document.blocks if self.document is not None else ()
        return frozenset(
            b.key for b in blocks if isinstance(b, Fold) and b.key not in self.unfolded
        )

    def set_code_actions(self, enabled: bool) -> None:
        """Let the code buttons act, or not (no code shown)."""
        for button in (self.copy_button, self.copy_title_button, self.star_button):
            button.setEnabled(enabled)

    def rerender(self) -> None:
        """Lay the page out again (after a theme change: links take the palette's color)."""
        if self.document is not None:
            from sacroref.core.document import to_html  # first needed after the first paint

            self.browser.setHtml(to_html(self.document, self.folded()))

    def go_to(self, anchor: str) -> None:
        """Scroll to a heading of the page, opening the fold it lies in first."""
        from sacroref.core.document import anchors

        if self.document is None:
            return
        fold = next((f for _, a, f in anchors(self.document) if a == anchor), "")
        if fold and fold not in self.unfolded:
            self.unfolded.add(fold)
            self.rerender()
        self.browser.scrollToAnchor(anchor)

    def toggle_fold(self, key: str) -> None:
        """Open a closed fold of the page (and go to it), or close an open one."""
        if key in self.unfolded:
            self.unfolded.discard(key)
        else:
            self.unfolded.add(key)
        self.rerender()
        self.browser.scrollToAnchor(key)

    def set_starred(self, starred: bool) -> None:
        """Show whether the current code is starred, without emitting a toggle."""
        self.star_button.blockSignals(True)
        self.star_button.setChecked(starred)
        self.star_button.setText("★ Starred" if starred else "☆ Star")
        self.star_button.blockSignals(False)

    def _star_toggled(self, checked: bool) -> None:
        self.star_button.setText("★ Starred" if checked else "☆ Star")
        self.starToggled.emit(checked)

    def _anchor_clicked(self, url: QUrl) -> None:
        # Only in-app links are followed; nothing ever opens a browser.
        from sacroref.core.document import FOLD_LINK, SHOW_ALL_LINK

        if url.scheme() == "code":
            self.codeLinkActivated.emit(url.path())
        elif url.scheme() == FOLD_LINK.rstrip(":"):
            self.toggle_fold(url.path())
        elif not url.scheme() and url.hasFragment():  # the page's own table of contents
            self.go_to(url.fragment())
        elif url.toString() == SHOW_ALL_LINK:
            self.show_full_text()

    def show_full_text(self) -> None:
        """Show the whole page as plain text, long lines split, in a window of its own."""
        from sacroref.core.document import to_text

        if self.document is None:
            return
        lines = to_text(self.document).splitlines()
        # A plain-text view lays out each line alone: no line is left long.
        split = [line[i : i + 1000] for line in lines for i in range(0, len(line) or 1, 1000)]
        dialog = self.full_text = QDialog(self)
        dialog.setObjectName("fullTextDialog")
        dialog.setWindowTitle(f"{self.document.title[:80]} (all text)")
        view = named(QPlainTextEdit(dialog), "fullText")
        view.setReadOnly(True)
        view.setPlainText("\n".join(split))
        QVBoxLayout(dialog).addWidget(view)
        dialog.resize(700, 500)
        dialog.show()
