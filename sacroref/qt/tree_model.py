"""The code tree as a Qt item model, built from the Qt-free node tree as it is opened.

The rows live in C++ (QStandardItemModel), so the view and the filter proxy walk them
without calling back into Python for every index, parent and role; the Python side keeps
only the lookup from an item's key to its core node. A table's rows are made when the
view first expands it: until then it holds one placeholder row, so that Qt shows it can
be opened without asking Python (as hasChildren/canFetchMore overrides would, for every
row on every layout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from sacroref.core.catalog import Catalog
from sacroref.core.tree import (
    CPT_BRANCH,
    FAVORITES_BRANCH,
    MAX_FAVORITES,
    PCS_BRANCH,
    Node,
    NodeKind,
    add_cpt_pages,
    add_favorite,
    add_tables,
    build_tree,
    child_key,
    find_code,
    find_key,
    populate,
)

if TYPE_CHECKING:
    from sacroref.qt.content_store import ContentStore

AnyIndex = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
PLACEHOLDER = "placeholder"  # the KIND_ROLE of the one row an unopened table holds


_AXIS_LEVELS = (NodeKind.APPROACH, NodeKind.DEVICE, NodeKind.QUALIFIER)


def row_text(node: Node) -> str:
    """Return what a tree row shows: the label (after its character, for an axis level),
    then a code's title."""
    if node.detail:
        return f"{node.label}  {node.detail}"
    if node.kind in _AXIS_LEVELS and node.prefix:
        return f"{node.prefix[-1]}  {node.label}"
    return node.label


def escaped(text: str) -> str:
    """Return text safe to put in a tooltip's markup, as ``html.escape`` makes it (its module
    costs 2 ms to import while the window gets ready)."""
    for char, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#x27;"),
    ):
        text = text.replace(char, entity)
    return text


def _item(node: Node) -> QStandardItem:
    item = QStandardItem(row_text(node))
    item.setEditable(False)
    item.setData(node.key, KEY_ROLE)
    item.setData(node.code, CODE_ROLE)
    item.setData(node.kind.value, KIND_ROLE)
    if node.tooltip:
        # Qt reads a tooltip that looks like markup as rich text (an <img> in a local page's
        # name would open the file on hover); escaped inside <p>, it is shown as written.
        item.setToolTip(f"<p>{escaped(node.tooltip)}</p>")
        item.setData(node.tooltip, Qt.ItemDataRole.AccessibleDescriptionRole)
    return item


def _placeholder(parent: Node) -> QStandardItem:
    item = QStandardItem("…")
    item.setEditable(False)
    item.setData(child_key(parent.key, "…"), KEY_ROLE)
    item.setData(PLACEHOLDER, KIND_ROLE)
    return item


