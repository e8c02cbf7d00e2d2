"""Set up everything sacroref needs, then run the app or the whole test suite.

python3 scripts/dev.py run [ARGS...]   system packages and .venv for the app, then open it
python3 scripts/dev.py test [ARGS...]  system packages and .venv for the tests, then lint,
                                       type-check and test

System packages come first (sacroref/system.py lists them): as root they are installed with
apt-get (or dnf); otherwise the one command to run is printed. A half-made .venv is rebuilt.
"""

from __future__ import annotations

import compileall
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
EXTRAS = {"run": "", "test": "[test,package]"}
PURPOSES = {"run": ("run",), "test": ("run", "test")}
PIP_INSTALL = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
LINT_IMPORTS = "lint-imports.exe" if os.name == "nt" else "lint-imports"

sys.path.insert(0, str(ROOT))
from sacroref.system import Requirement, install_command, missing  # noqa: E402


class SetupError(Exception):
    """Set-up that cannot go on; the message is one line saying what to do."""


def say(message: str) -> None:
    """Print one line of dev.py's own."""
    print(f"dev: {message}", flush=True)


def install_system_packages(needed: list[Requirement]) -> None:
    """Install missing system packages as root, or say the one command that does it."""
    if not needed:
        return
    names = " ".join(sorted({r.debian for r in needed}))
    command = install_command(needed)
    if os.name != "posix" or os.geteuid() != 0:
        raise SetupError(f"missing system packages ({names}); install them with: {command}")
    tool = command.split()[1]
    if not shutil.which(tool):
        raise SetupError(f"missing system packages ({names}), and no {tool} to install them")
    say(f"installing system packages: {names}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = [[tool, "update", "-qq"]] if tool == "apt-get" else []
    steps.append(command.split()[1:])
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise SetupError(f"'{' '.join(step)}' failed: {last[0]}")
    still = missing({r.purpose for r in needed})
    if still:
        raise SetupError(f"still missing after installing: {', '.join(r.debian for r in still)}")
    say(f"installed {names}")


def venv_python() -> Path:
    """Return the interpreter of the project's virtual environment."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_is_whole() -> bool:
    """Return whether .venv has a working interpreter with pip in it."""
    python = venv_python()
    if not python.exists():
        return False
    done = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, check=False)
    return done.returncode == 0


def ensure_environment(extras: str) -> Path:
    """Create the environment and install the project, skipping both when already current."""
    python = venv_python()
    if not venv_is_whole():
        if VENV.exists():
            say(f"{VENV} is incomplete (no working pip); making it anew")
        else:
            say(f"creating {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(VENV, ignore_errors=True)
            raise SetupError(f"could not create {VENV}: {error}") from None
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed{extras or '[app]'}"
    if not stamp.exists() or stamp.read_text() != wanted:
        say(f"installing sacroref{extras} into {VENV}")
        pip_install(python, f"{ROOT}{extras}")
        stamp.write_text(wanted)
    return python


def pip_install(python: Path, target: str) -> None:
    """Install the project with pip; a failure is one line (the network, the index)."""
    with tempfile.TemporaryFile("w+") as log:
        done = subprocess.run(
            [str(python), *PIP_INSTALL, "-e", target],
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
        if done.returncode != 0:
            log.seek(0)
            lines = [line.strip() for line in log if line.strip()]
            errors = [line for line in lines if line.startswith("ERROR")] or lines[-1:]
            raise SetupError(
                f"pip could not install sacroref ({errors[0] if errors else 'no output'}); "
                "check the network connection or the package index, then run this again"
            )


def run_tests(python: Path, pytest_args: list[str]) -> int:
    """Run lint, type checks and pytest; return non-zero when any of them fails."""
    steps = [
        ("ruff", [str(python), "-m", "ruff", "check", "."]),
        ("ruff format", [str(python), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
        ("layers", [str(python.with_name(LINT_IMPORTS)), "pyproject.toml"]),
        ("pytest", [str(python), "-m", "pytest", *pytest_args]),
    ]
    failed = []
    for name, command in steps:
        say(name)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(name)
    if failed:
        say(f"FAILED: {', '.join(failed)}")
        return 1
    say("all checks passed")
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``run`` or ``test``."""
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py runs on whatever python3 is
        say(f"sacroref needs Python 3.10 or newer; this is {sys.version.split()[0]}")
        return 1
    try:
        install_system_packages(missing(PURPOSES[action]))
        python = ensure_environment(EXTRAS[action])
    except SetupError as error:
        say(str(error))
        return 1
    if action == "run":
        # The editable install writes no bytecode, and with PYTHONDONTWRITEBYTECODE set
        # Python would compile sacroref anew on every start; this checks dates only.
        compileall.compile_dir(ROOT / "sacroref", quiet=1)
        return subprocess.run([str(python), "-m", "sacroref", *rest], check=False).returncode
    return run_tests(python, rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
