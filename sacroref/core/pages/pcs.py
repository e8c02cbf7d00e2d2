"""The pages of ICD-10-PCS codes and tables: titles, characters, CMS definitions and keys."""

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
    Table,
    code_link,
    text,
)
from sacroref.core.model import (
    CMS_DEFINITIONS,
    CMS_INDEX,
    CMS_TITLES,
    PCS_AXIS_NAMES,
    PcsCode,
    PcsTable,
)
from sacroref.core.pages.common import NOT_PROVIDED, local_badge, source_line
from sacroref.core.pages.decisions import cards_for_page

DERIVED_TITLE = (
    "Title derived by sacroref from the axis labels, not CMS's: the CMS title files this "
    "content was made from have none for this code."
)


def pcs_code_document(catalog: Catalog, code: PcsCode) -> Document:
    """Return the detail page of a PCS code."""
    table = code.table
    blocks: list[Block] = [
        Heading(code.code, 1),
        Paragraph(text(code.long_title, "strong")),
        *_new_badge(catalog, code.code),
        Paragraph(text(f"Short title: {code.short_title or 'not provided'}")),
        source_line(catalog, [table.source] if code.derived else [table.source, CMS_TITLES]),
        *([Paragraph(text(DERIVED_TITLE, "muted"))] if code.derived else []),
        Heading("Character by character"),
    ]
    meanings = [value.label for value in code.axis_values]
    blocks.append(
        Table(
            ("Position", "Axis", "Value", "Meaning"),
            tuple(
                (text(str(position)), text(axis), text(value.code, "strong"), text(meaning))
                for position, (axis, value, meaning) in enumerate(
                    zip(PCS_AXIS_NAMES, code.axis_values, meanings, strict=True), start=1
                )
            ),
        )
    )
    blocks += _definitions_blocks(catalog, code)
    terms = catalog.index_terms_for(code.code)
    if terms:
        blocks.append(Heading("Alphabetic Index"))
        blocks.append(
            Bullets(tuple(text(f"{' › '.join(term.path)} → {term.target}") for term in terms))
        )
        blocks.append(source_line(catalog, [CMS_INDEX]))
    neighbours = catalog.neighbours(code)
    if neighbours:
        blocks.append(Heading("Same table, other approach or device"))
        blocks.append(
            Bullets(
                tuple(
                    (code_link(other.code), Span(f"  {other.long_title}")) for other in neighbours
                )
            )
        )
    blocks += _related_cpt_blocks(catalog, code.code)
    blocks += cards_for_page(catalog, code.code)
    blocks += notes_blocks(catalog, code.code)
    return Document(f"{code.code} {code.long_title}", tuple(blocks))


def _definitions_blocks(catalog: Catalog, code: PcsCode) -> list[Block]:
    blocks: list[Block] = []
    operation = catalog.operation_definition(code)
    blocks.append(Heading(f"Root operation: {code.table.operation.label}"))
    if operation:
        blocks.append(Paragraph(text(operation.definition)))
        if operation.explanation:
            blocks.append(Paragraph(text(f"Explanation: {operation.explanation}")))
        if operation.includes:
            examples = "; ".join(operation.includes)
            blocks.append(Paragraph(text(f"CMS lists as examples: {examples}")))
        blocks.append(source_line(catalog, [CMS_DEFINITIONS]))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks += approach_blocks(catalog, code.table, code.approach.label)
    blocks += device_blocks(catalog, code.table, code.device.label)
    body_part = catalog.body_part_definition(code)
    if body_part and body_part.includes:
        blocks.append(Heading(f"Body part: {code.body_part.label}"))
        blocks.append(Paragraph(text("Body Part Key includes: " + ", ".join(body_part.includes))))
        blocks.append(source_line(catalog, [CMS_DEFINITIONS]))
    return blocks


def approach_blocks(catalog: Catalog, table: PcsTable, label: str) -> list[Block]:
    """Return the heading and CMS definition of an approach."""
    definition = catalog.approaches.get((table.section.code, label))
    blocks: list[Block] = [Heading(f"Approach: {label}")]
    if definition:
        blocks += [
            Paragraph(text(definition.definition)),
            source_line(catalog, [CMS_DEFINITIONS]),
        ]
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    return blocks


