"""What sacroref needs from the operating system, in one place; plain Python, no Qt.

``scripts/dev.py`` checks these before it makes the environment, and the app checks Qt's
libraries before it imports Qt, so that a missing one is one line naming its package.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple


class Requirement(NamedTuple):
    """One system package: its Debian/Ubuntu and Fedora names, how to tell it is there."""

    debian: str
    fedora: str
    probe: str  # "lib:SONAME", "cmd:NAME", "venv" or "fonts"
    purpose: str  # "run": the window; "test": the whole suite, the frozen build included


def _lib(debian: str, fedora: str, soname: str) -> Requirement:
    return Requirement(debian, fedora, f"lib:{soname}", "run")


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("python3-venv", "python3", "venv", "run"),
    # Qt's core, GUI and widgets libraries.
    _lib("libglib2.0-0", "glib2", "libglib-2.0.so.0"),
    _lib("libglib2.0-0", "glib2", "libgthread-2.0.so.0"),
    _lib("libgl1", "libglvnd-glx", "libGL.so.1"),
    _lib("libegl1", "libglvnd-egl", "libEGL.so.1"),
    _lib("libfontconfig1", "fontconfig", "libfontconfig.so.1"),
    _lib("libfreetype6", "freetype", "libfreetype.so.6"),
    _lib("libdbus-1-3", "dbus-libs", "libdbus-1.so.3"),
    _lib("libxkbcommon0", "libxkbcommon", "libxkbcommon.so.0"),
    _lib("zlib1g", "zlib", "libz.so.1"),
    _lib("libzstd1", "libzstd", "libzstd.so.1"),
    _lib("libx11-6", "libX11", "libX11.so.6"),
    # Qt's X11 (xcb) platform plugin.
    _lib("libx11-xcb1", "libX11-xcb", "libX11-xcb.so.1"),
    _lib("libxcb1", "libxcb", "libxcb.so.1"),
    _lib("libxcb-cursor0", "xcb-util-cursor", "libxcb-cursor.so.0"),
    _lib("libxcb-icccm4", "xcb-util-wm", "libxcb-icccm.so.4"),
    _lib("libxcb-image0", "xcb-util-image", "libxcb-image.so.0"),
    _lib("libxcb-keysyms1", "xcb-util-keysyms", "libxcb-keysyms.so.1"),
    _lib("libxcb-randr0", "libxcb", "libxcb-randr.so.0"),
    _lib("libxcb-render0", "libxcb", "libxcb-render.so.0"),
    _lib("libxcb-render-util0", "xcb-util-renderutil", "libxcb-render-util.so.0"),
    _lib("libxcb-shape0", "libxcb", "libxcb-shape.so.0"),
    _lib("libxcb-shm0", "libxcb", "libxcb-shm.so.0"),
    _lib("libxcb-sync1", "libxcb", "libxcb-sync.so.1"),
    _lib("libxcb-util1", "xcb-util", "libxcb-util.so.1"),
    _lib("libxcb-xfixes0", "libxcb", "libxcb-xfixes.so.0"),
    _lib("libxcb-xkb1", "libxcb", "libxcb-xkb.so.1"),
    _lib("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11.so.0"),
    # Without a font every letter is drawn as an empty box.
    Requirement("fonts-dejavu-core", "dejavu-sans-fonts", "fonts", "run"),
    # The suite: screenshots on a virtual screen, system-call tests, PDF pages, the build.
    Requirement("xvfb", "xorg-x11-server-Xvfb", "cmd:Xvfb", "test"),
    Requirement("xauth", "xorg-x11-xauth", "cmd:xauth", "test"),
    Requirement("strace", "strace", "cmd:strace", "test"),
    Requirement("mount", "util-linux", "cmd:mount", "test"),
    Requirement("poppler-utils", "poppler-utils", "cmd:pdftoppm", "test"),
    Requirement("binutils", "binutils", "cmd:objdump", "test"),
    Requirement("gcc", "gcc", "cmd:cc", "test"),
    Requirement("patchelf", "patchelf", "cmd:patchelf", "test"),
    # PyInstaller bundles Python's shared library, which Debian ships on its own.
    Requirement(
        f"libpython{sys.version_info[0]}.{sys.version_info[1]}",
        "python3-libs",
        f"lib:libpython{sys.version_info[0]}.{sys.version_info[1]}.so.1.0",
        "test",
    ),
)

#: Where Linux keeps fonts, for fontconfig's default configuration.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".pfb", ".pcf", ".pcf.gz")


def fonts_installed(folders: Iterable[str] = FONT_FOLDERS) -> bool:
    """Return whether any font file is in the folders fontconfig reads by default."""
    for folder in folders:
        for _root, _dirs, files in os.walk(os.path.expanduser(folder)):
            if any(name.endswith(FONT_SUFFIXES) for name in files):
                return True
    return False


def library_loads(soname: str) -> bool:
    """Return whether the dynamic loader finds and loads a shared library."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def venv_works(python: str = sys.executable) -> bool:
    """Return whether this Python can make a virtual environment with pip in it."""
    done = subprocess.run(
        [python, "-m", "ensurepip", "--version"], capture_output=True, check=False
    )
    return done.returncode == 0


