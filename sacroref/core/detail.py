"""Builds the detail page of a code, table, approach or device as a document."""

from __future__ import annotations

from sacroref import CPT_EDITION, PCS_EDITION
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
from sacroref.core.model import PCS_AXIS_NAMES, CptPage, PcsCode, PcsTable
from sacroref.core.tree import CPT_BRANCH, PCS_BRANCH, Node, NodeKind, populate

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


def _source_line(
    catalog: Catalog, source_ids: tuple[str, ...] | list[str], local: str = ""
) -> Paragraph:
    titles = "; ".join(dict.fromkeys(catalog.source_title(s, local) for s in source_ids))
    return Paragraph(text(f"Source: {titles or 'not provided'}", "muted"))


def _local_badge(local: str, what: str) -> Paragraph:
    return Paragraph(
        (
            Span("local content", style="badge"),
            Span(
                f" {what} written by your organisation ({local}); not part of sacroref's "
                "bundled content, nor CMS's or the AMA's."
            ),
        )
    )


def pcs_code_document(catalog: Catalog, code: PcsCode) -> Document:
    """Return the detail page of a PCS code."""
    table = code.table
    blocks: list[Block] = [
        Heading(code.code, 1),
        Paragraph(text(code.long_title, "strong")),
        *_new_badge(catalog, code.code),
        Paragraph(text(f"Short title: {code.short_title or 'not provided'}")),
        _source_line(catalog, [table.source, catalog.title_rules.source]),
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
        blocks.append(_source_line(catalog, ["cms-pcs-index"]))
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
        blocks.append(_source_line(catalog, ["cms-pcs-definitions"]))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks += approach_blocks(catalog, code.table, code.approach.label)
    blocks += device_blocks(catalog, code.table, code.device.label)
    body_part = catalog.body_part_definition(code)
    if body_part and body_part.includes:
        blocks.append(Heading(f"Body part: {code.body_part.label}"))
        blocks.append(Paragraph(text("Body Part Key includes: " + ", ".join(body_part.includes))))
        blocks.append(_source_line(catalog, ["cms-pcs-definitions"]))
    return blocks


def approach_blocks(catalog: Catalog, table: PcsTable, label: str) -> list[Block]:
    """Return the heading and CMS definition of an approach."""
    definition = catalog.approaches.get((table.section.code, label))
    blocks: list[Block] = [Heading(f"Approach: {label}")]
    if definition:
        blocks += [
            Paragraph(text(definition.definition)),
            _source_line(catalog, ["cms-pcs-definitions"]),
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
    section = table.section.code
    entry = catalog.devices.get((section, label, table.body_system.label)) or catalog.devices.get(
        (section, label, None)
    )
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
        blocks.append(_source_line(catalog, ["cms-pcs-definitions"]))
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
                blocks.append(_local_badge(note.local, "This note was"))
            blocks += [Paragraph(text(note.text)), _source_line(catalog, [note.source], note.local)]
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
        blocks.append(_source_line(catalog, ["cms-pcs-definitions"]))
    approaches = list(dict.fromkeys(c.approach.label for c in codes))
    devices = list(dict.fromkeys(c.device.label for c in codes))
    rows = []
    for approach in approaches:
        cells: list[Inline] = [text(approach, "strong")]
        for device in devices:
            found = [c for c in codes if c.approach.label == approach and c.device.label == device]
            cells.append(
                tuple(span for c in found for span in (code_link(c.code), Span(" ")))
                or text("—", "muted")
            )
        rows.append(tuple(cells))
    blocks += [
        Heading("Codes by approach and device"),
        Table(("Approach", *devices), tuple(rows)),
        _source_line(catalog, [table.source]),
    ]
    terms = catalog.index_terms_for(key)
    if terms:
        blocks += [
            Heading("Alphabetic Index"),
            Bullets(tuple(text(" › ".join(t.path)) for t in terms)),
        ]
    return Document(key, tuple(blocks))


def cpt_document(catalog: Catalog, page: CptPage) -> Document:
    """Return a CPT page: every section in a fixed order, each with its source."""
    blocks: list[Block] = [
        Heading(f"{page.code} · {CPT_EDITION}", 1),
        Paragraph(text(page.name, "strong")),
        *([_local_badge(page.local, "This page was")] if page.local else []),
        Paragraph(text(CPT_NOTICE, "muted")),
        Paragraph(
            (
                Span("Add-on code: "),
                Span("yes" if page.add_on else "no", style="strong"),
                Span(" — report only with its primary procedure" if page.add_on else ""),
            )
        ),
        _source_line(catalog, [page.add_on_source], page.local),
    ]
    for section in page.sections:
        blocks.append(Heading(section.title))
        if not section.provided:
            blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
            continue
        if section.inferred:
            blocks.append(
                Paragraph((Span("inferred", style="badge"), Span(f" {section.inferred}")))
            )
        if section.text:
            blocks.append(Paragraph(text(section.text)))
        if section.items:
            numbered = section.key == "procedure_steps"
            blocks.append(Bullets(tuple(text(item) for item in section.items), numbered))
        blocks.append(_source_line(catalog, section.sources, page.local))
    blocks.append(Heading("Modifiers"))
    if page.modifiers:
        blocks.append(
            Table(
                ("Modifier", "Name", "Use"),
                tuple(
                    (
                        text(m.code, "strong"),
                        text(m.name),
                        (
                            Span("may apply: " if m.allowed else "do not use: ", style="strong"),
                            Span(m.note),
                        ),
                    )
                    for m in page.modifiers
                ),
            )
        )
        blocks.append(_source_line(catalog, [page.modifiers_source or ""], page.local))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks.append(Heading("Payment indicators"))
    if page.indicators:
        blocks.append(
            Table(
                ("Indicator", "Value", "Meaning"),
                tuple(
                    (text(i.name), text(i.value, "strong"), text(i.meaning or "not provided"))
                    for i in page.indicators
                ),
            )
        )
        blocks.append(
            _source_line(catalog, sorted({i.source for i in page.indicators}), page.local)
        )
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks.append(Heading("Code history"))
    if page.history:
        blocks.append(
            Table(
                ("Date", "Action", "Note"),
                tuple((text(h.date), text(h.action), text(h.note)) for h in page.history),
            )
        )
        blocks.append(_source_line(catalog, sorted({h.source for h in page.history}), page.local))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks.append(Heading("Related codes"))
    if page.related:
        items: list[Inline] = []
        for related in page.related:
            target = catalog.lookup(related.code)
            spans: list[Span] = [code_link(related.code), Span(f"  {related.relation}")]
            if isinstance(target, PcsCode):
                spans.append(Span(f" ({target.long_title})", style="muted"))
            if related.inferred:
                spans += [Span(" "), Span("inferred, not official", style="badge")]
            if related.note:
                spans.append(Span(f" {related.note}", style="muted"))
            items.append(tuple(spans))
        blocks.append(Bullets(tuple(items)))
        blocks.append(_source_line(catalog, sorted({r.source for r in page.related}), page.local))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks += notes_blocks(catalog, page.code)
    return Document(f"{page.code} {page.name}", tuple(blocks))


def code_document(catalog: Catalog, code: str) -> Document | None:
    """Return the detail page of any code, or None when it is not loaded."""
    found = catalog.lookup(code)
    if isinstance(found, PcsCode):
        return pcs_code_document(catalog, found)
    if isinstance(found, CptPage):
        return cpt_document(catalog, found)
    return None


def node_document(catalog: Catalog, node: Node) -> Document | None:
    """Return the detail page for any tree node: a code, table, approach, device or heading."""
    if node.kind is NodeKind.CODE and node.code:
        return code_document(catalog, node.code)
    if node.kind is NodeKind.BRANCH:
        return _branch_document(catalog, node)
    if node.kind is NodeKind.BODY_SYSTEM:
        tables = [child.label for child in populate(catalog, node)]
        return Document(
            node.label,
            (
                Heading(node.label, 1),
                Paragraph(
                    text(
                        f"Tables: {len(tables)}. Open one, then an approach and a device, "
                        "to reach the codes."
                    )
                ),
                Bullets(tuple(text(label) for label in tables)),
            ),
        )
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
    parts = node.key.split("/")  # pcs/<table>/<approach>/<device>/<qualifier>
    under = [c for c in codes if _matches_path(c, parts[2:])]
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


def _matches_path(code: PcsCode, path: list[str]) -> bool:
    axes = (code.approach.code, code.device.code, code.qualifier.code)
    return all(axis == part for axis, part in zip(axes, path, strict=False))


def _branch_document(catalog: Catalog, node: Node) -> Document:
    if node.label == PCS_BRANCH:
        tables = catalog.pcs_codes.table_keys()
        return Document(
            node.label,
            (
                Heading(f"{PCS_EDITION}", 1),
                Paragraph(
                    text(
                        f"{len(catalog.pcs_codes)} codes in {len(tables)} tables. Open a "
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
    blocks.append(_source_line(catalog, [changes.source]))
    return Document("What changed", tuple(blocks))
