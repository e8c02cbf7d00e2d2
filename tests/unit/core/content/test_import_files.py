"""An import folder's large files read ahead: the same bytes and digest, once, or read anew."""

from __future__ import annotations

import shutil
import sys

import pytest

from sacroref.cms.importer import run_import
from sacroref.core.content.import_files import ReadAhead, read_hashed
from sacroref.core.content.loader import load_content
from sacroref.core.content.provenance import blake2b, sha256, verify_import
from sacroref.core.content.snapshot import (
    SEARCH_NAME,
    SNAPSHOT_NAME,
    inflated_snapshot,
    unpack_search,
)
from sacroref.core.search.codespace import (
    InflatedPcsState,
    inflate_pcs_state,
    prepared_search_lists,
)
from tests.helpers.cms import write_cms
from tests.helpers.content import write_import

PREPARE = {SNAPSHOT_NAME: inflated_snapshot, SEARCH_NAME: prepared_search_lists}


@pytest.fixture
def small_import(tmp_path):
    """A small import folder with its snapshot and word lists, as import-pcs writes them."""
    cms = write_cms(tmp_path / "cms")
    out = tmp_path / "import"
    run_import(cms["tables"], cms["definitions"], cms["index"], ["0Q?1"], out)
    return out


def test_a_file_read_ahead_is_as_read_now_and_given_once(small_import):
    switch = sys.getswitchinterval()
    ahead = ReadAhead(small_import, PREPARE, blake2b)
    data = (small_import / SNAPSHOT_NAME).read_bytes()
    found = ahead.take(SNAPSHOT_NAME)
    assert found is not None
    assert found.data == data
    assert found.digest == blake2b(data)
    assert found.prepared == inflated_snapshot(data)
    assert ahead.take(SNAPSHOT_NAME) is None  # its bytes are not kept twice
    search = ahead.take(SEARCH_NAME)
    assert search is not None
    lists = search.prepared
    assert isinstance(lists["space"], InflatedPcsState)  # inflated in the thread
    assert lists["space"] == inflate_pcs_state(unpack_search(search.data)["space"])
    assert sys.getswitchinterval() == switch  # shortened only while it reads


def test_it_is_used_only_for_its_folder_and_its_digest(small_import, tmp_path):
    copy = shutil.copytree(small_import, tmp_path / "copy")
    ahead = ReadAhead(small_import, PREPARE, blake2b)
    other = read_hashed(copy / SNAPSHOT_NAME, SNAPSHOT_NAME, blake2b, ahead)
    assert other is not None
    assert other.prepared is None  # read now: not the folder read ahead
    by_sha = read_hashed(small_import / SNAPSHOT_NAME, SNAPSHOT_NAME, sha256, ahead)
    assert by_sha is not None
    assert by_sha.digest == sha256(by_sha.data)  # a format 2 manifest's digest
    mine = read_hashed(small_import / SNAPSHOT_NAME, SNAPSHOT_NAME, blake2b, ahead)
    assert mine is not None
    assert mine.prepared is not None  # the read-ahead's


def test_a_file_it_could_not_read_is_read_again_and_not_used(small_import, tmp_path):
    copy = shutil.copytree(small_import, tmp_path / "copy")
    (copy / SNAPSHOT_NAME).unlink()
    (copy / SNAPSHOT_NAME).symlink_to(small_import / SNAPSHOT_NAME)  # never read through
    ahead = ReadAhead(copy, PREPARE, blake2b)
    manifest, problems = verify_import(copy, "copy", ahead=ahead)
    assert problems == []
    assert manifest is not None
    assert manifest.snapshot is None  # its TOML is read instead, hashed file by file
    assert read_hashed(copy / "missing.bin", "missing.bin", blake2b, ahead) is None


def test_a_damaged_snapshot_read_ahead_is_not_used(small_import, tmp_path):
    copy = shutil.copytree(small_import, tmp_path / "copy")
    data = bytearray((copy / SNAPSHOT_NAME).read_bytes())
    data[10] ^= 0xFF  # inside the compressed part: neither its digest nor inflating holds
    (copy / SNAPSHOT_NAME).write_bytes(bytes(data))
    manifest, problems = verify_import(copy, "copy", ahead=ReadAhead(copy, PREPARE, blake2b))
    assert problems == []
    assert manifest is not None
    assert manifest.snapshot is None
    result = load_content([copy, write_import(tmp_path / "t", {})], include_bundled=False)
    assert result.problems == ()
    assert len(result.catalog.pcs_codes) == 3  # from the import's TOML
