"""Bundled content is found through one helper, from source and from a built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from sacroref.resources import content_root
from tests.helpers.content import BUNDLED_CODES

ROOT = Path(__file__).resolve().parents[2]


def test_content_root_from_source():
    root = content_root()
    assert (root / "cpt" / "0201T.toml").is_file()


def test_wheel_carries_the_content(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    wheel = next(tmp_path.glob("sacroref-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {
        f"sacroref/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
        for p in (ROOT / "resources").rglob("*.toml")
    }
    assert bundled <= names
    assert "sacroref/resources/cms/tables/0QP.toml" in names
    # Installed from the wheel alone, the content is found through importlib.resources.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sacroref.resources as r; "
            "from sacroref.core.content.loader import load_content; "
            "print(r.content_root()); print(load_content().catalog.code_count())",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": ""},
    )
    assert probe.returncode == 0, probe.stderr
    location, count = probe.stdout.split()
    assert location.startswith(str(target))
    assert count == str(BUNDLED_CODES)
