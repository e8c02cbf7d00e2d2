"""Search finds codes by prefix, words, Device Key terms and synonyms."""

from __future__ import annotations

import pytest

from sacroref.core.search.codespace import words
from sacroref.core.search.engine import SearchEngine
from sacroref.core.search.forms import STOP_WORDS


@pytest.fixture(scope="module")
def engine(sacral_catalog):
    """The engine over the sacral tables: these tests name every code a search must find."""
    return SearchEngine(sacral_catalog)


def test_the_whole_code_set_is_searched_with_the_sacral_tables_first(catalog):
    whole = SearchEngine(catalog)
    assert whole.search("0RP134Z").codes == {"0RP134Z"}  # a code far from the sacrum
    removal = whole.search("removal internal fixation")
    assert "0RP134Z" in removal.codes
    assert [code[:4] for code in removal.ranked(4)] == ["0QP1"] * 4  # the sacrum's four first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0qp1", 17),
        ("0QP1-3", 5),
        ("0QP1.34z", 1),
        ("0201", 1),
        ("22848", 1),
        ("0Q", 111),
    ],
)
def test_code_prefixes_with_or_without_punctuation(engine, query, expected):
    assert engine.search(query).count == expected


def test_words_in_titles_are_case_insensitive(engine):
    result = engine.search("REMOVAL percutaneous endoscopic")
    assert result.codes == set(engine.codes_with_prefix("0QP14"))


@pytest.mark.parametrize("query", ["k-wire", "pedicle screw", "Kirschner"])
def test_device_key_terms_find_internal_fixation_codes(engine, catalog, query):
    codes = engine.search(query).codes
    assert codes
    assert all(catalog.pcs_codes[c].device.label == "Internal Fixation Device" for c in codes)
    assert "0QP134Z" in codes


@pytest.mark.parametrize(
    ("query", "must_find"),
    [
        ("hardware removal", {"0QP104Z", "0QP1X5Z"}),
        ("sacroplasty", {"0200T", "0201T"}),
        ("cement", {"0200T", "0201T", "0QP13JZ"}),
        ("PMMA", {"0200T", "0201T", "0QU13JZ"}),
        ("ex-fix", {"0QP105Z", "0QH205Z"}),
        ("iliac screw", {"22848", "0QH234Z"}),
    ],
)
def test_synonyms_from_content(engine, query, must_find):
    assert must_find <= engine.search(query).codes


def test_synonym_combined_with_a_word_narrows(engine):
    # Hardware is a fixation device, internal or external: not bone graft or cement.
    assert engine.search("hardware removal perc").codes == {
        code
        for code in engine.codes_with_prefix("0QP13") | engine.codes_with_prefix("0QP14")
        if code[5] in "45"
    }


def test_section_text_of_cpt_pages(engine):
    assert engine.search("osteopor").codes == {"0200T", "0201T"}


def test_index_terms(engine):
    assert "0QP134Z" in engine.search("removal of device from sacrum").codes


def test_empty_query_means_no_filter(engine):
    assert engine.search("  ").codes is None


def test_no_match_suggests_closest_codes(engine):
    result = engine.search("0QP1Y")
    assert result.count == 0
    assert result.suggestions
    assert all(code.startswith("0QP1") for code in result.suggestions)


def test_every_word_of_every_title_finds_its_code(engine, sacral_catalog):
    catalog = sacral_catalog
    # The index is built from axis labels, not titles; this checks it misses no title word.
    for pcs in catalog.pcs_codes.values():
        for title in (pcs.long_title, pcs.short_title or ""):
            for word in set(words(title)) - STOP_WORDS:
                assert engine.search(word).matches(pcs.code), (word, pcs.code)


def test_a_word_finds_only_codes_whose_labels_or_key_terms_have_it(engine, sacral_catalog):
    catalog = sacral_catalog
    found = engine.search("endoscopic").codes
    assert found
    assert all(
        catalog.pcs_codes[code].approach.label == "Percutaneous Endoscopic" for code in found
    )