def device_blocks(catalog: Catalog, table: PcsTable, label: str) -> list[Block]:
    """Return the heading, definition and Device Key "includes" terms of a device."""
    blocks: list[Block] = [Heading(f"Device: {label}")]
    if label == "No Device":
        blocks.append(Paragraph(text("No device is left in place at the end of the procedure.")))
        return blocks
    entry = catalog.device_entry(table, label)
    blocks.append(
        Paragraph(
            text(
                "Definition: not provided (CMS publishes Device Key terms, not a definition, "
                "for device values).",
                "muted",
            )
        )
    )
    if entry and entry.includes:
        where = f" in {entry.body_system}" if entry.body_system else ""
        blocks.append(Paragraph(text(f"Device Key, {label}{where}, includes:")))
        blocks.append(Bullets(tuple(text(term) for term in entry.includes)))
        blocks.append(source_line(catalog, [CMS_DEFINITIONS]))
    return blocks


def _related_cpt_blocks(catalog: Catalog, code: str) -> list[Block]:
    pages = [
        (page, related)
        for page in catalog.cpt_pages.values()
        for related in page.related
        if related.code == code
    ]
    if not pages:
        return []
    items: list[Inline] = []
    for page, related in pages:
        label = "inferred" if related.inferred else "stated"
        items.append((code_link(page.code), Span(f"  {page.name} "), Span(label, style="badge")))
    return [Heading("Related CPT codes"), Bullets(tuple(items))]


def notes_blocks(catalog: Catalog, code: str) -> list[Block]:
    """Return an organisation's local notes on a code."""
    notes = catalog.notes.get(code, [])
    blocks: list[Block] = []
    if notes:
        blocks.append(Heading("Local notes"))
        for note in notes:
            blocks.append(Paragraph(text(note.title, "strong")))
            if note.local:
                blocks.append(local_badge(note.local, "This note was"))
            blocks += [Paragraph(text(note.text)), source_line(catalog, [note.source], note.local)]
    return blocks


def table_document(catalog: Catalog, table: PcsTable, body_part: str) -> Document:
    """Return a table page: the root operation and an approach-by-device grid of codes."""
    codes = [c for c in catalog.codes_in_table(table.prefix + body_part) if c.table is table]
    label = codes[0].body_part.label if codes else body_part
    key = table.prefix + body_part
    blocks: list[Block] = [
        Heading(f"{key} · {table.operation.label} · {label}", 1),
        Paragraph(text(f"{len(codes)} codes in this table.")),
    ]
    operation = catalog.operations.get((table.section.code, table.operation.label))
    if operation:
        blocks += [
            Heading(f"Root operation: {table.operation.label}"),
            Paragraph(text(operation.definition)),
        ]
        if operation.explanation:
            blocks.append(Paragraph(text(f"Explanation: {operation.explanation}")))
        blocks.append(source_line(catalog, [CMS_DEFINITIONS]))
    if operation and operation.includes:
        blocks.append(Paragraph(text("CMS lists as examples: " + "; ".join(operation.includes))))
    # CMS's grid: character 5 (approach) down, character 6 (device) across, values shown.
    approaches = list(dict.fromkeys(c.approach for c in codes))
    devices = list(dict.fromkeys(c.device for c in codes))
    rows = []
    for approach in approaches:
        cells: list[Inline] = [text(f"{approach.code} {approach.label}", "strong")]
        for device in devices:
            found = [c for c in codes if c.approach == approach and c.device == device]
            cells.append(
                tuple(span for c in found for span in (code_link(c.code), Span(" ")))
                or text("—", "muted")
            )
        rows.append(tuple(cells))
    header = ("5 Approach \\ 6 Device", *(f"{d.code} {d.label}" for d in devices))
    blocks += [
        Heading("Codes by approach (character 5) and device (character 6)"),
        Table(header, tuple(rows)),
        source_line(catalog, [table.source]),
    ]
    terms = catalog.index_terms_for(key)
    if terms:
        blocks += [
            Heading("Alphabetic Index"),
            Bullets(tuple(text(" › ".join(t.path)) for t in terms)),
        ]
    blocks += cards_for_page(catalog, key)
    return Document(key, tuple(blocks))


def _new_badge(catalog: Catalog, code: str) -> list[Block]:
    changes = catalog.edition_changes
    if changes is None or code not in changes.added:
        return []
    return [
        Paragraph(
            (
                Span(f"new in FY{changes.to_year}", style="badge"),
                Span(f" Not in the FY{changes.from_year} tables."),
            )
        )
    ]
