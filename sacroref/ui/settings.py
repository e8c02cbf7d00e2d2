"""Remembered state: the declared settings keys, kept in one INI file or, headless, in memory."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from sacroref.core.tree import MAX_FAVORITES
from sacroref.resources import executable_dir

T = TypeVar("T")
PORTABLE_MARKERS = ("sacroref.ini", "portable")
#: A sacroref INI holds a few kilobytes; anything far larger is not one of ours, and Qt
#: would parse all of it into memory before the window could start.
MAX_SETTINGS_BYTES = 1024 * 1024
ENVIRONMENT_OVERRIDE = "SACROREF_SETTINGS"

#: Every key sacroref keeps, and what it holds. Nothing else is read or written.
KEYS: dict[str, str] = {
    "window/geometry": "bytes: the window's size and place",
    "window/splitter": "bytes: the split between tree and detail",
    "view/zoom": "int: the zoom step in the normal view",
    "view/compact": "bool: the compact layout",
    "view/always_on_top": "bool: always on top",
    "presenter/zoom": "int: the zoom step in presenter view",
    "theme": "str: system, light or dark",
    "favorites": "list: starred codes, in the order starred",
    "last/key": "str: the tree item selected when the window closed",
    "recent": "list: the codes viewed last, newest first (50 at most)",
    "notes": "str: the coder's own notes per code, as JSON (code: text)",
    "handouts/notes": "bool: page handouts include the coder's own note",
}


class _Store(Protocol):
    def value(self, key: str) -> Any: ...
    def setValue(self, key: str, value: Any) -> None: ...


class _MemoryStore:
    """Settings that live only as long as the process: nothing is ever written to disk."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def value(self, key: str) -> Any:
        return self._values.get(key)

    def setValue(self, key: str, value: Any) -> None:
        self._values[key] = value


def default_settings_path() -> Path:
    """Return where settings live: beside a portable executable, else the user's config folder."""
    exe = executable_dir()
    if exe is not None and any((exe / marker).exists() for marker in PORTABLE_MARKERS):
        return exe / "sacroref.ini"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder or Path.home()) / "sacroref" / "sacroref.ini"


def settings_location() -> Path:
    """Return the file the app keeps its settings in: ``SACROREF_SETTINGS``, else the default."""
    override = os.environ.get(ENVIRONMENT_OVERRIDE)
    return Path(override) if override else default_settings_path()


def user_settings() -> Settings:
    """Return the settings the app uses, from ``settings_location()``.

    A file named by ``SACROREF_SETTINGS`` is only ever written when it is a sacroref INI
    already (or does not exist yet): pointed at any other file, sacroref leaves it untouched.
    """
    return Settings(settings_location(), owned=not os.environ.get(ENVIRONMENT_OVERRIDE))


def ini_problem(data: bytes) -> str | None:
    """Return why bytes are not a settings file Qt wrote, or None when they could be one."""
    if len(data) > MAX_SETTINGS_BYTES:
        return f"it is {len(data):,} bytes, far larger than a settings file"
    if b"\0" in data:
        return "it holds binary data"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not text"
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith((";", "#", "[")) and "=" not in line:
            return f"line {number} is neither a [section] nor a key=value line"
    return None


def _foreign_keys(path: Path) -> list[str]:
    probe = QSettings(str(path), QSettings.Format.IniFormat)
    return [key for key in probe.allKeys() if key not in KEYS]


