"""The left side: search field, match count, and the code tree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sacroref.core.catalog import normalize_code
from sacroref.core.tree import Node
from sacroref.qt.content_store import ContentStore
from sacroref.qt.search_proxy import CodeFilterProxy
from sacroref.qt.tree_model import CodeTreeModel, row_text
from sacroref.ui.widgets import named, shortcut

if TYPE_CHECKING:
    from sacroref.core.search.codespace import SearchResult

#: Expand every match when a search finds at most this many codes (a screenful or so).
EXPAND_ALL_LIMIT = 40
FIRST_TABLE = "pcs/0QP1"  # the table in view on a first start, and when a tour starts
#: With more matches, the best ones are shown opened.
BEST_SHOWN = 8
#: Rows measured to size the column: the longest ones.
MEASURED_ROWS = 16


class TreePanel(QWidget):
    """Search-as-you-type over the tree; emits the node the coder selects."""

    nodeSelected = Signal(object)
    #: The search text looks like a code: its Explanation (None when it no longer does).
    codeTyped = Signal(object)
    firstPainted = Signal()  # work that must not delay the first paint starts on this
    suggestionChosen = Signal(str)

    def __init__(
        self, store: ContentStore, model: CodeTreeModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._catalog = store.catalog
        self._model = model
        self.result: SearchResult | None = None  # None: no search typed yet
        self._picks = 0  # codes picked by name so far: a later best match does not override
        #: The codes whose own note (the coder's) holds a search's words.
        self.noted_codes: Callable[[list[str]], list[str]] = lambda _words: []

        self.search_box = named(QLineEdit(self), "searchBox")
        self.search_box.setPlaceholderText("Search: code, word, device, synonym  (Ctrl+F)")
        # Qt's own clear button leaks a fade animation each time it appears; a plain
        # trailing action does the same job without it (benchmarks/: RSS growth).
        # It joins the field with its icon on the first search: its button and QStyle's
        # enums would cost ~10 ms before the first paint.
        self.clear_action = QAction(self.search_box)
        self.clear_action.setToolTip("Clear the search (Esc)")
        self.clear_action.triggered.connect(self.clear_search)
        self.search_box.setAccessibleName("Search codes")
        self.match_count = named(QLabel(self), "matchCount")
        self.match_count.setAccessibleName("Number of matches")
        self.no_match = named(QLabel(self), "noMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.RichText)
        self.no_match.setAccessibleName("No match")
        self.no_match.hide()
        self.code_strip = named(QLabel(self), "codeStrip")
        self.code_strip.setWordWrap(True)
        self.code_strip.setTextFormat(Qt.TextFormat.RichText)  # built escaped (pages/explain.py)
        self.code_strip.setAccessibleName("The typed code, character by character")
        self.code_strip.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.code_strip.hide()

        self.proxy = CodeFilterProxy(model, self)
        self.tree = named(QTreeView(self), "codeTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        # Long titles scroll sideways instead of being cut off; sized once, not per keystroke.
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit_column()
        # Opening a table makes its rows; they may be wider than any row so far.
        model.rowsInserted.connect(self._widen_column)
        self.tree.setAccessibleName("Code tree")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.code_strip)
        layout.addWidget(self.match_count)
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree, 1)

        self.search_box.textChanged.connect(self.apply_search)
        self.search_box.returnPressed.connect(self.jump_to_typed_code)
        self.no_match.linkActivated.connect(self._suggestion_clicked)
        in_field = Qt.ShortcutContext.WidgetShortcut
        self.escape_shortcut = shortcut(
            Qt.Key.Key_Escape, self.search_box, self.clear_search, in_field
        )
        self.down_shortcut = shortcut(Qt.Key.Key_Down, self.search_box, self.focus_tree, in_field)
        #: "?" in the tree asks for the shortcut sheet (the window answers it).
        self.help_requested = shortcut("?", self.tree, lambda: None, in_field)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.expanded.connect(lambda index: model.open(self.proxy.mapToSource(index)))
        self.tree.viewport().installEventFilter(self)
        store.contentLoaded.connect(self._update_count)
        # The row painter only speeds repaints up: it waits until the content can be searched.
        store.indexReady.connect(lambda: QTimer.singleShot(0, self.use_row_painter))
        self._update_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first paint, let the content store begin its idle-time work."""
        if event.type() is QEvent.Type.Paint and watched is self.tree.viewport():
            watched.removeEventFilter(self)
            self.firstPainted.emit()
            QTimer.singleShot(0, self._store.start)
        return super().eventFilter(watched, event)

    def use_row_painter(self) -> None:
        """Paint rows from cached layouts; set once the content is searchable (imports QStyle)."""
        from sacroref.ui.row_delegate import PlainRowDelegate

        if not isinstance(self.tree.itemDelegate(), PlainRowDelegate):
            self.tree.setItemDelegate(PlainRowDelegate(self.tree))

    def fit_column(self) -> None:
        """Size the tree's column to its widest row (once, and again when the font changes)."""
        self.tree.setColumnWidth(0, self._widest_row())
        # Three lines, whatever the strip says: a strip that grew and shrank as a code is typed
        # would resize the tree, and lay it out again, on every keystroke.
        self.code_strip.setFixedHeight(3 * self.code_strip.fontMetrics().lineSpacing() + 4)

    def _widen_column(self, parent: QModelIndex, first: int, last: int) -> None:
        # Only the rows just made are measured (a table opens on a keystroke): the inserted
        # rows and the rows made under them before they were inserted.
        depth, above = 0, parent
        while above.isValid():
            depth, above = depth + 1, above.parent()
        rows: list[tuple[int, str]] = []
        for row in range(first, last + 1):
            node = self._model.node_at(row, parent)
            if node is None:  # a placeholder
                continue
            rows += [(depth + made.depth - node.depth, row_text(made)) for made in node.walk()]
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), self._width_of(rows)))

    def _widest_row(self) -> int:
        return self._width_of(self._model.row_texts())

    def _width_of(self, rows: list[tuple[int, str]]) -> int:
        """Return the column width that shows rows of (depth, text) whole."""
        # Measuring text is slow (a table opens on a keystroke, the whole code set has
        # thousands of rows); the longest by characters, with their indentation, are the
        # widest in practice, and the column keeps a margin.
        rows = sorted(rows, key=lambda row: len(row[1]) + 4 * row[0], reverse=True)
        metrics = self.tree.fontMetrics()
        indent = self.tree.indentation()
        measured = rows[:MEASURED_ROWS]
        widths = [
            metrics.horizontalAdvance(text) + indent * (depth + 1) for depth, text in measured
        ]
        return max(widths, default=0) + 2 * indent

    def apply_search(self, query: str) -> None:
        """Filter the tree to what the query finds and say how many codes matched."""
        if query and self.clear_action.icon().isNull():  # the first search
            from PySide6.QtWidgets import QStyle

            self.use_row_painter()
            self.clear_action.setIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton)
            )
            self.search_box.addAction(self.clear_action, QLineEdit.ActionPosition.TrailingPosition)
        self.clear_action.setVisible(bool(query))
        self._explain_typed(query)
        previous = self.result.mask if self.result is not None else None
        self.result = self._with_notes(self._store.engine().search(query, suggest=False))
        # Typing on often keeps the same matches ("k-wir" -> "k-wire"): the tree stays as it is.
        if self.result.mask != previous:
            # Collapsing first leaves the view few persistent indexes for the proxy to remap.
            self.tree.collapseAll()
            few = self.result.mask is not None and self.result.count <= EXPAND_ALL_LIMIT
            if few and not self._model.opened_whole:
                for code in self.result.first_codes(EXPAND_ALL_LIMIT):
                    if not self._model.has_row(code):
                        self._model.find_code(code)  # opens its table, so expanding shows it
            self.proxy.apply(self.result)
            if few:
                # The matches' tables are open already: nothing for `expanded` to do, and
                # one Python call per row saved on every keystroke.
                blocked = self.tree.blockSignals(True)
                self.tree.expandAll()
                self.tree.blockSignals(blocked)
            if self.result.count:
                # After the keystrokes settle: the best match current, the best ones opened
                # (unless a code was picked meanwhile, by a link or the tour).
                picks = self._picks
                QTimer.singleShot(0, lambda shown=self.result: self._show_best(shown, few, picks))
        self._update_count()

    def _with_notes(self, result: SearchResult) -> SearchResult:
        """Add the codes whose note the coder wrote holds the query's words, ranked first."""
        if result.mask is None or result.space is None:
            return result
        from sacroref.core.search.index import query_words

        bits = 0
        for code in self.noted_codes(query_words(result.query)):
            bit = result.space.bit_of(code)
            bits |= 1 << bit if bit is not None else 0
        if not bits:
            return result
        tiers = (bits, *result.tiers)
        return result.replace(mask=result.mask | bits, tiers=tiers, suggestions=())

    def reveal(self, key: str) -> None:
        """Open the tree at a table and scroll it into view, without selecting it."""
        index = self.proxy.mapFromSource(self._model.find_key(key))
        self.tree.expand(index)
        # From the top of the tree when the table and its rows fit, as on a first start.
        self.tree.scrollToTop()
        last = self.proxy.index(self.proxy.rowCount(index) - 1, 0, index)
        for shown in (last, index):
            self.tree.scrollTo(shown, QTreeView.ScrollHint.EnsureVisible)

    def _explain_typed(self, query: str) -> None:
        from sacroref.core.explain import explain, looks_like_code

        if not looks_like_code(query):
            if self.code_strip.isVisible() or self.code_strip.text():
                self.code_strip.clear()
                self.code_strip.hide()
                self.codeTyped.emit(None)
            return
        from sacroref.core.pages.explain import strip_html

        self._store.ensure_loaded()
        explanation = explain(self._catalog, query)
        self.code_strip.show()
        # Fixed height: when narrow, fewer next values (the page lists all), never half a line.
        width = self.search_box.width()
        for choices in (8, 4, 2, 0):
            self.code_strip.setText(strip_html(explanation, choices))
            if self.code_strip.heightForWidth(width) <= self.code_strip.height():
                break
        self.codeTyped.emit(explanation)

    def best_match(self) -> str | None:
        """Return the best match of the search typed (a code), if any."""
        ranked = self.result.ranked(1) if self.result is not None else []
        return ranked[0] if ranked else None

    def _show_best(self, shown: SearchResult, few: bool, picks: int) -> None:
        if shown is not self.result or picks != self._picks:
            return  # typed on, or picked a code, since
        best = shown.ranked(1 if few else BEST_SHOWN)
        for code in best:
            index = self.proxy.mapFromSource(self._model.find_code(code))
            if index.isValid() and not few:
                self.tree.scrollTo(index)  # opens its branch
        first = self.proxy.mapFromSource(self._model.find_code(best[0]))
        if first.isValid():
            self.tree.setCurrentIndex(first)
            self.tree.scrollTo(first)

    def focus_tree(self) -> None:
        """Move into the tree, onto the best match or the first row, highlighted."""
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.tree.currentIndex().isValid():
            best = self.best_match()
            index = self.proxy.mapFromSource(self._model.find_code(best)) if best else None
            if index is None or not index.isValid():
                index = self.proxy.index(0, 0)
            self.tree.setCurrentIndex(index)

    def _update_count(self) -> None:
        result = self.result
        if result is None or result.mask is None:
            count = self._catalog.code_count()
            self.match_count.setText(f"{count:,} codes" if self._store.loaded else "loading…")
            self.no_match.hide()
            return
        self.match_count.setText(f"{result.count:,} match" + ("" if result.count == 1 else "es"))
        if result.count:
            self.no_match.hide()
            return
        self.no_match.setText("<b>No match.</b>")
        self.no_match.show()
        # Close codes take a millisecond or more to find: once the keystrokes have settled.
        QTimer.singleShot(0, lambda shown=result: self._suggest(shown))

    def _suggest(self, shown: SearchResult) -> None:
        if shown is not self.result:
            return  # typed on since
        suggestions = self._store.engine().suggest(shown.query)
        self.result = shown.replace(suggestions=suggestions)
        links = " ".join(f'<a href="{code}">{code}</a>' for code in suggestions)
        closest = f" Closest codes: {links}" if links else ""
        self.no_match.setText(f"<b>No match.</b>{closest}")

    def _suggestion_clicked(self, code: str) -> None:
        self.suggestionChosen.emit(code)

    def clear_search(self) -> None:
        """Empty the search field and show the whole tree again."""
        self.search_box.clear()

    def jump_to_typed_code(self) -> None:
        """On Enter: open the typed code, or else the best match, code or page."""
        typed = normalize_code(self.search_box.text())
        best = typed if self._catalog.lookup(typed) is not None else self.best_match()
        if best is None or not self.select_code(best):
            return
        self.tree.setFocus()

    def select_code(self, code: str) -> bool:
        """Select a code in the tree, clearing a search that hides it; return whether found."""
        self._store.ensure_loaded()
        self._picks += 1
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

    def clear_for_tour(self, show_nothing: Callable[[], None]) -> Callable[[], None]:
        """Clear the search, show the tree as on a first start (0QP1 open) with nothing
        selected; return what puts the search, open rows and selection back."""
        query, current, opened = self.search_box.text(), self.current_node(), self._opened()

        def put_back() -> None:
            self._picks += 1  # the restored selection, not the search's best match
            self.search_box.setText(query)
            self.tree.collapseAll()
            for key in opened:
                self.tree.expand(self.proxy.mapFromSource(self._model.find_key(key)))
            if current is None or not self.select_key(current.key):
                self.tree.setCurrentIndex(QModelIndex())
                show_nothing()

        self._picks += 1
        self.clear_search()
        self.tree.collapseAll()
        self.tree.setCurrentIndex(QModelIndex())
        show_nothing()
        self.reveal(FIRST_TABLE)
        return put_back

    def _opened(self, parent: QModelIndex | None = None) -> list[str]:
        """Return the keys of the open rows, parents first (closed rows are not walked)."""
        parent = parent or QModelIndex()
        keys: list[str] = []
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if self.tree.isExpanded(index):
                keys.append(self._model.node(self.proxy.mapToSource(index)).key)
                keys += self._opened(index)
        return keys

    def current_node(self) -> Node | None:
        """Return the selected node, if any."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return self._model.node(self.proxy.mapToSource(index))

    def _current_changed(self, current: QModelIndex, _previous: Any) -> None:
        if current.isValid():
            self.nodeSelected.emit(self._model.node(self.proxy.mapToSource(current)))