class CodeTreeModel(QStandardItemModel):
    """Read-only tree of tables, approaches, devices, qualifiers and codes, plus favorites."""

    def __init__(
        self,
        catalog: Catalog,
        favorites: list[str] | None = None,
        parent: Any = None,
        store: ContentStore | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._root = build_tree(catalog, favorites)
        self._favorites = next(n for n in self._root.children if n.label == FAVORITES_BRANCH)
        # The branches filled in when content loads after the first paint.
        self._branches = [
            next(n for n in self._root.children if n.label == label)
            for label in (PCS_BRANCH, CPT_BRANCH)
        ]
        # Starred codes still loading; they join Favorites when their content does.
        self._waiting = {code: None for code in favorites or [] if catalog.lookup(code) is None}
        self._nodes: dict[str, Node] = {}
        self.opened_whole = False  # every table's rows made (open_all)
        self._items: dict[str, QStandardItem] = {}
        self._by_code: dict[str, list[Node]] = {}
        self._add_children(self.invisibleRootItem(), self._root)
        self.setHorizontalHeaderLabels(["Code"])
        if store is not None:
            if not store.loaded:
                self.mark_loading()
            store.contentLoaded.connect(self.reload_content)
            store.openAhead.connect(self.open_all)

    def _add_children(self, parent_item: QStandardItem, parent: Node) -> None:
        items = []
        for child in parent.children:
            item = self._remember(child)
            if child.lazy:
                item.appendRow(_placeholder(child))
            else:
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

    def open(self, index: AnyIndex) -> None:
        """Make the rows of a body system or table the view is expanding (no-op otherwise)."""
        if index.isValid():
            self._open(self.node(index))

    def _open(self, node: Node) -> None:
        """Make the rows of a body system or table (the core tree may have made its nodes)."""
        item = self._items.get(node.key)
        if item is None or not item.hasChildren() or item.child(0).data(KIND_ROLE) != PLACEHOLDER:
            return
        populate(self._catalog, node)
        item.removeRow(0)
        self._add_children(item, node)

    def open_all(self) -> None:
        """Make the rows of every section, body system and table (for content small enough)."""
        waiting = [node for node in self._root.walk() if node.lazy]
        while waiting:
            node = waiting.pop()
            self._open(node)
            waiting += [child for child in node.children if child.lazy]  # just made
        self.opened_whole = True

    def mark_loading(self) -> None:
        """Say on the ICD-10-PCS and CPT rows that their content is still being loaded."""
        for branch in self._branches:
            self._items[branch.key].setText(f"{branch.label}  (loading…)")

    def reload_content(self) -> None:
        """Show the tables and CPT pages loaded since the model was built, and starred codes."""
        self.opened_whole = False
        for branch, add in zip(self._branches, (add_tables, add_cpt_pages), strict=True):
            item = self._items[branch.key]
            item.setText(branch.label)
            item.removeRows(0, item.rowCount())
            for node in list(branch.walk())[1:]:
                self._forget(node)
            branch.children.clear()
            add(self._catalog, branch)
            self._add_children(item, branch)
        waiting, self._waiting = self._waiting, {}
        for code in waiting:
            if not self.add_favorite(code):
                self._waiting[code] = None

    def _forget(self, node: Node) -> None:
        self._nodes.pop(node.key, None)
        self._items.pop(node.key, None)
        if node.code and node in self._by_code.get(node.code, []):
            self._by_code[node.code].remove(node)

    def row_texts(self) -> list[tuple[int, str]]:
        """Return the depth and display text of every row made so far (to size the column)."""
        return [
            (node.depth - 1, row_text(node)) for node in self._root.walk() if node is not self._root
        ]

    def node(self, index: AnyIndex) -> Node:
        """Return the core node behind an index (a placeholder's parent; the root if invalid)."""
        if not index.isValid():
            return self._root
        return self._nodes.get(index.data(KEY_ROLE)) or self.node(index.parent())

    def node_at(self, row: int, parent: AnyIndex) -> Node | None:
        """Return the core node of a row under a parent (None for a placeholder row)."""
        return self._nodes.get(self.index(row, 0, parent).data(KEY_ROLE))

    def index_of(self, node: Node) -> QModelIndex:
        """Return the index of a node, making the rows of its body system and table first."""
        if node.key not in self._items:
            chain = []
            parent = node.parent
            while parent is not None and parent.key not in self._items and parent is not self._root:
                chain.append(parent)
                parent = parent.parent
            for opened in [parent, *reversed(chain)]:
                if opened is not None and opened is not self._root:
                    self._open(opened)
        item = self._items.get(node.key)
        return item.index() if item is not None else QModelIndex()

    def has_row(self, code: str) -> bool:
        """Return whether a code's own row (not its Favorites copy) has been made."""
        return any(node.parent is not self._favorites for node in self._by_code.get(code, ()))

    def find_code(self, code: str) -> QModelIndex:
        """Return the index of a code in its own branch (not the favorites copy)."""
        node = find_code(self._catalog, self._root, code)
        return self.index_of(node) if node is not None else QModelIndex()

    def find_key(self, key: str) -> QModelIndex:
        """Return the index of the node with a given key, or an invalid index."""
        node = self._nodes.get(key) or find_key(self._catalog, self._root, key)
        return self.index_of(node) if node is not None else QModelIndex()

    def favorite_codes(self) -> list[str]:
        """Return the starred codes in the order they were starred (and any still loading)."""
        return [child.code for child in self._favorites.children if child.code] + list(
            self._waiting
        )

    def is_favorite(self, code: str) -> bool:
        """Return whether a code is starred (a dict look-up: favorites can number a thousand)."""
        starred = self._favorites
        return code in self._waiting or any(
            node.parent is starred for node in self._by_code.get(code, ())
        )

    def add_favorite(self, code: str) -> bool:
        """Star a code; False when it is starred already, not loaded, or Favorites is full."""
        if self.is_favorite(code) or len(self._favorites.children) >= MAX_FAVORITES:
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
                self._forget(child)
                return True
        return False
