"""Paints a tree row's one line of plain text from a cached layout.

Qt's default delegate lays a row's text out again on every paint (about 45 µs for a
code and its title here). Search repaints up to a screenful of rows per keystroke, so
rows keep their laid-out text (QStaticText) and the style still draws the selection and
the focus frame, as it does for the default delegate.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

#: Laid-out rows kept: several screenfuls, so typing back and forth reuses them.
CACHED_ROWS = 2048

# Flag values as ints: Python-level enum flag operations cost about a microsecond each,
# and a paint asks several per row.
_SELECTED = QStyle.StateFlag.State_Selected.value
_MOUSE_OVER = QStyle.StateFlag.State_MouseOver.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
_COLOR_STATE = _SELECTED | _ENABLED | _ACTIVE
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_FOCUS_FRAME = QStyle.PrimitiveElement.PE_FrameFocusRect
_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin


def text_color(palette: QPalette, state: int) -> QColor:
    """Return the color a row's text takes in a palette and a style state (as Qt's styles)."""
    if not state & _ENABLED:
        group = QPalette.ColorGroup.Disabled
    elif state & _ACTIVE:
        group = QPalette.ColorGroup.Active
    else:
        group = QPalette.ColorGroup.Inactive
    role = QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
    return palette.color(group, role)


class PlainRowDelegate(QStyledItemDelegate):
    """Draws each row's display text as plain text (never markup) on the style's panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layouts: OrderedDict[str, QStaticText] = OrderedDict()
        self._colors: dict[tuple[int, int], QColor] = {}
        # The style last painted with (kept, so a new style is a new object) and its margin.
        self._style: QStyle | None = None
        self._margin = 0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Paint the panel (selection), the text, and the focus frame of one row."""
        widget: QWidget | None = option.widget  # None when painted outside a view
        if widget is None:
            super().paint(painter, option, index)
            return
        style = widget.style()
        state = option.state.value
        rect = option.rect
        if state & (_SELECTED | _MOUSE_OVER):  # else the panel is empty (no row colors)
            style.drawPrimitive(_PANEL, option, painter, widget)
        text = index.data()
        if text:
            layout = self._layout(str(text))
            palette = option.palette
            color_key = (palette.cacheKey(), state & _COLOR_STATE)
            color = self._colors.get(color_key)
            if color is None:
                color = self._colors[color_key] = text_color(palette, state)
            painter.setPen(color)
            if style is not self._style:  # as Qt's own item text margin
                self._style, self._margin = style, style.pixelMetric(_MARGIN, None, widget) + 1
            top = rect.top() + (rect.height() - layout.size().height()) / 2
            painter.drawStaticText(QPointF(rect.left() + self._margin, top), layout)
        if state & _HAS_FOCUS:
            style.drawPrimitive(_FOCUS_FRAME, option, painter, widget)

    def _layout(self, text: str) -> QStaticText:
        layout = self._layouts.get(text)
        if layout is not None:
            self._layouts.move_to_end(text)
            return layout
        layout = QStaticText(text)
        layout.setTextFormat(Qt.TextFormat.PlainText)  # content markup is shown, not run
        layout.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        self._layouts[text] = layout
        if len(self._layouts) > CACHED_ROWS:
            self._layouts.popitem(last=False)
        return layout
