"""Training mode: the tour by keyboard, the quiz right and wrong, presenter view, handouts."""

from __future__ import annotations

import unicodedata

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTextBrowser, QWidget

from sacroref.core.training import QuizSession
from sacroref.ui.handouts import HandoutKind


def test_tour_steps_through_with_the_keyboard(window, qtbot):
    window.start_tour()
    tour = window.findChild(QWidget, "tourCaption")
    assert tour.isVisible()
    steps = len(window.store.catalog.tour_steps)
    seen = []
    for number in range(steps):
        title = window.findChild(QLabel, "tourTitle").text()
        assert f"Step {number + 1} of {steps}" in title
        seen.append(tour.highlighted.objectName())
        if "percutaneous screw" in title:
            qtbot.waitUntil(lambda: window.current_code == "0QP134Z")
        key = Qt.Key.Key_PageDown if number % 2 else Qt.Key.Key_Right
        qtbot.keyClick(window, key)
    assert not tour.isVisible()
    assert {"searchBox", "codeTree", "detailPane", "copyButton"} <= set(seen)
    assert tour.highlighted is None


def test_the_tour_shows_a_decision_card_on_its_page(window, qtbot):
    window.start_tour()
    titles = [step.title for step in window.store.catalog.tour_steps]
    for _ in range(titles.index("Decision cards")):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert "Decision cards" in window.findChild(QLabel, "tourTitle").text()
    qtbot.waitUntil(lambda: window.current_code == "0QP134Z")
    browser = window.detail.browser
    assert "Decision card: Removal, Revision or Change?" in browser.toPlainText()
    assert browser.verticalScrollBar().value() > 0  # scrolled down to the card
    qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_tour_goes_back_and_escape_leaves(window, qtbot):
    window.start_tour()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert "Step 2 of" in window.findChild(QLabel, "tourTitle").text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.findChild(QWidget, "tourCaption").isVisible()


def test_tour_starts_clean_and_puts_the_window_back(window, qtbot):
    panel = window.tree_panel
    panel.search_box.setText("cement")
    qtbot.waitUntil(lambda: window.current_code is not None)  # the best match
    chosen = window.current_code
    opened_before = panel._opened()
    assert len(opened_before) > 2
    window.start_tour()
    assert panel.search_box.text() == ""
    assert panel.current_node() is None
    assert window.current_code is None
    assert panel._opened() == ["pcs", "pcs-sacral", "pcs/0QP1"]  # as on a first start
    assert "Recently viewed" in window.detail.browser.toPlainText()  # the start page
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Right)  # the tour searches and selects
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert panel.search_box.text() == "cement"
    qtbot.wait(10)  # a search's best match, deferred, must not take the restored selection
    assert panel.current_node().code == chosen
    assert window.current_code == chosen
    assert panel._opened() == opened_before


def test_a_tour_from_nothing_selected_ends_on_the_start_page(window, qtbot):
    window.start_tour()
    for _ in range(6):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current_code is not None
    window.tour.stop()
    assert window.tree_panel.current_node() is None
    assert window.current_code is None  # nothing not shown can be copied


def test_tour_search_step_types_in_the_search_field(window, qtbot):
    window.start_tour()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.findChild(QLineEdit, "searchBox").text() == "k-wire"
    assert window.tour.highlighted.objectName() == "searchBox"
    window.tour.stop()


def quiz(window):
    window.show_quiz()
    panel = window.findChild(QWidget, "quizPanel")
    assert panel.isVisible()
    return panel


def test_right_answer_explains_why(window, qtbot):
    panel = quiz(window)
    assert "external fixator" in panel.prompt.text()
    qtbot.keyClicks(panel.answer_box, "0qp1x5z")
    qtbot.keyClick(panel.answer_box, Qt.Key.Key_Return)
    feedback = window.findChild(QLabel, "quizFeedback").text()
    assert feedback.startswith("Right: 0QP1X5Z")
    assert "external approach (X)" in feedback


