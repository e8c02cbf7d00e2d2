"""The main window: puts the tree panel, detail pane, banners and menus together and wires them.

Each job lives in its own module: the content's readiness in qt/content_store.py, the
menu commands in ui/actions.py, the view in ui/view_state.py, handouts in ui/handouts.py,
the tour and the quiz in ui/training.py. What is left here is wiring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from sacroref.core.edition import status_line
from sacroref.core.model import PcsCode
from sacroref.core.navigation import History
from sacroref.core.tree import MAX_FAVORITES, Node, NodeKind
from sacroref.qt.content_store import ContentStore
from sacroref.qt.tree_model import CodeTreeModel
from sacroref.ui.actions import build_actions
from sacroref.ui.daily import DailyUse
from sacroref.ui.detail_pane import DetailPane
from sacroref.ui.handouts import HandoutKind, Handouts
from sacroref.ui.settings import Settings
from sacroref.ui.tree_panel import FIRST_TABLE, TreePanel
from sacroref.ui.view_state import ViewState
from sacroref.ui.widgets import named

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from sacroref.core.catalog import Catalog
    from sacroref.core.document import Document
    from sacroref.core.explain import Explanation
    from sacroref.ui.training import QuizPanel, TourCaption


class MainWindow(QMainWindow):
    """The quick-reference window a coder keeps beside the encoder."""

    def __init__(self, store: ContentStore, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("sacroref")
        self.store = store
        self.settings = settings
        settings.confine_qt_settings()
        self.history = History()
        self.current_code: str | None = None
        self.tour: TourCaption | None = None
        self.quiz_dock: QWidget | None = None
        self.quiz_panel: QuizPanel | None = None
        self._restore_key = ""  # the last selection, while its table may still be loading
        self._greeted = False  # the start page and the edition's warning are shown once

        # The model subscribes to the store first, so it has the rows when the others hear.
        self.model = CodeTreeModel(store.catalog, settings.get_list("favorites"), self, store)
        self.tree_panel = TreePanel(store, self.model, self)
        self.detail = DetailPane(self)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal, self), "mainSplitter")
        self.splitter.addWidget(self.tree_panel)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = self._layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.banner: QWidget | None = None
        self._show_problems()
        self.edition_label = named(QLabel(self), "editionLabel")
        self.statusBar().addPermanentWidget(self.edition_label)
        self._show_edition()

        self.view = ViewState(
            self, (self.tree_panel, self.detail), self.splitter, settings, self.action
        )
        self.view.zoomed.append(self.tree_panel.fit_column)
        self.view.themed.append(self._rerender)
        self.daily = DailyUse(self, settings, self._loaded_catalog, self.say)
        self.tree_panel.noted_codes = self.daily.codes_noted
        self.handouts = Handouts(
            self, self._loaded_catalog, self.tree_panel.current_node, self.say, self._handout_note
        )
        self.actions_by_name = build_actions(self, self.handlers(), self.view.set_theme)
        for name in ("copyAction", "copyTitleAction", "starAction"):
            self.tree_panel.tree.addAction(self.action(name))
        self._update_navigation()

        store.contentLoaded.connect(self._content_loaded)
        store.indexReady.connect(lambda: QTimer.singleShot(0, self._greet))
        self.tree_panel.nodeSelected.connect(self.show_node)
        self.tree_panel.suggestionChosen.connect(self.go_to_code)
        self.tree_panel.codeTyped.connect(self.show_typed_code)
        self.tree_panel.help_requested.activated.connect(self.show_shortcuts)
        self.detail.codeLinkActivated.connect(self.go_to_code)
        self.detail.copyRequested.connect(self.copy_current)
        self.detail.starToggled.connect(self.set_current_starred)
        self.resize(1000, 680)
        self.restore_state()

    def handlers(self) -> dict[str, Callable[..., object]]:
        """Return what each menu command does, by the names ui/actions.py uses."""
        view, handouts = self.view, self.handouts
        return {
            "print_page": handouts.print_page,
            "export_page": lambda: handouts.export_pdf(HandoutKind.PAGE),
            "export_table": lambda: handouts.export_pdf(HandoutKind.TABLE),
            "export_quiz": lambda: handouts.export_pdf(HandoutKind.QUIZ),
            "quit": self.close,
            "copy_code": lambda: self.copy_current(False),
            "copy_code_and_title": lambda: self.copy_current(True),
            "toggle_star": self.toggle_current_star,
            "focus_search": self.focus_search,
            "set_always_on_top": view.set_always_on_top,
            "set_compact": view.set_compact,
            "zoom_in": lambda: view.set_zoom(view.zoom + 1),
            "zoom_out": lambda: view.set_zoom(view.zoom - 1),
            "zoom_reset": lambda: view.set_zoom(0),
            "set_presenter": view.set_presenter,
            "go_back": self.go_back,
            "go_forward": self.go_forward,
            "start_tour": self.start_tour,
            "show_quiz": self.show_quiz,
            "show_changes": self.show_changes,
            "show_about": self.show_about,
            "show_shortcuts": self.show_shortcuts,
            "copy_rationale": lambda: self.daily.copy_rationale(self.current_code),
            "edit_note": lambda: self.daily.edit_note(self.current_code, self._rerender),
            "set_notes_in_handouts": lambda on: self.settings.set("handouts/notes", on),
            "show_start": self.show_start,
        }

    def action(self, name: str) -> QAction:
        """Return the window's action of an objectName (ui/actions.py declares them)."""
        return self.actions_by_name[name]

    def say(self, message: str) -> None:
        """Tell the coder something in passing, in the status bar."""
        self.statusBar().showMessage(message, 5000)

    # Content -----------------------------------------------------------------------------------
    def _loaded_catalog(self) -> Catalog:
        self.store.ensure_loaded()
        return self.store.catalog

    def _content_loaded(self) -> None:
        self._show_problems()
        self._show_edition()
        if self._restore_key:
            self.tree_panel.select_key(self._restore_key)

    def _show_problems(self) -> None:
        if self.store.problems:
            from sacroref.ui.problems_banner import show_problems  # built only when needed

            self.banner = show_problems(self._layout, self, self.store.problems, self.banner)

    def _show_edition(self) -> None:
        self.edition_label.setText(status_line(self.store.catalog, self.store.loaded))

    # Selection and detail ----------------------------------------------------------------------
    def show_node(self, node: Node) -> None:
        """Show the detail of a tree node; a code is also recorded in the history."""
        from sacroref.core.pages.nodes import node_document  # not needed before the first paint

        code = node.code if node.kind is NodeKind.CODE else None
        self.current_code = code
        document = self.daily.page(node_document(self.store.catalog, node), code)
        starred = bool(code and self.model.is_favorite(code))
        self.detail.show_document(document, code, starred=starred)
        if code:
            self.history.visit(code)
            self.daily.viewed(code)
            self._restore_key = ""  # a code picked while loading wins over the last one
        self._update_navigation()

    def show_typed_code(self, explanation: Explanation | None) -> None:
        """Show what a typed code means; one that is not whole and valid cannot be copied."""
        if explanation is None or explanation.complete:
            return  # a valid code is shown as the best match
        self.current_code = None  # at once: nothing not shown can be copied
        self.detail.set_code_actions(False)
        typed = self.tree_panel.search_box.text()
        QTimer.singleShot(0, lambda: self._show_explanation(explanation, typed))

    def _show_explanation(self, explanation: Explanation, typed: str) -> None:
        if self.tree_panel.search_box.text() != typed or self.current_code is not None:
            return  # typed on, or a code was shown, since
        from sacroref.core.pages.explain import explanation_document

        self.show_page(explanation_document(explanation))

    def show_page(self, document: Document) -> None:
        """Show a page that is not a code's (no code to copy or star)."""
        self.current_code = None
        self.detail.show_document(document, None, starred=False)

    def go_to_code(self, code: str) -> None:
        """Select a code in the tree (from a link, a suggestion or history)."""
        if not self.tree_panel.select_code(code):
            self.say(f"{code} is not in the loaded content")

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
        self.action("backAction").setEnabled(self.history.can_go_back())
        self.action("forwardAction").setEnabled(self.history.can_go_forward())

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected."""
        self.tree_panel.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.tree_panel.search_box.selectAll()

    # Copy and favorites ------------------------------------------------------------------------
    def copy_current(self, with_title: bool = False) -> None:
        """Copy the selected code (and title) to the clipboard, and say so.

        In the detail pane with text selected, Copy copies that text instead.
        """
        browser = self.detail.browser
        if not with_title and browser.hasFocus() and browser.textCursor().hasSelection():
            browser.copy()
            self.say("Copied the selected text")
            return
        code = self.current_code
        if code is None:
            self.say("Select a code to copy")
            return
        text = code
        if with_title:
            found = self.store.catalog.lookup(code)
            title = found.long_title if isinstance(found, PcsCode) else getattr(found, "name", "")
            text = f"{code} {title}"
        QGuiApplication.clipboard().setText(text)
        self.say(f"Copied {text}")

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
            self.say(f"Favorites is full ({MAX_FAVORITES:,} codes)")
            self.detail.set_starred(False)
            return
        if not starred:
            self.model.remove_favorite(code)
        self.detail.set_starred(self.model.is_favorite(code))
        self.settings.set("favorites", self.model.favorite_codes())
        self.say(f"{'Starred' if starred else 'Unstarred'} {code}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if hasattr(self, "view"):
            self.view.apply_orientation()

    # Training mode and pages of the Help menu --------------------------------------------------
    def start_tour(self) -> None:
        """Start the guided tour from its first step, on a clean window."""
        from sacroref.ui.training import TourCaption, TourHost

        if self.tour is None:
            host = TourHost(
                search=self.tree_panel.search_box.setText,
                select=self.go_to_code,
                widget=lambda name: self.findChild(QWidget, name),
                own_escape=self.tree_panel.escape_shortcut.setEnabled,
                clean=lambda: self.tree_panel.clear_for_tour(self.show_start),
                anchor=self.detail.go_to,
            )
            self.tour = TourCaption(self, self._loaded_catalog().tour_steps, host)
            self._layout.insertWidget(0, self.tour)
        self.tour.start()

    def show_quiz(self) -> None:
        """Open the case quiz beside the tree (answers can be picked there)."""
        from sacroref.ui.training import quiz_dock

        if self.quiz_dock is None:
            selected = lambda: self.current_code  # noqa: E731 - read when the quiz asks
            self.quiz_dock, self.quiz_panel = quiz_dock(self, self._loaded_catalog(), selected)
        self.quiz_dock.show()
        if self.quiz_panel is not None:
            self.quiz_panel.answer_box.setFocus()

    def show_changes(self) -> None:
        """Show the edition's change summary in the detail pane."""
        from sacroref.core.pages.nodes import changes_document

        self.show_page(changes_document(self._loaded_catalog()))

    def _rerender(self) -> None:
        """Show the page again (a note was written, the theme changed)."""
        node = self.tree_panel.current_node()
        if node is not None and self.current_code:
            self.show_node(node)
        else:
            self.detail.rerender()

    def _handout_note(self, code: str) -> str | None:
        wanted = self.settings.get_bool("handouts/notes")
        return self.daily.notes.get(code) if wanted else None

    def show_start(self) -> None:
        """Show the start page: recently viewed codes, favorites, the edition, the main keys."""
        from sacroref.core.pages.start import start_document

        catalog = self._loaded_catalog()
        self.show_page(start_document(catalog, self.daily.recent, self.model.favorite_codes()))
        self.detail.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _greet(self) -> None:
        """Once searchable (docs/startup.md): the edition's warning and, with nothing selected,
        the start page (on a first start with table 0QP1 in view)."""
        if self._greeted:
            return
        self._greeted = True
        from sacroref.ui.problems_banner import warn_of_edition

        warn_of_edition(self._layout, self, self.store.catalog.pcs_fiscal_year)
        if self.tree_panel.current_node() is not None or self.current_code:
            return
        self.show_start()
        self.detail.browser.clearFocus()
        if not self.settings.get_str("last/key") and not self.daily.recent:
            self.tree_panel.reveal(FIRST_TABLE)

    def show_shortcuts(self) -> None:
        """Show every keyboard shortcut (F1, or ? in the tree)."""
        from sacroref.ui.actions import shortcut_sheet

        self.show_page(shortcut_sheet())

    def show_about(self) -> None:
        """Show Help → About."""
        from sacroref.ui.about import AboutDialog

        self.about_dialog = AboutDialog(self._loaded_catalog(), self)
        self.about_dialog.show()

    # Remembered state --------------------------------------------------------------------------
    def restore_state(self) -> None:
        """Restore the view, favorites (in the model already) and the last selection."""
        self.view.restore()
        last = self.settings.get_str("last/key")
        if last and not self.tree_panel.select_key(last):
            self._restore_key = last  # its table may still be loading
        if self.store.loaded:
            self._greet()
        self.action("notesInHandoutsAction").setChecked(self.settings.get_bool("handouts/notes"))
        if self.settings.notice:
            self.show_notice(self.settings.notice)

    def show_notice(self, message: str) -> None:
        """Show a notice that stays until hidden (settings that cannot be kept, say)."""
        from sacroref.ui.problems_banner import show_notice

        show_notice(self._layout, self, message)
        self.statusBar().showMessage(message, 15000)

    def save_state(self) -> bool:
        """Write everything remembered; return False (with a notice) when it cannot be saved."""
        self.view.save()
        self.settings.set("favorites", self.model.favorite_codes())
        node = self.tree_panel.current_node()
        # Closed while its table was still loading: the last code is kept for next time.
        self.settings.set("last/key", node.key if node else self._restore_key)
        saved = self.settings.save()
        if not saved and self.settings.notice:
            self.show_notice(self.settings.notice)
        return saved

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
