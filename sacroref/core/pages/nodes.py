"""The page of any tree node or code, and the edition's change summary."""

from __future__ import annotations

from sacroref import CPT_EDITION
from sacroref.core.catalog import Catalog
from sacroref.core.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Paragraph,
    Span,
    code_link,
    text,
)
from sacroref.core.edition import pcs_edition_name
from sacroref.core.model import CptPage, PcsCode
from sacroref.core.pages.common import CPT_NOTICE, DISCLAIMER, source_line
from sacroref.core.pages.cpt import cpt_document
from sacroref.core.pages.pcs import (
    approach_blocks,
    device_blocks,
    pcs_code_document,
    table_document,
)
from sacroref.core.tree import CPT_BRANCH, PCS_BRANCH, Node, NodeKind, populate


def code_document(catalog: Catalog, code: str) -> Document | None:
    """Return the detail page of any code, or None when it is not loaded."""
    found = catalog.lookup(code)
    if isinstance(found, PcsCode):
        return pcs_code_document(catalog, found)
    if isinstance(found, CptPage):
        return cpt_document(catalog, found)
    return None


#: What the sacral group holds and why it comes first (sacroref's own arrangement).
SACRAL_NOTE = (
    "sacroref puts the tables a sacral coder works in first: every table for the sacrum, "
    "insertion into the pelvic bones, sacroiliac joint fusion, and the Section X tables for "
    "pelvic fixation. Every other ICD-10-PCS table is below, by section and body system."
)


def node_document(catalog: Catalog, node: Node) -> Document | None:
    """Return the detail page for any tree node: a code, table, approach, device or heading."""
    if node.kind is NodeKind.CODE and node.code:
        return code_document(catalog, node.code)
    if node.kind is NodeKind.BRANCH:
        return _branch_document(catalog, node)
    if node.kind in (NodeKind.SACRAL, NodeKind.SECTION, NodeKind.BODY_SYSTEM):
        held = [child.label for child in populate(catalog, node)]
        what = "Body systems" if node.kind is NodeKind.SECTION else "Tables"
        grouped: list[Block] = [Heading(node.label, 1)]
        if node.kind is NodeKind.SACRAL:
            grouped.append(Paragraph(text(SACRAL_NOTE)))
        grouped += [
            Paragraph(
                text(
                    f"{what}: {len(held)}. Open one, then an approach and a device, "
                    "to reach the codes."
                )
            ),
            Bullets(tuple(text(label) for label in held)),
        ]
        return Document(node.label, tuple(grouped))
    if node.kind is NodeKind.GROUP:
        items = tuple(
            (code_link(child.code or ""), Span(f"  {child.detail}")) for child in node.children
        )
        return Document(
            node.label,
            (Heading(node.label, 1), Paragraph(text(CPT_NOTICE, "muted")), Bullets(items)),
        )
    codes = catalog.codes_in_table(node.table_key)
    if not codes:
        return None
    table, body_part = codes[0].table, codes[0].body_part.code
    if node.kind is NodeKind.TABLE:
        return table_document(catalog, table, body_part)
    under = [c for c in codes if c.code.startswith(node.prefix or "")]
    blocks: list[Block] = [Heading(f"{node.table_key} · {node.label}", 1)]
    if node.kind is NodeKind.APPROACH:
        blocks += approach_blocks(catalog, table, node.label)
    elif node.kind is NodeKind.DEVICE:
        blocks += approach_blocks(catalog, table, under[0].approach.label)
        blocks += device_blocks(catalog, table, node.label)
    else:
        blocks.append(Paragraph(text(f"Qualifier {under[0].qualifier.code}: {node.label}")))
    blocks += [
        Heading("Codes"),
        Bullets(tuple((code_link(c.code), Span(f"  {c.long_title}")) for c in under)),
    ]
    return Document(node.label, tuple(blocks))


def _branch_document(catalog: Catalog, node: Node) -> Document:
    if node.label == PCS_BRANCH:
        return Document(
            node.label,
            (
                Heading(pcs_edition_name(catalog), 1),
                Paragraph(
                    text(
                        f"{len(catalog.pcs_codes):,} codes in {catalog.pcs_codes.table_count():,} "
                        "tables. Open a "
                        "table, then an approach and a device, to reach the 7-character "
                        "codes."
                    )
                ),
                Paragraph(
                    text(
                        "Codes and titles are CMS facts; titles are rebuilt from the axis "
                        "labels and checked against CMS's published titles.",
                        "muted",
                    )
                ),
            ),
        )
    if node.label == CPT_BRANCH:
        return Document(
            node.label,
            (
                Heading(CPT_EDITION, 1),
                Paragraph(text(CPT_NOTICE)),
                Paragraph(text(DISCLAIMER, "muted")),
            ),
        )
    return Document(
        node.label,
        (
            Heading("Favorites", 1),
            Paragraph(
                text(
                    "Star a code (Ctrl+D or the star button) to keep it here. "
                    f"{len(node.children)} starred."
                )
            ),
        ),
    )


def changes_document(catalog: Catalog) -> Document:
    """Return what changed in the loaded PCS tables since the previous CMS edition."""
    changes = catalog.edition_changes
    if changes is None:
        return Document(
            "What changed",
            (
                Heading("What changed this edition", 1),
                Paragraph(
                    text(
                        "Not provided: the content was imported without the previous "
                        "edition's tables.",
                        "muted",
                    )
                ),
                *update_blocks(catalog),  # what a mid-year update changed, still
            ),
        )
    blocks: list[Block] = [
        Heading(f"What changed: FY{changes.from_year} to FY{changes.to_year}", 1),
        Paragraph(
            text(
                f"In the loaded tables, {len(changes.added)} code(s) were added and "
                f"{len(changes.deleted)} deleted."
            )
        ),
    ]
    if changes.added:
        blocks += [
            Heading("Added"),
            Bullets(
                tuple(
                    (code_link(code), Span(f"  {catalog.pcs_codes[code].long_title}"))
                    for code in sorted(changes.added)
                    if code in catalog.pcs_codes
                )
            ),
        ]
    if changes.deleted:
        blocks += [Heading("Deleted"), Bullets(tuple(text(code) for code in changes.deleted))]
    if not changes.added and not changes.deleted:
        blocks.append(Paragraph(text("No code in these tables was added or deleted.")))
    blocks.append(source_line(catalog, [changes.source]))
    blocks += update_blocks(catalog)
    return Document("What changed", tuple(blocks))


def update_blocks(catalog: Catalog) -> list[Block]:
    """Return what a mid-year CMS update added and deleted, and whether these tables hold it."""
    update = catalog.pcs_update
    if update is None:
        return []
    counted = f"The update added {len(update.added)} codes and deleted {len(update.deleted)}"
    blocks: list[Block] = [
        Heading(f"CMS's {update.name}"),
        Paragraph(
            text(
                "These tables hold it: `sacroref import-pcs --addenda` applied its tables "
                f"addenda to the release before it. {counted}."
                if update.applied
                else f"These tables are the release before it. {counted}; a coder coding "
                "discharges from the update on looks them up in the update's files."
            )
        ),
    ]
    for title, entries in (
        ("Added by the update", update.added),
        ("Deleted by the update", update.deleted),
    ):
        if entries:
            blocks += [
                Heading(title),
                Bullets(tuple(text(f"{code}  {name}") for code, name in entries)),
            ]
    blocks.append(source_line(catalog, [update.source]))
    return blocks