def _can_write(path: Path) -> bool:
    """Return whether the file can be (re)written: Qt saves beside it, then renames."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or (path.is_file() and os.access(path, os.W_OK))


class Settings:
    """Typed access to the declared keys; bad values fall back to defaults, with a notice.

    ``notice`` says what went wrong with the file (damaged, not ours, cannot be saved) in
    one line; the window shows it at start. When the file cannot be used, the values are
    kept in memory for the session.
    """

    def __init__(self, path: Path | None, *, owned: bool = True) -> None:
        self.path = path
        self.notice: str | None = None
        self.persistent = path is not None
        self._store: _Store = _MemoryStore()
        if path is not None:
            self._open(path, owned)

    def confine_qt_settings(self) -> None:
        """Keep Qt's own settings (the file dialog's history) beside ours, or nowhere.

        Qt's file dialog saves its history under "QtProject" in the user's config folder
        (the registry on Windows) by itself; sacroref writes nothing outside its settings
        location, so Qt is pointed there, or at a private folder removed at exit.
        """
        if self.persistent and self.path is not None:
            folder = str(self.path.parent)
        else:
            import atexit
            import shutil
            import tempfile

            folder = tempfile.mkdtemp(prefix="sacroref-qt-")
            atexit.register(shutil.rmtree, folder, True)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
                QSettings.setPath(kind, scope, folder)

    @classmethod
    def in_memory(cls) -> Settings:
        """Return settings that start from defaults and are never written anywhere."""
        return cls(None)

    def _open(self, path: Path, owned: bool) -> None:
        try:
            data = path.read_bytes() if path.is_file() else b""
        except OSError as error:
            self._keep_in_memory(f"Settings file {path} cannot be read ({error.strerror}).")
            return
        problem = ini_problem(data)
        if problem is None and data and not owned and (foreign := _foreign_keys(path)):
            problem = f"it is not a sacroref settings file (it has the key {foreign[0]!r})"
        if problem is not None and not owned:
            self._keep_in_memory(
                f"{ENVIRONMENT_OVERRIDE} names {path}, but {problem}; it is left untouched."
            )
            return
        if problem is not None:
            self._set_aside(path, problem)
        if not path.exists() and path.is_symlink():
            self._keep_in_memory(f"Settings file {path} is a broken link; it is left untouched.")
            return
        if not _can_write(path):
            self._keep_in_memory(f"Settings cannot be saved to {path} (not writable).")
            return
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def _set_aside(self, path: Path, problem: str) -> None:
        aside = path.with_name(path.name + ".bad")
        try:
            os.replace(path, aside)
        except OSError as error:
            self._keep_in_memory(
                f"Settings file {path} is damaged ({problem}) and cannot be moved aside "
                f"({error.strerror}); it is left untouched."
            )
            return
        self.notice = (
            f"Settings file {path} was damaged ({problem}); it was kept as {aside.name} "
            "and sacroref started from defaults."
        )

    def _keep_in_memory(self, why: str) -> None:
        self.persistent = False
        self.notice = (
            f"{why} Favorites and window state are kept while sacroref runs, "
            "but will not survive a restart."
        )

    def _get(self, key: str, default: T, convert: Callable[[Any], T]) -> T:
        if key not in KEYS:
            raise KeyError(f"undeclared settings key {key!r}")
        value = self._store.value(key)
        if value is None:
            return default
        try:
            return convert(value)
        except (TypeError, ValueError):
            self.notice = f"Settings file {self.path}: ignored a bad value for {key}."
            return default

    def get_bool(self, key: str, default: bool = False) -> bool:
        """Return a boolean setting."""

        def convert(value: Any) -> bool:
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1"):
                return True
            if str(value).lower() in ("false", "0"):
                return False
            raise ValueError(value)

        return self._get(key, default, convert)

    def get_int(self, key: str, default: int = 0, low: int = -100, high: int = 100) -> int:
        """Return a whole-number setting clamped to [low, high]."""
        return self._get(key, default, lambda v: max(low, min(high, int(v))))

    def get_str(self, key: str, default: str = "") -> str:
        """Return a text setting."""
        return self._get(key, default, lambda v: v if isinstance(v, str) else str(v))

    def get_list(self, key: str, limit: int = MAX_FAVORITES) -> list[str]:
        """Return a list of distinct strings, at most ``limit`` of them (the first ones)."""

        def convert(value: Any) -> list[str]:
            if isinstance(value, str):
                return [value] if value else []
            if isinstance(value, list):
                return list(dict.fromkeys(str(item) for item in value))
            raise TypeError(value)

        empty: list[str] = []
        items = self._get(key, empty, convert)
        if len(items) > limit:
            self.notice = f"Settings file {self.path}: kept the first {limit:,} of {key}."
            del items[limit:]
        return items

    def get_bytes(self, key: str) -> QByteArray | None:
        """Return saved bytes (window geometry, splitter state)."""

        def convert(value: Any) -> QByteArray:
            if isinstance(value, QByteArray):
                return value
            raise TypeError(value)

        return self._get(key, None, convert)

    def set(self, key: str, value: Any) -> None:
        """Remember a value (written on save)."""
        if key not in KEYS:
            raise KeyError(f"undeclared settings key {key!r}")
        self._store.setValue(key, value)

    def save(self) -> bool:
        """Write the settings file; return False, with a notice, when it was not written."""
        if not isinstance(self._store, QSettings):
            return self.path is None  # in memory by choice, or because the file is unusable
        self._store.sync()
        if self._store.status() != QSettings.Status.NoError:
            self.notice = f"Settings could not be saved to {self.path}; running on defaults."
            return False
        return True
