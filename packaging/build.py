"""Build the standalone sacroref executable, archive it, and prove it works.

    python3 packaging/build.py [--onefile] [--dist DIR]

Installs what it needs into the project's .venv, runs PyInstaller on packaging/sacroref.spec,
then runs the frozen app's --self-test offscreen (with no network where `unshare` allows)
and fails on a failure or on anything unexpected on stderr.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "packaging"))

from dev import PURPOSES, SetupError, ensure_environment, install_system_packages  # noqa: E402

from sacroref import __version__  # noqa: E402
from sacroref.system import missing  # noqa: E402

NAME = "sacroref"


def folder_size_mib(folder: Path) -> float:
    """Return the size of every file below a folder, in MiB."""
    # Symbolic links (PyInstaller links shared libraries) take no space of their own.
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def run_pyinstaller(python: Path, dist: Path, work: Path, onefile: bool) -> None:
    """Run PyInstaller on the declared spec."""
    env = {**os.environ, "SACROREF_ONEFILE": "1" if onefile else "0"}
    subprocess.run(
        [
            str(python),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / f"{NAME}.spec"),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )


def executable(dist: Path, onefile: bool) -> Path:
    """Return the path of the built executable."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return dist / f"{NAME}{suffix}" if onefile else dist / NAME / f"{NAME}{suffix}"


def self_test(exe: Path) -> str:
    """Run the frozen self-test offscreen, without network when possible; return its line."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [str(exe), "--self-test"]
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            command = ["unshare", "-n", *command]  # a network namespace with no interfaces
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=120
    )
    if done.returncode != 0 or done.stderr.strip():
        raise SystemExit(
            f"build: self-test FAILED (exit {done.returncode})\n"
            f"stdout: {done.stdout.strip()}\nstderr: {done.stderr.strip()}"
        )
    return done.stdout.strip()


def archive(dist: Path) -> Path:
    """Pack the one-folder build as .zip (Windows) or .tar.gz (elsewhere)."""
    platform = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    base = dist / f"{NAME}-{__version__}-{platform}"
    folder = dist / NAME
    if sys.platform == "win32":
        target = base.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as packed:
            for path in folder.rglob("*"):
                packed.write(path, path.relative_to(dist))
    else:
        target = Path(f"{base}.tar.gz")
        with tarfile.open(target, "w:gz") as packed:
            packed.add(folder, arcname=NAME)
    return target


def main(argv: list[str]) -> int:
    """Build, add the desktop file, archive, self-test; print sizes."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--onefile", action="store_true", help="build one file instead")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)

    try:
        install_system_packages(missing(PURPOSES["test"]))
        python = ensure_environment("[test,package]")
    except SetupError as error:
        raise SystemExit(f"build: {error}") from None
    work = args.dist.parent / "build" if args.dist != ROOT / "dist" else ROOT / "build"
    try:
        run_pyinstaller(python, args.dist, work, args.onefile)
    except subprocess.CalledProcessError as error:
        raise SystemExit(
            f"build: PyInstaller failed (exit {error.returncode}); see above"
        ) from None
    exe = executable(args.dist, args.onefile)
    if not args.onefile and sys.platform.startswith("linux"):
        from library_paths import confine_folder

        # PyInstaller adds some extension modules after the spec has seen the binaries.
        for changed in confine_folder(exe.parent):
            print(f"build: {changed}: build-machine library path removed")
        shutil.copy(ROOT / "packaging" / f"{NAME}.desktop", exe.parent)
        shutil.copy(ROOT / "packaging" / f"{NAME}.png", exe.parent)
        shutil.copy(ROOT / "packaging" / "install-menu-entry.sh", exe.parent)
    line = self_test(exe)
    print(f"build: {line}")
    if args.onefile:
        print(f"build: one file {exe} ({exe.stat().st_size / 2**20:.1f} MiB)")
    else:
        packed = archive(args.dist)
        print(
            f"build: one folder {exe.parent} ({folder_size_mib(exe.parent):.1f} MiB), "
            f"archive {packed.name} ({packed.stat().st_size / 2**20:.1f} MiB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
