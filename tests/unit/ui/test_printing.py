"""Handouts as PDF open no connection, seen at the system-call level (Qt's own C++ too)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXPORT_EVERY_HANDOUT = """
import sys
from pathlib import Path
from sacroref.ui.startup import create_application, create_window
app = create_application()
from sacroref.ui.settings import Settings
from sacroref.ui.handouts import HandoutKind
window = create_window([], Settings.in_memory(), staged=False)
window.show()
window.tree_panel.select_code("0QP134Z")
for kind in ("page", "table", "quiz"):
    window.handouts.export_pdf(HandoutKind(kind), Path(sys.argv[1]) / f"{kind}.pdf")
print("exported")
"""

needs_strace = pytest.mark.skipif(not shutil.which("strace"), reason="needs strace")


def traced(tmp_path: Path, command: list[str]) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run a command under strace; return it and every socket and connect call it made."""
    log = tmp_path / "calls.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CUPS_SERVER": "127.0.0.1:631"}
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )
    return done, log.read_text()


@needs_strace
def test_exporting_pdfs_opens_no_socket_at_all(tmp_path):
    done, calls = traced(tmp_path, [sys.executable, "-c", EXPORT_EVERY_HANDOUT, str(tmp_path)])
    assert done.returncode == 0, done.stderr
    assert "exported" in done.stdout
    assert all((tmp_path / f"{kind}.pdf").stat().st_size > 1000 for kind in ("page", "quiz"))
    assert calls == ""  # not even to the print service, nor a name service


@needs_strace
def test_the_self_test_opens_no_socket_at_all(tmp_path):
    done, calls = traced(tmp_path, [sys.executable, "-m", "sacroref", "--self-test"])
    assert "self-test: OK" in done.stdout, done.stdout + done.stderr
    assert calls == ""
