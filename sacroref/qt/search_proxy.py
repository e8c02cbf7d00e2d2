"""A filter proxy that shows the codes a search found, with their ancestors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from sacroref.core.search import SearchResult
from sacroref.core.tree import Node
from sacroref.qt.tree_model import KEY_ROLE, CodeTreeModel


class CodeFilterProxy(QSortFilterProxyModel):
    """Accepts the rows of matching codes and of their ancestors.

    The visible set (matches plus ancestors) is computed once per query from the search
    index, so each row costs one set lookup rather than a recursive walk of its subtree.
    """

    def __init__(self, model: CodeTreeModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = model
        self._visible: set[str] | None = None
        self.setSourceModel(model)

    def apply(self, result: SearchResult) -> None:
        """Show only the rows of a search result (all rows for an empty query)."""
        visible: set[str] | None = None
        if result.codes is not None:
            visible = set()
            for code in result.codes:
                for match in self._tree.nodes_for_code(code):
                    node: Node | None = match
                    while node is not None and node.key not in visible:
                        visible.add(node.key)
                        node = node.parent
        self.beginFilterChange()
        self._visible = visible
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._visible is None:
            return True
        key = self._tree.index(source_row, 0, source_parent).data(KEY_ROLE)
        return key in self._visible
