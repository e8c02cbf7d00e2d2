"""`diff-editions` reports added, deleted and retitled codes, as text and TSV."""

from __future__ import annotations

from sacroref.cli import main
from sacroref.cms.editions import diff_editions, diff_text, diff_tsv
from sacroref.cms.importer import run_import
from tests.helpers.cms import write_cms


def test_small_editions(tmp_path, catalog):
    old = write_cms(tmp_path / "old", version="2025", external=False)["tables"]
    new = write_cms(tmp_path / "new", version="2026", external=True)["tables"]
    diff = diff_editions(old, new, [], catalog.title_rules)
    assert [code for code, _ in diff.added] == ["0QP1X4Z"]
    assert diff.deleted == ()
    assert diff.kept + len(diff.added) == diff.new_count == 7
    assert "1 added, 0 deleted, 0 retitled, 6 kept" in diff_text(diff)
    assert diff_tsv(diff).splitlines()[1] == (
        "added\t0QP1X4Z\t\tRemoval of Internal Fixation Device from Sacrum, External Approach"
    )


def test_command_line_tsv(tmp_path, capsys):
    old = write_cms(tmp_path / "old", version="2025", external=False)["tables"]
    new = write_cms(tmp_path / "new", version="2026", external=True)["tables"]
    assert main(["diff-editions", str(new), str(old), "--tsv", "--select", "0QP1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("deleted\t0QP1X4Z\t")


def test_real_fy2025_to_fy2026(reference, catalog):
    diff = diff_editions(
        reference / "icd10pcs_tables_2025.xml",
        reference / "icd10pcs_tables_2026.xml",
        [],
        catalog.title_rules,
    )
    assert diff.new_count == 79115
    assert diff.added
    assert diff.deleted
    assert diff.kept + len(diff.added) == diff.new_count
    assert diff.kept + len(diff.deleted) == diff.old_count
    sacral = diff_editions(
        reference / "icd10pcs_tables_2025.xml",
        reference / "icd10pcs_tables_2026.xml",
        ["0Q?1", "0QH2", "0QH3"],
        catalog.title_rules,
    )
    assert (sacral.added, sacral.deleted, sacral.new_count) == ((), (), 111)


def test_whole_code_set_imports(reference, tmp_path):
    summary = run_import(
        reference / "icd10pcs_tables_2026.xml",
        reference / "icd10pcs_definitions_2026.xml",
        None,
        ["*"],
        tmp_path / "all",
    )
    assert summary.codes == 79115
    assert (tmp_path / "all" / "tables" / "0QP.toml").read_text().count("[[rows]]") > 2


def test_import_records_new_codes_and_the_app_shows_them(tmp_path, catalog):
    from sacroref.core.content.loader import load_content
    from sacroref.core.document import to_text
    from sacroref.core.pages.nodes import changes_document, code_document
    from tests.unit.cms.test_importer import titles_folder

    old = write_cms(tmp_path / "old", version="2025", external=False)
    new = write_cms(tmp_path / "new", version="2026", external=True)
    run_import(
        new["tables"],
        new["definitions"],
        None,
        ["0QP1"],
        tmp_path / "out",
        previous_file=old["tables"],
    )
    text = (tmp_path / "out" / "changes.toml").read_text()
    assert 'added = ["0QP1X4Z"]' in text
    loaded = load_content([tmp_path / "out", titles_folder(tmp_path)], include_bundled=False)
    assert loaded.problems == ()
    assert "[new in FY2026] Not in the FY2025 tables." in to_text(
        code_document(loaded.catalog, "0QP1X4Z")
    )
    assert "new in FY" not in to_text(code_document(loaded.catalog, "0QP104Z"))
    summary = to_text(changes_document(loaded.catalog))
    assert "What changed: FY2025 to FY2026" in summary
    assert "0QP1X4Z" in summary


def test_bundled_edition_summary(catalog):
    from sacroref.core.document import to_text
    from sacroref.core.pages.nodes import changes_document

    summary = to_text(changes_document(catalog))
    assert "FY2025 to FY2026" in summary
    assert "206 code(s) were added and 39 deleted" in summary  # the whole code set


def test_whole_code_set_loads_in_place_of_the_bundled_import(reference, tmp_path):
    from sacroref.core.content.loader import load_content

    run_import(
        reference / "icd10pcs_tables_2026.xml",
        reference / "icd10pcs_definitions_2026.xml",
        reference / "icd10pcs_index_2025.xml",
        ["*"],
        tmp_path / "all",
    )
    result = load_content([tmp_path / "all"])
    assert result.problems == ()
    assert len(result.catalog.pcs_codes) == 79115
    assert sorted(result.catalog.cpt_pages) == ["0200T", "0201T", "22848"]
    sample = result.catalog.pcs_codes
    assert sample["0QP134Z"].long_title == (
        "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
    )
    assert sample["0QH234Z"].short_title == "Insertion of Int Fix into R Pelvic Bone, Perc Approach"
