"""What every page shares: the standing notices and how sources and local content are shown."""

from __future__ import annotations

from sacroref.core.catalog import Catalog
from sacroref.core.document import Document, Heading, Paragraph, Span, text
from sacroref.core.edition import Edition

NOT_PROVIDED = "Not provided: no source states this."
CPT_NOTICE = (
    "The official CPT descriptor is AMA-licensed and is not included in sacroref. "
    "Read it in your licensed CPT code book or encoder. CPT is a registered trademark "
    "of the American Medical Association."
)
DISCLAIMER = (
    "sacroref is a quick reference. It does not replace the official ICD-10-PCS and CPT "
    "code books, official coding guidelines, or payer policy."
)


def source_line(
    catalog: Catalog, source_ids: tuple[str, ...] | list[str], local: str = ""
) -> Paragraph:
    titles = "; ".join(dict.fromkeys(catalog.source_title(s, local) for s in source_ids))
    return Paragraph(text(f"Source: {titles or 'not provided'}", "muted"))


def local_badge(local: str, what: str) -> Paragraph:
    return Paragraph(
        (
            Span("local content", style="badge"),
            Span(
                f" {what} written by your organisation ({local}); not part of sacroref's "
                "bundled content, nor CMS's or the AMA's."
            ),
        )
    )


def with_note(document: Document, note: str | None) -> Document:
    """Return a page with the coder's own note on it, marked as theirs, when there is one."""
    if not note:
        return document
    mine = (
        Heading("My note"),
        Paragraph(
            (
                Span("your own note", style="badge"),
                Span(" Kept on this computer; not CMS's, the AMA's or sacroref's."),
            )
        ),
        Paragraph(text(note)),
    )
    return document._replace(blocks=(*document.blocks, *mine))


def edition_blocks(catalog: Catalog) -> list[Paragraph]:
    """Return what the content's edition is, whether it is still in force, and what CMS's
    mid-year update changed (and whether these tables hold it)."""
    if not catalog.pcs_fiscal_year:
        return []
    edition = Edition(catalog.pcs_fiscal_year)
    blocks = [Paragraph(text(edition.validity()))]
    if warning := edition.warning():
        blocks.append(Paragraph((Span("edition ended", style="badge"), Span(f" {warning}"))))
    update = catalog.pcs_update
    if update is not None:
        counted = f"CMS's {update.name} added {len(update.added)} codes and deleted"
        held = (
            ": these tables hold it, as the release for discharges from the update on (the "
            "codes it deleted still apply to discharges before it)"
            if update.applied
            else " that these tables do not hold"
        )
        blocks.append(
            Paragraph(
                text(
                    f"{counted} {len(update.deleted)}{held}. "
                    "Help → What changed this edition lists them."
                )
            )
        )
    return blocks
