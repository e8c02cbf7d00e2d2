"""A packed import (the standalone build's) holds only its snapshot and is read from it alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from sacroref.cms.pack import pack_import
from sacroref.core.content.loader import load_content
from sacroref.core.content.provenance import verify_import
from sacroref.core.content.snapshot import SNAPSHOT_NAME
from sacroref.core.search.engine import SearchEngine
from sacroref.resources import content_root
from tests.helpers.content import BUNDLED_PCS_CODES


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "cms"
    pack_import(Path(str(content_root() / "cms")), out)
    return out


def test_a_packed_import_holds_no_toml_and_loads_every_code(packed):
    assert sorted(path.name for path in packed.iterdir()) == [
        "import-manifest.toml",
        "search.bin",
        "snapshot.bin",
    ]
    manifest, problems = verify_import(packed, "packed")
    assert problems == []
    assert manifest is not None
    assert manifest.packed
    assert manifest.snapshot
    result = load_content([packed])
    assert result.problems == ()
    assert len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES
    assert "0QP134Z" in SearchEngine(result.catalog).search("removal sacrum screw").codes


def test_a_packed_import_whose_snapshot_cannot_be_read_is_refused(packed, tmp_path):
    import shutil

    copy = tmp_path / "cms"
    shutil.copytree(packed, copy)
    (copy / SNAPSHOT_NAME).write_bytes(b"not a snapshot")
    manifest, problems = verify_import(copy, "copy")
    assert manifest is None
    assert "snapshot, which holds its tables, cannot be read" in problems[0].message
    result = load_content([copy])
    assert any("cannot be read" in problem.message for problem in result.problems)
    assert len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES  # the bundled import stays


def test_a_packed_import_with_a_file_it_does_not_list_is_refused(packed, tmp_path):
    import shutil

    copy = tmp_path / "cms"
    shutil.copytree(packed, copy)
    (copy / "tables").mkdir()
    (copy / "tables" / "0QP.toml").write_text('kind = "pcs-table"', encoding="utf-8")
    manifest, problems = verify_import(copy, "copy")
    assert manifest is None
    assert "tables/0QP.toml was changed" in problems[0].message