def is_met(requirement: Requirement) -> bool:
    """Return whether one requirement is met on this machine."""
    kind, _, name = requirement.probe.partition(":")
    if kind == "lib":
        return library_loads(name)
    if kind == "cmd":
        return shutil.which(name) is not None
    if kind == "fonts":
        return fonts_installed()
    return venv_works()


def missing(purposes: Iterable[str]) -> list[Requirement]:
    """Return the unmet requirements for the purposes ("run", "test"), one per package."""
    wanted = set(purposes)
    found: dict[str, Requirement] = {}
    for requirement in REQUIREMENTS:
        if (
            requirement.purpose in wanted
            and requirement.debian not in found
            and not is_met(requirement)
        ):
            found[requirement.debian] = requirement
    return list(found.values())


def install_command(packages: Iterable[Requirement]) -> str:
    """Return the one command that installs the packages, for this kind of Linux."""
    if Path("/etc/fedora-release").exists() or shutil.which("dnf"):
        names = sorted({p.fedora for p in packages})
        return "sudo dnf install -y " + " ".join(names)
    names = sorted({p.debian for p in packages})
    return "sudo apt-get install -y --no-install-recommends " + " ".join(names)


def package_of(soname: str) -> str:
    """Return the Debian package of a library sacroref knows, else the library's own name."""
    for requirement in REQUIREMENTS:
        if requirement.probe == f"lib:{soname}":
            return requirement.debian
    return f"the package that provides {soname}"


DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29


def needed_libraries(path: Path) -> list[str]:
    """Return the DT_NEEDED entries of an ELF shared library (its direct dependencies)."""
    return [value for tag, value in dynamic_strings(path) if tag == DT_NEEDED]


def library_paths(path: Path) -> list[str]:
    """Return the folders an ELF file tells the loader to search first (RPATH, RUNPATH)."""
    return [
        folder
        for tag, value in dynamic_strings(path)
        if tag in (DT_RPATH, DT_RUNPATH)
        for folder in value.split(":")
    ]


def dynamic_strings(path: Path) -> list[tuple[int, str]]:
    """Return the (tag, text) entries of an ELF file's dynamic section that name strings."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path}: not an ELF file")
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    header = struct.Struct(order + ("HHIQQQIHHHHHH" if wide else "HHIIIIIHHHHHH"))
    fields = header.unpack_from(data, 16)
    section_offset, section_size, section_count = fields[5], fields[10], fields[11]
    section = struct.Struct(order + ("IIQQQQIIQQ" if wide else "IIIIIIIIII"))
    sections = [
        section.unpack_from(data, section_offset + index * section_size)
        for index in range(section_count)
    ]
    entry = struct.Struct(order + ("qQ" if wide else "iI"))
    found: list[tuple[int, str]] = []
    for kind, offset, size, link in ((s[1], s[4], s[5], s[6]) for s in sections):
        if kind != 6:  # SHT_DYNAMIC
            continue
        strings = sections[link][4]
        for position in range(offset, offset + size, entry.size):
            tag, value = entry.unpack_from(data, position)
            if tag == 0:
                break
            if tag in (DT_NEEDED, DT_RPATH, DT_RUNPATH):
                end = data.index(b"\0", strings + value)
                found.append((tag, data[strings + value : end].decode()))
    return found


#: The C and C++ runtimes: every Linux that runs Python has them.
_ALWAYS_THERE = (
    "libc.so",
    "libm.so",
    "libdl.so",
    "libpthread.so",
    "librt.so",
    "ld-linux",
    "libstdc++.so",
    "libgcc_s.so",
)


def qt_system_libraries(qt_folder: Path, plugins: Iterable[str]) -> list[str]:
    """Return the libraries from the system that Qt's widgets and the plugins load.

    Derived from the binaries' own dependencies: Qt's libraries that ship beside it are
    followed, every other name is the system's to provide.
    """
    shipped = qt_folder / "lib"
    todo = [shipped / "libQt6Widgets.so.6", *(qt_folder / "plugins" / p for p in plugins)]
    seen: set[str] = set()
    system: dict[str, None] = {}
    for path in _follow(todo, shipped, seen):
        for name in needed_libraries(path):
            if (shipped / name).exists():
                todo.append(shipped / name)
            elif not name.startswith(_ALWAYS_THERE):
                system[name] = None
    return list(system)


def _follow(todo: list[Path], shipped: Path, seen: set[str]) -> Iterator[Path]:
    while todo:
        path = todo.pop()
        if path.name not in seen and path.exists():
            seen.add(path.name)
            yield path
