"""Training mode widgets: the guided tour's caption and the case quiz panel."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sacroref.core.catalog import Catalog
from sacroref.core.document import Bullets, Document, Heading, Paragraph, text, to_html
from sacroref.core.model import TourStep
from sacroref.core.training import QuizSession
from sacroref.ui.widgets import button_row, named

HIGHLIGHT = "#tourRing { border: 3px solid #e8a317; background: transparent; }"


class TourHost(NamedTuple):
    """What the tour may do to the window it shows round."""

    search: Callable[[str], None]  # put text in the search field
    select: Callable[[str], None]  # go to a code
    widget: Callable[[str], QWidget | None]  # the widget of an objectName
    own_escape: Callable[[bool], None]  # the search field's Esc on (True) or off
    clean: Callable[[], Callable[[], None]]  # a clean window; returns what puts it back
    anchor: Callable[[str], None]  # scroll the page to a heading


class TourCaption(QFrame):
    """The guided tour: a caption bar that highlights one widget per step."""

    finished = Signal()

    def __init__(self, window: QWidget, steps: list[TourStep], host: TourHost) -> None:
        super().__init__(window)
        self.setObjectName("tourCaption")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Guided tour")
        self._host = host
        self.steps = steps
        self.position = 0
        self._highlighted: QWidget | None = None
        # A ring drawn over the widget, not a style sheet on it: a widget's own style sheet
        # pins its font, so it would not grow with presenter view.
        self._ring = named(QFrame(self), "tourRing")
        self._ring.setStyleSheet(HIGHLIGHT)
        self._ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._ring.hide()
        self._put_back: Callable[[], None] | None = None
        self.title = named(QLabel(self), "tourTitle")
        self.caption = named(QLabel(self), "tourText")
        self.caption.setWordWrap(True)
        self.previous_button = named(QPushButton("◀ Previous", self), "tourPrevious")
        self.next_button = named(QPushButton("Next ▶", self), "tourNext")
        self.close_button = named(QPushButton("End tour (Esc)", self), "tourClose")
        for button, name in (
            (self.previous_button, "Previous step"),
            (self.next_button, "Next step"),
            (self.close_button, "End tour"),
        ):
            button.setAccessibleName(name)
        buttons = button_row([self.previous_button, self.next_button], [self.close_button])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.stop)
        # What presentation clickers send, and the arrow keys.
        # During the tour these keys belong to it, even where a widget also wants them
        # (the search field's Esc), hence activatedAmbiguously.
        self._shortcuts: list[QShortcut] = []
        for keys, slot in (
            (("Right", "PgDown", "Space"), self.next),
            (("Left", "PgUp"), self.previous),
            (("Esc",), self.stop),
        ):
            for key in keys:
                shortcut = QShortcut(
                    QKeySequence(key), window, slot, context=Qt.ShortcutContext.WindowShortcut
                )
                shortcut.activatedAmbiguously.connect(slot)
                self._shortcuts.append(shortcut)

    def start(self) -> None:
        """Show the first step, the window cleaned first (search, open rows, selection)."""
        self.position = 0
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        # The search field's own Esc would take every other press (ambiguous shortcut).
        self._host.own_escape(False)
        if self._put_back is None:  # started again mid-tour: keep what was there before
            self._put_back = self._host.clean()
        self.show()
        self._show_step()

    def next(self) -> None:
        """Go to the next step; past the last one the tour ends."""
        if self.position + 1 >= len(self.steps):
            self.stop()
            return
        self.position += 1
        self._show_step()

    def previous(self) -> None:
        """Go back one step."""
        if self.position > 0:
            self.position -= 1
            self._show_step()

    def stop(self) -> None:
        """Leave the tour, remove the highlight and put the window back as it was."""
        self._unhighlight()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self._host.own_escape(True)
        self.hide()
        put_back, self._put_back = self._put_back, None
        if put_back is not None:
            put_back()
        self.finished.emit()

    def _show_step(self) -> None:
        step = self.steps[self.position]
        self.title.setText(
            f"<b>Step {self.position + 1} of {len(self.steps)}: {html.escape(step.title)}</b>"
        )
        self.caption.setText(step.text)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.previous_button.setEnabled(self.position > 0)
        self.next_button.setText("Finish" if self.position + 1 == len(self.steps) else "Next ▶")
        if step.search is not None:
            self._host.search(step.search)
        if step.select:
            self._host.select(step.select)
        if step.anchor:
            self._host.anchor(step.anchor)
        self._highlight(self._host.widget(step.target))

    def _highlight(self, widget: QWidget | None) -> None:
        self._unhighlight()
        if widget is None:
            return
        self._highlighted = widget
        self._ring.setParent(widget)
        self._ring.setGeometry(widget.rect())
        self._ring.show()
        self._ring.raise_()
        widget.installEventFilter(self)

    def _unhighlight(self) -> None:
        if self._highlighted is not None:
            self._highlighted.removeEventFilter(self)
            self._ring.hide()
            self._ring.setParent(self)
            self._highlighted = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the ring the size of the widget it is drawn round."""
        if watched is self._highlighted and event.type() == QEvent.Type.Resize:
            self._ring.setGeometry(self._highlighted.rect())
        return False

    @property
    def highlighted(self) -> QWidget | None:
        """Return the widget the current step points at."""
        return self._highlighted


