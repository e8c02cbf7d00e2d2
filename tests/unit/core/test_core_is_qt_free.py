"""The content core never imports Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import sacroref.core


def test_core_imports_no_qt():
    modules = [f"sacroref.core.{m.name}" for m in pkgutil.iter_modules(sacroref.core.__path__)]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from sacroref.core.content.loader import load_content\n"
        "load_content()\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide', 'PyQt', 'shiboken')))\n"
        "print(qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(modules) >= 10
