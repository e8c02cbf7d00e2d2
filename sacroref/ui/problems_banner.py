"""A banner listing content problems; hidden when there are none."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from sacroref.core.loader import Problem
from sacroref.ui import named


class ProblemsBanner(QFrame):
    """Lists each problem with its file and key; the valid content stays loaded."""

    def __init__(self, problems: Sequence[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentProblems")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Content problems")
        count = len(problems)
        self.heading = QLabel(
            f"<b>{count} content problem{'s' if count != 1 else ''}.</b> "
            "Everything valid is loaded; fix these files and restart.",
            self,
        )
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