class QuizPanel(QWidget):
    """The case quiz: a case, an answer by typing or from the tree, immediate feedback."""

    def __init__(
        self, parent: QWidget, catalog: Catalog, selected_code: Callable[[], str | None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quizPanel")
        self.setAccessibleName("Case quiz")
        self._catalog = catalog
        self._selected_code = selected_code
        self.session = QuizSession(catalog, catalog.quiz_cases)
        self.progress = named(QLabel(self), "quizScore")
        self.prompt = named(QLabel(self), "quizPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_box = named(QLineEdit(self), "quizAnswer")
        self.answer_box.setPlaceholderText("Type a code, or select one in the tree")
        self.answer_box.setAccessibleName("Your answer")
        self.use_selected = named(QPushButton("Use selected code", self), "quizUseSelected")
        self.check_button = named(QPushButton("Check", self), "quizCheck")
        self.next_button = named(QPushButton("Next case", self), "quizNext")
        self.next_button.setAutoDefault(True)  # Enter on it moves on, as in a dialog
        self.restart_button = named(QPushButton("Start again", self), "quizRestart")
        self.feedback = named(QLabel(self), "quizFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.review = named(QTextBrowser(self), "quizReview")
        self.review.setOpenLinks(False)
        row = QHBoxLayout()
        row.addWidget(self.answer_box, 1)
        row.addWidget(self.use_selected)
        row.addWidget(self.check_button)
        buttons = button_row([self.next_button], [self.restart_button])
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        layout.addWidget(self.review, 1)
        self.use_selected.clicked.connect(self.answer_with_selection)
        self.check_button.clicked.connect(self.check)
        self.answer_box.returnPressed.connect(self.check)
        self.next_button.clicked.connect(self.show_case)
        self.restart_button.clicked.connect(self.restart)
        self.show_case()

    def restart(self) -> None:
        """Start the quiz again from the first case."""
        self.session = QuizSession(self._catalog, self._catalog.quiz_cases)
        self.show_case()

    def show_case(self) -> None:
        """Show the current case, or the score and review when the quiz is over."""
        right, answered = self.session.score
        total = len(self.session.cases)
        case = self.session.current
        self.feedback.clear()
        self.answer_box.clear()
        self.next_button.setEnabled(False)
        if case is None:
            self.progress.setText(f"Finished: {right} of {total} right")
            self.prompt.setText("Quiz complete. Review your misses below, or start again.")
            self.review.setHtml(to_html(self._review()))
            self.review.show()
            for widget in (self.answer_box, self.use_selected, self.check_button):
                widget.setEnabled(False)
            return
        self.review.hide()
        for widget in (self.answer_box, self.use_selected, self.check_button):
            widget.setEnabled(True)
        self.progress.setText(f"Case {answered + 1} of {total} · score {right}/{answered}")
        self.prompt.setText(case.prompt)
        self.answer_box.setFocus()

    def answer_with_selection(self) -> None:
        """Answer with the code selected in the tree."""
        code = self._selected_code()
        if code:
            self.answer_box.setText(code)
            self.check()

    def check(self) -> None:
        """Mark the typed answer and show why it is right or wrong."""
        if self.session.finished or not self.answer_box.text().strip():
            return
        result = self.session.answer(self.answer_box.text())
        self.feedback.setText(result.message)
        right, answered = self.session.score
        self.progress.setText(
            f"{'Right' if result.correct else 'Wrong'} · score "
            f"{right}/{answered} of {len(self.session.cases)}"
        )
        for widget in (self.answer_box, self.use_selected, self.check_button):
            widget.setEnabled(False)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()

    def _review(self) -> Document:
        misses = self.session.misses
        right, answered = self.session.score
        if not misses:
            return Document(
                "Review", (Heading("Review"), Paragraph(text(f"All {answered} right.")))
            )
        return Document(
            "Review",
            (
                Heading(f"Review: {right} of {answered} right"),
                Bullets(
                    tuple(
                        text(
                            f"{case.prompt} You gave {given or 'nothing'}; the answer is "
                            f"{case.answer}. {case.explanation}"
                        )
                        for case, given in misses
                    )
                ),
            ),
        )


def quiz_dock(
    window: QMainWindow, catalog: Catalog, selected_code: Callable[[], str | None]
) -> tuple[QDockWidget, QuizPanel]:
    """Return the quiz in a dock at the bottom of a window."""
    dock = named(QDockWidget("Case quiz", window), "quizDock")
    panel = QuizPanel(window, catalog, selected_code)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    return dock, panel
