"""Handouts: print or export pages to PDF, with the edition and disclaimer in the footer.

A PDF is written by QPdfWriter, which needs no print support at all: exporting opens no
connection. Only Print (the user's choice) loads Qt's print plugin, which talks to the
system's print service.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from sacroref.core.document import Document, to_html
from sacroref.core.pages.common import DISCLAIMER


def pdf_writer(path: Path, title: str) -> QPdfWriter:
    """Return a writer of an A4 PDF file."""
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setTitle(title)
    writer.setCreator("sacroref")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def print_document(device: QPagedPaintDevice, document: Document, edition: str) -> int:
    """Lay a document out for paper and paint it page by page with a footer naming the
    content's ``edition``; return the pages."""
    return print_documents(device, [document], edition)


def print_documents(device: QPagedPaintDevice, documents: list[Document], edition: str) -> int:
    """Paint documents one after another, each from a new page; return the pages in all."""
    painter = QPainter(device)
    footer = f"sacroref · {edition}. {DISCLAIMER}"
    try:
        painted = 0
        for document in documents:
            painted += _paint(painter, device, document, footer, new_page=painted > 0)
    finally:
        painter.end()
    return painted


def _paint(
    painter: QPainter, device: QPagedPaintDevice, document: Document, footer: str, *, new_page: bool
) -> int:
    text_document = QTextDocument()
    text_document.documentLayout().setPaintDevice(device)
    text_document.setDefaultFont(QFont("DejaVu Sans", 10))
    text_document.setHtml(to_html(document))
    resolution = device.logicalDpiX()
    page = device.pageLayout().paintRectPixels(resolution)
    footer_font = QFont("DejaVu Sans", 7)
    footer_height = resolution * 0.45  # room for two lines of small print
    body = QSizeF(page.width(), page.height() - footer_height)
    text_document.setPageSize(body)
    pages = text_document.pageCount()
    for number in range(pages):
        if number or new_page:
            device.newPage()
        painter.save()
        painter.translate(0, -number * body.height())
        text_document.drawContents(
            painter, QRectF(0, number * body.height(), body.width(), body.height())
        )
        painter.restore()
        painter.setFont(footer_font)
        painter.drawText(
            QRectF(0, body.height(), body.width(), footer_height),
            int(Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap),
            f"{footer}  Page {number + 1} of {pages}.",
        )
    return pages


def export_pdf(documents: list[Document], path: Path, edition: str) -> int:
    """Write documents to one PDF file, each from a new page; return the number of pages."""
    return print_documents(pdf_writer(path, documents[0].title), documents, edition)
