"""A recursive filter proxy that shows the codes a search found, with their ancestors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from sacroref.core.search import SearchResult
from sacroref.qt.tree_model import CODE_ROLE


class CodeFilterProxy(QSortFilterProxyModel):
    """Accepts code rows in the current search result; Qt keeps their ancestors visible."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._codes: frozenset[str] | None = None

    def apply(self, result: SearchResult) -> None:
        """Show only the rows of a search result (all rows for an empty query)."""
        self.beginFilterChange()
        self._codes = result.codes
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._codes is None:
            return True
        source = self.sourceModel()
        code = source.data(source.index(source_row, 0, source_parent), CODE_ROLE)
        return code is not None and code in self._codes
