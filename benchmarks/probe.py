"""A child process for the benchmarks: starts a window, reports timings and memory as JSON.

python -m benchmarks.probe bare|app [--content DIR] [--latency] [--interact N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ["0qp1", "k-wire", "removal perc", "sacroplasty", "0qh2", "cement", "drainage"]


def rss_mib() -> float:
    """Return the current resident set size in MiB (Linux /proc; peak elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mib()


def trim_heap() -> None:
    """Return glibc's free pages to the system, so RSS shows live memory, not allocator slack."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def peak_mib() -> float:
    """Return this program's peak resident set size in MiB.

    VmHWM on Linux: ru_maxrss survives exec, so a child spawned by a large parent (by vfork)
    would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    """Start the window, wait for its first paint, optionally interact, print JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["bare", "app"])
    parser.add_argument("--content", type=Path, action="append", default=[])
    parser.add_argument("--latency", action="store_true", help="time search keystrokes")
    parser.add_argument("--interact", type=int, default=0, help="steps to measure RSS over")
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    if args.kind == "app":  # as the app starts; the bare window keeps Qt's defaults
        from sacroref.ui.startup import create_application, create_window

        app = create_application()
    else:
        app = QApplication(sys.argv[:1])
    if args.kind == "app":
        from sacroref.ui.settings import Settings

        # As the app starts: the content is parsed after the first paint.
        window = create_window(args.content, Settings.in_memory())
        search, tree = window.tree_panel.search_box, window.tree_panel.tree
        codes: list[str] = []
    else:
        codes = sys.stdin.read().split()
        from benchmarks.bare_window import build_bare

        window, search, tree = build_bare(codes)

    class FirstPaint(QObject):
        painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.painted_at is None:
                self.painted_at = time.time()
            return False

    first_paint = FirstPaint()
    tree.viewport().installEventFilter(first_paint)
    window.show()
    while first_paint.painted_at is None:
        app.processEvents()
    report: dict[str, Any] = {"first_paint": first_paint.painted_at, "index_ready_s": 0.0}
    if args.kind == "app":  # tables and search index are built in idle time after first paint
        from sacroref.qt.content_store import ContentState

        while window.store.state is not ContentState.READY:
            app.processEvents()
        report["index_ready_s"] = time.time() - first_paint.painted_at
        codes = list(window.store.catalog.code_strings())
    report["codes"] = len(codes)
    if args.latency:  # from a fresh window: a table's first opening counts as a coder sees it
        latencies = []
        for query in QUERIES * 3:
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                search.setText(query[:end])
                tree.viewport().repaint()
                latencies.append((time.perf_counter() - started) * 1000)
        report["search_p50_ms"] = _percentile(latencies, 0.5)
        report["search_p95_ms"] = _percentile(latencies, 0.95)
    if args.interact:
        # The same codes over and over, as in a coder's day: growth here would be a leak. (On
        # the whole code set, a table first opened costs memory for its rows and titles.)
        used = codes[:: max(1, len(codes) // 500)][:500]

        def step(number: int) -> None:
            search.setText(QUERIES[number % len(QUERIES)][: 1 + number % 4])
            if args.kind == "app":
                window.tree_panel.select_code(used[number % len(used)])
            app.processEvents()

        for number in range(1000):  # warm-up: font, glyph and layout caches fill first
            step(number)
        trim_heap()
        before = rss_mib()
        for number in range(args.interact):
            step(number)
        trim_heap()
        report["rss_growth_mib"] = rss_mib() - before
    report["peak_mib"] = peak_mib()
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
