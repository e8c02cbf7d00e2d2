"""Locked-down machines: portable settings, local content, no display, no stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sacroref.ui import platform_check, settings
from sacroref.ui import startup as app_module
from tests.helpers.content import BUNDLED_CODES, SOURCES, write_folder


def test_settings_go_beside_a_portable_executable(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "executable_dir", lambda: tmp_path)
    (tmp_path / "portable").write_text("")
    assert settings.default_settings_path() == tmp_path / "sacroref.ini"


def test_settings_use_the_user_location_otherwise(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "executable_dir", lambda: tmp_path)
    path = settings.default_settings_path()
    assert tmp_path not in path.parents
    assert path.name == "sacroref.ini"


def test_local_content_folder_beside_the_executable(tmp_path, monkeypatch):
    write_folder(tmp_path / "content", {"s.toml": SOURCES})
    monkeypatch.setattr(app_module, "executable_dir", lambda: tmp_path)
    extra = Path("/elsewhere")
    assert app_module.local_content_dirs([extra]) == [tmp_path / "content", extra]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "no display: DISPLAY is not set"),
        ({"QT_QPA_PLATFORM": "xcb"}, "no display: DISPLAY is not set"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"QT_QPA_PLATFORM": "nonsense"}, "QT_QPA_PLATFORM=nonsense is not a platform"),
    ],
)
def test_display_problem_is_one_line(environ, expected, monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setattr(platform_check, "qt_problem", lambda _platform: None)
    problem = platform_check.display_problem(environ)
    assert problem == expected or (expected and problem.startswith(expected))


def test_missing_xcb_library_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setattr(
        platform_check, "missing_libraries", lambda _platform: ["libxcb-shape.so.0"]
    )
    problem = platform_check.display_problem({"DISPLAY": ":0"})
    assert problem == (
        "cannot start: missing system libraries (libxcb-shape.so.0); install them with: "
        "sudo apt-get install -y --no-install-recommends libxcb-shape0"
    )


def test_no_fonts_is_one_line(monkeypatch):
    import sacroref.system

    monkeypatch.setattr(platform_check.sys, "platform", "linux")
    monkeypatch.setattr(platform_check, "missing_libraries", lambda _platform: [])
    monkeypatch.setattr(sacroref.system, "fonts_installed", lambda: False)
    problem = platform_check.display_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert problem.startswith("cannot start: no fonts are installed")
    assert problem.endswith("fonts-dejavu-core")


def test_the_xcb_check_really_loads_what_the_plugin_needs(tmp_path):
    # A copy of Qt's xcb plugin whose dependency is renamed: the check must miss it.
    folder = platform_check.qt_folder()
    assert folder is not None
    assert platform_check.missing_libraries("xcb", folder) == []
    fake = tmp_path / "Qt"
    (fake / "plugins" / "platforms").mkdir(parents=True)
    (fake / "lib").symlink_to(folder / "lib")
    plugin = (folder / "plugins" / "platforms" / "libqxcb.so").read_bytes()
    renamed = plugin.replace(b"libxcb-shape.so.0\0", b"libxcb-shapX.so.0\0")
    assert renamed != plugin
    (fake / "plugins" / "platforms" / "libqxcb.so").write_bytes(renamed)
    assert platform_check.missing_libraries("xcb", fake) == ["libxcb-shapX.so.0"]


def test_window_without_a_display_says_so(tmp_path):
    env = {"PATH": "", "HOME": str(tmp_path), "SACROREF_SETTINGS": str(tmp_path / "s.ini")}
    done = subprocess.run(
        [sys.executable, "-m", "sacroref"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no display: DISPLAY is not set" in done.stderr
    assert f"{sys.executable} -m sacroref show 0QP134Z" in done.stderr  # a command that works


def test_logging_survives_a_missing_stderr(monkeypatch):
    import logging

    monkeypatch.setattr(sys, "stderr", None)
    root = logging.getLogger()
    saved = root.handlers[:]
    try:
        root.handlers.clear()
        app_module.setup_logging()
        logging.getLogger("sacroref").warning("nowhere to go")
        assert isinstance(root.handlers[0], logging.NullHandler)
    finally:
        root.handlers[:] = saved


PAINT_AND_COUNT_THREADS = """
import os
from pathlib import Path
from sacroref.ui.startup import create_application, create_window
app = create_application()
from sacroref.ui.settings import Settings
from tests.helpers.content import BUNDLED_CODES
window = create_window([], Settings.in_memory(), staged=False)
window.show()
for query in ("k-wire", "0qp1", "cement"):
    window.tree_panel.search_box.setText(query)
    window.grab()
print(len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_window_paints_without_qt_worker_threads():
    env = {key: value for key, value in os.environ.items() if key != "QT_NO_GUI_THREADPOOL"}
    done = subprocess.run(
        [sys.executable, "-c", PAINT_AND_COUNT_THREADS],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.split()[-1] == "1"  # fills stay on the GUI thread (configure_qt)


def test_self_test_from_source():
    done = subprocess.run(
        [sys.executable, "-m", "sacroref", "--self-test"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith(f"sacroref self-test: OK: {BUNDLED_CODES:,} codes")
    assert done.stderr == ""


def test_self_test_fails_clearly_on_broken_local_content(tmp_path):
    folder = write_folder(tmp_path / "bad", {"x.toml": 'kind = "recipes"\n'})
    done = subprocess.run(
        [sys.executable, "-m", "sacroref", "--content", str(folder), "--self-test"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert "FAILED" in done.stdout
    assert "x.toml: kind" in done.stdout
