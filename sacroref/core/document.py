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
    """A heading; level 1 is the page title. An ``anchor`` lets the page's contents link to it."""

    text: str
    level: int = 2
    anchor: str = ""


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


class Contents(NamedTuple):
    """An in-page table of contents: each heading's text and anchor, in page order."""

    entries: tuple[tuple[str, str], ...]


class Fold(NamedTuple):
    """A titled part of a page the window shows folded until opened; paper shows it whole."""

    key: str
    title: str
    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Bullets | Table | Contents | Fold
FOLD_LINK = "fold:"  # a fold's heading links here, with its key, to open or close it


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


def anchors(document: Document) -> list[tuple[str, str, str]]:
    """Return each anchored heading's text, anchor and the fold it lies in ("" for none)."""
    found = []
    for block in document.blocks:
        if isinstance(block, Heading) and block.anchor:
            found.append((block.text, block.anchor, ""))
        elif isinstance(block, Fold):
            found.append((block.title, block.key, ""))
            found += [
                (inner.text, inner.anchor, block.key)
                for inner in block.blocks
                if isinstance(inner, Heading) and inner.anchor
            ]
    return found


def to_html(document: Document, folded: frozenset[str] = frozenset()) -> str:
    """Return the document as HTML; every piece of content is escaped, so markup shows as text.

    The folds whose keys are in ``folded`` show their title and a link to open them.
    """
    return "\n".join(_blocks_html(document.blocks, folded))


def _heading_html(block: Heading) -> str:
    level = min(max(block.level, 1), 4)
    name = f'<a name="{html.escape(block.anchor, quote=True)}"></a>' if block.anchor else ""
    return f"<h{level}>{name}{html.escape(block.text)}</h{level}>"


def _blocks_html(blocks: tuple[Block, ...], folded: frozenset[str]) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(_heading_html(block))
        elif isinstance(block, Contents):
            links = " · ".join(
                f'<a href="#{html.escape(anchor, quote=True)}">{html.escape(title)}</a>'
                for title, anchor in block.entries
            )
            out.append(f"<p><b>On this page:</b> {links}</p>")
        elif isinstance(block, Fold):
            closed = block.key in folded
            link = html.escape(FOLD_LINK + block.key, quote=True)
            out.append(
                f'<h2><a name="{html.escape(block.key, quote=True)}"></a>'
                f"{html.escape(block.title)} "
                f'<small><a href="{link}">[{"show" if closed else "hide"}]</a></small></h2>'
            )
            if closed:
                titles = [inner.text for inner in block.blocks if isinstance(inner, Heading)]
                out.append(
                    f'<p><span style="color:gray">Folded: {html.escape(", ".join(titles))}. '
                    f'</span><a href="{link}">Show them</a></p>'
                )
            else:
                out += _blocks_html(block.blocks, folded)
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_inline_html(block.spans)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"<li>{_inline_html(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
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
    return out


def _inline_text(spans: Inline) -> str:
    return "".join(f"[{s.text}]" if s.style == "badge" else s.text for s in spans)


def to_text(document: Document) -> str:
    """Return the document as readable plain text for a terminal (folds shown open)."""
    return "\n".join(_blocks_text(document.blocks, [])) + "\n"


def _blocks_text(blocks: tuple[Block, ...], out: list[str]) -> list[str]:
    for block in blocks:
        if isinstance(block, Fold):
            _blocks_text((Heading(block.title, 2), *block.blocks), out)
        elif isinstance(block, Contents):
            out.append("On this page: " + " · ".join(title for title, _ in block.entries))
        elif isinstance(block, Heading):
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
    return out
