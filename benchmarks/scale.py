"""How cost grows with content: the sacral tables alone, the bundled whole code set, and the
whole code set without its cache (snapshot and search word lists).

    python benchmarks/scale.py [--runs N] [REFERENCE_DIR]

Each view is started as the app starts, one child process per run, and compared with a bare
PySide6 window (a tree and a text pane over the sacral codes) measured in the same run,
interleaved. "Launch to search" is start to first paint plus first paint to search ready:
the bare window searches as soon as it paints. REFERENCE_DIR is not read: the sacral view
is cut from the bundled import (tests/helpers/content.py), so nothing outside the project
is needed.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import compile_package, probe, whole_set_arguments  # noqa: E402


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def views(work: Path) -> dict[str, list[Path]]:
    """Return each view's content folders: a sacral import, none (bundled), an uncached copy."""
    from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME
    from sacroref.resources import content_root
    from tests.helpers.content import write_sacral_import

    uncached = work / "uncached"
    shutil.copytree(Path(str(content_root() / "cms")), uncached)
    for name in (SNAPSHOT_NAME, SEARCH_NAME):
        (uncached / name).unlink()  # a verified import without them: TOML read, index built
    return {
        "sacral tables": [write_sacral_import(work / "sacral")],
        "whole code set": [],
        "whole, no cache": [uncached],
    }


def main() -> int:
    """Measure each view; print one row per view."""
    args = whole_set_arguments(__doc__)
    compile_package()

    from sacroref.core.catalog import is_sacral_table
    from sacroref.core.content.loader import load_content

    work = Path(tempfile.mkdtemp(prefix="sacroref-scale-"))
    sacral = "\n".join(
        code
        for code in load_content().catalog.code_strings()
        if len(code) == 5 or is_sacral_table(code[:4])
    )
    print(
        f"{'content':<16} {'codes':>6} {'start s':>8} {'ready s':>8} {'launch→search':>13} "
        f"{'÷bare':>6} {'p95 ms':>7} {'peak MiB':>9} {'÷bare':>6}"
    )
    try:
        for name, content in views(work).items():
            bare_runs, app_runs = [], []
            for _ in range(args.runs):  # interleaved so that machine noise hits both alike
                bare_runs.append(probe("bare", sacral, []))
                app_runs.append(probe("app", sacral, content))
            searched = probe("app", sacral, content, latency=True)
            bare_start = _median(bare_runs, "start_s")
            launch = statistics.median(r["start_s"] + r["index_ready_s"] for r in app_runs)
            peak = _median(app_runs, "peak_mib")
            print(
                f"{name:<16} {app_runs[0]['codes']:>6} {_median(app_runs, 'start_s'):>8.3f} "
                f"{_median(app_runs, 'index_ready_s'):>8.3f} {launch:>13.3f} "
                f"{launch / bare_start:>6.2f} {searched['search_p95_ms']:>7.1f} "
                f"{peak:>9.0f} {peak / _median(bare_runs, 'peak_mib'):>6.2f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
