"""The bundled files' parsed cache stands in for their TOML only while every file is as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sacroref.core.content import parsed_cache, provenance, reader, snapshot
from sacroref.core.content.loader import BUNDLED_MANIFEST, bundled_parsed_cache, load_content
from sacroref.core.content.parsed_cache import PARSED_NAME, read_parsed_cache
from sacroref.core.content.problems import ContentError
from sacroref.core.content.provenance import read_manifest

ROOT = Path(__file__).resolve().parents[4]
RESOURCES = ROOT / "resources"
SKIP = frozenset({"cms"})


@pytest.fixture
def copy(tmp_path) -> Path:
    """The bundled hand-written files and their cache, without the CMS import."""
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCES, folder, ignore=shutil.ignore_patterns("cms"))
    return folder


def parsed(folder: Path) -> dict[str, tuple[str, object]]:
    """Return each file's document as parsing its TOML gives it."""
    found = {}
    for name, entry in reader.walk_folder(folder, "resources", SKIP):
        document, problems = reader.read_document(name, entry)
        assert problems == []
        assert document is not None
        found[name] = (document.kind, document.data)
    return found


def test_the_bundled_cache_is_what_regenerating_it_writes():
    written = (RESOURCES / PARSED_NAME).read_bytes()
    assert written == bundled_parsed_cache(RESOURCES), (
        "resources/parsed.bin is stale: run python3 scripts/regenerate_content.py --parsed"
    )


def test_the_cache_holds_every_file_as_parsing_it_gives_it(copy):
    documents = read_parsed_cache(copy, "resources", SKIP).documents
    assert documents is not None
    assert {doc.name: (doc.kind, doc.data) for doc in documents} == parsed(copy)


def test_the_window_parses_no_bundled_toml_while_the_cache_holds(monkeypatch):
    def no_toml(name, _data):
        raise AssertionError(f"parsed {name}")

    expected = load_content().catalog
    monkeypatch.setattr(reader, "parse_toml", no_toml)
    monkeypatch.setattr(provenance, "parse_toml", no_toml)  # the import's manifest neither
    catalog = load_content().catalog
    assert catalog.code_count() == expected.code_count()
    assert sorted(catalog.cpt_pages) == ["0200T", "0201T", "22848"]
    assert catalog.cpt_pages == expected.cpt_pages
    assert catalog.tour_steps == expected.tour_steps
    assert catalog.quiz_cases == expected.quiz_cases


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "cpt" / "0200T.toml").write_text(
            (folder / "cpt" / "0200T.toml").read_text().replace("Sacroplasty", "Changed", 1)
        ),
        lambda folder: (folder / "training" / "quiz.toml").unlink(),
        lambda folder: shutil.copy(folder / "cpt" / "0200T.toml", folder / "cpt" / "copy.toml"),
        lambda folder: (folder / PARSED_NAME).write_bytes(b"z not a cache"),
        lambda folder: (folder / PARSED_NAME).write_bytes(
            (folder / PARSED_NAME).read_bytes()[:-20]
        ),
        lambda folder: (folder / PARSED_NAME).unlink(),
    ],
    ids=["a file edited", "a file removed", "a file added", "garbage", "cut short", "missing"],
)
def test_a_cache_that_no_longer_matches_its_files_is_never_used(copy, change):
    change(copy)
    assert read_parsed_cache(copy, "resources", SKIP).documents is None


def test_a_cache_made_by_another_sacroref_is_never_used(copy, monkeypatch):
    monkeypatch.setattr(snapshot, "__version__", "0.0.0")
    assert read_parsed_cache(copy, "resources", SKIP) == parsed_cache.ParsedCache()


def test_content_with_a_problem_is_never_cached(copy):
    (copy / "cpt" / "0200T.toml").write_text('kind = "cpt-page"\n')
    with pytest.raises(ContentError, match=r"0200T\.toml"):
        parsed_cache.parsed_cache_bytes(copy, "resources", SKIP)


def test_a_manifest_is_taken_from_the_cache_only_for_the_very_bytes_it_was_made_from(tmp_path):
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCES, folder)
    cached = read_parsed_cache(folder, "resources", SKIP).parsed
    assert len(cached) == 1
    manifest = read_manifest(folder / "cms", "resources/cms", cached)
    assert manifest == read_manifest(folder / "cms", "resources/cms")
    # An edited manifest is parsed from its bytes: the cache cannot stand in for it.
    path = folder / BUNDLED_MANIFEST
    path.write_text(path.read_text().replace("edition = 2026", "edition = 2027"))
    assert read_manifest(folder / "cms", "resources/cms", cached).edition == 2027
