"""Command-line look-ups on the whole code set: show, explain, search and codes, each timed.

    python benchmarks/cli.py [--runs N]

Runs each command as a coder would, one process per run, on the bundled content (the whole
FY2026 code set); prints the median wall time of each against `python -c pass` measured in
the same run. The target: each look-up within 1 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import compile_package, whole_set_arguments  # noqa: E402

COMMANDS = {
    "show 0QP134Z": ["show", "0QP134Z"],
    "explain 0RP134Z": ["explain", "0RP134Z"],
    "search k-wire": ["search", "k-wire"],
    "codes": ["codes"],
}


def timed(command: list[str]) -> float:
    """Return the wall time of one run of a command (its output discarded)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> int:
    """Time each command on the bundled whole code set; print one row a command."""
    args = whole_set_arguments(__doc__)
    compile_package()
    base = [sys.executable, "-m", "sacroref"]
    bare: list[float] = []
    rows: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):  # interleaved, so that machine noise hits every command alike
        bare.append(timed([sys.executable, "-c", "pass"]))
        for name, words in COMMANDS.items():
            rows[name].append(timed([*base, *words]))
    python = statistics.median(bare)
    print(f"command-line look-ups, whole code set (79,115 codes), {args.runs} runs (medians)")
    print(f"{'command':<20} {'seconds':>8} {'÷ python -c pass':>18}   target 1 s")
    for name, times in rows.items():
        median = statistics.median(times)
        verdict = "met" if median <= 1.0 else "missed"
        print(f"{name:<20} {median:>8.2f} {median / python:>18.1f}   {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
