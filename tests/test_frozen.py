"""The standalone build: built, self-tested offscreen without network, small, read-only-safe."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.content import BUNDLED_CODES

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

#: The one-folder build, the whole code set included, stays within 80 MiB (a default bare
#: PySide6 build: 158 MiB): its CMS import is packed, the snapshot instead of the TOML.
SIZE_LIMIT_MIB = 80


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
    assert f"build: sacroref self-test: OK: {BUNDLED_CODES:,} codes" in done.stdout
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
    resources = built / "_internal" / "sacroref" / "resources"
    assert (resources / "cpt" / "0201T.toml").is_file()
    assert sorted(path.name for path in (resources / "cms").iterdir()) == [
        "import-manifest.toml",
        "search.bin",
        "snapshot.bin",
    ]  # packed: the whole code set's TOML stays out
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


def test_no_binary_searches_a_build_machine_folder_for_libraries(built):
    from sacroref.system import library_paths

    outside = {}
    for path in built.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            wrong = [p for p in library_paths(path) if not p.startswith("$ORIGIN")]
            if wrong:
                outside[str(path.relative_to(built))] = wrong
    assert outside == {}


def test_qt_plugin_paths_from_the_environment_are_ignored(built, tmp_path):
    planted = tmp_path / "planted"
    (planted / "platforms").mkdir(parents=True)
    env = {
        "QT_PLUGIN_PATH": str(planted),
        "QT_QPA_PLATFORM_PLUGIN_PATH": str(planted / "platforms"),
        "QT_DEBUG_PLUGINS": "1",
    }
    done = run(built / "sacroref", "--self-test", env=env)
    assert "self-test: OK" in done.stdout, done.stdout + done.stderr
    assert str(planted) not in done.stderr


def test_the_menu_entry_points_at_the_folder_it_ships_in(built, tmp_path):
    copy = tmp_path / "apps folder" / "sacroref"
    shutil.copytree(built, copy, symlinks=True)
    done = subprocess.run(
        ["sh", str(copy / "install-menu-entry.sh")],
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path / "home")},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "home" / ".local/share/applications/sacroref.desktop").read_text()
    assert f'Exec="{copy}/sacroref"' in entry
    assert f"Icon={copy}/sacroref.png" in entry
    shipped = (copy / "sacroref.desktop").read_text()
    exec_line = next(line for line in shipped.splitlines() if line.startswith("Exec="))
    # A launcher passes %k as one argument, spaces and all.
    command = exec_line.removeprefix("Exec=").replace(
        "%k", shlex.quote(str(copy / "sacroref.desktop"))
    )
    started = subprocess.run(
        ["sh", "-c", command.replace("/sacroref\"'", "/sacroref\" --version'")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("sacroref ")
