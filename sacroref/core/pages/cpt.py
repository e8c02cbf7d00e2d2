"""The page of a CPT code: coder's summary first, patient sections last, contents on top."""

from __future__ import annotations

from sacroref import CPT_EDITION
from sacroref.core.catalog import Catalog
from sacroref.core.cpt_sections import (
    CPT_CODER_SECTIONS,
    CPT_PATIENT_SECTIONS,
    CPT_SUMMARY_SECTIONS,
)
from sacroref.core.document import (
    Block,
    Bullets,
    Contents,
    Document,
    Fold,
    Heading,
    Inline,
    Paragraph,
    Span,
    Table,
    anchors,
    code_link,
    text,
)
from sacroref.core.model import CptPage, PcsCode, Section
from sacroref.core.pages.common import CPT_NOTICE, NOT_PROVIDED, local_badge, source_line
from sacroref.core.pages.cpt_summary import coder_summary
from sacroref.core.pages.decisions import cards_for_page
from sacroref.core.pages.pcs import notes_blocks

PATIENT_FOLD = "patient-information"
PATIENT_TITLE = "Patient information"


def cpt_document(catalog: Catalog, page: CptPage) -> Document:
    """Return a CPT page: the coder's summary, the coder's sections, the clinical sections,
    and the patient-facing ones in a fold; every section with its source."""
    header: list[Block] = [
        Heading(f"{page.code} · {CPT_EDITION}", 1),
        Paragraph(text(page.name, "strong")),
        *([local_badge(page.local, "This page was")] if page.local else []),
        Paragraph(text(CPT_NOTICE, "muted")),
    ]
    body: list[Block] = [
        Heading("Coder's summary", anchor="coder-summary"),
        *coder_summary(catalog, page),
    ]
    sections = [s for s in page.sections if s.key not in CPT_SUMMARY_SECTIONS]
    for section in (s for s in sections if s.key in CPT_CODER_SECTIONS):
        body += _section_blocks(catalog, page, section)
    body += _modifiers(catalog, page)
    body += _indicators(catalog, page)
    body += _history(catalog, page)
    body += _related(catalog, page)
    body += cards_for_page(catalog, page.code)
    for section in sections:
        if section.key not in CPT_CODER_SECTIONS | CPT_PATIENT_SECTIONS:
            body += _section_blocks(catalog, page, section)
    patient: list[Block] = []
    for section in (s for s in sections if s.key in CPT_PATIENT_SECTIONS):
        patient += _section_blocks(catalog, page, section)
    body.append(Fold(PATIENT_FOLD, PATIENT_TITLE, tuple(patient)))
    body += notes_blocks(catalog, page.code)
    return Document(f"{page.code} {page.name}", (*header, _contents(body), *body))


def _contents(blocks: list[Block]) -> Contents:
    """Return links to every anchored heading and fold of a page, in page order."""
    entries = anchors(Document("", tuple(blocks)))
    return Contents(tuple((title, anchor) for title, anchor, _ in entries))


def _section_blocks(catalog: Catalog, page: CptPage, section: Section) -> list[Block]:
    blocks: list[Block] = [Heading(section.title, anchor=section.key)]
    if not section.provided:
        return [*blocks, *_sister_has(catalog, page, section.key, section.title)]
    if section.inferred:
        blocks.append(Paragraph((Span("inferred", style="badge"), Span(f" {section.inferred}"))))
    if section.text:
        blocks.append(Paragraph(text(section.text)))
    if section.items:
        numbered = section.key == "procedure_steps"
        blocks.append(Bullets(tuple(text(item) for item in section.items), numbered))
    blocks.append(source_line(catalog, section.sources, page.local))
    return blocks


def _modifiers(catalog: Catalog, page: CptPage) -> list[Block]:
    blocks: list[Block] = [Heading("Modifiers", anchor="modifiers")]
    if not page.modifiers:
        return [*blocks, Paragraph(text(NOT_PROVIDED, "muted"))]
    rows = tuple(
        (
            text(m.code, "strong"),
            text(m.name),
            (Span("may apply: " if m.allowed else "do not use: ", style="strong"), Span(m.note)),
        )
        for m in page.modifiers
    )
    return [
        *blocks,
        Table(("Modifier", "Name", "Use"), rows),
        source_line(catalog, (page.modifiers_source or "").split(), page.local),
    ]


def _indicators(catalog: Catalog, page: CptPage) -> list[Block]:
    rows = tuple(
        (text(i.name), text(i.value, "strong"), text(i.meaning or "not provided"))
        for i in page.indicators
    )
    header = ("Indicator", "Value", "Meaning")
    sources = {i.source for i in page.indicators}
    heading = ("Payment indicators", "indicators")
    return _sourced_table(catalog, page, heading, header=header, rows=rows, sources=sources)


def _history(catalog: Catalog, page: CptPage) -> list[Block]:
    rows = tuple((text(h.date), text(h.action), text(h.note)) for h in page.history)
    sources = {h.source for h in page.history}
    header = ("Date", "Action", "Note")
    heading = ("Code history", "history")
    return _sourced_table(catalog, page, heading, header=header, rows=rows, sources=sources)


def _sourced_table(
    catalog: Catalog,
    page: CptPage,
    heading: tuple[str, str],
    *,
    header: tuple[str, ...],
    rows: tuple[tuple[Inline, ...], ...],
    sources: set[str],
) -> list[Block]:
    """Return a section of rows (a page's indicators or history) under its heading with its
    sources, or "not provided" and what a sister page has; ``heading`` is (title, field)."""
    title, field = heading
    blocks: list[Block] = [Heading(title, anchor=field)]
    if not rows:
        return blocks + _not_given(catalog, page, field, title.lower())
    return [*blocks, Table(header, rows), source_line(catalog, sorted(sources), page.local)]


def _related(catalog: Catalog, page: CptPage) -> list[Block]:
    blocks: list[Block] = [Heading("Related codes", anchor="related")]
    if not page.related:
        return [*blocks, Paragraph(text(NOT_PROVIDED, "muted"))]
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
    cited = sorted({one for r in page.related for one in r.source.split()})
    return [*blocks, Bullets(tuple(items)), source_line(catalog, cited, page.local)]


def _sister_has(catalog: Catalog, page: CptPage, key: str, title: str) -> list[Block]:
    """Return "not provided" and, where a sister page has this section, that it is not
    carried over (the sister pages show the same sections in the same order)."""
    blocks: list[Block] = [Paragraph(text(NOT_PROVIDED, "muted"))]
    for sister in _sisters(catalog, page):
        if any(s.key == key and s.provided for s in sister.sections):
            blocks.append(
                Paragraph(
                    text(
                        f"{sister.code}'s page has a section '{title}' from its own sources; "
                        f"it is not carried over to {page.code}.",
                        "muted",
                    )
                )
            )
    return blocks


def _sisters(catalog: Catalog, page: CptPage) -> list[CptPage]:
    """Return the other pages of the same group (0200T and 0201T), by code."""
    return [
        other
        for other in sorted(catalog.cpt_pages.values(), key=lambda other: other.code)
        if other.code != page.code and other.group == page.group
    ]


def _not_given(catalog: Catalog, page: CptPage, field: str, label: str) -> list[Block]:
    """Return "not provided" and, where a sister page of the same group has this part,
    that its values were not carried over (the sister pages keep the same sections)."""
    blocks: list[Block] = [Paragraph(text(NOT_PROVIDED, "muted"))]
    for sister in _sisters(catalog, page):
        if getattr(sister, field):
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
