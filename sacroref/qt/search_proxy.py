"""A filter proxy that shows the codes a search found, with their ancestors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from sacroref.core.tree import Node, NodeKind
from sacroref.qt.tree_model import CodeTreeModel

if TYPE_CHECKING:
    from sacroref.core.search.codespace import SearchResult


class CodeFilterProxy(QSortFilterProxyModel):
    """Accepts the rows of matching codes and of their ancestors.

    Every node knows which codes lie under it (a code prefix), so a row costs one AND of
    the result's bit set with the prefix's bits, whether or not the row's table has been
    opened; only rows the view has made are ever asked about.
    """

    def __init__(self, model: CodeTreeModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = model
        self._result: SearchResult | None = None
        self.setSourceModel(model)

    def apply(self, result: SearchResult) -> None:
        """Show only the rows of a search result (all rows for an empty query)."""
        self._result = result if result.mask is not None else None
        # A full invalidate drops the row mappings of every table ever opened, so only
        # the rows the view shows again are filtered, however much has been browsed.
        self.invalidate()

    def accepts(self, node: Node) -> bool:
        """Return whether a node holds a match (every node when there is no search)."""
        result = self._result
        if result is None:
            return True
        if node.system is not None and node.prefix is not None:
            # Sections and body systems leave out the sacral tables, shown in their own group.
            grouped = node.kind in (NodeKind.SECTION, NodeKind.BODY_SYSTEM)
            return result.any_with_prefix(node.system, node.prefix, but_sacral=grouped)
        return any(self.accepts(child) for child in node.children)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._result is None:
            return True
        node = self._tree.node_at(source_row, source_parent)
        return node is None or self.accepts(node)  # a placeholder: its table was accepted
