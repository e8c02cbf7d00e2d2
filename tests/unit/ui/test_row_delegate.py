"""The tree's row painter draws what Qt's default delegate draws, where it draws it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QFont, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QTreeView

from sacroref.ui import row_delegate
from sacroref.ui.row_delegate import PlainRowDelegate

ROWS = [
    "0QP134Z  Removal of Internal Fixation Device from Sacrum, Percutaneous Approach",
    "<b>not bold</b> &amp; <i>shown as typed</i>",
    "Approach",
]


@pytest.fixture
def view(qtbot) -> QTreeView:
    """A small tree of three rows, the second one made of markup characters."""
    model = QStandardItemModel()
    for text in ROWS:
        model.appendRow(QStandardItem(text))
    view = QTreeView()
    view.setHeaderHidden(True)
    view.setModel(model)
    view.resize(640, 120)
    view.setColumnWidth(0, 620)
    view.setProperty("test_model", model)  # keeps the model alive with the view
    qtbot.addWidget(view)
    return view


def ink_box(view: QTreeView, image: QImage, row: int) -> tuple[int, int, int, int]:
    """Return the (left, top, right, bottom) of what a row drew over its background."""
    rect: QRect = view.visualRect(view.model().index(row, 0))
    right = min(rect.right(), image.width() - 1)
    background = image.pixelColor(right - 1, rect.center().y())  # no row's text gets there
    found = [
        (x, y)
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), right + 1)
        if not _close(image.pixelColor(x, y), background)
    ]
    assert found, f"row {row} drew no text"
    xs, ys = [x for x, _ in found], [y for _, y in found]
    return min(xs), min(ys), max(xs), max(ys)


def _close(pixel: QColor, other: QColor) -> bool:
    return all(
        abs(a - b) <= 60 for a, b in zip(pixel.getRgb()[:3], other.getRgb()[:3], strict=True)
    )


def paint_with(view: QTreeView, delegate: QStyledItemDelegate) -> QImage:
    """Return the view's viewport painted with a delegate."""
    view.setItemDelegate(delegate)
    return view.viewport().grab().toImage()


def test_rows_are_drawn_where_the_default_delegate_draws_them(view):
    default = paint_with(view, QStyledItemDelegate(view))
    plain = paint_with(view, PlainRowDelegate(view))
    for row in range(len(ROWS)):
        left, top, right, bottom = ink_box(view, plain, row)
        d_left, d_top, d_right, d_bottom = ink_box(view, default, row)
        assert abs(left - d_left) <= 1
        assert abs(right - d_right) <= 1  # markup is text: "<b>" is drawn, not obeyed
        assert abs((top + bottom) - (d_top + d_bottom)) <= 2  # centred alike


def test_a_selected_row_takes_the_highlight_and_its_text_color(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    view.selectionModel().setCurrentIndex(
        view.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    image = paint_with(view, PlainRowDelegate(view))
    rect = view.visualRect(view.model().index(0, 0))
    highlight = view.palette().color(QPalette.ColorRole.Highlight)
    middle = image.pixelColor(rect.right() - 2, rect.center().y())
    assert _close(middle, highlight)
    left, top, right, bottom = ink_box(view, image, 0)
    ink = [image.pixelColor(x, y) for y in range(top, bottom + 1) for x in range(left, right + 1)]
    palette = view.palette()
    assert any(_close(pixel, palette.color(QPalette.ColorRole.HighlightedText)) for pixel in ink)
    assert not any(_close(pixel, palette.color(QPalette.ColorRole.Text)) for pixel in ink)
    unselected = view.visualRect(view.model().index(2, 0))
    assert not _close(image.pixelColor(unselected.right() - 2, unselected.center().y()), highlight)


def test_a_larger_font_draws_larger_text(view):
    delegate = PlainRowDelegate(view)
    before = ink_box(view, paint_with(view, delegate), 2)
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    after = ink_box(view, paint_with(view, delegate), 2)
    assert after[2] - after[0] > 1.5 * (before[2] - before[0])


def test_the_layout_cache_keeps_a_bounded_number_of_rows(view, monkeypatch):
    monkeypatch.setattr(row_delegate, "CACHED_ROWS", 5)
    delegate = PlainRowDelegate(view)
    model = view.model()
    assert isinstance(model, QStandardItemModel)
    for number in range(20):
        model.item(2).setText(f"row {number}")
        paint_with(view, delegate)
    assert len(delegate._layouts) == 5
    assert "row 19" in delegate._layouts
