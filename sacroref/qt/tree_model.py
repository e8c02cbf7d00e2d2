"""The code tree as a QAbstractItemModel over the Qt-free node tree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from sacroref.core.catalog import Catalog
from sacroref.core.tree import FAVORITES_BRANCH, Node, NodeKind, add_favorite, build_tree

AnyIndex = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3


class CodeTreeModel(QAbstractItemModel):
    """Read-only tree of tables, approaches, devices, qualifiers and codes, plus favorites."""

    def __init__(self, catalog: Catalog, favorites: list[str] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._root = build_tree(catalog, favorites)
        self._favorites = next(n for n in self._root.children if n.label == FAVORITES_BRANCH)

    # Qt overrides -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self.node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label}  {node.detail}" if node.detail else node.label
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return node.tooltip or None
        if role == CODE_ROLE:
            return node.code
        if role == KEY_ROLE:
            return node.key
        if role == KIND_ROLE:
            return node.kind.value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and section == 0:
            return "Code"
        return None

    # Our API ----------------------------------------------------------------------------------
    def node(self, index: AnyIndex) -> Node:
        """Return the node behind an index (the invisible root for an invalid one)."""
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, Node)
        return node

    def index_of(self, node: Node) -> QModelIndex:
        """Return the index of a node."""
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def find_code(self, code: str) -> QModelIndex:
        """Return the index of a code in its own branch (not the favorites copy)."""
        for branch in self._root.children:
            if branch is self._favorites:
                continue
            for node in branch.walk():
                if node.kind is NodeKind.CODE and node.code == code:
                    return self.index_of(node)
        return QModelIndex()

    def find_key(self, key: str) -> QModelIndex:
        """Return the index of the node with a given key, or an invalid index."""
        for node in self._root.walk():
            if node.key == key and node is not self._root:
                return self.index_of(node)
        return QModelIndex()

    def favorite_codes(self) -> list[str]:
        """Return the starred codes in the order they were starred."""
        return [child.code for child in self._favorites.children if child.code]

    def is_favorite(self, code: str) -> bool:
        """Return whether a code is starred."""
        return code in self.favorite_codes()

    def add_favorite(self, code: str) -> bool:
        """Star a code; return False when it is already starred or not loaded."""
        if self.is_favorite(code) or self._catalog.lookup(code) is None:
            return False
        row = len(self._favorites.children)
        self.beginInsertRows(self.index_of(self._favorites), row, row)
        add_favorite(self._catalog, self._favorites, code)
        self.endInsertRows()
        return True

    def remove_favorite(self, code: str) -> bool:
        """Unstar a code; return False when it was not starred."""
        for row, child in enumerate(self._favorites.children):
            if child.code == code:
                self.beginRemoveRows(self.index_of(self._favorites), row, row)
                self._favorites.remove(child)
                self.endRemoveRows()
                return True
        return False
