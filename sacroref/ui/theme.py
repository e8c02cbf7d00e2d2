"""Light and dark palettes; by default the app follows the system's color scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    """Return a readable dark palette for the Fusion style."""
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e8e8e8",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#2b2b2b",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#e8e8e8",
        role.Text: "#e8e8e8",
        role.Button: "#353535",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff6b6b",
        role.Link: "#7fb8ff",
        role.LinkVisited: "#b99cff",
        role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#9a9a9a",
    }
    for color_role, color in colors.items():
        palette.setColor(color_role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(disabled, color_role, QColor("#7a7a7a"))
    return palette


_native: tuple[str, QPalette] | None = None


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "system", "light" or "dark"; the native style stays until a change is asked for."""
    global _native  # noqa: PLW0603 - the platform's own look, kept to return to
    system_dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    dark = theme == "dark" or (theme == "system" and system_dark)
    forced_light = theme == "light" and system_dark
    if _native is None:
        if not dark and not forced_light:
            return  # the platform's look already is what was asked for: change nothing
        _native = (app.style().name(), app.palette())
    if dark or forced_light:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
    else:
        app.setStyle(_native[0])
        app.setPalette(_native[1])


def presenter_palette() -> QPalette:
    """Return a high-contrast palette for projectors: black on white, strong selection."""
    palette = QPalette()
    role = QPalette.ColorRole
    for color_role, color in {
        role.Window: "#ffffff",
        role.WindowText: "#000000",
        role.Base: "#ffffff",
        role.AlternateBase: "#f0f0f0",
        role.Text: "#000000",
        role.Button: "#ffffff",
        role.ButtonText: "#000000",
        role.Highlight: "#0000a0",
        role.HighlightedText: "#ffffff",
        role.Link: "#0000c0",
        role.PlaceholderText: "#404040",
        role.ToolTipBase: "#ffffe0",
        role.ToolTipText: "#000000",
    }.items():
        palette.setColor(color_role, QColor(color))
    return palette


def apply_presenter(app: QApplication) -> None:
    """Switch to the high-contrast presenter look; apply_theme() switches back."""
    global _native  # noqa: PLW0603 - the platform's own look, kept to return to
    if _native is None:
        _native = (app.style().name(), app.palette())
    app.setStyle("Fusion")
    app.setPalette(presenter_palette())
