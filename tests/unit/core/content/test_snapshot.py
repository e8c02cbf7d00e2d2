"""An import's snapshot is read instead of its TOML, and never when it is stale or damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sacroref.core.content import reader
from sacroref.core.content.loader import load_content
from sacroref.core.content.provenance import verify_import
from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME

ROOT = Path(__file__).resolve().parents[4]
BUNDLED_CMS = ROOT / "resources" / "cms"


def titles(result) -> dict[str, str]:
    return {code: pcs.long_title for code, pcs in result.catalog.pcs_codes.items()}


@pytest.fixture
def copy(tmp_path) -> Path:
    folder = tmp_path / "cms"
    shutil.copytree(BUNDLED_CMS, folder)
    return folder


def test_a_good_snapshot_is_read_instead_of_the_toml(copy, monkeypatch):
    assert verify_import(copy, "cms")[0].snapshot
    expected = titles(load_content([copy]))

    def no_toml(name, _data):
        raise AssertionError(f"parsed {name}")

    monkeypatch.setattr(reader, "parse_toml", no_toml)
    # Neither the import's tables nor the bundled hand-written files (their parsed cache) are
    # parsed; only the import's manifest is.
    assert titles(load_content([copy])) == expected


def test_tables_made_from_the_snapshot_are_the_tables_read_from_the_toml(copy):
    from_snapshot = load_content([copy]).catalog
    (copy / SNAPSHOT_NAME).unlink()
    from_toml = load_content([copy]).catalog
    assert len(from_snapshot.tables) == len(from_toml.tables) == 914
    assert from_snapshot.tables == from_toml.tables  # rows, headings, titles, file names
    assert from_snapshot.operations == from_toml.operations
    # The codes each table gives and their keys, kept in the snapshot, are the tables' own.
    assert len(from_snapshot.pcs_codes) == len(from_toml.pcs_codes) == 79_115
    assert from_snapshot.pcs_codes.table_keys() == from_toml.pcs_codes.table_keys()
    table = next(t for t in from_snapshot.tables if t.prefix == "0QS")
    long_title = "Reposition Sacrum with Internal Fixation Device, Percutaneous Approach"
    assert table.titles["0QS134Z"] == ("Reposition Sacrum with Int Fix, Perc Approach", long_title)


def test_a_code_is_found_in_a_snapshot_table_before_the_table_is_made():
    unmade = load_content().catalog.pcs_codes
    made = load_content().catalog.pcs_codes
    prefixes = ["0QP", "0QH", "0SG", "XNH", "3E0", "XW0", "02H"]
    codes = [
        code
        for prefix in prefixes
        for key in made.table_keys()
        if key[:3] == prefix
        for code in made.in_table_codes(key)
    ]
    mutated = [
        code[:position] + char + code[position + 1 :]
        for code in codes[::7]
        for position in range(3, 7)
        for char in "0Z3X"
    ]
    asked = codes + mutated
    answers = [unmade.has_code(code) for code in asked]
    assert not any(prefix in unmade._tables for prefix in prefixes)  # none made to answer
    assert answers == [made.has_code(code) for code in asked]  # as the made tables answer
    assert all(answers[: len(codes)])
    assert not all(answers)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-10]),  # damaged
        lambda path: path.write_bytes(b"not a snapshot"),
        lambda path: path.unlink(),
    ],
)
def test_a_damaged_or_missing_snapshot_is_never_used_and_the_toml_is_read(copy, damage):
    expected = titles(load_content([copy]))
    damage(copy / SNAPSHOT_NAME)
    manifest, problems = verify_import(copy, "cms")
    assert problems == []  # the folder stays official: its TOML still matches
    assert manifest is not None
    assert not manifest.snapshot
    result = load_content([copy])
    assert result.problems == ()
    assert titles(result) == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-10]),
        lambda path: path.unlink(),
    ],
    ids=["damaged", "missing"],
)
def test_damaged_or_missing_word_lists_are_never_used_and_the_index_is_built(copy, damage):
    from sacroref.core.search.engine import SearchEngine, usable_cache

    damage(copy / SEARCH_NAME)
    result = load_content([copy])
    assert result.problems == ()  # the folder stays official: the rest still matches
    catalog = result.catalog
    assert usable_cache(catalog, catalog.pcs_codes.table_keys()) is None
    assert "0QP134Z" in SearchEngine(catalog).search("0qp134z").ranked()


def test_a_snapshot_of_other_content_is_never_used(copy, tmp_path):
    # A snapshot that matches its manifest but was made from an edited table: the manifest
    # is the edited folder's, so the TOML and the manifest disagree and the folder is refused.
    table = copy / "tables" / "0QP.toml"
    table.write_text(table.read_text().replace("Percutaneous", "Changed"))
    manifest, problems = verify_import(copy, "cms")
    assert manifest is None
    assert "tables/0QP.toml was changed" in problems[0].message


def test_the_search_index_from_the_snapshot_finds_what_one_built_anew_finds(copy):
    from sacroref.core.search.engine import SearchEngine, usable_cache

    cached = load_content([copy]).catalog
    assert usable_cache(cached, cached.pcs_codes.table_keys()) is not None
    anew = load_content([copy]).catalog
    anew.search_cache = lambda: None
    from_snapshot, built = SearchEngine(cached), SearchEngine(anew)
    for query in ("0qp1", "k-wire", "removal perc", "sacroplasty", "ex-fix", "osteotomy", "zz"):
        assert from_snapshot.search(query).ranked() == built.search(query).ranked(), query


def test_word_lists_made_with_other_title_rules_are_never_used(copy):
    from sacroref.core.search.engine import usable_cache

    catalog = load_content([copy]).catalog
    catalog.title_rules = catalog.title_rules._replace(default_template="{operation} changed")
    assert usable_cache(catalog, catalog.pcs_codes.table_keys()) is None


def test_packed_titles_read_back_as_written_and_a_title_that_would_not_is_refused():
    from sacroref.core.content.snapshot_tables import PackedTitles, pack_titles

    titles = {"0QP134Z": ["Removal of Int Fix from Sacrum, Perc Approach", "Removal of …"]}
    packed = PackedTitles(pack_titles(titles))
    assert dict(packed) == {
        "0QP134Z": ("Removal of Int Fix from Sacrum, Perc Approach", "Removal of …")
    }
    assert not PackedTitles(b"")
    with pytest.raises(ValueError, match="0QP134Z holds a tab"):
        pack_titles({"0QP134Z": ["Removal\tof", "Removal"]})


def test_packed_index_terms_read_back_as_written():
    from sacroref.core.content.snapshot import pack_terms, unpack_terms
    from sacroref.core.model import IndexTerm

    terms = [{"path": ["Removal of device from", "Sacrum"], "target": "0QP1"}]
    assert unpack_terms(pack_terms(terms)) == [
        IndexTerm(("Removal of device from", "Sacrum"), "0QP1")
    ]
    assert unpack_terms(pack_terms([])) == []
    with pytest.raises(ValueError, match="0QP1 holds a tab"):
        pack_terms([{"path": ["Removal\tof"], "target": "0QP1"}])
