"""scripts/dev.py: system packages first, a half-made .venv rebuilt, failures in one line."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from sacroref.system import REQUIREMENTS

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def dev(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "scripts" / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    return module


def test_missing_packages_as_a_user_is_one_install_line(dev, monkeypatch, capsys):
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(dev, "missing", lambda _p: [r for r in REQUIREMENTS if r.debian == "xvfb"])
    assert dev.main(["test"]) == 1
    out = capsys.readouterr().out
    assert out == (
        "dev: missing system packages (xvfb); install them with: "
        "sudo apt-get install -y --no-install-recommends xvfb\n"
    )


def test_as_root_missing_packages_are_installed_and_said(dev, monkeypatch, capsys):
    calls = []
    needed = [r for r in REQUIREMENTS if r.debian == "strace"]
    state = {"installed": False}

    def run(step, **_kwargs):
        calls.append(step)
        state["installed"] = True
        return subprocess.CompletedProcess(step, 0, "", "")

    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}" * (name == "apt-get"))
    monkeypatch.setattr(dev.subprocess, "run", run)
    monkeypatch.setattr(dev, "missing", lambda _p: [] if state["installed"] else needed)
    dev.install_system_packages(needed)
    assert calls == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "--no-install-recommends", "strace"],
    ]
    assert "dev: installed strace" in capsys.readouterr().out


def test_a_venv_without_pip_is_made_anew(dev, monkeypatch, capsys):
    import venv

    venv.EnvBuilder(with_pip=False).create(dev.VENV)  # what a missing python3-venv leaves
    assert dev.venv_python().exists()
    assert not dev.venv_is_whole()
    created = []

    class Builder:
        def __init__(self, **options):
            self.options = options

        def create(self, path):
            created.append((path, self.options))

    monkeypatch.setattr(dev.venv, "EnvBuilder", Builder)
    monkeypatch.setattr(dev, "pip_install", lambda _python, _target: None)
    dev.ensure_environment("[test]")
    assert created == [(dev.VENV, {"with_pip": True, "clear": True})]
    assert "is incomplete (no working pip); making it anew" in capsys.readouterr().out


def test_a_pip_failure_is_one_line(dev, monkeypatch, tmp_path):
    def failing(command, stdout, **_kwargs):
        stdout.write("Looking in indexes...\nERROR: Could not find a version that satisfies\n")
        return subprocess.CompletedProcess(command, 1)

    monkeypatch.setattr(dev.subprocess, "run", failing)
    with pytest.raises(dev.SetupError) as raised:
        dev.pip_install(Path(sys.executable), str(ROOT))
    message = str(raised.value)
    assert "\n" not in message
    assert "ERROR: Could not find a version that satisfies" in message
    assert "check the network connection or the package index" in message
