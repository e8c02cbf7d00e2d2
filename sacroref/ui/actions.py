"""Every menu command in one table: its menu, text, shortcuts and what it does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from sacroref.ui.theme import THEMES

if TYPE_CHECKING:
    from sacroref.core.document import Document

Key = str | QKeySequence.StandardKey


class Command(NamedTuple):
    """One menu command; ``slot`` names the window's handler (see ``MainWindow.handlers``)."""

    menu: str
    text: str
    name: str  # the action's objectName
    slot: str
    keys: tuple[Key, ...] = ()
    checkable: bool = False


MENUS = ("File", "Edit", "View", "Go", "Help")
COMMANDS = (
    Command("File", "&Print page…", "printAction", "print_page", ("Ctrl+P",)),
    Command("File", "&Export page as PDF…", "exportPageAction", "export_page", ("Ctrl+E",)),
    Command("File", "Export &table as PDF…", "exportTableAction", "export_table"),
    Command("File", "Export quiz sheet and &answer key as PDF…", "exportQuizAction", "export_quiz"),
    Command("File", "&Quit", "quitAction", "quit", (QKeySequence.StandardKey.Quit,)),
    Command("Edit", "&Copy code", "copyAction", "copy_code", (QKeySequence.StandardKey.Copy,)),
    Command(
        "Edit", "Copy code and &title", "copyTitleAction", "copy_code_and_title", ("Ctrl+Shift+C",)
    ),
    Command(
        "Edit",
        "Copy code with &rationale",
        "copyRationaleAction",
        "copy_rationale",
        ("Ctrl+Alt+C",),
    ),
    Command("Edit", "&Star or unstar code", "starAction", "toggle_star", ("Ctrl+D",)),
    Command("Edit", "My &note on this code…", "noteAction", "edit_note", ("Ctrl+Shift+N",)),
    Command("Edit", "&Find", "findAction", "focus_search", ("Ctrl+F", "/")),
    Command("View", "Always on &top", "onTopAction", "set_always_on_top", ("Ctrl+T",), True),
    Command("View", "&Compact layout", "compactAction", "set_compact", ("Ctrl+Shift+L",), True),
    Command(
        "View", "Zoom &in", "zoomInAction", "zoom_in", (QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
    ),
    Command("View", "Zoom &out", "zoomOutAction", "zoom_out", (QKeySequence.StandardKey.ZoomOut,)),
    Command("View", "&Reset zoom", "zoomResetAction", "zoom_reset", ("Ctrl+0",)),
    Command("View", "&Presenter view", "presenterAction", "set_presenter", ("F5",), True),
    Command(
        "View", "My notes in &handouts", "notesInHandoutsAction", "set_notes_in_handouts", (), True
    ),
    Command("Go", "&Start page and recently viewed", "startAction", "show_start", ("Ctrl+R",)),
    Command("Go", "&Back", "backAction", "go_back", ("Alt+Left",)),
    Command("Go", "&Forward", "forwardAction", "go_forward", ("Alt+Right",)),
    Command("Help", "&Guided tour", "tourAction", "start_tour", ("Ctrl+Shift+G",)),
    Command("Help", "Case &quiz", "quizAction", "show_quiz", ("Ctrl+Shift+Q",)),
    Command("Help", "&What changed this edition", "changesAction", "show_changes"),
    Command("Help", "&Keyboard shortcuts", "shortcutsAction", "show_shortcuts", ("F1",)),
    Command("Help", "&About sacroref", "aboutAction", "show_about"),
)

#: Keys that belong to one widget rather than a menu command.
WIDGET_KEYS = (
    ("Down (in the search field)", "move into the tree, onto the best match"),
    ("Enter (in the search field)", "open the typed code, or the best match"),
    ("Esc (in the search field)", "clear the search"),
    ("Up, Down, Left, Right (in the tree)", "move, close and open branches"),
    ("Enter (in the tree)", "show the page of the row"),
    ("Tab, Shift+Tab", "move between the search field, the tree and the page"),
    ("? (in the tree)", "this list"),
)


def shortcut_sheet() -> Document:
    """Return the page listing every command's keys and the keys of single widgets."""
    from sacroref.core.document import Document, Heading, Table, text

    def keys(command: Command) -> str:
        return ", ".join(
            QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            for key in command.keys
        )

    rows = tuple(
        (text(keys(c), "strong"), text(f"{c.menu} → {c.text.replace('&', '').rstrip('…')}"))
        for c in COMMANDS
        if c.keys
    )
    widget_rows = tuple((text(key, "strong"), text(what)) for key, what in WIDGET_KEYS)
    return Document(
        "Keyboard shortcuts",
        (
            Heading("Keyboard shortcuts", 1),
            Table(("Keys", "Command"), rows),
            Heading("In the search field and the tree"),
            Table(("Keys", "What it does"), widget_rows),
        ),
    )


def build_actions(
    window: QMainWindow,
    handlers: Mapping[str, Callable[..., object]],
    set_theme: Callable[[str], None],
) -> dict[str, QAction]:
    """Make the menus and every command's action; return the actions by objectName."""
    bar = window.menuBar()
    menus = {name: bar.addMenu(f"&{name}") for name in MENUS}
    actions: dict[str, QAction] = {}
    for command in COMMANDS:
        action = QAction(command.text, window)
        action.setObjectName(command.name)
        action.setShortcuts([QKeySequence(key) for key in command.keys])
        action.setCheckable(command.checkable)
        slot = handlers[command.slot]
        if command.checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menus[command.menu].addAction(action)
        window.addAction(action)
        actions[command.name] = action
        if command.name == "zoomResetAction":
            _theme_menu(menus["View"].addMenu("T&heme"), window, actions, set_theme)
    return actions


def _theme_menu(
    menu: QMenu,
    window: QMainWindow,
    actions: dict[str, QAction],
    set_theme: Callable[[str], None],
) -> None:
    group = QActionGroup(window)
    for theme in THEMES:
        action = menu.addAction(theme.capitalize() if theme != "system" else "Follow system")
        action.setCheckable(True)
        action.setData(theme)
        action.setObjectName(f"theme-{theme}")
        group.addAction(action)
        actions[action.objectName()] = action
    group.triggered.connect(lambda chosen: set_theme(str(chosen.data())))
