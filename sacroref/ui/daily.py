"""A coder's day: recently viewed codes, the start page, personal notes, copy with rationale."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from sacroref.core.catalog import Catalog
from sacroref.core.daily import (
    codes_with_note_words,
    notes_from_text,
    notes_to_text,
    rationale,
    remember,
)
from sacroref.ui.settings import Settings

if TYPE_CHECKING:
    from sacroref.core.document import Document
    from sacroref.ui.note_dialog import NoteDialog


class DailyUse:
    """Keeps the codes viewed last and the coder's notes in the settings, and shows them."""

    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        catalog: Callable[[], Catalog],
        say: Callable[[str], None],
    ) -> None:
        self._parent = parent
        self._settings = settings
        self._catalog = catalog
        self._say = say
        self.recent = settings.get_list("recent", limit=50)
        self.notes = notes_from_text(settings.get_str("notes"))
        self.dialog: NoteDialog | None = None

    def viewed(self, code: str) -> None:
        """Remember that a code was viewed."""
        self.recent = remember(self.recent, code)
        self._settings.set("recent", self.recent)

    def page(self, document: Document | None, code: str | None) -> Document | None:
        """Return a code's page with the coder's note on it."""
        if document is None or code is None:
            return document
        from sacroref.core.pages.common import with_note  # pages: not needed before then

        return with_note(document, self.notes.get(code))

    def codes_noted(self, query_words: list[str]) -> list[str]:
        """Return the codes whose note holds the words a coder searched for."""
        return codes_with_note_words(self.notes, query_words) if self.notes else []

    def edit_note(self, code: str | None, saved: Callable[[], None]) -> None:
        """Open the note of a code for writing; ``saved`` is called once it is kept."""
        if code is None:
            self._say("Select a code to write a note on")
            return
        from sacroref.ui.note_dialog import NoteDialog  # only when a note is written

        self.dialog = NoteDialog(self._parent, code, self.notes.get(code, ""))

        def keep() -> None:
            assert self.dialog is not None
            note = self.dialog.text()
            if note:
                self.notes[code] = note
            else:
                self.notes.pop(code, None)
            self._settings.set("notes", notes_to_text(self.notes))
            self._say(f"Note on {code} kept" if note else f"Note on {code} removed")
            saved()

        self.dialog.accepted.connect(keep)
        self.dialog.open()

    def copy_rationale(self, code: str | None) -> None:
        """Copy a code, its title, what each character means and the note, as plain text."""
        text = rationale(self._catalog(), code, self.notes.get(code)) if code else None
        if text is None:
            self._say("Select a code to copy")
            return
        QGuiApplication.clipboard().setText(text)
        self._say(f"Copied {code} with its rationale")
