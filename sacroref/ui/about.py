"""Help → About: version, edition, sources, disclaimer and the CPT notice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from sacroref import __version__
from sacroref.core.catalog import Catalog
from sacroref.core.document import Bullets, Document, Heading, Paragraph, text, to_html
from sacroref.core.edition import content_edition_name
from sacroref.core.pages.common import CPT_NOTICE, DISCLAIMER, edition_blocks


def about_document(catalog: Catalog) -> Document:
    """Return the About page."""
    return Document(
        "About sacroref",
        (
            Heading(f"sacroref {__version__}", 1),
            Paragraph(
                text(
                    f"Content edition: {content_edition_name(catalog)}. "
                    f"{catalog.code_count():,} codes."
                )
            ),
            *edition_blocks(catalog),
            Heading("Disclaimer"),
            Paragraph(text(DISCLAIMER)),
            Heading("CPT"),
            Paragraph(text(CPT_NOTICE)),
            Heading("Sources"),
            Bullets(tuple(text(source.title) for source in catalog.sources.values())),
            Paragraph(
                text(
                    "ICD-10-PCS tables and definitions are public-domain CMS data. All "
                    "descriptions are sacroref's own words; inferred crosswalks are "
                    "labelled as such.",
                    "muted",
                )
            ),
        ),
    )


class AboutDialog(QDialog):
    """A small non-modal dialog showing the About page."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About sacroref")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(to_html(about_document(catalog)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(520, 480)
