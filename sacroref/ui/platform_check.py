"""Before Qt starts on Linux: say in one line what is missing, instead of Qt's wall of text."""

from __future__ import annotations

import os
import sys

#: Shared libraries Qt's X11 (xcb) platform plugin loads, and the Debian package of each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def missing_packages(libraries: dict[str, str] = XCB_LIBRARIES) -> list[str]:
    """Return the Debian packages whose libraries cannot be loaded."""
    import ctypes  # only needed on X11, and not before then

    missing = []
    for library, package in libraries.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """Return one line explaining why the window cannot open here, or None when it can."""
    env = dict(os.environ if environ is None else environ)
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc ...: the caller chose
    if not platform and env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return (
            "no display: DISPLAY is not set. Run sacroref on a desktop session, or use "
            "'sacroref show CODE' in a terminal."
        )
    missing = missing_packages()
    if missing:
        return (
            "cannot open the window: missing system libraries; ask IT to install the "
            f"package(s) {', '.join(missing)}"
        )
    return None
