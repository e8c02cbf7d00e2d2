"""The one owner of content readiness: staged parsing, search indexing and opening ahead.

The window paints before any content is read (see docs/startup.md). Then, in idle-time
slices, the store parses the pending files, builds the search index and, for small content,
asks for every table's rows to be made. Anything that needs content at once calls
``ensure_loaded()`` or ``engine()``. Widgets and models subscribe to the signals; none of
them drives the work.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from sacroref.core.catalog import Catalog
from sacroref.core.content.loader import SLICE_SECONDS

if TYPE_CHECKING:
    from sacroref.core.content.loader import LoadResult, PendingContent
    from sacroref.core.content.problems import Problem
    from sacroref.core.search.engine import SearchEngine

#: Content up to this many codes has all its tables opened in idle time after indexing, so
#: that neither a first search nor a first click waits for table rows.
OPEN_AHEAD_LIMIT = 2_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while content is made: a slice makes tens of thousands
    of acyclic records, and the collector would scan them again and again (about a quarter
    of the time to a searchable window; docs/startup.md)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_paused_for_start = False  # see pause_collector_for_start


def pause_collector_for_start() -> None:
    """Pause the cycle collector until the first content is searchable (the window and its
    content live as long as the app: scanning them as they are made is wasted). Then what
    the start made is frozen out of later scans, and the collector runs again."""
    global _paused_for_start  # noqa: PLW0603  # one start per process
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def _end_start_pause() -> None:
    global _paused_for_start  # noqa: PLW0603
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        gc.enable()


class ContentState(Enum):
    """How far the content is: each state follows the one before."""

    WAITING = "waiting"  # the window has not painted yet; nothing is read
    LOADING = "loading"  # files are parsed in idle-time slices
    INDEXING = "indexing"  # the catalog is whole; the search index is being built
    READY = "ready"  # everything is loaded and searchable


class ContentStore(QObject):
    """Holds the catalog and makes it whole and searchable, slice by slice or on demand."""

    #: Content that was pending is in the catalog now (not emitted for content whole from
    #: the start). Subscribers run in the order they connected: the model first.
    contentLoaded = Signal()
    #: The search index is built.
    indexReady = Signal()
    #: The content is small enough that every table's rows should be made now.
    openAhead = Signal()

    def __init__(self, result: LoadResult, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog = result.catalog
        self.problems: list[Problem] = list(result.problems)
        self._pending: PendingContent | None = (
            result.pending if result.pending is not None and not result.pending.done else None
        )
        self._engine: SearchEngine | None = None
        self.state = ContentState.WAITING
        self._slices = QTimer(self, interval=0)
        self._slices.timeout.connect(self._next_slice)

    @property
    def loaded(self) -> bool:
        """Return whether the catalog holds everything."""
        return self._pending is None

    def start(self) -> None:
        """Begin the idle-time work (the window calls this once it has painted)."""
        if self.state is ContentState.WAITING:
            self.state = ContentState.LOADING if self._pending else ContentState.INDEXING
            self._slices.start()

    def ensure_loaded(self) -> None:
        """Parse whatever content is still pending, now."""
        if self._pending is not None:
            with collector_paused():
                self._pending.finish()
            self._loaded()

    def engine(self) -> SearchEngine:
        """Return the search index, made whole now if it is not yet."""
        self.ensure_loaded()
        engine = self._start_index()
        if self.state is not ContentState.READY:
            with collector_paused():
                engine.finish()
            self._indexed()
        return engine

    def _start_index(self) -> SearchEngine:
        if self._engine is None:
            from sacroref.core.search.engine import SearchEngine

            self._engine = SearchEngine(self.catalog, deferred=True)
            self.state = ContentState.INDEXING
        return self._engine

    def _next_slice(self) -> None:
        # Steps run on while the slice has time: loading, then indexing, in as few turns of
        # the event loop as the slice allows.
        until = time.perf_counter() + SLICE_SECONDS
        with collector_paused():
            self._step()
            while self.state is not ContentState.READY and time.perf_counter() < until:
                self._step()

    def _step(self) -> None:
        if self._pending is not None:
            if self._pending.step():
                self._loaded()
        elif self.state is not ContentState.READY and self._start_index().build_step():
            self._indexed()
        if self.state is ContentState.READY:
            self._slices.stop()

    def _loaded(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.problems += pending.problems
            self.state = ContentState.INDEXING
            self.contentLoaded.emit()

    def _indexed(self) -> None:
        self.state = ContentState.READY
        _end_start_pause()
        self._slices.stop()
        self.indexReady.emit()
        if self.catalog.code_count() <= OPEN_AHEAD_LIMIT:
            self.openAhead.emit()
