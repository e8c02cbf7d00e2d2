"""Back and forward behave like a browser's."""

from sacroref.core.navigation import History


def test_back_forward_and_branching():
    history = History()
    for code in ("A", "B", "C"):
        history.visit(code)
    assert history.back() == "B"
    assert history.back() == "A"
    assert history.back() is None
    assert history.forward() == "B"
    history.visit("D")
    assert not history.can_go_forward()
    assert history.back() == "B"


def test_revisiting_the_current_code_is_ignored_and_size_is_bounded():
    history = History(limit=3)
    for code in ("A", "A", "B", "C", "D"):
        history.visit(code)
    assert history.back() == "C"
    assert history.back() == "B"
    assert history.back() is None
