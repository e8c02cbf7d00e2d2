"""The left side: search field, match count, and the code tree."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sacroref.core.catalog import Catalog, normalize_code
from sacroref.core.search import SearchResult
from sacroref.core.tree import Node
from sacroref.qt.search_proxy import CodeFilterProxy
from sacroref.qt.tree_model import CodeTreeModel

if TYPE_CHECKING:
    from sacroref.core.search import SearchEngine
from sacroref.ui import named

#: Expand every match when a search finds at most this many codes (a screenful or so).
EXPAND_ALL_LIMIT = 40


class TreePanel(QWidget):
    """Search-as-you-type over the tree; emits the node the coder selects."""

    nodeSelected = Signal(object)
    suggestionChosen = Signal(str)

    def __init__(
        self,
        catalog: Catalog,
        model: CodeTreeModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._model = model
        self._engine: SearchEngine | None = None
        self.result = SearchResult("", None)

        self.search_box = named(QLineEdit(self), "searchBox")
        self.search_box.setPlaceholderText("Search: code, word, device, synonym  (Ctrl+F)")
        # Qt's own clear button leaks a fade animation each time it appears; a plain
        # trailing action does the same job without it (benchmarks/: RSS growth).
        self.clear_action = self.search_box.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.clear_action.setToolTip("Clear the search (Esc)")
        self.clear_action.setVisible(False)
        self.clear_action.triggered.connect(self.clear_search)
        self.search_box.setAccessibleName("Search codes")
        self.match_count = named(QLabel(self), "matchCount")
        self.match_count.setAccessibleName("Number of matches")
        self.no_match = named(QLabel(self), "noMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.RichText)
        self.no_match.setAccessibleName("No match")
        self.no_match.hide()

        self.proxy = CodeFilterProxy(model, self)
        self.tree = named(QTreeView(self), "codeTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # Long titles scroll sideways instead of being cut off; sized once, not per keystroke.
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit_column()
        self.tree.setAccessibleName("Code tree")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.match_count)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree, 1)

        self.search_box.textChanged.connect(self.apply_search)
        self.search_box.returnPressed.connect(self.jump_to_typed_code)
        self.no_match.linkActivated.connect(self._suggestion_clicked)
        self.escape_shortcut = QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.search_box,
            self.clear_search,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Down),
            self.search_box,
            self.tree.setFocus,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._update_count()

    @property
    def engine(self) -> SearchEngine:
        """Return the search index, built on the first search rather than before first paint."""
        if self._engine is None:
            from sacroref.core.search import SearchEngine

            self._engine = SearchEngine(self._catalog)
        return self._engine

    def fit_column(self) -> None:
        """Size the tree's column to its widest row (once, and again when the font changes)."""
        self.tree.setColumnWidth(0, self._widest_row())

    def _widest_row(self) -> int:
        metrics = self.tree.fontMetrics()
        indent = self.tree.indentation()
        # Measuring every row is slow for the whole code set; the longest by characters
        # (with their indentation) are the widest in practice.
        rows = heapq.nlargest(64, self._model.row_texts(), key=lambda row: len(row[1]) + 4 * row[0])
        widest = max(
            (metrics.horizontalAdvance(text) + indent * (depth + 1) for depth, text in rows),
            default=0,
        )
        return widest + 2 * indent

    def apply_search(self, query: str) -> None:
        """Filter the tree to what the query finds and say how many codes matched."""
        self.clear_action.setVisible(bool(query))
        previous, self.result = self.result.codes, self.engine.search(query)
        # Typing on often keeps the same matches ("k-wir" -> "k-wire"): the tree stays as it is.
        if self.result.codes != previous:
            # Collapsing first leaves the view few persistent indexes for the proxy to remap.
            self.tree.collapseAll()
            self.proxy.apply(self.result)
            if self.result.codes is not None and self.result.count <= EXPAND_ALL_LIMIT:
                self.tree.expandAll()
        self._update_count()

    def _update_count(self) -> None:
        result = self.result
        if result.codes is None:
            self.match_count.setText(f"{self._catalog.code_count()} codes")
            self.no_match.hide()
            return
        self.match_count.setText(f"{result.count} match" + ("" if result.count == 1 else "es"))
        if result.count:
            self.no_match.hide()
            return
        links = " ".join(f'<a href="{code}">{code}</a>' for code in result.suggestions)
        closest = f" Closest codes: {links}" if links else ""
        self.no_match.setText(f"<b>No match.</b>{closest}")
        self.no_match.show()

    def _suggestion_clicked(self, code: str) -> None:
        self.suggestionChosen.emit(code)

    def clear_search(self) -> None:
        """Empty the search field and show the whole tree again."""
        self.search_box.clear()

    def jump_to_typed_code(self) -> None:
        """On Enter: go to a complete code, or to the only match."""
        typed = normalize_code(self.search_box.text())
        if self._catalog.lookup(typed) is not None:
            self.select_code(typed)
        elif self.result.codes is not None and len(self.result.codes) == 1:
            self.select_code(next(iter(self.result.codes)))
        else:
            return
        self.tree.setFocus()

    def select_code(self, code: str) -> bool:
        """Select a code in the tree, clearing a search that hides it; return whether found."""
        source = self._model.find_code(code)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.clear_search()
            index = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def select_key(self, key: str) -> bool:
        """Select the node with a stored key (used to restore the last selection)."""
        source = self._model.find_key(key)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def current_node(self) -> Node | None:
        """Return the selected node, if any."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self._model.node(self.proxy.mapToSource(index))

    def _current_changed(self, current: QModelIndex, _previous: Any) -> None:
        if current.isValid():
            self.nodeSelected.emit(self._model.node(self.proxy.mapToSource(current)))
