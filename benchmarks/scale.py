"""How cost grows with the amount of content: bundled, about 10,000 codes, the whole code set.

    python benchmarks/scale.py [REFERENCE_DIR]

Imports the CMS FY2026 tables at three sizes with `import-pcs`, loads each in place of the
bundled CMS import (as `--content` does), and prints load, first-window and search figures.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {"bundled": None, "about 10,000": ["0[QRS]*"], "whole code set": ["*"]}
QUERIES = ["0", "0q", "0qp", "0qp1", "k", "k-w", "k-wire", "re", "rem", "removal"]


def main() -> int:
    """Measure each size in this process, one after the other."""
    from PySide6.QtWidgets import QApplication

    from sacroref.core.importer import run_import
    from sacroref.core.loader import load_content
    from sacroref.ui.main_window import MainWindow
    from sacroref.ui.settings import Settings

    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="sacroref-scale-"))
    print(
        f"{'content':<16} {'codes':>7} {'load s':>7} {'window s':>9} {'search p50 ms':>14} "
        f"{'p95 ms':>8} {'peak MiB':>9}"
    )
    for name, patterns in SIZES.items():
        extra: list[Path] = []
        if patterns:
            out = work / name.replace(" ", "-").replace(",", "")
            run_import(
                reference / "icd10pcs_tables_2026.xml",
                reference / "icd10pcs_definitions_2026.xml",
                reference / "icd10pcs_index_2025.xml",
                patterns,
                out,
            )
            extra = [out]
        started = time.perf_counter()
        result = load_content(extra)
        loaded = time.perf_counter()
        window = MainWindow(result.catalog, result.problems, Settings(work / f"{name}.ini"))
        window.show()
        app.processEvents()
        shown = time.perf_counter()
        latencies = []
        for query in QUERIES:
            begun = time.perf_counter()
            window.tree_panel.search_box.setText(query)
            window.tree_panel.tree.viewport().repaint()
            latencies.append((time.perf_counter() - begun) * 1000)
        latencies.sort()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{name:<16} {result.catalog.code_count():>7} {loaded - started:>7.2f} "
            f"{shown - loaded:>9.2f} {statistics.median(latencies):>14.1f} "
            f"{latencies[int(0.95 * (len(latencies) - 1))]:>8.1f} {peak:>9.0f}"
        )
        window.close()
        window.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
