"""What the training files may hold: the guided tour, the quiz and the decision cards."""

from __future__ import annotations

from sacroref.core.content import schema as s

#: Widgets a tour step may point at, by objectName.
TOUR_TARGETS = (
    "searchBox",
    "codeTree",
    "detailPane",
    "copyButton",
    "starButton",
    "matchCount",
    "quizPanel",
    "editionLabel",
)


TRAINING_SCHEMAS: dict[str, dict[str, s.Check]] = {
    "tour": {
        "steps": s.record(
            {
                "title": s.Field(s.text()),
                "text": s.Field(s.text()),
                "target": s.Field(s.one_of(*TOUR_TARGETS)),
                "search": s.Field(s.text(non_empty=False), required=False),
                "select": s.Field(s.text(), required=False),
                # a heading of the selected code's page to scroll to, such as a decision card
                "anchor": s.Field(s.text(), required=False),
            }
        )
    },
    "quiz": {
        "cases": s.record(
            {
                "id": s.Field(s.text()),
                "prompt": s.Field(s.text()),
                "answer": s.Field(s.text()),
                "explanation": s.Field(s.text()),
                "source": s.Field(s.text()),
                "hints": s.Field(s.mapping(s.text()), required=False),
            }
        )
    },
    "decisions": {
        "cards": s.record(
            {
                "id": s.Field(s.text()),
                "title": s.Field(s.text()),
                "codes": s.Field(s.array(s.text(), non_empty=True)),
                "sources": s.Field(s.source_ids()),
                "points": s.Field(s.array(s.text(), non_empty=True)),
            }
        )
    },
}
