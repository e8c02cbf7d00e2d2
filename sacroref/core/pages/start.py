"""The start page: what a coder comes back to (recent codes, favorites, the edition, keys)."""

from __future__ import annotations

from sacroref.core.catalog import Catalog
from sacroref.core.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Inline,
    Paragraph,
    Span,
    code_link,
    text,
)
from sacroref.core.edition import pcs_edition_name
from sacroref.core.model import PcsCode
from sacroref.core.pages.common import edition_blocks

MAIN_KEYS = (
    ("Ctrl+F or /", "search: a code, a word, a device, a coder's phrase"),
    ("Down", "from the search field into the tree"),
    ("Ctrl+C", "copy the code shown (or the text selected in the page)"),
    ("Ctrl+Alt+C", "copy the code with its title and what each character means"),
    ("Ctrl+D", "star the code (Favorites)"),
    ("Ctrl+R", "this page: recently viewed codes"),
    ("F1", "every shortcut"),
)


def _code_items(catalog: Catalog, codes: list[str]) -> tuple[Inline, ...]:
    items: list[Inline] = []
    for code in codes:
        found = catalog.lookup(code)
        if isinstance(found, PcsCode):
            title = found.long_title
        elif found is not None:
            title = found.display_name
        else:
            continue
        items.append((code_link(code), Span(f"  {title}")))
    return tuple(items)


def start_document(catalog: Catalog, recent: list[str], favorites: list[str]) -> Document:
    """Return the start page, shown when nothing is selected."""
    blocks: list[Block] = [Heading("sacroref", 1)]
    for title, codes, empty in (
        ("Recently viewed", recent, "No code viewed yet: search, or open a table in the tree."),
        ("Favorites", favorites, "None yet: Ctrl+D stars the code shown."),
    ):
        blocks.append(Heading(title))
        items = _code_items(catalog, codes)
        blocks.append(Bullets(items) if items else Paragraph(text(empty, "muted")))
    changes = catalog.edition_changes
    blocks += [
        Heading("This edition"),
        Paragraph(
            text(
                f"{pcs_edition_name(catalog)}: {len(catalog.pcs_codes):,} codes in "
                f"{catalog.pcs_codes.table_count():,} tables, and "
                f"{len(catalog.cpt_pages)} CPT pages."
                + (
                    f" Compared with FY{changes.from_year}: "
                    + (
                        f"{len(changes.added)} added, {len(changes.deleted)} deleted"
                        if changes.added or changes.deleted
                        else "no code added or deleted in these tables"
                    )
                    + " (Help → What changed this edition)."
                    if changes
                    else ""
                )
            )
        ),
        *edition_blocks(catalog),
        Heading("Main keys"),
        Bullets(tuple((Span(keys, style="strong"), Span(f"  {what}")) for keys, what in MAIN_KEYS)),
    ]
    return Document("Start", tuple(blocks))
