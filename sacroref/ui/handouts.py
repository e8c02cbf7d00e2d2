"""Handouts: which page, table or quiz goes on paper, and printing or saving it as PDF."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from sacroref.core.catalog import Catalog
    from sacroref.core.document import Document
    from sacroref.core.tree import Node


class HandoutKind(str, Enum):
    """What a handout holds."""

    PAGE = "page"  # the page in the detail pane
    TABLE = "table"  # a table as approach by device, with its codes
    QUIZ = "quiz"  # the quiz's student sheet, then its answer key from a new page


class Handouts:
    """Makes handouts of the current page, a table or the quiz, on paper or as PDF."""

    def __init__(
        self,
        parent: QWidget,
        catalog: Callable[[], Catalog],
        current_node: Callable[[], Node | None],
        say: Callable[[str], None],
        note: Callable[[str], str | None] = lambda _code: None,
    ) -> None:
        self._note = note  # the coder's own note on a code, when handouts should carry it
        self._parent = parent
        self._catalog = catalog  # asked each time: it finishes loading first
        self._current_node = current_node
        self._say = say

    def choose_table(self) -> str | None:
        """Ask which table to hand out (0QP1 offered first when loaded); None when none."""
        from PySide6.QtWidgets import QInputDialog

        keys = self._catalog().pcs_codes.table_keys()
        if not keys:
            self._say("No ICD-10-PCS table is loaded")
            return None
        first = keys.index("0QP1") if "0QP1" in keys else 0
        chosen, accepted = QInputDialog.getItem(
            self._parent, "Export table", "Table:", keys, first, False
        )
        return chosen if accepted and chosen in keys else None

    def documents(self, kind: HandoutKind) -> list[Document]:
        """Return the handout's documents, each to start on a new page; none when there is
        nothing to hand out."""
        if kind is HandoutKind.QUIZ:
            from sacroref.core.training import quiz_key, quiz_sheet

            catalog = self._catalog()
            return [quiz_sheet(catalog.quiz_cases), quiz_key(catalog, catalog.quiz_cases)]
        document = self.document(kind)
        return [document] if document is not None else []

    def document(self, kind: HandoutKind) -> Document | None:
        """Return a page or table handout, or None when there is nothing to hand out."""
        from sacroref.core.pages.nodes import node_document
        from sacroref.core.pages.pcs import table_document

        catalog = self._catalog()
        node = self._current_node()
        if kind is HandoutKind.TABLE:
            key = node.table_key if node and node.table_key else self.choose_table()
            codes = catalog.codes_in_table(key) if key else []
            if not codes:
                return None
            return table_document(catalog, codes[0].table, codes[0].body_part.code)
        document = node_document(catalog, node) if node else None
        if document is not None and node is not None and node.code:
            from sacroref.core.pages.common import with_note

            document = with_note(document, self._note(node.code))
        if document is None:
            from sacroref.ui.about import about_document

            document = about_document(catalog)
        return document

    def export_pdf(self, kind: HandoutKind, path: Path | None = None) -> Path | None:
        """Save a handout as PDF (asks where, unless a path is given); return the path."""
        from sacroref.core.edition import content_edition_name
        from sacroref.ui.printing import export_pdf

        documents = self.documents(kind)
        if not documents:
            return None
        if path is None:
            path = self._ask_where(documents[0].title, kind)
            if path is None:
                return None
        pages = export_pdf(documents, path, content_edition_name(self._catalog()))
        self._say(f"Saved {path.name} ({pages} page(s))")
        return path

    def _ask_where(self, title: str, kind: HandoutKind) -> Path | None:
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = "".join(ch for ch in title.split(" ", maxsplit=1)[0] if ch.isalnum()) or kind.value
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, "Export as PDF", str(Path(folder) / f"sacroref-{name}.pdf"), "PDF (*.pdf)"
        )
        return Path(chosen) if chosen else None

    def print_page(self) -> None:
        """Print the current page on a printer the coder chooses (the print service, then)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from sacroref.core.edition import content_edition_name
        from sacroref.ui.printing import print_document

        document = self.document(HandoutKind.PAGE)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if document is not None and QPrintDialog(printer, self._parent).exec():
            print_document(printer, document, content_edition_name(self._catalog()))
