"""The standalone build: built, self-tested offscreen without network, small, read-only-safe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

#: The one-folder build measured 103 MiB (a default bare PySide6 build: 158 MiB). The issue's
#: target is 80 MiB; ICU's data file alone is 31 MiB. This bound catches regressions.
SIZE_LIMIT_MIB = 110


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the frozen build is tested on Linux here")
    dist = tmp_path_factory.mktemp("frozen") / "dist"
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "build: sacroref self-test: OK: 114 codes" in done.stdout
    return dist / "sacroref"


def run(
    exe: Path, *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(exe.parent.parent),
        **(env or {}),
    }
    return subprocess.run(
        [*prefix, str(exe), *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
        timeout=120,
    )


def test_build_is_small_and_complete(built):
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import folder_size_mib

    assert folder_size_mib(built) <= SIZE_LIMIT_MIB
    assert (built / "sacroref").is_file()
    assert (built / "sacroref.desktop").is_file()
    assert (built / "_internal" / "sacroref" / "resources" / "cpt" / "0201T.toml").is_file()
    assert not list(built.rglob("*.qm"))  # no Qt translations
    assert list(built.parent.glob("sacroref-*-linux.tar.gz"))


def test_frozen_cli_and_self_test(built):
    shown = run(built / "sacroref", "show", "0QP134Z")
    assert shown.returncode == 0
    assert "Kirschner wire" in shown.stdout
    tested = run(built / "sacroref", "--self-test")
    assert tested.returncode == 0
    assert tested.stderr == ""


def test_portable_mode_keeps_settings_beside_the_executable(built, tmp_path):
    copy = tmp_path / "usb" / "sacroref"
    shutil.copytree(built, copy, symlinks=True)
    (copy / "portable").write_text("")
    done = run(copy / "sacroref", "--self-test")
    assert done.returncode == 0
    assert f"settings: {copy / 'sacroref.ini'}" in done.stdout


def test_local_content_beside_the_executable(built, tmp_path):
    copy = tmp_path / "site" / "sacroref"
    shutil.copytree(built, copy, symlinks=True)
    (copy / "content").mkdir()
    (copy / "content" / "broken.toml").write_text('kind = "notes"\n')
    done = run(copy / "sacroref", "--self-test")
    assert done.returncode == 1
    assert "content/broken.toml: source: required key is missing" in done.stdout


def _can_unshare() -> bool:
    return (
        bool(shutil.which("unshare"))
        and subprocess.run(
            ["unshare", "-m", "-n", "true"], capture_output=True, check=False
        ).returncode
        == 0
    )


@pytest.mark.skipif(not _can_unshare(), reason="needs unshare to make real read-only mounts")
def test_read_only_install_and_temp_folders_without_network(built, tmp_path):
    # Read-only bind mounts stop even root from writing; -n leaves no network at all.
    script = (
        f"mount --bind {built} {built} && mount -o remount,bind,ro {built} && "
        f"mkdir -p {tmp_path}/tmp && mount --bind {tmp_path}/tmp {tmp_path}/tmp && "
        f"mount -o remount,bind,ro {tmp_path}/tmp && "
        f"TMPDIR={tmp_path}/tmp {built}/sacroref --self-test"
    )
    done = run(Path("sh"), "-c", script, prefix=("unshare", "-m", "-n"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
