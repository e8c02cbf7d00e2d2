"""The page of a code as it is typed: each character's meaning, and what is wrong or next."""

from __future__ import annotations

from sacroref.core.document import Block, Bullets, Document, Heading, Paragraph, Span, Table, text
from sacroref.core.explain import Explanation

STRIP_HINT = "Keep typing, or pick one of the choices; only a whole, valid code can be copied."


def explanation_document(explanation: Explanation) -> Document:
    """Return the page of a typed code that is not (yet) a whole, valid code."""
    code = explanation.code
    blocks: list[Block] = [Heading(f"{code} (as typed)", 1)]
    if explanation.characters:
        blocks.append(
            Table(
                ("Position", "Axis", "Value", "Meaning"),
                tuple(
                    (text(str(c.position)), text(c.axis), text(c.value, "strong"), text(c.meaning))
                    for c in explanation.characters
                ),
            )
        )
    if explanation.error:
        blocks.append(
            Paragraph((Span("not a valid code", style="badge"), Span(f" {explanation.error}")))
        )
        if explanation.meant:
            blocks.append(
                Paragraph(
                    (
                        Span("Did you mean "),
                        Span(explanation.meant, link=f"code:{explanation.meant}"),
                        Span("?"),
                    )
                )
            )
        heading = "Valid at that position"
    else:
        blocks.append(Paragraph(text(f"{7 - len(code)} character(s) to go. {STRIP_HINT}")))
        heading = f"Valid as character {len(code) + 1}"
    if explanation.choices:
        blocks += [
            Heading(heading),
            Bullets(tuple(text(f"{value.code}  {value.label}") for value in explanation.choices)),
        ]
    return Document(f"{code} (as typed)", tuple(blocks))


def strip_html(explanation: Explanation, choices: int = 8) -> str:
    """Return the code strip shown under the search field, escaped, with at most ``choices``
    of the valid next values (none for 0)."""
    import html

    parts = [
        f"<b>{html.escape(c.value)}</b>&nbsp;{html.escape(c.meaning)}"
        for c in explanation.characters
    ]
    line = " · ".join(parts)
    if explanation.error:
        error = html.escape(explanation.error)
        line += f'{" · " if parts else ""}<span style="color:#c0392b">{error}</span>'
    elif explanation.choices and len(explanation.code) < 7 and choices:
        shown = ", ".join(
            f"{html.escape(v.code)}&nbsp;{html.escape(v.label)}"
            for v in explanation.choices[:choices]
        )
        more = "…" if len(explanation.choices) > choices else ""
        line += f" · next: {shown}{more}"
    return line
