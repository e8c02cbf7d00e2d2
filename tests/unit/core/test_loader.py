"""The loader reports every problem with file and key, and keeps everything valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from sacroref.core.content.loader import load_content, load_documents
from sacroref.core.content.problems import ContentError, Problem
from tests.helpers.content import BUNDLED_PCS_CODES, SOURCES, write_folder, write_import

ROOT = Path(__file__).resolve().parents[3]

TABLE = """
kind = "pcs-table"
source = "test-source"
table = "0QP"
[section]
code = "0"
label = "Medical and Surgical"
[body_system]
code = "Q"
label = "Lower Bones"
[operation]
code = "P"
label = "Removal"
[[rows]]
body_part = { "9" = "Test Bone" }
approach = { "0" = "Open" }
device = { "4" = "Internal Fixation Device" }
qualifier = { "Z" = "No Qualifier" }
"""

NOTE = """
kind = "notes"
source = "test-source"
[[notes]]
code = "{code}"
title = "Payer rule"
text = "Ask for the operative report."
"""


def load_extra(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[object, list[Problem]]:
    folder = write_folder(tmp_path / "local", {"sources.toml": SOURCES, **files})
    result = load_content([folder])
    return result.catalog, list(result.problems)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_bundled_content_loads_cleanly(catalog):
    assert len(catalog.pcs_codes) == BUNDLED_PCS_CODES
    assert sorted(catalog.cpt_pages) == ["0200T", "0201T", "22848"]


def test_toml_syntax_error_names_file_and_line(tmp_path):
    catalog, problems = load_extra(tmp_path, {"bad.toml": 'kind = "notes"\nsource = \n'})
    problem = only(problems)
    assert problem.file.endswith("bad.toml")
    assert problem.line == 2
    assert "TOML syntax error" in problem.message
    assert len(catalog.pcs_codes) == BUNDLED_PCS_CODES  # the valid bundled content is intact


def test_wrong_type_names_the_key(tmp_path):
    _, problems = load_extra(
        tmp_path,
        {"n.toml": NOTE.format(code="0QP134Z").replace('title = "Payer rule"', "title = 42")},
    )
    problem = only(problems)
    assert problem.key == "notes[0].title"
    assert "expected a string, found a whole number" in problem.message


def test_missing_required_key(tmp_path):
    _, problems = load_extra(tmp_path, {"t.toml": TABLE.replace('table = "0QP"\n', "")})
    assert only(problems).key == "table"
    assert only(problems).message == "required key is missing"


def test_unknown_key_is_reported_as_a_typo(tmp_path):
    _, problems = load_extra(
        tmp_path, {"t.toml": TABLE.replace("[[rows]]", "[[rows]]\napproch = 1")}
    )
    problem = only(problems)
    assert problem.key == "rows[0].approch"
    assert "unknown key (a typo?)" in problem.message


def test_valid_entries_of_a_file_survive_a_broken_sibling(tmp_path):
    notes = NOTE.format(code="0QP134Z") + '[[notes]]\ncode = "0QP135Z"\ntitle = 3\ntext = "x"\n'
    catalog, problems = load_extra(tmp_path, {"n.toml": notes})
    assert only(problems).key == "notes[1].title"
    assert [n.title for n in catalog.notes["0QP134Z"]] == ["Payer rule"]


def test_duplicate_codes_across_files(tmp_path):
    first = write_import(tmp_path / "a", {"tables/t.toml": TABLE})
    second = write_import(tmp_path / "b", {"tables/t.toml": TABLE}, titles=False)
    result = load_content([first, second], include_bundled=False)
    problem = only(list(result.problems))
    assert f"duplicate code 0QP904Z: already defined in {first}/tables/t.toml" in str(problem)
    assert result.catalog.pcs_codes["0QP904Z"].table.file == f"{first}/tables/t.toml"


def test_a_code_twice_in_one_table_is_reported_and_kept_once(tmp_path):
    repeated_row = TABLE[TABLE.index("[[rows]]") :]
    folder = write_import(tmp_path / "imported", {"tables/t.toml": TABLE + repeated_row})
    result = load_content([folder], include_bundled=False)
    assert "duplicate code 0QP904Z: already defined in" in str(only(list(result.problems)))
    assert result.catalog.lookup("0QP904Z") is not None
    assert result.catalog.code_count() == 1


def test_duplicate_cpt_page(tmp_path):
    page = (Path(__file__).resolve().parents[3] / "resources/cpt/22848.toml").read_text()
    _, problems = load_extra(tmp_path, {"dup.toml": page})
    assert "duplicate code 22848" in only(problems).message


@pytest.mark.parametrize("code", ["0QP13", "0QP1O4Z", "0qp1-34", "ABCDEFGH"])
def test_badly_formed_code(tmp_path, code):
    _, problems = load_extra(tmp_path, {"n.toml": NOTE.format(code=code)})
    assert "neither a 7-character ICD-10-PCS code" in only(problems).message


@pytest.mark.parametrize("axis_key", ["I", "O", "10", "a"])
def test_axis_value_outside_the_pcs_alphabet(tmp_path, axis_key):
    bad = TABLE.replace('{ "0" = "Open" }', f'{{ "{axis_key}" = "Open" }}')
    _, problems = load_extra(tmp_path, {"t.toml": bad})
    problem = only(problems)
    assert problem.key == f"rows[0].approach.{axis_key}"
    assert "PCS alphabet" in problem.message


def test_code_that_disagrees_with_its_axis_values(tmp_path):
    _, problems = load_extra(tmp_path, {"t.toml": TABLE.replace('table = "0QP"', 'table = "0QH"')})
    problem = only(problems)
    assert problem.key == "table"
    assert "disagrees with its axis values" in problem.message


def test_reference_to_a_code_that_does_not_exist(tmp_path):
    _, problems = load_extra(tmp_path, {"n.toml": NOTE.format(code="0QP1X7Z")})
    problem = only(problems)
    assert problem.key == "notes[0].code"
    assert "does not exist" in problem.message


def test_reference_to_an_unknown_source(tmp_path):
    note = NOTE.format(code="0QP134Z").replace('source = "test-source"', 'source = "nowhere"')
    _, problems = load_extra(tmp_path, {"n.toml": note})
    assert "unknown source 'nowhere'" in only(problems).message


def test_empty_file(tmp_path):
    _, problems = load_extra(tmp_path, {"empty.toml": "  \n"})
    assert only(problems).message == "file is empty"


def test_non_utf8_file(tmp_path):
    _, problems = load_extra(
        tmp_path, {"latin1.toml": 'kind = "notes" # caf\xe9'.encode("latin-1")}
    )
    assert only(problems).message.startswith("not UTF-8 text: byte 0xe9")


def test_unknown_kind(tmp_path):
    _, problems = load_extra(tmp_path, {"x.toml": 'kind = "recipes"\n'})
    assert only(problems).key == "kind"


def test_every_problem_is_collected(tmp_path):
    catalog, problems = load_extra(
        tmp_path,
        {
            "a.toml": "",
            "b.toml": 'kind = "recipes"',
            "c.toml": NOTE.format(code="0QP134Z"),
        },
    )
    assert len(problems) == 2
    assert "0QP134Z" in catalog.notes


def test_an_imported_table_adds_codes_titled_by_the_rules(tmp_path):
    folder = write_import(tmp_path / "imported", {"tables/t.toml": TABLE})
    result = load_content([folder], include_bundled=False)
    assert result.problems == ()
    assert result.catalog.pcs_codes["0QP904Z"].long_title == (
        "Removal of Internal Fixation Device from Test Bone, Open Approach"
    )


def test_missing_content_folder_is_a_problem(tmp_path):
    result = load_content([tmp_path / "nope"])
    assert "content folder does not exist" in str(result.problems[0])
    assert len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES


def test_load_documents_raises_its_own_error():
    with pytest.raises(ContentError) as raised:
        load_documents([("x.toml", b"kind = 3")])
    assert (
        str(raised.value)
        == "x.toml: kind: must be one of cpt-page, decisions, notes, pcs-changes, "
        "pcs-definitions, pcs-index, pcs-table, pcs-titles, pcs-update, quiz, sources, synonyms, "
        "tour; found 3"
    )


def test_problem_reads_as_one_line():
    assert str(Problem("a.toml", "rows[0]", "bad", 4)) == "a.toml:4: rows[0]: bad"
    assert str(Problem("a.toml", "", "file is empty")) == "a.toml: file is empty"


def test_staged_content_is_parsed_after_the_first_paint_and_loads_the_same(tmp_path):
    whole = load_content()
    staged = load_content(staged=True)
    assert staged.pending is not None
    assert staged.catalog.code_count() == 0  # nothing is read before the first paint
    assert staged.catalog.lookup("0QP134Z") is None  # asked early: not remembered as absent
    steps = 0
    while not staged.pending.step():
        steps += 1
    assert steps >= 1  # in slices, so the window stays responsive
    assert staged.catalog.code_count() == whole.catalog.code_count()
    assert staged.catalog.lookup("0QP134Z") is not None
    assert list(staged.catalog.code_strings()) == list(whole.catalog.code_strings())
    assert len(staged.catalog.index_terms) == len(whole.catalog.index_terms)
    for name in (
        "cpt_pages",
        "sources",
        "synonyms",
        "tour_steps",
        "quiz_cases",
        "title_rules",
        "edition_changes",
        "notes",
    ):
        assert getattr(staged.catalog, name) == getattr(whole.catalog, name), name
    assert staged.pending.problems == []
    assert staged.problems == whole.problems == ()


def test_a_staged_load_finds_the_same_problems_as_a_whole_one(tmp_path):
    folder = write_folder(
        tmp_path / "local",
        {
            "sources.toml": SOURCES,
            "0QX.toml": 'kind = "pcs-table"\nsource = "test-source"\ntable = "0QX"\n',
            "broken.toml": "kind = [broken",
            "again.toml": SOURCES,  # the same source a second time
            "cpt/0200T.toml": (ROOT / "resources" / "cpt" / "0200T.toml").read_bytes(),
        },
    )
    whole = load_content([folder])
    staged = load_content([folder], staged=True)
    assert staged.pending is not None
    staged.pending.finish()
    found = sorted(map(str, staged.problems + tuple(staged.pending.problems)))
    assert found == sorted(map(str, whole.problems))
    assert any("0QX.toml" in problem for problem in found)
    assert any("0200T" in problem and "defined" in problem for problem in found)
    assert staged.catalog.lookup("0QP134Z") is not None  # the valid content is all there
    assert staged.catalog.cpt_pages["0200T"].file == whole.catalog.cpt_pages["0200T"].file


def test_an_imported_folder_is_read_after_the_first_paint(tmp_path):
    folder = write_import(
        tmp_path / "whole", {"tables/t.toml": TABLE, "tables/0QS.toml": "kind = [broken"}
    )
    staged = load_content([folder], include_bundled=False, staged=True)
    assert staged.problems == ()  # nothing of the import was opened yet
    assert staged.pending is not None
    staged.pending.finish()
    assert [problem.file for problem in staged.pending.problems] == [f"{folder}/tables/0QS.toml"]
    assert staged.catalog.lookup("0QP904Z") is not None


def test_every_kind_of_problem_in_one_file_is_listed(tmp_path):
    page = (
        'kind = "cpt-page"\ncode = "ABCDE"\ngroup = 3\nname = "Page"\n'
        'add_on = { value = false, source = "test-source" }\n'
        '[sections.summary]\nsource = "test-source"\n'
    )
    _, problems = load_extra(tmp_path, {"page.toml": page})
    keys = sorted(problem.key for problem in problems)
    assert keys == ["code", "group", "sections.summary"]  # schema and meaning alike
