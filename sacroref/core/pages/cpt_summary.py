"""The coder's summary at the top of a CPT page: the facts a coder checks first, sourced."""

from __future__ import annotations

from sacroref.core.catalog import Catalog
from sacroref.core.document import Block, Inline, Span, Table, code_link, text
from sacroref.core.model import CptPage, Section

#: The payment indicators a coder looks at first, by the name the pages give them.
KEY_INDICATORS = (
    "Status code",
    "Global days",
    "Multiple procedures (51)",
    "Bilateral surgery (50)",
    "Medically unlikely edit (MUE)",
)
_NOT_PROVIDED: Inline = (Span("not provided: no source states this", style="muted"),)


def coder_summary(catalog: Catalog, page: CptPage) -> list[Block]:
    """Return the coder's summary of a CPT page as one table: fact, what the sources say, source."""
    sections = {section.key: section for section in page.sections}

    def sources(ids: list[str] | tuple[str, ...]) -> Inline:
        titles = dict.fromkeys(catalog.source_title(one, page.local) for one in ids)
        return text("; ".join(titles) or "not provided", "muted")

    def from_section(label: str, key: str) -> tuple[Inline, Inline, Inline]:
        section = sections.get(key, Section(key, label))
        return (text(label, "strong"), _section_value(section), sources(section.sources))

    add_on: Inline = (
        (Span("yes", style="strong"), Span(": report it only with its primary procedure"))
        if page.add_on
        else (Span("no", style="strong"),)
    )
    rows: list[tuple[Inline, Inline, Inline]] = [
        from_section("Kind of code", "code_kind"),
        (text("Add-on code", "strong"), add_on, sources([page.add_on_source])),
    ]
    if page.add_on:
        rows.append(from_section("Primary procedures", "primary_procedures"))
    rows += [from_section("One side or both", "sides"), from_section("Includes", "includes")]
    avoided = [m for m in page.modifiers if not m.allowed]
    rows.append(
        (
            text("Modifiers not to use", "strong"),
            tuple(
                span
                for number, m in enumerate(avoided)
                for span in (
                    Span("; " if number else ""),
                    Span(m.code, style="strong"),
                    Span(f" ({m.name})"),
                )
            )
            or _NOT_PROVIDED,
            sources((page.modifiers_source or "").split()),
        )
    )
    key = [i for name in KEY_INDICATORS for i in page.indicators if i.name == name]
    rows.append(
        (
            text("Payment indicators to check first", "strong"),
            tuple(
                Span(f"{'; ' if number else ''}{i.name}: {i.value}") for number, i in enumerate(key)
            )
            or _NOT_PROVIDED,
            sources(sorted({i.source for i in key})),
        )
    )
    pcs = [r for r in page.related if len(r.code) == 7]
    inpatient: list[Span] = []
    for number, related in enumerate(pcs):
        inpatient += [Span(", " if number else ""), code_link(related.code)]
    if any(r.inferred for r in pcs):
        inpatient += [Span(" "), Span("inferred, not official", style="badge")]
    rows.append(
        (
            text("ICD-10-PCS, inpatient side", "strong"),
            tuple(inpatient) or _NOT_PROVIDED,
            sources(sorted({one for r in pcs for one in r.source.split()})),
        )
    )
    return [Table(("Fact", "What the sources say", "Source"), tuple(rows))]


def _section_value(section: Section) -> Inline:
    if not section.provided:
        return _NOT_PROVIDED
    spans = [Span(section.text or "; ".join(section.items))]
    if section.inferred:
        spans += [Span(" "), Span("inferred", style="badge"), Span(f" {section.inferred}")]
    return tuple(spans)
