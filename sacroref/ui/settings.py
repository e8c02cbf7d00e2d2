"""Remembered state, kept with QSettings in one INI file (Qt writes it atomically via QSaveFile)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from sacroref.resources import executable_dir

T = TypeVar("T")
PORTABLE_MARKERS = ("sacroref.ini", "portable")


def default_settings_path() -> Path:
    """Return where settings live: beside a portable executable, else the user's config folder."""
    exe = executable_dir()
    if exe is not None and any((exe / marker).exists() for marker in PORTABLE_MARKERS):
        return exe / "sacroref.ini"
    override = os.environ.get("SACROREF_SETTINGS")
    if override:
        return Path(override)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder or Path.home()) / "sacroref" / "sacroref.ini"


class Settings:
    """Typed access to the settings file; bad values fall back to defaults, with a notice."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.notice: str | None = None
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qsettings.status() == QSettings.Status.FormatError:
            self.notice = f"Settings file {path} is damaged; using defaults."
            self._qsettings.clear()

    def _get(self, key: str, default: T, convert: Callable[[Any], T]) -> T:
        value = self._qsettings.value(key)
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

    def get_list(self, key: str) -> list[str]:
        """Return a list of strings."""

        def convert(value: Any) -> list[str]:
            if isinstance(value, str):
                return [value] if value else []
            if isinstance(value, list):
                return [str(item) for item in value]
            raise TypeError(value)

        return self._get(key, [], convert)

    def get_bytes(self, key: str) -> QByteArray | None:
        """Return saved bytes (window geometry, splitter state)."""

        def convert(value: Any) -> QByteArray:
            if isinstance(value, QByteArray):
                return value
            raise TypeError(value)

        return self._get(key, None, convert)

    def set(self, key: str, value: Any) -> None:
        """Remember a value (written on save)."""
        self._qsettings.setValue(key, value)

    def save(self) -> bool:
        """Write the settings file; on failure keep running and set a notice."""
        self._qsettings.sync()
        if self._qsettings.status() != QSettings.Status.NoError:
            self.notice = f"Settings could not be saved to {self.path}; running on defaults."
            return False
        return True
