"""The page of a CPT code: sacroref's own words, each section with its source."""

from __future__ import annotations

from sacroref import CPT_EDITION
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
from sacroref.core.model import CptPage, PcsCode
from sacroref.core.pages.common import CPT_NOTICE, NOT_PROVIDED, local_badge, source_line
from sacroref.core.pages.pcs import notes_blocks


def cpt_document(catalog: Catalog, page: CptPage) -> Document:
    """Return a CPT page: every section in a fixed order, each with its source."""
    blocks: list[Block] = [
        Heading(f"{page.code} · {CPT_EDITION}", 1),
        Paragraph(text(page.name, "strong")),
        *([local_badge(page.local, "This page was")] if page.local else []),
        Paragraph(text(CPT_NOTICE, "muted")),
        Paragraph(
            (
                Span("Add-on code: "),
                Span("yes" if page.add_on else "no", style="strong"),
                Span(" — report only with its primary procedure" if page.add_on else ""),
            )
        ),
        source_line(catalog, [page.add_on_source], page.local),
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
        blocks.append(source_line(catalog, section.sources, page.local))
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
        blocks.append(source_line(catalog, (page.modifiers_source or "").split(), page.local))
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
        blocks.append(source_line(catalog, sorted({i.source for i in page.indicators}), page.local))
    else:
        blocks += _not_given(catalog, page, "indicators", "payment indicators")
    blocks.append(Heading("Code history"))
    if page.history:
        blocks.append(
            Table(
                ("Date", "Action", "Note"),
                tuple((text(h.date), text(h.action), text(h.note)) for h in page.history),
            )
        )
        blocks.append(source_line(catalog, sorted({h.source for h in page.history}), page.local))
    else:
        blocks += _not_given(catalog, page, "history", "code history")
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
        cited = sorted({one for r in page.related for one in r.source.split()})
        blocks.append(source_line(catalog, cited, page.local))
    else:
        blocks.append(Paragraph(text(NOT_PROVIDED, "muted")))
    blocks += notes_blocks(catalog, page.code)
    return Document(f"{page.code} {page.name}", tuple(blocks))


def _not_given(catalog: Catalog, page: CptPage, field: str, label: str) -> list[Block]:
    """Return "not provided" and, where a sister page of the same group has this part,
    that its values were not carried over (the sister pages keep the same sections)."""
    blocks: list[Block] = [Paragraph(text(NOT_PROVIDED, "muted"))]
    for sister in sorted(catalog.cpt_pages.values(), key=lambda other: other.code):
        if sister.code != page.code and sister.group == page.group and getattr(sister, field):
            blocks.append(
                Paragraph(
                    text(
                        f"The sources for {page.code} do not give its {label}. "
                        f"{sister.code}'s page lists its own; they are not carried over here.",
                        "muted",
                    )
                )
            )
    return blocks
