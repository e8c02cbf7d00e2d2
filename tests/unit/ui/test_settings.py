"""Settings: never written where they should not be, damaged files set aside, nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sacroref.core.tree import MAX_FAVORITES
from sacroref.ui import settings as settings_module
from sacroref.ui.settings import KEYS, Settings, ini_problem, user_settings


def test_in_memory_settings_are_never_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    kept = Settings.in_memory()
    kept.set("theme", "dark")
    assert kept.save() is True
    assert kept.get_str("theme") == "dark"
    assert list(tmp_path.iterdir()) == []


def test_undeclared_keys_are_refused():
    with pytest.raises(KeyError, match="undeclared"):
        Settings.in_memory().set("typo/key", 1)
    assert "theme" in KEYS


def test_a_file_settings_round_trip(tmp_path):
    path = tmp_path / "s.ini"
    first = Settings(path)
    first.set("favorites", ["0QP134Z", "0201T"])
    assert first.save()
    assert Settings(path).get_list("favorites") == ["0QP134Z", "0201T"]


def test_random_bytes_are_set_aside_and_never_written_back(tmp_path):
    path = tmp_path / "sacroref.ini"
    junk = bytes(range(256)) * 4
    path.write_bytes(junk)
    loaded = Settings(path)
    assert loaded.notice is not None
    assert "damaged" in loaded.notice
    assert "sacroref.ini.bad" in loaded.notice
    assert (tmp_path / "sacroref.ini.bad").read_bytes() == junk
    loaded.set("theme", "dark")
    assert loaded.save()
    assert b"\xff" not in path.read_bytes()
    assert Settings(path).get_str("theme") == "dark"


def test_a_huge_settings_file_is_not_parsed(tmp_path):
    path = tmp_path / "sacroref.ini"
    path.write_bytes(b"[General]\n" + b"favorites=0QP134Z\n" * 200_000)
    loaded = Settings(path)
    assert "larger than a settings file" in (loaded.notice or "")
    assert loaded.get_list("favorites") == []


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", None),
        (b"[General]\ntheme=dark\n; comment\n", None),
        (b"[General]\x00\n", "binary"),
        (b"\xff\xfe", "not text"),
        (b"[General]\njust words\n", "line 2"),
    ],
)
def test_ini_problem(data, problem):
    found = ini_problem(data)
    assert found == problem or (problem and problem in (found or ""))


def test_the_override_never_rewrites_a_file_that_is_not_sacroref_ini(tmp_path, monkeypatch):
    victim = tmp_path / "hosts"
    original = b"127.0.0.1 localhost\n"
    victim.write_bytes(original)
    monkeypatch.setenv("SACROREF_SETTINGS", str(victim))
    loaded = user_settings()
    loaded.set("theme", "dark")
    assert loaded.save() is False
    assert "left untouched" in (loaded.notice or "")
    assert victim.read_bytes() == original
    assert not (tmp_path / "hosts.bad").exists()


def test_the_override_never_rewrites_another_programs_ini(tmp_path, monkeypatch):
    victim = tmp_path / "other.ini"
    victim.write_text("[Network]\nproxy=example\n")
    monkeypatch.setenv("SACROREF_SETTINGS", str(victim))
    loaded = user_settings()
    loaded.set("theme", "dark")
    loaded.save()
    assert victim.read_text() == "[Network]\nproxy=example\n"


def test_the_override_may_name_a_new_or_sacroref_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.ini"
    monkeypatch.setenv("SACROREF_SETTINGS", str(path))
    loaded = user_settings()
    loaded.set("theme", "dark")
    assert loaded.save()
    again = user_settings()
    assert again.notice is None
    assert again.get_str("theme") == "dark"


def test_an_unwritable_location_is_said_at_once_and_kept_in_memory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    loaded = Settings(blocker / "sub" / "settings.ini")
    assert "will not survive a restart" in (loaded.notice or "")
    loaded.set("favorites", ["0QP134Z"])
    assert loaded.get_list("favorites") == ["0QP134Z"]
    assert loaded.save() is False


def test_favorites_are_bounded_and_distinct(tmp_path):
    loaded = Settings.in_memory()
    loaded.set("favorites", ["0QP134Z", "0QP134Z", *(f"{n:05d}" for n in range(5000))])
    favorites = loaded.get_list("favorites")
    assert len(favorites) == MAX_FAVORITES
    assert favorites[:2] == ["0QP134Z", "00000"]


def _can_make_private_dev() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_make_private_dev(), reason="needs root and mount namespaces")
def test_self_test_as_root_leaves_dev_null_a_device(tmp_path):
    # A private mount namespace with its own /dev: whatever the self-test does to /dev/null
    # there cannot reach this machine's.
    script = (
        "set -e; mount --make-rprivate / ; mount -t tmpfs -o mode=755 sacroref-dev /dev; "
        "mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; "
        "mknod -m 444 /dev/urandom c 1 9; mknod -m 444 /dev/random c 1 8; "
        f"HOME={tmp_path} {sys.executable} -m sacroref --self-test; "
        "if [ -c /dev/null ]; then echo DEV-NULL-OK; else echo DEV-NULL-REPLACED; fi"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "SACROREF_"))}
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert "sacroref self-test: OK" in done.stdout, done.stdout + done.stderr
    assert "DEV-NULL-OK" in done.stdout, done.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written to the home folder either
    assert Path("/dev/null").is_char_device()


def test_default_location_is_the_users_config_folder(monkeypatch):
    monkeypatch.setattr(settings_module, "executable_dir", lambda: None)
    assert settings_module.default_settings_path().parts[-2:] == ("sacroref", "sacroref.ini")


def test_a_hundred_thousand_favorites_start_bounded(make_window, tmp_path):
    path = tmp_path / "sacroref.ini"
    many = ", ".join(["0QP134Z", "0201T", *(f"{n:05d}" for n in range(100_000))])
    path.write_text(f"[General]\nfavorites={many}\n")
    window = make_window(settings_path=path)
    assert window.model.favorite_codes()[:2] == ["0QP134Z", "0201T"]
    assert len(window.model.favorite_codes()) == MAX_FAVORITES
    assert "kept the first 1,000 of favorites" in window.statusBar().currentMessage()


FILE_DIALOG = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog
app = QApplication([])
from sacroref.ui.settings import Settings
settings = Settings(Path(sys.argv[1]) / "sacroref.ini")
settings.confine_qt_settings()
dialog = QFileDialog(None, "Export as PDF", sys.argv[1])
dialog.show()
app.processEvents()
dialog.accept()
del dialog
app.processEvents()
"""


def test_qt_file_dialog_history_stays_in_the_settings_location(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    place = tmp_path / "settings"
    place.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", FILE_DIALOG, str(place)],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "PATH": ""},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert list(home.rglob("*")) == []  # nothing in ~/.config
    assert [p.name for p in place.iterdir()] == ["QtProject.conf"]
