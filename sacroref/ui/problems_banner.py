"""Banners above the tree: content problems, and a notice about settings; shown as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sacroref.core.content.problems import Problem
from sacroref.ui.widgets import named


class ProblemsBanner(QFrame):
    """Lists each problem with its file and key; the valid content stays loaded."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentProblems")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Content problems")
        count = len(problems)
        self.heading = QLabel(
            f"{count} content problem{'s' if count != 1 else ''}. "
            "Everything valid is loaded; fix these files and restart.",
            self,
        )
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.listing = named(QPlainTextEdit(self), "contentProblemList")
        self.listing.setReadOnly(True)
        self.listing.setPlainText("\n".join(str(problem) for problem in problems))
        self.listing.setMaximumHeight(110)
        self.dismiss = QPushButton("Hide", self)
        self.dismiss.setAccessibleName("Hide content problems")
        self.dismiss.clicked.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.listing)
        layout.addWidget(self.dismiss)
        self.setVisible(bool(problems))


class NoticeBar(QFrame):
    """One line that stays until hidden: settings that are damaged or cannot be kept."""

    def __init__(self, parent: QWidget | None = None, name: str = "settingsNotice") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Settings notice")
        self.message = named(QLabel(self), f"{name}Text")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        dismiss = QPushButton("Hide", self)
        dismiss.setAccessibleName("Hide the settings notice")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(dismiss)

    def show_message(self, message: str) -> None:
        """Show one notice (the newest replaces the last)."""
        self.message.setText(message)
        self.setVisible(True)


def show_problems(
    layout: QVBoxLayout, parent: QWidget, problems: Sequence[Problem], old: QWidget | None
) -> ProblemsBanner:
    """Put a banner of the problems at the top of a layout, in place of the old one."""
    if old is not None:
        layout.removeWidget(old)
        old.deleteLater()
    banner = ProblemsBanner(problems, parent)
    layout.insertWidget(0, banner)
    # A layout shows a new child of a visible window only later (a queued call); the
    # problems of content loaded after the first paint are shown at once instead.
    banner.setVisible(True)
    return banner


def show_notice(
    layout: QVBoxLayout, parent: QWidget, message: str, name: str = "settingsNotice"
) -> None:
    """Show a notice at the top of a layout (one bar a name; the newest replaces the last)."""
    bar = parent.findChild(NoticeBar, name)
    if bar is None:
        bar = NoticeBar(parent, name)
        layout.insertWidget(0, bar)
    bar.show_message(message)


def warn_of_edition(layout: QVBoxLayout, parent: QWidget, fiscal_year: int | None) -> None:
    """Past the edition's end, a notice that stays (every look-up keeps working)."""
    from sacroref.core.edition import Edition

    warning = Edition(fiscal_year).warning() if fiscal_year else None
    if warning:
        show_notice(layout, parent, warning, "editionNotice")
