"""A tiny document model for detail pages, rendered to escaped HTML or plain text."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

#: A run of text longer than this is cut short on screen and on paper, with a "show all"
#: link saying how much was left out: Qt lays out one paragraph as a whole.
SHOWN_CHARACTERS = 20_000
#: Zero-width spaces go into runs without a space this long, so that Qt can wrap them:
#: laying out one long word costs Qt time that grows with the square of its length.
_LONG_RUN = re.compile(r"\S{80,}")
BREAK = "\u200b"
SHOW_ALL_LINK = "more:all"
_NOWRAP = " style='white-space:nowrap'"


class Span(NamedTuple):
    """A run of text: plain, strong, muted, or a link to another code inside the app."""

    text: str
    link: str | None = None
    style: str = ""  # "", "strong", "muted", "badge"


Inline = tuple[Span, ...]


class Heading(NamedTuple):
    """A heading; level 1 is the page title."""

    text: str
    level: int = 2


class Paragraph(NamedTuple):
    """A paragraph of spans."""

    spans: Inline


class Bullets(NamedTuple):
    """A bulleted (or numbered) list."""

    items: tuple[Inline, ...]
    numbered: bool = False


class Table(NamedTuple):
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


Block = Heading | Paragraph | Bullets | Table


class Document(NamedTuple):
    """A titled page of blocks."""

    title: str
    blocks: tuple[Block, ...]


def text(value: str, style: str = "") -> Inline:
    """Return an inline of one span."""
    return (Span(value, style=style),)


def code_link(code: str, label: str | None = None) -> Span:
    """Return a span linking to a code inside the app."""
    return Span(label or code, link=f"code:{code}")


def _breakable(value: str) -> str:
    return _LONG_RUN.sub(
        lambda run: BREAK.join(run[0][i : i + 40] for i in range(0, len(run[0]), 40)), value
    )


def _inline_html(spans: Inline) -> str:
    parts = []
    for span in spans:
        shown, more = span.text, ""
        if len(shown) > SHOWN_CHARACTERS:
            hidden = len(shown) - SHOWN_CHARACTERS
            shown = shown[:SHOWN_CHARACTERS]
            more = f' … <a href="{SHOW_ALL_LINK}">[{hidden:,} more characters: show all]</a>'
        body = html.escape(_breakable(shown))
        if span.style == "strong":
            body = f"<b>{body}</b>"
        elif span.style == "muted":
            body = f'<span style="color:gray">{body}</span>'
        elif span.style == "badge":
            body = f"<b>[{body}]</b>"
        if span.link:
            body = f'<a href="{html.escape(span.link, quote=True)}">{body}</a>'
        parts.append(body + more)
    return "".join(parts)


def to_html(document: Document) -> str:
    """Return the document as HTML; every piece of content is escaped, so markup shows as text."""
    out = []
    for block in document.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            out.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_inline_html(block.spans)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"<li>{_inline_html(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        else:
            # Headings and row labels never break inside a word ("Percutaneou s").
            head = "".join(
                f"<th align='left' style='white-space:nowrap'>{html.escape(cell)}</th>"
                for cell in block.header
            )
            rows = "".join(
                "<tr>"
                + "".join(
                    f"<td{_NOWRAP if number == 0 else ''}>{_inline_html(cell)}</td>"
                    for number, cell in enumerate(row)
                )
                + "</tr>"
                for row in block.rows
            )
            out.append(
                "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                f"<tr>{head}</tr>{rows}</table>"
            )
    return "\n".join(out)


def _inline_text(spans: Inline) -> str:
    return "".join(f"[{s.text}]" if s.style == "badge" else s.text for s in spans)


def to_text(document: Document) -> str:
    """Return the document as readable plain text for a terminal."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            if out:
                out.append("")
            out.append(block.text)
            out.append(("=" if block.level == 1 else "-") * len(block.text))
        elif isinstance(block, Paragraph):
            out.append(_inline_text(block.spans))
        elif isinstance(block, Bullets):
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}." if block.numbered else "-"
                out.append(f"  {marker} {_inline_text(item)}")
        else:
            rows = [list(block.header)] + [[_inline_text(c) for c in row] for row in block.rows]
            widths = [min(max(len(r[i]) for r in rows), 40) for i in range(len(block.header))]
            for index, row in enumerate(rows):
                cells = [
                    cell.ljust(widths[i]) if i < len(row) - 1 else cell
                    for i, cell in enumerate(row)
                ]
                out.append("  " + "  ".join(cells).rstrip())
                if index == 0:
                    out.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"
