"""Set up a local virtual environment and run the app or the whole test suite.

python3 scripts/dev.py run [ARGS...]   install what the app needs, then open it
python3 scripts/dev.py test [ARGS...]  install what the tests need, then lint, type-check, test
"""

from __future__ import annotations

import compileall
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
EXTRAS = {"run": "", "test": "[test,package]"}


def venv_python() -> Path:
    """Return the interpreter of the project's virtual environment."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment(extras: str) -> Path:
    """Create the environment and install the project, skipping both when already current."""
    python = venv_python()
    if not python.exists():
        print(f"dev: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed{extras or '[app]'}"
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"dev: installing sacroref{extras} into {VENV}", flush=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-e",
                f"{ROOT}{extras}",
            ],
            check=True,
        )
        stamp.write_text(wanted)
    return python


def run_tests(python: Path, pytest_args: list[str]) -> int:
    """Run lint, type checks and pytest; return non-zero when any of them fails."""
    steps = [
        ("ruff", [str(python), "-m", "ruff", "check", "."]),
        ("ruff format", [str(python), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
        ("pytest", [str(python), "-m", "pytest", *pytest_args]),
    ]
    failed = []
    for name, command in steps:
        print(f"dev: {name}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"dev: FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("dev: all checks passed", flush=True)
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``run`` or ``test``."""
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    python = ensure_environment(EXTRAS[action])
    if action == "run":
        # The editable install writes no bytecode, and with PYTHONDONTWRITEBYTECODE set
        # Python would compile sacroref anew on every start; this checks dates only.
        compileall.compile_dir(ROOT / "sacroref", quiet=1)
        return subprocess.run([str(python), "-m", "sacroref", *rest], check=False).returncode
    return run_tests(python, rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
