"""The Linux build's trimmed ICU data keeps what Qt Core uses and drops the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from icu_data import keeps, read_items, trimmed_library, write_package  # noqa: E402

HEADER = bytes.fromhex("2000da27") + bytes(8) + b"CmnD" + bytes(16)  # a 32-byte header


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/uprops.icu", True),
        ("icudt73l/nfkc.nrm", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/en_US.res", True),
        ("icudt73l/coll/root.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/zone/en.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/zh_Hant_TW.res", False),
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
        ("icudt73l/unames.icu", False),
        ("icudt73l/coll/de.res", False),
        ("icudt73l/brkitr/root.res", False),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
    ],
)
def test_what_is_kept(item, kept):
    assert keeps(item) is kept


def test_a_package_reads_back_as_written():
    items = [("pkg/b.res", b"\x01" * 5), ("pkg/a.icu", b"\x02" * 40), ("pkg/c/d.res", b"")]
    package = write_package(HEADER, items)
    header, read = read_items(package)
    assert header == HEADER
    assert [name for name, _ in read] == ["pkg/a.icu", "pkg/b.res", "pkg/c/d.res"]  # sorted
    for (_, data), (_, original) in zip(read, sorted(items), strict=True):
        assert data == original + bytes(-len(original) % 16)  # padded to 16-byte boundaries
    assert len(package) % 16 == 0


def test_not_a_package_is_refused():
    with pytest.raises(ValueError, match="not an ICU common data package"):
        read_items(bytes(64))


LIBRARY = next(
    iter((Path(sys.prefix) / "lib").glob("python3*/site-packages/PySide6/Qt/lib/libicudata.so.*")),
    None,
)


@pytest.mark.skipif(
    LIBRARY is None or shutil.which("cc") is None or shutil.which("nm") is None,
    reason="needs Linux PySide6 wheels, a C compiler and nm",
)
def test_qt_works_with_the_trimmed_library(tmp_path):
    assert LIBRARY is not None
    trimmed = trimmed_library(LIBRARY, tmp_path)
    assert trimmed.name == LIBRARY.name
    assert trimmed.stat().st_size < LIBRARY.stat().st_size / 8
    script = (
        "from PySide6.QtCore import QCollator, QLocale, QTimeZone\n"
        "print(QCollator(QLocale('en_US')).compare('apple', 'Banana'))\n"
        "print(QLocale('en_US').toUpper('straße'))\n"
        "print(QTimeZone(b'Europe/Paris').displayName(QTimeZone.TimeType.StandardTime,"
        " QTimeZone.NameType.LongName, QLocale('en_US')))\n"
    )
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.split("\n")[:3] == ["-1", "STRASSE", "Central European Standard Time"]
