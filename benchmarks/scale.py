"""How cost grows with the amount of content: bundled, about 10,000 codes, the whole code set.

    python benchmarks/scale.py [--runs N] [REFERENCE_DIR]

Imports the CMS FY2026 tables at three sizes with `import-pcs`, starts the window on each
in place of the bundled CMS import (as `--content` does), one child process per run, and
prints medians with ratios against two bare PySide6 windows measured in the same run: one
holding the bundled codes, and one holding every code of that size.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import compile_package, probe, whole_set_arguments  # noqa: E402

SIZES = {"bundled": None, "about 10,000": ["0[QRS]*"], "whole code set": ["*"]}


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(run[key] for run in runs))


def main() -> int:
    """Measure each size; print one row per size."""
    args = whole_set_arguments(__doc__)
    compile_package()

    from sacroref.cms.importer import run_import
    from sacroref.core.content.loader import load_content

    work = Path(tempfile.mkdtemp(prefix="sacroref-scale-"))
    bundled_codes = "\n".join(load_content().catalog.code_strings())
    print(
        f"{'content':<15} {'codes':>6} {'start s':>8} {'÷bare':>6} {'÷bare same':>10} "
        f"{'search ready s':>14} {'p95 ms':>7} {'peak MiB':>9} {'÷bare':>6}"
    )
    for name, patterns in SIZES.items():
        content: list[Path] = []
        if patterns:
            out = work / name.replace(" ", "-").replace(",", "")
            reference = args.reference
            run_import(
                reference / "icd10pcs_tables_2026.xml",
                reference / "icd10pcs_definitions_2026.xml",
                reference / "icd10pcs_index_2025.xml",
                patterns,
                out,
            )
            content = [out]
        codes = "\n".join(load_content(content).catalog.code_strings())
        small_bare, bare_runs, app_runs = [], [], []
        for _ in range(args.runs):  # interleaved so that machine noise hits all alike
            small_bare.append(probe("bare", bundled_codes, []))
            bare_runs.append(probe("bare", codes, content))
            app_runs.append(probe("app", codes, content))
        searched = probe("app", codes, content, latency=True)
        start = _median(app_runs, "start_s")
        peak = _median(app_runs, "peak_mib")
        print(
            f"{name:<15} {app_runs[0]['codes']:>6} {start:>8.3f} "
            f"{start / _median(small_bare, 'start_s'):>6.2f} "
            f"{start / _median(bare_runs, 'start_s'):>10.2f} "
            f"{_median(app_runs, 'index_ready_s'):>14.2f} {searched['search_p95_ms']:>7.1f} "
            f"{peak:>9.0f} {peak / _median(small_bare, 'peak_mib'):>6.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
