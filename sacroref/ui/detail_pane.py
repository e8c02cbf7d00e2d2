"""The right side: the detail of the selected item, with copy and star buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QPushButton, QTextBrowser, QVBoxLayout, QWidget

from sacroref.ui import button_row, named

if TYPE_CHECKING:
    from sacroref.core.document import Document


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
        self.browser = named(QTextBrowser(self), "detailPane")
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
        """Show a page; the code buttons work only when a code is shown."""
        if document is None:
            self.browser.clear()  # shows the placeholder
        else:
            from sacroref.core.document import to_html  # first needed after the first paint

            self.browser.setHtml(to_html(document))
        for button in (self.copy_button, self.copy_title_button, self.star_button):
            button.setEnabled(code is not None)
        self.set_starred(starred)

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
        # Only in-app code links are followed; nothing ever opens a browser.
        if url.scheme() == "code":
            self.codeLinkActivated.emit(url.path())