def test_enter_checks_the_answer_then_moves_to_the_next_case(window, qtbot):
    panel = quiz(window)
    first = panel.prompt.text()
    qtbot.keyClicks(panel.answer_box, "0qp1x5z")
    qtbot.keyClick(panel.answer_box, Qt.Key.Key_Return)
    assert panel.feedback.text().startswith("Right")
    assert panel.prompt.text() == first  # the feedback stays until the coder moves on
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert panel.prompt.text() != first
    assert panel.progress.text().startswith("Case 2 of")
    assert panel.answer_box.hasFocus()


def test_wrong_answer_names_the_wrong_character(window, qtbot):
    panel = quiz(window)
    qtbot.keyClicks(panel.answer_box, "0QP135Z")
    qtbot.mouseClick(window.findChild(QPushButton, "quizCheck"), Qt.MouseButton.LeftButton)
    feedback = panel.feedback.text()
    assert (
        "character 5 (Approach): you gave Percutaneous (3); this case is External (X)" in feedback
    )
    assert "The answer is 0QP1X5Z" in feedback
    assert "score 0/1" in panel.progress.text()
    # The choice this case tests has a decision card, and the feedback points to it.
    assert "'External or Percutaneous, for pins and wires through the skin?'" in feedback


def test_answer_picked_in_the_tree(window, qtbot):
    panel = quiz(window)
    window.tree_panel.select_code("0QP1X5Z")
    qtbot.mouseClick(panel.use_selected, Qt.MouseButton.LeftButton)
    assert panel.feedback.text().startswith("Right")


def test_unilateral_versus_bilateral_and_add_on(catalog):
    session = QuizSession(catalog, catalog.quiz_cases)
    cases = {case.id: case for case in catalog.quiz_cases}
    session.position = catalog.quiz_cases.index(cases["sacroplasty-both-sides-biopsy"])
    assert "not 0200T with modifier 50" in session.answer("0200T").message
    session.position = catalog.quiz_cases.index(cases["sacroplasty-one-side"])
    assert "22848 is an add-on code" in session.answer("22848").message


def test_finishing_the_quiz_shows_score_and_review(window, qtbot):
    panel = quiz(window)
    cases = window.store.catalog.quiz_cases
    assert len(cases) >= 12
    for number, case in enumerate(cases):
        panel.answer_box.setText(case.answer if number % 3 else "0QP104Z")
        qtbot.keyClick(panel.answer_box, Qt.Key.Key_Return)
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    wrong = len(range(0, len(cases), 3)) - (1 if cases[0].answer == "0QP104Z" else 0)
    right = len(cases) - wrong
    assert panel.progress.text() == f"Finished: {right} of {len(cases)} right"
    review = window.findChild(QTextBrowser, "quizReview")
    assert review.isVisible()
    assert f"Review: {right} of {len(cases)} right" in review.toPlainText()
    assert "You gave 0QP104Z" in review.toPlainText()
    qtbot.mouseClick(panel.restart_button, Qt.MouseButton.LeftButton)
    assert panel.progress.text().startswith("Case 1 of")


def test_presenter_view_is_large_chromeless_and_remembered_apart(window, qtbot, qapp):
    window.view.set_zoom(1)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.view.presenting
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.view.zoom == 8
    assert qapp.palette().window().color().name() == "#ffffff"
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.view.presenting
    assert window.view.zoom == 1
    assert window.menuBar().isVisible()
    assert window.settings.get_int("presenter/zoom") == 9
    window.view.set_presenter(True)
    assert window.view.zoom == 9
    window.view.set_presenter(False)


def test_presenter_view_scales_the_tour_quiz_strip_and_dialogs(window, qtbot):
    window.start_tour()
    window.show_quiz()
    window.show_about()
    caption = window.findChild(QLabel, "tourText")
    prompt = window.findChild(QLabel, "quizPrompt")
    strip = window.findChild(QLabel, "codeStrip")
    sizes = lambda: [w.font().pointSizeF() for w in (caption, prompt, strip)]  # noqa: E731
    normal = sizes()
    about = window.about_dialog.font().pointSizeF()
    window.view.set_presenter(True)
    # Qt tells widgets of a new application font through posted events.
    qtbot.waitUntil(
        lambda: all(big >= small + 6 for big, small in zip(sizes(), normal, strict=True))
    )
    assert window.about_dialog.font().pointSizeF() >= about + 6
    highlighted = window.tour.highlighted
    before = highlighted.font().pointSizeF()
    window.tour.next()  # the highlight moves on: the widget it leaves keeps its size
    assert highlighted.font().pointSizeF() == before
    assert window.tour.highlighted.font().pointSizeF() >= normal[0] + 6
    window.view.set_presenter(False)
    qtbot.waitUntil(lambda: sizes() == normal)
    window.tour.stop()


