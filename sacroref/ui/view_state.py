"""How the window looks: zoom, theme, compact layout, always on top, presenter view, saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QWidget

from sacroref.ui.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from sacroref.ui.settings import Settings

COMPACT_WIDTH = 600  # below this the detail pane goes under the tree
ZOOM_RANGE = (-4, 12)


class ViewState:
    """Applies and remembers the window's view settings.

    ``action(name)`` returns the window's action of that objectName, so the checkable ones
    show the state however it was changed (menu, shortcut, restored setting).
    """

    def __init__(
        self,
        window: QMainWindow,
        panes: tuple[QWidget, QWidget],
        splitter: QSplitter,
        settings: Settings,
        action: Callable[[str], QAction],
    ) -> None:
        self._window = window
        self._panes = panes
        self._splitter = splitter
        self._settings = settings
        self._action = action
        self.zoom = 0
        self.presenting = False
        self._normal_zoom = 0
        self._base_point_size: float | None = None  # QFont's enums are set up on first use
        self._wide_size: tuple[int, int] | None = None  # the size before compact layout
        self.zoomed: list[Callable[[], None]] = []  # told after the zoom changed
        self.themed: list[Callable[[], None]] = []  # told after the theme changed

    def set_always_on_top(self, on: bool) -> None:
        """Keep the window above the encoder, or not."""
        window = self._window
        if bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) != on:
            window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
            if window.isVisible() or on:
                window.show()
        self._action("onTopAction").setChecked(on)

    def set_compact(self, on: bool) -> None:
        """Narrow beside-the-encoder layout: the detail pane goes below the tree."""
        self._action("compactAction").setChecked(on)
        window = self._window
        if on and window.width() > 420:
            self._wide_size = (window.width(), window.height())
            window.resize(380, max(window.height(), 640))
        elif not on and self._wide_size is not None:
            window.resize(*self._wide_size)  # compact off gives the width back
            self._wide_size = None
        self.apply_orientation()

    def apply_orientation(self) -> None:
        """Stack the panes when compact or narrow, else side by side."""
        vertical = self._action("compactAction").isChecked() or (
            self._window.width() < COMPACT_WIDTH
        )
        self._splitter.setOrientation(
            Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        )

    def set_zoom(self, level: int) -> None:
        """Make both panes' text larger or smaller (0 is the system size)."""
        self.zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], level))
        if self._base_point_size is None:
            self._base_point_size = QApplication.font().pointSizeF()
        size = max(6.0, self._base_point_size + self.zoom)
        # On a projector everything grows (tour caption, quiz, notices, dialogs) through the
        # application's font; otherwise only the panes, whole, so fields grow with the text.
        font = QApplication.font()
        if font.pointSizeF() != (wanted := size if self.presenting else self._base_point_size):
            font.setPointSizeF(wanted)
            QApplication.setFont(font)  # every widget is told: only when it changes
        for pane in self._panes:
            font = pane.font()
            font.setPointSizeF(size)
            pane.setFont(font)
        for told in self.zoomed:
            told()
        if self.presenting:
            self._settings.set("presenter/zoom", self.zoom)

    def set_theme(self, theme: str) -> None:
        """Follow the system's palette, or force light or dark."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for name in THEMES:
            self._action(f"theme-{name}").setChecked(name == theme)
        self._settings.set("theme", theme)
        for told in self.themed:  # the page's link colours follow the new palette
            told()

    def set_presenter(self, on: bool) -> None:
        """Large fonts, high contrast and no chrome for a projector; its zoom is kept apart."""
        app = QApplication.instance()
        self._action("presenterAction").setChecked(on)
        if on == self.presenting:
            return
        if on:
            from sacroref.ui.theme import apply_presenter

            self._normal_zoom = self.zoom
            if isinstance(app, QApplication):
                apply_presenter(app)
            self.presenting = True
            self.set_zoom(self._settings.get_int("presenter/zoom", 8, *ZOOM_RANGE))
        else:
            self.presenting = False
            self.set_zoom(self._normal_zoom)
            self.set_theme(self._settings.get_str("theme", "system"))
        self._window.menuBar().setVisible(not on)
        self._window.statusBar().setVisible(not on)

    def restore(self) -> None:
        """Apply the saved geometry, splitter, zoom, compact, on-top and theme."""
        settings = self._settings
        geometry = settings.get_bytes("window/geometry")
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        splitter = settings.get_bytes("window/splitter")
        if splitter is not None:
            self._splitter.restoreState(splitter)
        zoom = settings.get_int("view/zoom", 0, *ZOOM_RANGE)
        if zoom:  # the system size is what the window starts with
            self.set_zoom(zoom)
        self._action("compactAction").setChecked(settings.get_bool("view/compact"))
        self.apply_orientation()
        self.set_always_on_top(settings.get_bool("view/always_on_top"))
        theme = settings.get_str("theme", "system")
        self.set_theme(theme if theme in THEMES else "system")

    def save(self) -> None:
        """Remember the view (written when the settings are saved)."""
        settings = self._settings
        settings.set("window/geometry", self._window.saveGeometry())
        settings.set("window/splitter", self._splitter.saveState())
        settings.set("view/zoom", self._normal_zoom if self.presenting else self.zoom)
        settings.set("view/compact", self._action("compactAction").isChecked())
        settings.set("view/always_on_top", self._action("onTopAction").isChecked())
