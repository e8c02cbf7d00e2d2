"""Handouts: print or export pages to PDF, with the edition and disclaimer in the footer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from sacroref import CONTENT_EDITION
from sacroref.core.detail import DISCLAIMER
from sacroref.core.document import Document, to_html

FOOTER = f"sacroref · {CONTENT_EDITION}. {DISCLAIMER}"


def pdf_printer(path: Path, title: str) -> QPrinter:
    """Return a printer that writes an A4 PDF file."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(title)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_document(printer: QPrinter, document: Document) -> int:
    """Lay a document out for paper and paint it page by page with a footer; return pages."""
    text_document = QTextDocument()
    text_document.documentLayout().setPaintDevice(printer)
    text_document.setDefaultFont(QFont("DejaVu Sans", 10))
    text_document.setHtml(to_html(document))
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    footer_font = QFont("DejaVu Sans", 7)
    footer_height = printer.resolution() * 0.45  # room for two lines of small print
    body = QSizeF(page.width(), page.height() - footer_height)
    text_document.setPageSize(body)
    pages = text_document.pageCount()
    painter = QPainter(printer)
    try:
        for number in range(pages):
            if number:
                printer.newPage()
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
                f"{FOOTER}  Page {number + 1} of {pages}.",
            )
    finally:
        painter.end()
    return pages


def export_pdf(document: Document, path: Path) -> int:
    """Write a document to a PDF file; return the number of pages."""
    return print_document(pdf_printer(path, document.title), document)
