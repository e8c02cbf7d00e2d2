"""The bundled files' parsed cache stands in for their TOML only while every file is as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sacroref.core.content import parsed_cache, reader, snapshot
from sacroref.core.content.loader import load_content
from sacroref.core.content.parsed_cache import PARSED_NAME, cached_documents, parsed_cache_bytes
from sacroref.core.content.problems import ContentError

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
    assert written == parsed_cache_bytes(RESOURCES, "resources", SKIP), (
        "resources/parsed.bin is stale: run python3 scripts/regenerate_content.py --parsed"
    )


def test_the_cache_holds_every_file_as_parsing_it_gives_it(copy):
    documents = cached_documents(copy, "resources", SKIP)
    assert documents is not None
    assert {doc.name: (doc.kind, doc.data) for doc in documents} == parsed(copy)


def test_the_window_parses_no_bundled_toml_while_the_cache_holds(monkeypatch):
    def no_toml(name, _data):
        raise AssertionError(f"parsed {name}")

    expected = load_content().catalog
    monkeypatch.setattr(reader, "parse_toml", no_toml)
    catalog = load_content().catalog
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
    assert cached_documents(copy, "resources", SKIP) is None


def test_a_cache_made_by_another_sacroref_is_never_used(copy, monkeypatch):
    monkeypatch.setattr(snapshot, "__version__", "0.0.0")
    assert cached_documents(copy, "resources", SKIP) is None


def test_content_with_a_problem_is_never_cached(copy):
    (copy / "cpt" / "0200T.toml").write_text('kind = "cpt-page"\n')
    with pytest.raises(ContentError, match=r"0200T\.toml"):
        parsed_cache.parsed_cache_bytes(copy, "resources", SKIP)
