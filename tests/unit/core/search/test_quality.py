"""Search in a coder's words: phrases a coder types, what they must find, and must not.

Written from the coder's side: each phrase is what a coder types beside the encoder; the
forbidden codes are the wrong device, approach or root operation a loose match would bring.
"""

from __future__ import annotations

import pytest

from sacroref.core.catalog import is_sacral_table
from sacroref.core.search.engine import SearchEngine


@pytest.fixture(scope="module")
def engine(catalog):
    return SearchEngine(catalog)


def device(code: str) -> str:
    return code[5]


# phrase, codes that must be found, a rule every found code must keep (why)
CASES = [
    ("remove", {"0QP134Z", "0QP104Z"}, lambda c: c.startswith("0QP")),
    ("removing", {"0QP134Z"}, lambda c: c.startswith("0QP")),
    ("removal sacrum screw", {"0QP134Z"}, lambda c: c[2] == "P" and device(c) == "4"),
    ("take out", {"0QP134Z"}, lambda c: c[2] == "P" or len(c) == 5),
    ("sacral", {"0QP134Z", "0QH104Z", "0QU13JZ"}, lambda c: c[3] == "1" or len(c) == 5),
    ("screws", {"0QH134Z"}, lambda c: len(c) == 5 or device(c) == "4"),
    ("wires", {"0QH134Z"}, lambda c: device(c) == "4"),
    ("kwire", {"0QH134Z"}, lambda c: device(c) == "4"),
    ("k-wire", {"0QH134Z"}, lambda c: device(c) == "4"),
    ("ex-fix", {"0QH135Z", "0QP135Z"}, lambda c: device(c) == "5"),
    ("ex fix", {"0QH135Z"}, lambda c: device(c) == "5"),
    ("external fixator", {"0QH135Z"}, lambda c: device(c) == "5"),
    ("int fix", {"0QH134Z", "0QP134Z"}, lambda c: device(c) == "4"),
    # Section X's pelvic fixation devices are internal fixation devices too.
    ("internal fixation", {"0QS134Z"}, lambda c: device(c) == "4" or c.startswith("XNH")),
    ("ORIF", {"0QS104Z"}, lambda c: c == "0QS104Z"),
    ("reduction", {"0QS134Z"}, lambda c: c[2] == "S"),
    ("fracture reduction", {"0QS134Z"}, lambda c: c[2] == "S"),
    ("osteotomy", {"0Q810ZZ"}, lambda c: c[2] == "8"),
    ("iliosacral screw", {"0QH134Z"}, lambda c: c[3] == "1" and device(c) == "4"),
    ("hardware removal", {"0QP134Z", "0QP135Z"}, lambda c: c[2] == "P" and device(c) in "45"),
    ("biopsy sacrum", {"0QB13ZX"}, lambda c: len(c) == 5 or c[2] in "9B"),
    # "perc" also finds what CMS's key terms say ("Percutaneous nephrostomy catheter").
    ("perc", {"0QP134Z"}, lambda c: len(c) == 5 or c[4] in "34" or device(c) == "0"),
    ("sacroplasty", {"0200T", "0201T", "0QU13JZ"}, lambda c: c in {"0200T", "0201T", "0QU13JZ"}),
    ("cement", {"0QU13JZ"}, lambda c: len(c) == 5 or device(c) == "J"),
    (
        "pelvic fixation",
        {"22848", "0QH234Z", "XNH6058"},
        lambda c: c == "22848" or c[:4] in ("0QH2", "0QH3", "XNH6", "XNH7"),
    ),
]


def sacral_work(codes) -> set[str]:
    """The codes a sacral coder meets first: the sacral tables' and the CPT pages'."""
    return {code for code in codes or () if len(code) == 5 or is_sacral_table(code[:4])}


@pytest.mark.parametrize(("phrase", "must", "keeps"), CASES, ids=[c[0] for c in CASES])
def test_a_coder_phrase_finds_what_it_means_and_nothing_else(engine, phrase, must, keeps):
    result = engine.search(phrase)
    found = sacral_work(result.codes)
    assert must <= found, sorted(must - found)
    # Among the sacral tables nothing else; over the whole code set, what it means comes first.
    wrong = sorted(code for code in found if not keeps(code))
    assert wrong == []
    first = result.ranked(len(must))
    assert all(keeps(code) for code in first), first


@pytest.mark.parametrize("word", ["removal", "percutaneous", "internal", "sacrum", "kirschner"])
def test_typing_more_letters_of_a_word_never_finds_less(engine, word):
    previous = None
    for end in range(4, len(word) + 1):
        found = engine.search(word[:end]).codes or set()
        assert found, word[:end]
        if previous is not None and end > 4:
            assert found <= previous or previous <= found, word[:end]
        previous = found
    assert engine.search(word).codes


def test_forms_of_a_word_find_the_same_codes(engine):
    assert engine.search("remove").codes == engine.search("removal").codes
    assert engine.search("removing").codes == engine.search("removal").codes
    assert engine.search("screws").codes == engine.search("screw").codes
    assert engine.search("sacral").codes == engine.search("sacrum").codes


def test_short_tokens_never_match_unrelated_words(engine):
    assert not sacral_work(engine.search("ex").codes)  # not "external", not "excision"
    assert all(device(code) == "4" for code in sacral_work(engine.search("int").codes))


def test_results_are_ranked_whole_phrase_and_named_axis_first(engine):
    ranked = engine.search("percutaneous endoscopic").ranked()
    assert ranked[0][4] == "4"  # the approach the words name
    assert engine.search("ex-fix").ranked(1)[0][5] == "5"
    perc = engine.search("perc")
    first = perc.ranked(perc.tiers[0].bit_count())
    assert first
    assert all(code[4] == "3" for code in first)  # what the coder's word means comes first
    biopsy = engine.search("biopsy sacrum").ranked(3)
    assert all(code.endswith("X") for code in biopsy)  # the diagnostic qualifier first


def test_no_match_offers_codes_close_in_meaning(engine):
    found = engine.search("sacrum screw zzzqqq")
    assert not found.count
    assert found.suggestions
    assert all(device(code) == "4" for code in found.suggestions)
