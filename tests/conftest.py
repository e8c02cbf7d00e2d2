"""Shared fixtures: loaded content, the CMS reference folder, and a real window."""

from __future__ import annotations

import os

# Headless Qt for every test, set before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")  # as sacroref.ui.startup.configure_qt does
os.environ.pop("SACROREF_SETTINGS", None)

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from sacroref.core.catalog import Catalog
from sacroref.core.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled content, loaded once; it must load without problems."""
    result = load_content()
    assert result.problems == ()
    return result.catalog


@pytest.fixture(scope="session")
def sacral_import(tmp_path_factory) -> Path:
    """An import of the sacral tables alone, for tests that walk every row or page."""
    from tests.helpers.content import write_sacral_import

    return write_sacral_import(tmp_path_factory.mktemp("sacral") / "cms")


@pytest.fixture(scope="session")
def sacral_catalog(sacral_import) -> Catalog:
    """The bundled content with only the sacral tables of ICD-10-PCS; loads without problems."""
    result = load_content([sacral_import])
    assert result.problems == ()
    return result.catalog


@pytest.fixture(scope="session")
def reference() -> Path:
    """The CMS reference folder beside the project; skips when it is absent."""
    if not (REFERENCE / "icd10pcs_tables_2026.xml").exists():
        pytest.skip(f"CMS reference files not present at {REFERENCE}")
    return REFERENCE


@pytest.fixture
def make_window(qtbot, tmp_path) -> Iterator[Callable[..., object]]:
    """Build the real main window with settings in a temporary file."""
    from sacroref.ui.settings import Settings
    from sacroref.ui.startup import create_window

    def make(
        extra: Sequence[Path] = (),
        settings_path: Path | None = None,
        *,
        staged: bool = False,
        show: bool = True,
    ) -> object:
        # staged: as the app starts, with the content parsed after the first paint
        settings = Settings(settings_path or tmp_path / "settings.ini")
        window = create_window(list(extra), settings, staged=staged)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    from PySide6.QtWidgets import QApplication

    font = QApplication.font()
    yield make
    if QApplication.font() != font:  # presenter view grows the application's font
        QApplication.setFont(font)


@pytest.fixture
def window(make_window, qtbot):
    """The real main window, shown and active, so that its shortcuts work."""
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
