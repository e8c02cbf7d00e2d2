"""The main window: wires the tree panel, detail pane, banner, menus and remembered state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from sacroref import CPT_EDITION, PCS_EDITION
from sacroref.core.catalog import Catalog
from sacroref.core.content.loader import PendingContent
from sacroref.core.content.problems import Problem
from sacroref.core.model import PcsCode
from sacroref.core.navigation import History
from sacroref.core.tree import MAX_FAVORITES, Node, NodeKind
from sacroref.qt.tree_model import CodeTreeModel
from sacroref.ui.detail_pane import DetailPane
from sacroref.ui.settings import Settings
from sacroref.ui.theme import THEMES, apply_theme
from sacroref.ui.tree_panel import TreePanel
from sacroref.ui.widgets import named

if TYPE_CHECKING:
    from sacroref.core.document import Document
    from sacroref.ui.training import QuizPanel, TourCaption

Shortcut = str | QKeySequence | QKeySequence.StandardKey
COMPACT_WIDTH = 600  # below this the detail pane goes under the tree
ZOOM_RANGE = (-4, 12)


class MainWindow(QMainWindow):
    """The quick-reference window a coder keeps beside the encoder."""

    def __init__(
        self,
        catalog: Catalog,
        problems: Sequence[Problem],
        settings: Settings,
        pending: PendingContent | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("sacroref")
        self.catalog = catalog
        self.settings = settings
        settings.confine_qt_settings()
        self.history = History()
        self.model = CodeTreeModel(catalog, settings.get_list("favorites"), self)
        self.current_code: str | None = None
        self.tour: TourCaption | None = None
        self.quiz_dock: QWidget | None = None
        self.quiz_panel: QuizPanel | None = None
        self.presenting = False
        self._normal_zoom = 0
        self.zoom = 0
        self._base_point_size: float | None = None  # QFont's enums are set up on first use

        self.tree_panel = TreePanel(catalog, self.model, self)
        self.detail = DetailPane(self)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal, self), "mainSplitter")
        self.splitter.addWidget(self.tree_panel)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.banner: QWidget | None = None
        self.problems = list(problems)
        # Content still to parse loads in idle-time slices after the first paint.
        self.pending = pending if pending is not None and not pending.done else None
        central = QWidget(self)
        layout = self._layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._show_problems()

        self.edition_label = named(QLabel(self), "editionLabel")
        self.statusBar().addPermanentWidget(self.edition_label)
        self._show_edition()
        self._restore_key = ""
        if self.pending is not None:
            self._loading = QTimer(self, interval=0)
            self._loading.timeout.connect(self._load_a_slice)
            self.tree_panel.before_lookup = self.finish_loading
            self.model.mark_loading()
            self.tree_panel.firstPainted.connect(self._loading.start)

        self._build_actions()
        self.tree_panel.nodeSelected.connect(self.show_node)
        self.tree_panel.suggestionChosen.connect(self.go_to_code)
        self.detail.codeLinkActivated.connect(self.go_to_code)
        self.detail.copyRequested.connect(self.copy_current)
        self.detail.starToggled.connect(self.set_current_starred)
        self.resize(1000, 680)
        self.restore_state()

    # Content still loading ---------------------------------------------------------------------
    def _load_a_slice(self) -> None:
        if self.pending is None or self.pending.step():
            self._loading.stop()
            self._content_loaded()

    def finish_loading(self) -> None:
        """Load whatever content is still pending, now (a search or a link needs it)."""
        if self.pending is not None:
            self._loading.stop()
            self.pending.finish()
            self._content_loaded()

    def _content_loaded(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        self.model.reload_content()
        if pending.problems:
            self.problems += pending.problems
            self._show_problems()
        self._show_edition()
        self.tree_panel.content_loaded()
        if self._restore_key:
            self.tree_panel.select_key(self._restore_key)

    def _show_problems(self) -> None:
        if not self.problems:
            return
        from sacroref.ui.problems_banner import ProblemsBanner  # built only when needed

        if self.banner is not None:
            self._layout.removeWidget(self.banner)
            self.banner.deleteLater()
        self.banner = ProblemsBanner(self.problems, self)
        self._layout.insertWidget(0, self.banner)
        # A layout shows a new child of a visible window only later (a queued call); the
        # problems of content loaded after the first paint are shown at once instead.
        self.banner.setVisible(True)

    def _show_edition(self) -> None:
        count = f"{self.catalog.code_count()} codes"
        if self.pending is not None:
            count = "loading content…"
        self.edition_label.setText(f"{PCS_EDITION} · {CPT_EDITION} · {count}")

    # Actions -----------------------------------------------------------------------------------
    def _action(
        self,
        menu_name: str,
        text: str,
        slot: Callable[..., object],
        shortcut: Shortcut | Sequence[Shortcut] | None = None,
        *,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(key) for key in shortcut])
        elif isinstance(shortcut, (str, QKeySequence, QKeySequence.StandardKey)):
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        self._menus[menu_name].addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self._menus = {
            name: bar.addMenu(f"&{name}") for name in ("File", "Edit", "View", "Go", "Help")
        }
        self._action("File", "&Print page…", self.print_page, "Ctrl+P", name="printAction")
        self._action(
            "File",
            "&Export page as PDF…",
            lambda: self.export_pdf("page"),
            "Ctrl+E",
            name="exportPageAction",
        )
        self._action(
            "File",
            "Export &table as PDF…",
            lambda: self.export_pdf("table"),
            name="exportTableAction",
        )
        self._action(
            "File",
            "Export &quiz with answer key as PDF…",
            lambda: self.export_pdf("quiz"),
            name="exportQuizAction",
        )
        self._action("File", "&Quit", self.close, QKeySequence.StandardKey.Quit, name="quitAction")
        self.copy_action = self._action(
            "Edit",
            "&Copy code",
            lambda: self.copy_current(False),
            QKeySequence.StandardKey.Copy,
            name="copyAction",
        )
        self.copy_title_action = self._action(
            "Edit",
            "Copy code and &title",
            lambda: self.copy_current(True),
            "Ctrl+Shift+C",
            name="copyTitleAction",
        )
        self.star_action = self._action(
            "Edit", "&Star or unstar code", self.toggle_current_star, "Ctrl+D", name="starAction"
        )
        self._action("Edit", "&Find", self.focus_search, ["Ctrl+F", "/"], name="findAction")
        self.tree_panel.tree.addAction(self.copy_action)
        self.tree_panel.tree.addAction(self.copy_title_action)
        self.tree_panel.tree.addAction(self.star_action)
        self.on_top_action = self._action(
            "View",
            "Always on &top",
            self.set_always_on_top,
            "Ctrl+T",
            checkable=True,
            name="onTopAction",
        )
        self.compact_action = self._action(
            "View",
            "&Compact layout",
            self.set_compact,
            "Ctrl+Shift+L",
            checkable=True,
            name="compactAction",
        )
        self._action(
            "View",
            "Zoom &in",
            lambda: self.set_zoom(self.zoom + 1),
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
            name="zoomInAction",
        )
        self._action(
            "View",
            "Zoom &out",
            lambda: self.set_zoom(self.zoom - 1),
            QKeySequence.StandardKey.ZoomOut,
            name="zoomOutAction",
        )
        self._action(
            "View", "&Reset zoom", lambda: self.set_zoom(0), "Ctrl+0", name="zoomResetAction"
        )
        theme_menu = self._menus["View"].addMenu("T&heme")
        self.theme_group = QActionGroup(self)
        for theme in THEMES:
            action = theme_menu.addAction(
                theme.capitalize() if theme != "system" else "Follow system"
            )
            action.setCheckable(True)
            action.setData(theme)
            action.setObjectName(f"theme-{theme}")
            self.theme_group.addAction(action)
        self.theme_group.triggered.connect(lambda a: self.set_theme(str(a.data())))
        self.back_action = self._action("Go", "&Back", self.go_back, "Alt+Left", name="backAction")
        self.forward_action = self._action(
            "Go", "&Forward", self.go_forward, "Alt+Right", name="forwardAction"
        )
        self.presenter_action = self._action(
            "View",
            "&Presenter view",
            self.set_presenter,
            "F5",
            checkable=True,
            name="presenterAction",
        )
        self._action("Help", "&Guided tour", self.start_tour, "Ctrl+Shift+G", name="tourAction")
        self._action("Help", "Case &quiz", self.show_quiz, "Ctrl+Shift+Q", name="quizAction")
        self._action("Help", "&What changed this edition", self.show_changes, name="changesAction")
        self._action("Help", "&About sacroref", self.show_about, name="aboutAction")
        self._update_navigation()

    # Selection and detail ----------------------------------------------------------------------
    def show_node(self, node: Node) -> None:
        """Show the detail of a tree node; a code is also recorded in the history."""
        from sacroref.core.detail import node_document  # not needed before the first paint

        code = node.code if node.kind is NodeKind.CODE else None
        self.current_code = code
        self.detail.show_document(
            node_document(self.catalog, node),
            code,
            starred=bool(code and self.model.is_favorite(code)),
        )
        if code:
            self.history.visit(code)
            self._restore_key = ""  # a code picked while loading wins over the last one
        self._update_navigation()

    def go_to_code(self, code: str) -> None:
        """Select a code in the tree (from a link, a suggestion or history)."""
        self.finish_loading()
        if not self.tree_panel.select_code(code):
            self.statusBar().showMessage(f"{code} is not in the loaded content", 5000)

    def go_back(self) -> None:
        """Show the previous code viewed."""
        code = self.history.back()
        if code:
            self.tree_panel.select_code(code)
        self._update_navigation()

    def go_forward(self) -> None:
        """Show the next code viewed."""
        code = self.history.forward()
        if code:
            self.tree_panel.select_code(code)
        self._update_navigation()

    def _update_navigation(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected."""
        self.tree_panel.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree_panel.search_box.selectAll()

    # Copy and favorites ------------------------------------------------------------------------
    def copy_current(self, with_title: bool = False) -> None:
        """Copy the selected code (and title) to the clipboard, and say so."""
        code = self.current_code
        if code is None:
            self.statusBar().showMessage("Select a code to copy", 4000)
            return
        text = code
        if with_title:
            found = self.catalog.lookup(code)
            title = found.long_title if isinstance(found, PcsCode) else getattr(found, "name", "")
            text = f"{code} {title}"
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {text}", 5000)

    def toggle_current_star(self) -> None:
        """Star or unstar the selected code."""
        if self.current_code:
            self.set_current_starred(not self.model.is_favorite(self.current_code))

    def set_current_starred(self, starred: bool) -> None:
        """Star or unstar the selected code and remember the favorites."""
        code = self.current_code
        if code is None:
            return
        if starred and not self.model.add_favorite(code) and not self.model.is_favorite(code):
            self.statusBar().showMessage(f"Favorites is full ({MAX_FAVORITES:,} codes)", 5000)
            self.detail.set_starred(False)
            return
        if not starred:
            self.model.remove_favorite(code)
        self.detail.set_starred(self.model.is_favorite(code))
        self.settings.set("favorites", self.model.favorite_codes())
        self.statusBar().showMessage(f"{'Starred' if starred else 'Unstarred'} {code}", 4000)

    # View --------------------------------------------------------------------------------------
    def set_always_on_top(self, on: bool) -> None:
        """Keep the window above the encoder, or not."""
        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) != on:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
            if self.isVisible() or on:
                self.show()
        self.on_top_action.setChecked(on)

    def set_compact(self, on: bool) -> None:
        """Narrow beside-the-encoder layout: the detail pane goes below the tree."""
        self.compact_action.setChecked(on)
        if on and self.width() > 420:
            self.resize(380, max(self.height(), 640))
        self._apply_orientation()

    def _apply_orientation(self) -> None:
        vertical = self.compact_action.isChecked() or self.width() < COMPACT_WIDTH
        self.splitter.setOrientation(
            Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_orientation()

    def set_zoom(self, level: int) -> None:
        """Make both panes' text larger or smaller (0 is the system size)."""
        self.zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], level))
        font = self.tree_panel.font()
        if self._base_point_size is None:
            self._base_point_size = QApplication.font().pointSizeF()
        font.setPointSizeF(max(6.0, self._base_point_size + self.zoom))
        # Whole panels, so the search field and buttons grow with the text.
        self.tree_panel.setFont(font)
        self.detail.setFont(font)
        self.tree_panel.fit_column()
        if self.presenting:
            self.settings.set("presenter/zoom", self.zoom)

    def set_theme(self, theme: str) -> None:
        """Follow the system's palette, or force light or dark."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)
        self.settings.set("theme", theme)

    # Training mode -------------------------------------------------------------------------
    def start_tour(self) -> None:
        """Start the guided tour from its first step."""
        from sacroref.ui.training import TourCaption

        self.finish_loading()
        if self.tour is None:
            self.tour = TourCaption(self, self.catalog.tour_steps)
            self._layout.insertWidget(0, self.tour)
        self.tour.start()

    def show_quiz(self) -> None:
        """Open the case quiz beside the tree (answers can be picked there)."""
        from PySide6.QtWidgets import QDockWidget

        from sacroref.ui.training import QuizPanel

        self.finish_loading()
        if self.quiz_dock is None:
            self.quiz_dock = named(QDockWidget("Case quiz", self), "quizDock")
            self.quiz_panel = QuizPanel(self)
            self.quiz_dock.setWidget(self.quiz_panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.quiz_dock)
        self.quiz_dock.show()
        if self.quiz_panel is not None:
            self.quiz_panel.answer_box.setFocus()

    def set_presenter(self, on: bool) -> None:
        """Large fonts, high contrast and no chrome for a projector; its zoom is kept apart."""
        app = QApplication.instance()
        self.presenter_action.setChecked(on)
        if on == self.presenting:
            return
        if on:
            from sacroref.ui.theme import apply_presenter

            self._normal_zoom = self.zoom
            if isinstance(app, QApplication):
                apply_presenter(app)
            self.presenting = True
            self.set_zoom(self.settings.get_int("presenter/zoom", 8, *ZOOM_RANGE))
        else:
            self.presenting = False
            self.set_zoom(self._normal_zoom)
            self.set_theme(self.settings.get_str("theme", "system"))
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)

    # Handouts --------------------------------------------------------------------------------
    def choose_table(self) -> str | None:
        """Ask which table to hand out (0QP1 offered first when loaded); None when none."""
        from PySide6.QtWidgets import QInputDialog

        keys = self.catalog.pcs_codes.table_keys()
        if not keys:
            self.statusBar().showMessage("No ICD-10-PCS table is loaded", 5000)
            return None
        chosen, accepted = QInputDialog.getItem(
            self, "Export table", "Table:", keys, keys.index("0QP1") if "0QP1" in keys else 0, False
        )
        return chosen if accepted and chosen in keys else None

    def handout(self, kind: str) -> Document | None:
        """Return the page, a table, or the quiz with its answer key, for paper (None: none)."""
        from sacroref.core.detail import node_document, table_document
        from sacroref.core.training import quiz_handout

        self.finish_loading()
        if kind == "quiz":
            return quiz_handout(self.catalog, self.catalog.quiz_cases)
        node = self.tree_panel.current_node()
        if kind == "table":
            key = node.table_key if node and node.table_key else self.choose_table()
            codes = self.catalog.codes_in_table(key) if key else []
            if not codes:
                return None
            code = codes[0]
            return table_document(self.catalog, code.table, code.body_part.code)
        document = node_document(self.catalog, node) if node else None
        if document is None:
            from sacroref.ui.about import about_document

            document = about_document(self.catalog)
        return document

    def export_pdf(self, kind: str, path: Path | None = None) -> Path | None:
        """Export a handout as PDF (asks where, unless a path is given); return the path."""
        from PySide6.QtWidgets import QFileDialog

        from sacroref.ui.printing import export_pdf

        document = self.handout(kind)
        if document is None:
            return None
        if path is None:
            from PySide6.QtCore import QStandardPaths

            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            name = "".join(ch for ch in document.title.split(" ")[0] if ch.isalnum()) or kind
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export as PDF", str(Path(folder) / f"sacroref-{name}.pdf"), "PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        pages = export_pdf(document, path)
        self.statusBar().showMessage(f"Saved {path.name} ({pages} page(s))", 5000)
        return path

    def print_page(self) -> None:
        """Print the current page on a printer the coder chooses."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from sacroref.ui.printing import print_document

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        document = self.handout("page")
        if document is not None and QPrintDialog(printer, self).exec():
            print_document(printer, document)

    def show_changes(self) -> None:
        """Show the edition's change summary in the detail pane."""
        from sacroref.core.detail import changes_document

        self.finish_loading()
        self.current_code = None
        self.detail.show_document(changes_document(self.catalog), None, starred=False)

    def show_about(self) -> None:
        """Show Help → About."""
        from sacroref.ui.about import AboutDialog

        self.finish_loading()
        self.about_dialog = AboutDialog(self.catalog, self)
        self.about_dialog.show()

    # Remembered state --------------------------------------------------------------------------
    def restore_state(self) -> None:
        """Restore geometry, splitter, zoom, always-on-top, favorites and the last code."""
        settings = self.settings
        geometry = settings.get_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.get_bytes("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        zoom = settings.get_int("view/zoom", 0, *ZOOM_RANGE)
        if zoom:  # the system size is what the window starts with
            self.set_zoom(zoom)
        self.compact_action.setChecked(settings.get_bool("view/compact"))
        self._apply_orientation()
        self.set_always_on_top(settings.get_bool("view/always_on_top"))
        theme = settings.get_str("theme", "system")
        self.set_theme(theme if theme in THEMES else "system")
        last = settings.get_str("last/key")
        if last and not self.tree_panel.select_key(last):
            self._restore_key = last  # its table may still be loading
        if settings.notice:
            self.show_notice(settings.notice)

    def show_notice(self, message: str) -> None:
        """Show a notice that stays until hidden (settings that cannot be kept, say)."""
        from sacroref.ui.problems_banner import NoticeBar

        bar = self.findChild(NoticeBar, "settingsNotice")
        if bar is None:
            bar = NoticeBar(self)
            self._layout.insertWidget(0, bar)
        bar.show_message(message)
        self.statusBar().showMessage(message, 15000)

    def save_state(self) -> bool:
        """Write everything remembered; return False (with a notice) when it cannot be saved."""
        settings = self.settings
        settings.set("window/geometry", self.saveGeometry())
        settings.set("window/splitter", self.splitter.saveState())
        settings.set("view/zoom", self._normal_zoom if self.presenting else self.zoom)
        settings.set("view/compact", self.compact_action.isChecked())
        settings.set("view/always_on_top", self.on_top_action.isChecked())
        settings.set("favorites", self.model.favorite_codes())
        node = self.tree_panel.current_node()
        # Closed while its table was still loading: the last code is kept for next time.
        settings.set("last/key", node.key if node else self._restore_key)
        saved = settings.save()
        if not saved and settings.notice:
            self.show_notice(settings.notice)
        return saved

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
