"""Decision cards on the pages they belong to: the choices coders get wrong, with sources."""

from __future__ import annotations

from sacroref.core.catalog import Catalog
from sacroref.core.document import Block, Bullets, Heading, Paragraph, Span, text
from sacroref.core.model import DecisionCard
from sacroref.core.pages.common import local_badge, source_line


def cards_for(catalog: Catalog, code: str) -> list[DecisionCard]:
    """Return the decision cards that belong on the page of a code or table."""
    return [card for card in catalog.decision_cards if card.applies_to(code)]


def card_blocks(catalog: Catalog, card: DecisionCard) -> list[Block]:
    """Return one decision card as page blocks, marked as sacroref's reading of its sources."""
    return [
        Heading(f"Decision card: {card.title}", 3, anchor=f"card-{card.id}"),
        *([local_badge(card.local, "This card was")] if card.local else []),
        Paragraph(
            (
                Span("decision card", style="badge"),
                Span(" sacroref's own words, applying the definitions named below.", style="muted"),
            )
        ),
        Bullets(tuple(text(point) for point in card.points)),
        source_line(catalog, card.sources, card.local),
    ]


def cards_for_page(catalog: Catalog, code: str) -> list[Block]:
    """Return the blocks of every decision card that belongs on a page."""
    return [block for card in cards_for(catalog, code) for block in card_blocks(catalog, card)]
