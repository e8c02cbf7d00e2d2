"""The code tree as a Qt item model, built from the Qt-free node tree.

The rows live in C++ (QStandardItemModel), so the view and the filter proxy walk them
without calling back into Python for every index, parent and role; the Python side keeps
only the lookup from an item's key to its core node.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from sacroref.core.catalog import Catalog
from sacroref.core.tree import FAVORITES_BRANCH, Node, add_favorite, build_tree

AnyIndex = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3


def _item(node: Node) -> QStandardItem:
    item = QStandardItem(f"{node.label}  {node.detail}" if node.detail else node.label)
    item.setEditable(False)
    item.setData(node.key, KEY_ROLE)
    item.setData(node.code, CODE_ROLE)
    item.setData(node.kind.value, KIND_ROLE)
    if node.tooltip:
        item.setToolTip(node.tooltip)
        item.setData(node.tooltip, Qt.ItemDataRole.AccessibleDescriptionRole)
    return item


class CodeTreeModel(QStandardItemModel):
    """Read-only tree of tables, approaches, devices, qualifiers and codes, plus favorites."""

    def __init__(
        self, catalog: Catalog, favorites: list[str] | None = None, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._root = build_tree(catalog, favorites)
        self._favorites = next(n for n in self._root.children if n.label == FAVORITES_BRANCH)
        self._nodes: dict[str, Node] = {}
        self._items: dict[str, QStandardItem] = {}
        self._by_code: dict[str, list[Node]] = {}
        self._add_children(self.invisibleRootItem(), self._root)
        self.setHorizontalHeaderLabels(["Code"])

    def _add_children(self, parent_item: QStandardItem, parent: Node) -> None:
        items = []
        for child in parent.children:
            item = self._remember(child)
            self._add_children(item, child)
            items.append(item)
        if items:
            parent_item.appendRows(items)

    def _remember(self, node: Node) -> QStandardItem:
        item = _item(node)
        self._nodes[node.key] = node
        self._items[node.key] = item
        if node.code:
            self._by_code.setdefault(node.code, []).append(node)
        return item

    def row_texts(self) -> list[tuple[int, str]]:
        """Return the depth and display text of every row (to size the column once)."""
        return [
            (node.key.count("/"), f"{node.label}  {node.detail}" if node.detail else node.label)
            for node in self._root.walk()
            if node is not self._root
        ]

    def node(self, index: AnyIndex) -> Node:
        """Return the core node behind an index (the invisible root for an invalid one)."""
        if not index.isValid():
            return self._root
        return self._nodes[index.data(KEY_ROLE)]

    def index_of(self, node: Node) -> QModelIndex:
        """Return the index of a node."""
        item = self._items.get(node.key)
        return item.index() if item is not None else QModelIndex()

    def nodes_for_code(self, code: str) -> list[Node]:
        """Return every node showing a code: its own, and its Favorites copy when starred."""
        return self._by_code.get(code, [])

    def find_code(self, code: str) -> QModelIndex:
        """Return the index of a code in its own branch (not the favorites copy)."""
        for node in self.nodes_for_code(code):
            if node.parent is not self._favorites:
                return self.index_of(node)
        return QModelIndex()

    def find_key(self, key: str) -> QModelIndex:
        """Return the index of the node with a given key, or an invalid index."""
        node = self._nodes.get(key)
        return self.index_of(node) if node is not None else QModelIndex()

    def favorite_codes(self) -> list[str]:
        """Return the starred codes in the order they were starred."""
        return [child.code for child in self._favorites.children if child.code]

    def is_favorite(self, code: str) -> bool:
        """Return whether a code is starred."""
        return code in self.favorite_codes()

    def add_favorite(self, code: str) -> bool:
        """Star a code; return False when it is already starred or not loaded."""
        if self.is_favorite(code):
            return False
        node = add_favorite(self._catalog, self._favorites, code)
        if node is None:
            return False
        self._items[self._favorites.key].appendRow(self._remember(node))
        return True

    def remove_favorite(self, code: str) -> bool:
        """Unstar a code; return False when it was not starred."""
        for row, child in enumerate(self._favorites.children):
            if child.code == code:
                self._items[self._favorites.key].removeRow(row)
                self._favorites.remove(child)
                self._by_code[code].remove(child)
                del self._nodes[child.key], self._items[child.key]
                return True
        return False
