"""Run the benchmarks and print medians and ratios against a bare PySide6 window.

python benchmarks/run.py [--runs N] [--content DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def probe(
    kind: str, codes: str, content: list[Path], interact: int = 0, *, latency: bool = False
) -> dict[str, Any]:
    """Start one child, return its report plus the wall time from spawn to first paint."""
    command = [sys.executable, "-m", "benchmarks.probe", kind]
    for folder in content:
        command += ["--content", str(folder)]
    if latency:
        command.append("--latency")
    if interact:
        command += ["--interact", str(interact)]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time()
    done = subprocess.run(
        command, input=codes, capture_output=True, text=True, cwd=ROOT, env=env, check=True
    )
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["start_s"] = report["first_paint"] - started
    return report


def whole_set_arguments(description: str | None) -> argparse.Namespace:
    """Parse the reference folder and run count that the whole-code-set benchmarks take."""
    parser = argparse.ArgumentParser(description=description)
    root = Path(__file__).resolve().parent.parent
    parser.add_argument(
        "reference", nargs="?", type=Path, default=root.parent / "shared" / "reference"
    )
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args()


def compile_package() -> None:
    """Write sacroref's bytecode first, as installing a package does.

    With PYTHONDONTWRITEBYTECODE set (as on CI machines) every start would otherwise
    compile sacroref from source, while PySide6's bytecode was written when it was installed.
    """
    import compileall

    compileall.compile_dir(ROOT / "sacroref", quiet=1)


def main() -> int:
    """Measure start, memory, search latency and memory growth; print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--content", type=Path, action="append", default=[])
    parser.add_argument(
        "--latency-runs", type=int, default=5, help="windows to time keystrokes in (0: none)"
    )
    parser.add_argument(
        "--interact", type=int, default=10_000, help="steps to measure RSS over (0: none)"
    )
    args = parser.parse_args()
    compile_package()

    sys.path.insert(0, str(ROOT))
    from sacroref.core.catalog import is_sacral_table
    from sacroref.core.content.loader import load_content

    # The bare window holds what a sacral coder looks up: the sacral tables and the CPT codes.
    codes = "\n".join(
        code
        for code in load_content(args.content).catalog.code_strings()
        if len(code) == 5 or is_sacral_table(code[:4])
    )
    bare_runs, app_runs = [], []
    for _ in range(args.runs):  # interleaved so that machine noise hits both alike
        bare_runs.append(probe("bare", codes, args.content))
        app_runs.append(probe("app", codes, args.content))

    def median(runs: list[dict[str, Any]], key: str) -> float:
        return float(statistics.median(run[key] for run in runs))

    rows = [
        ("start to first paint (s)", median(bare_runs, "start_s"), median(app_runs, "start_s")),
        ("peak memory (MiB)", median(bare_runs, "peak_mib"), median(app_runs, "peak_mib")),
        ("first paint to search ready (s)", 0.0, median(app_runs, "index_ready_s")),
        (  # the bare window searches as soon as it paints
            "launch to a window that can search (s)",
            median(bare_runs, "start_s"),
            statistics.median(run["start_s"] + run["index_ready_s"] for run in app_runs),
        ),
    ]
    bare_l, app_l = [], []
    for _ in range(args.latency_runs):
        bare_l.append(probe("bare", codes, args.content, latency=True))
        app_l.append(probe("app", codes, args.content, latency=True))
    if args.latency_runs:
        rows += [
            (
                "search keystroke p50 (ms)",
                median(bare_l, "search_p50_ms"),
                median(app_l, "search_p50_ms"),
            ),
            (
                "search keystroke p95 (ms)",
                median(bare_l, "search_p95_ms"),
                median(app_l, "search_p95_ms"),
            ),
        ]
    if args.interact:
        bare_i = probe("bare", codes, args.content, interact=args.interact)
        app_i = probe("app", codes, args.content, interact=args.interact)
        rows.append(
            (
                f"RSS growth over {args.interact} steps (MiB)",
                bare_i["rss_growth_mib"],
                app_i["rss_growth_mib"],
            )
        )
    print(
        f"sacroref benchmark: {app_runs[0]['codes']} codes (bare: {bare_runs[0]['codes']}), "
        f"{args.runs} starts and "
        f"{args.latency_runs} keystroke runs each (medians), "
        f"platform {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    )
    print(f"{'measure':<40} {'bare':>10} {'sacroref':>10} {'ratio':>7}")
    for name, bare, app in rows:
        ratio = f"{app / bare:.2f}" if bare > 0 else "-"
        print(f"{name:<40} {bare:>10.3f} {app:>10.3f} {ratio:>7}")
    # Each pair was started back to back: the median of the pairs' ratios is less swayed by
    # the machine's slow spells than the ratio of the medians above.
    paired = statistics.median(
        (app["start_s"] + app["index_ready_s"]) / bare["start_s"]
        for bare, app in zip(bare_runs, app_runs, strict=True)
    )
    print(f"launch to search, median of the {args.runs} pairs' ratios: {paired:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
