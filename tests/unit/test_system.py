"""The system packages sacroref needs: one list, which covers what Qt's own files load."""

from __future__ import annotations

from pathlib import Path

from sacroref import system
from sacroref.ui.platform_check import PLATFORMS, qt_folder


def test_the_list_covers_every_library_qt_and_its_plugins_load():
    folder = qt_folder()
    assert folder is not None
    declared = {r.probe[4:] for r in system.REQUIREMENTS if r.probe.startswith("lib:")}
    for plugin in PLATFORMS.values():
        if plugin == "libqwayland.so":
            continue  # Wayland sessions bring their own libraries
        needed = set(system.qt_system_libraries(folder, [f"platforms/{plugin}"]))
        assert needed, plugin
        assert needed <= declared, sorted(needed - declared)
    assert "libxcb-shape.so.0" in declared


def test_needed_libraries_reads_the_elf_file():
    folder = qt_folder()
    assert folder is not None
    needed = system.needed_libraries(folder / "plugins" / "platforms" / "libqxcb.so")
    assert "libxcb-shape.so.0" in needed
    assert "libQt6XcbQpa.so.6" in needed


def test_a_library_that_does_not_exist_does_not_load():
    assert system.library_loads("libc.so.6")
    assert not system.library_loads("libnot-there-at-all.so.9")


def test_fonts_are_found_in_the_folders_fontconfig_reads(tmp_path):
    assert not system.fonts_installed([str(tmp_path)])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "DejaVuSans.ttf").write_bytes(b"")
    assert system.fonts_installed([str(tmp_path)])


def test_install_command_is_one_line_per_distribution(monkeypatch):
    needed = [r for r in system.REQUIREMENTS if r.debian in ("xvfb", "libxcb-shape0")]
    monkeypatch.setattr(system.shutil, "which", lambda _name: None)
    monkeypatch.setattr(system, "Path", lambda _p: Path("/nonexistent"))
    assert system.install_command(needed) == (
        "sudo apt-get install -y --no-install-recommends libxcb-shape0 xvfb"
    )


def test_missing_lists_each_package_once(monkeypatch):
    monkeypatch.setattr(system, "is_met", lambda r: r.debian != "libxcb1")
    assert [r.debian for r in system.missing(["run"])] == ["libxcb1"]
    assert system.missing(["nothing"]) == []
