"""Before Qt starts: say in one line what is missing, instead of a traceback or Qt's wall of text.

Nothing here imports Qt; it runs first, in the source install and the frozen build alike.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path

from sacroref.system import install_command, package_of, qt_system_libraries

#: The Qt platforms the window can use, by the name QT_QPA_PLATFORM takes.
PLATFORMS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so", "offscreen": "libqoffscreen.so"}


def qt_folder() -> Path | None:
    """Return the folder of Qt's libraries and plugins, found without importing Qt."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "PySide6" / "Qt"
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt"


def command_hint() -> str:
    """Return how this sacroref was started, as a command a user can type again."""
    if getattr(sys, "frozen", False):
        return shlex.quote(sys.executable)
    script = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if script == "sacroref":
        return shlex.quote(sys.argv[0])
    return f"{shlex.quote(sys.executable)} -m sacroref"


def missing_libraries(platform: str, folder: Path | None = None) -> list[str]:
    """Return the system libraries Qt would need for a platform and cannot load."""
    from sacroref.system import library_loads

    folder = folder or qt_folder()
    if folder is None or not sys.platform.startswith("linux"):
        return []
    try:
        needed = qt_system_libraries(folder, [f"platforms/{PLATFORMS[platform]}"])
    except (OSError, ValueError):
        return []  # Qt's own files cannot be read: let Qt say what is wrong
    return [name for name in needed if not library_loads(name)]


def qt_problem(platform: str) -> str | None:
    """Return why Qt cannot start on a platform here (libraries, fonts), or None."""
    from sacroref.system import REQUIREMENTS, fonts_installed

    missing = missing_libraries(platform)
    if missing:
        packages = {package_of(name): None for name in missing}
        known = [r for r in REQUIREMENTS if r.debian in packages]
        install = install_command(known) if len(known) == len(packages) else ""
        return f"cannot start: missing system libraries ({', '.join(missing)}); " + (
            f"install them with: {install}" if install else f"install {', '.join(packages)}"
        )
    if sys.platform.startswith("linux") and not fonts_installed():
        fonts = [r for r in REQUIREMENTS if r.probe == "fonts"]
        return (
            "cannot start: no fonts are installed, so no text could be drawn; "
            f"install them with: {install_command(fonts)}"
        )
    return None


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Return one line explaining why the window cannot open here, or None when it can."""
    env = dict(os.environ if environ is None else environ)
    if not sys.platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "")
    name = chosen.split(":", 1)[0]
    if chosen and name not in PLATFORMS:
        return (
            f"QT_QPA_PLATFORM={chosen} is not a platform sacroref can use; unset it, or "
            f"choose one of {', '.join(PLATFORMS)}"
        )
    if not chosen:
        name = "wayland" if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY") else "xcb"
    screen = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY"}.get(name)
    if screen and not env.get(screen):
        return (
            f"no display: {screen} is not set. Run sacroref on a desktop session, or look "
            f"codes up in a terminal: {command_hint()} show 0QP134Z"
        )
    return qt_problem(name)
