"""The cycle collector: paused while content is made, and from the start until it is searchable."""

from __future__ import annotations

import gc

import pytest

from sacroref.qt.content_store import ContentState, collector_paused, pause_collector_for_start


def test_the_collector_is_paused_inside_and_resumed_after_even_on_an_error():
    seen = []

    def fail_while_paused() -> None:
        with collector_paused():
            seen.append(gc.isenabled())
            raise RuntimeError

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        fail_while_paused()
    assert seen == [False]
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_outer_one_paused():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_once_the_window_can_search(make_window, qtbot):
    window = make_window(staged=True)
    qtbot.waitUntil(lambda: window.store.state is ContentState.READY)
    assert gc.isenabled()


def test_the_start_pauses_the_collector_until_the_content_is_searchable(make_window, qtbot):
    pause_collector_for_start()
    try:
        window = make_window(staged=True)
        assert not gc.isenabled()  # the window and its content are made unscanned
        qtbot.waitUntil(lambda: window.store.state is ContentState.READY)
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen > 0  # what the start made is kept out of later scans
        second = make_window(staged=True)
        qtbot.waitUntil(lambda: second.store.state is ContentState.READY)
        assert gc.get_freeze_count() == frozen  # only the start's objects, once
    finally:
        gc.enable()
        gc.unfreeze()
