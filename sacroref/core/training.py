"""Training mode without Qt: guided-tour steps, quiz cases, scoring and feedback on mistakes."""

from __future__ import annotations

from dataclasses import dataclass

from sacroref.core.catalog import Catalog, normalize_code
from sacroref.core.document import Block, Bullets, Document, Heading, Paragraph, Span, text
from sacroref.core.model import PCS_AXIS_NAMES, CptPage, PcsCode, QuizCase


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the learner is told after answering."""

    correct: bool
    message: str
    expected: str


def _describe(catalog: Catalog, code: str) -> str:
    found = catalog.lookup(code)
    if isinstance(found, PcsCode):
        return f"{code} ({found.long_title})"
    if isinstance(found, CptPage):
        return f"{code} ({found.name})"
    return code


def explain_mistake(catalog: Catalog, case: QuizCase, given: str) -> str:
    """Return why ``given`` is wrong for ``case``: which character or choice differs."""
    expected = case.answer
    if given in case.hints:
        return case.hints[given]
    answer, guess = catalog.lookup(expected), catalog.lookup(given)
    if guess is None:
        return f"{given or 'That'} is not a code sacroref knows."
    if isinstance(answer, PcsCode) and isinstance(guess, PcsCode):
        wrong = [
            f"character {position} ({PCS_AXIS_NAMES[position - 1]}): you gave "
            f"{got.label} ({got.code}); this case is {want.label} ({want.code})"
            for position, (got, want) in enumerate(
                zip(guess.axis_values, answer.axis_values, strict=True), start=1
            )
            if got.code != want.code
        ]
        return "Wrong " + "; ".join(wrong) + "."
    if isinstance(answer, CptPage) and isinstance(guess, PcsCode):
        return f"{given} is an ICD-10-PCS code; this case asks for the CPT code."
    if isinstance(answer, PcsCode) and isinstance(guess, CptPage):
        return f"{given} is a CPT code; this case asks for the ICD-10-PCS code."
    if isinstance(answer, CptPage) and isinstance(guess, CptPage):
        for related in answer.related:
            if related.code == given:
                return f"{given} is the {related.relation.lower()} of {expected}."
        if guess.add_on:
            return f"{given} is an add-on code: it is never reported without its primary code."
    return f"{given} does not describe this case."


class QuizSession:
    """One pass through the quiz: the current case, answers, score and the misses."""

    def __init__(self, catalog: Catalog, cases: list[QuizCase]) -> None:
        self._catalog = catalog
        self.cases = list(cases)
        self.position = 0
        self.answers: list[tuple[QuizCase, str, bool]] = []

    @property
    def current(self) -> QuizCase | None:
        """Return the case being asked, or None when the quiz is over."""
        return self.cases[self.position] if self.position < len(self.cases) else None

    @property
    def finished(self) -> bool:
        """Return whether every case has been answered."""
        return self.current is None

    def answer(self, typed: str) -> Feedback:
        """Record an answer to the current case and return the feedback."""
        case = self.current
        if case is None:
            raise RuntimeError("the quiz is over")
        given = normalize_code(typed)
        correct = given == case.answer
        self.answers.append((case, given, correct))
        self.position += 1
        card = _card_note(self._catalog, case.answer)
        if correct:
            return Feedback(
                True,
                f"Right: {_describe(self._catalog, given)}. {case.explanation}{card}",
                case.answer,
            )
        why = explain_mistake(self._catalog, case, given)
        return Feedback(
            False,
            f"Not quite. {why} The answer is "
            f"{_describe(self._catalog, case.answer)}. {case.explanation}{card}",
            case.answer,
        )

    @property
    def score(self) -> tuple[int, int]:
        """Return (right answers, cases answered)."""
        return sum(1 for *_, correct in self.answers if correct), len(self.answers)

    @property
    def misses(self) -> list[tuple[QuizCase, str]]:
        """Return the cases answered wrongly with what was given."""
        return [(case, given) for case, given, correct in self.answers if not correct]


def _card_note(catalog: Catalog, answer: str) -> str:
    """Return where the decision cards for an answer's choice are, or nothing."""
    titles = [card.title for card in catalog.decision_cards if card.applies_to(answer)]
    if not titles:
        return ""
    named = "; ".join(f"'{title}'" for title in titles)
    return f" Decision card{'s' if len(titles) > 1 else ''} on {answer}'s page: {named}."


def quiz_sheet(cases: list[QuizCase]) -> Document:
    """Return the student sheet: each case with room for the code, and no answers."""
    blocks: list[Block] = [
        Heading("sacroref case quiz", 1),
        Paragraph(text("Write the code for each case on the line below it.")),
    ]
    for number, case in enumerate(cases, start=1):
        blocks.append(Paragraph((Span(f"{number}. ", style="strong"), Span(case.prompt))))
        blocks.append(Paragraph(text("Code: ______________________")))
    return Document("sacroref case quiz", tuple(blocks))


def quiz_key(catalog: Catalog, cases: list[QuizCase]) -> Document:
    """Return the answer key: each case's code, why, and the wrong answers people give."""
    blocks: list[Block] = [Heading("sacroref case quiz: answer key", 1)]
    for number, case in enumerate(cases, start=1):
        blocks.append(
            Paragraph(
                (
                    Span(f"{number}. {_describe(catalog, case.answer)}. ", style="strong"),
                    Span(case.explanation),
                )
            )
        )
        if case.hints:
            blocks.append(
                Bullets(
                    tuple(text(f"If {given} is given: {why}") for given, why in case.hints.items())
                )
            )
    return Document("sacroref case quiz: answer key", tuple(blocks))
