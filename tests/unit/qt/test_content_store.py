"""The content store pauses Python's cycle collector only while it makes content."""

from __future__ import annotations

import gc

import pytest

from sacroref.qt.content_store import ContentState, collector_paused


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
