"""The dialog a coder writes a note on a code in (opened only when one is written)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sacroref.core.daily import NOTE_LIMIT
from sacroref.ui.widgets import named, shortcut


class NoteDialog(QDialog):
    """Write or change the note on one code; Ctrl+Enter saves, Esc leaves it as it was."""

    def __init__(self, parent: QWidget, code: str, note: str) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(f"My note on {code}")
        label = QLabel(
            f"Your own note on {code} (a Coding Clinic citation, a payer rule, a local decision). "
            "It is kept on this computer and shown as yours.",
            self,
        )
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = named(QPlainTextEdit(note, self), "noteText")
        self.editor.setTabChangesFocus(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        shortcut(QKeySequence("Ctrl+Return"), self, self.accept, Qt.ShortcutContext.WindowShortcut)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def text(self) -> str:
        """Return the note as written (cut to the note limit)."""
        return self.editor.toPlainText().strip()[:NOTE_LIMIT]