def pdf_text(path):
    """Return the page count and the text, ligatures (ﬁ, ﬃ) and spacing made plain."""
    reader = pypdf.PdfReader(str(path))
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    return len(reader.pages), " ".join(text.split())


def test_export_table_page_and_quiz_as_pdf(window, tmp_path):
    window.tree_panel.select_key("pcs/0QP1/3")
    pages, content = pdf_text(window.handouts.export_pdf(HandoutKind.TABLE, tmp_path / "table.pdf"))
    assert pages == 2  # the grid on the first page, then the table's decision cards
    for expected in (
        "Removal, Revision or Change?",  # the decision card
        "0QP1",
        "Removal",
        "0QP134Z",
        "0QP1X5Z",
        "ICD-10-PCS FY2026, CPT 2025",
        "does not replace the official",
        "Page 1 of 2",
    ):
        assert expected in content.replace("\t", " ")
    window.tree_panel.select_code("0201T")
    pages, content = pdf_text(window.handouts.export_pdf(HandoutKind.PAGE, tmp_path / "page.pdf"))
    assert pages >= 3
    assert f"Page {pages} of {pages}" in content.replace("\t", " ")
    assert window.statusBar().currentMessage().startswith("Saved page.pdf")


def test_the_quiz_pdf_is_a_student_sheet_then_an_answer_key_from_a_new_page(window, tmp_path):
    path = window.handouts.export_pdf(HandoutKind.QUIZ, tmp_path / "quiz.pdf")
    pages = [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in pypdf.PdfReader(str(path)).pages
    ]
    key_starts = next(n for n, page in enumerate(pages) if "answer key" in page)
    assert key_starts >= 1
    assert pages[key_starts].startswith("sacroref case quiz: answer key")  # top of its page
    sheet, key = " ".join(pages[:key_starts]), " ".join(pages[key_starts:])
    cases = window.store.catalog.quiz_cases
    assert sheet.count("Code: ____") == len(cases)
    for case in cases:
        assert case.answer not in sheet, case.id  # no answers on the student sheet
        assert case.answer in key, case.id
    hinted = next(case for case in cases if case.hints)
    wrong, why = next(iter(hinted.hints.items()))
    assert f"If {wrong} is given: {' '.join(why.split())[:40]}" in key
    assert window.statusBar().currentMessage().startswith("Saved quiz.pdf")


def test_export_table_asks_which_table_when_none_is_selected(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = make_window()
    asked = []

    def choose(_parent, _title, _label, keys, current, _editable):
        asked.append((keys[current], len(keys)))
        return "0QH2", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    window.tree_panel.select_code("0201T")  # a CPT page: no table in view
    pages, content = pdf_text(window.handouts.export_pdf(HandoutKind.TABLE, tmp_path / "table.pdf"))
    assert asked == [("0QP1", len(window.store.catalog.pcs_codes.table_keys()))]  # 0QP1 first
    assert pages == 1
    assert "0QH2 · Insertion · Pelvic Bone, Right" in content


def test_export_table_without_tables_says_so(make_window, tmp_path, monkeypatch):
    from sacroref.core.catalog import Catalog

    empty = make_window()
    empty.store.catalog = Catalog()
    empty.tree_panel.select_code("0201T")
    assert empty.handouts.export_pdf(HandoutKind.TABLE, tmp_path / "none.pdf") is None
    assert not (tmp_path / "none.pdf").exists()
    assert empty.statusBar().currentMessage() == "No ICD-10-PCS table is loaded"
