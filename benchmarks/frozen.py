"""Frozen builds: size and start to first paint, sacroref against a bare PySide6 window.

    python benchmarks/frozen.py [--runs N]

Builds a bare PySide6 window with PyInstaller's default settings and with sacroref's own
spec settings, builds sacroref with packaging/build.py, then times each from spawn to the
first painted tree, interleaved, and prints medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "scripts"))

from build import folder_size_mib  # noqa: E402


def first_paint_seconds(exe: Path, env: dict[str, str]) -> float:
    """Return the wall time from spawn to the first paint the executable reports."""
    started = time.time()
    done = subprocess.run(
        [str(exe)], capture_output=True, text=True, env=env, check=True, timeout=60
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("first-paint "))
    return float(line.split()[1]) - started


def build_bare(work: Path, *, spec_settings: bool) -> Path:
    """Build the bare window one-folder, with default settings or with sacroref's spec."""
    name = "bare_spec" if spec_settings else "bare_default"
    source = ROOT / "benchmarks" / "bare_window.py"
    env = dict(os.environ)
    if spec_settings:
        env |= {"SACROREF_SPEC_NAME": name, "SACROREF_SPEC_ENTRY": str(source)}
        command = [str(ROOT / "packaging" / "sacroref.spec")]
    else:
        command = ["--onedir", "--name", name, "--specpath", str(work), str(source)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build" / name),
            *command,
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return work / "dist" / name / name


def main() -> int:
    """Build three executables and compare them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sacroref-frozen-"))
    bare_default = build_bare(work, spec_settings=False)
    bare_spec = build_bare(work, spec_settings=True)
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(work / "app")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    app = work / "app" / "sacroref" / "sacroref"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "SACROREF_BENCH_FIRST_PAINT": "1",
        "SACROREF_SETTINGS": str(work / "bench.ini"),
    }
    times: dict[str, list[float]] = {"bare": [], "app": []}
    for _ in range(args.runs):
        times["bare"].append(first_paint_seconds(bare_spec, env))
        times["app"].append(first_paint_seconds(app, env))
    bare, sacroref = statistics.median(times["bare"]), statistics.median(times["app"])
    print(f"frozen benchmark ({args.runs} runs each, medians, {env['QT_QPA_PLATFORM']} platform)")
    print(
        f"  size, bare PySide6 window, PyInstaller defaults: "
        f"{folder_size_mib(bare_default.parent):6.1f} MiB"
    )
    print(
        f"  size, bare PySide6 window, sacroref's spec:      "
        f"{folder_size_mib(bare_spec.parent):6.1f} MiB"
    )
    print(
        f"  size, sacroref one-folder build:                  "
        f"{folder_size_mib(app.parent):6.1f} MiB"
    )
    print(
        f"  start to first paint: bare {bare:.3f} s, sacroref {sacroref:.3f} s, "
        f"ratio {sacroref / bare:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
