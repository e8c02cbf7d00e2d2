"""CMS's tables addenda read as CMS writes them, and applied to a release's tables."""

from __future__ import annotations

import pytest

from sacroref.cli import main
from sacroref.cms.importer import PcsImportError, run_import
from sacroref.cms.tables_addenda import (
    apply_tables_addenda,
    ordinal_number,
    read_tables_addenda,
)
from sacroref.cms.title_files import read_order_file
from sacroref.cms.xml_files import CmsFileError, read_tables
from sacroref.core.content.loader import load_content
from sacroref.core.document import Document, to_text
from sacroref.core.edition import status_line
from sacroref.core.explain import explain
from sacroref.core.pages.common import edition_blocks
from sacroref.core.pages.nodes import changes_document
from tests.helpers.cms import order_line, write_cms
from tests.helpers.content import write_import

HEADER = """{mark}: table 0 Q {op}
  First character (Section) is value 0: Medical and Surgical
  Second character (Body System) is value Q: Lower Bones
  Third character (Operation) is value {op}: {operation}
"""
REMOVAL = HEADER.format(
    mark="No change", op="P", operation="Removal: Taking out or off a device from a body part"
)
KEPT_PANEL = """No change: First panel of table 0 Q P
  Fourth character (Body Part) has 2 choices.
    First choice is value 0: Lumbar Vertebra
    Second choice is value 1: Sacrum
  Fifth character (Approach) has 2 choices.
    First choice is value 0: Open
    Second choice is value 3: Percutaneous
  Sixth character (Device) is value 4: Internal Fixation Device
  Seventh character (Qualifier) is value Z: No Qualifier
"""
# The second panel (the external approach) is gone: the update deleted 0QP1X4Z.
NEW_PANEL = """FY2026: Third panel of table 0 Q P
  Fourth character (Body Part) is value 1: Sacrum
  Fifth character (Approach) is value 4: Percutaneous Endoscopic
  Sixth character (Device) is value 4: Internal Fixation Device
  Seventh character (Qualifier) is value Z: No Qualifier
"""
NEW_TABLE = HEADER.format(
    mark="FY2026", op="U", operation="Supplement: Putting in or on biological or synthetic material"
) + (
    """
FY2026: First panel of table 0 Q U
  Fourth character (Body Part) is value 1: Sacrum
  Fifth character (Approach) is value 3: Percutaneous
  Sixth character (Device) is value J: Synthetic Substitute
  Seventh character (Qualifier) is value Z: No Qualifier
"""
)
ADDENDA = "\n".join([REMOVAL, KEPT_PANEL, NEW_PANEL, NEW_TABLE])


def write_addenda(tmp_path, text=ADDENDA, name="tables_addenda.txt"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("ascii"))  # CMS's line ends
    return path


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("First", 1),
        ("Tenth", 10),
        ("Twelfth", 12),
        ("Twentieth", 20),
        ("Twenty-second", 22),
        ("Forty-third", 43),
        ("One hundredth", 100),
        ("One hundred Twentieth", 120),
        ("One hundred Eighty-seventh", 187),
        ("Firstish", None),
        ("Twenty", None),
        ("", None),
    ],
)
def test_panels_are_numbered_in_words(words, number):
    assert ordinal_number(words) == number


def test_the_addenda_gives_each_table_whole_as_the_update_leaves_it(tmp_path):
    addenda = read_tables_addenda(write_addenda(tmp_path))
    removal, supplement = addenda.tables
    assert removal.prefix == "0QP"
    assert removal.operation.label == "Removal"  # its definition is kept apart
    assert [row.code_count() for row in removal.rows] == [4, 1]
    assert supplement.prefix == "0QU"
    assert list(supplement.code_strings()) == ["0QU13JZ"]
    assert addenda.changed_panels == 2
    assert addenda.operation_definitions[("0", "Supplement")].startswith("Putting in or on")


def test_applying_it_replaces_listed_tables_and_adds_new_ones_in_order(tmp_path):
    cms = write_cms(tmp_path / "cms")
    release = read_tables(cms["tables"])
    updated = apply_tables_addenda(release, read_tables_addenda(write_addenda(tmp_path)))
    assert [table.prefix for table in updated.tables] == ["0QH", "0QP", "0QU"]
    codes = {code for table in updated.tables for code in table.code_strings()}
    before = {code for table in release.tables for code in table.code_strings()}
    assert codes - before == {"0QP144Z", "0QU13JZ"}
    assert before - codes == {"0QP1X4Z"}
    assert updated.tables[0] == release.tables[1]  # a table the addenda does not list is kept


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            (
                "has 2 choices.\n    First choice is value 0",
                "has 3 choices.\n    First choice is value 0",
            ),
            "line 10: expected choice 3 of 3",
        ),
        (("Third panel", "First panel"), "line 16: panel 'First' is out of order"),
        (
            ("Third panel of table 0 Q P", "Third panel of table 0 Q H"),
            "line 16: a panel of another table inside table 0QP",
        ),
        (
            (
                "value Q: Lower Bones\n  Third character (Operation) is value P",
                "value Q: Lower Bones\n  Third character (Operation) is value H",
            ),
            "line 1: table 0QP's characters say otherwise",
        ),
        (
            ("value 4: Percutaneous Endoscopic", "value o: Percutaneous Endoscopic"),
            "line 18: 'o' is not a character of the PCS alphabet",
        ),
        (("No change: table 0 Q P", "Changed: the table 0 Q P"), "line 1: expected a table"),
        (("No change: table 0 Q P", "Changed: table 0 Q P"), "line 1: 'Changed' is neither"),
        (
            ("  Fifth character (Approach) is value 4", "  Sixth character (Approach) is value 4"),
            "line 18: expected the fifth character",
        ),
    ],
)
def test_a_line_out_of_its_layout_is_named(tmp_path, change, message):
    old, new = change
    assert old in ADDENDA
    path = write_addenda(tmp_path, ADDENDA.replace(old, new, 1))
    with pytest.raises(CmsFileError, match=f"{path}: {message}"):
        read_tables_addenda(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "lists no table"),
        (REMOVAL, "table 0QP has no panel"),
        (
            REMOVAL + "\n" + KEPT_PANEL + "\n" + REMOVAL + "\n" + KEPT_PANEL,
            "table 0QP is listed twice",
        ),
        (REMOVAL + "\n" + KEPT_PANEL.split("  Sixth", maxsplit=1)[0], "ends inside a table"),
    ],
)
def test_an_addenda_that_is_not_whole_is_refused(tmp_path, text, message):
    with pytest.raises(CmsFileError, match=message):
        read_tables_addenda(write_addenda(tmp_path, text))


def test_an_addenda_of_another_year_is_not_applied(tmp_path):
    cms = write_cms(tmp_path / "cms", version="2025")
    path = write_addenda(tmp_path)
    with pytest.raises(CmsFileError, match="changes FY2026 tables; the tables given are FY2025"):
        apply_tables_addenda(read_tables(cms["tables"]), read_tables_addenda(path))


def test_import_with_addenda_holds_the_update_and_says_so(tmp_path):
    cms = write_cms(tmp_path / "cms")
    addenda = write_addenda(tmp_path)
    update = (addenda, "April 1, 2026 update")
    with pytest.raises(PcsImportError, match="give one of the two"):
        run_import(
            cms["tables"],
            cms["definitions"],
            None,
            ["*"],
            tmp_path / "x",
            update=update,
            applied=update,
        )
    summary = run_import(
        cms["tables"], cms["definitions"], None, ["0Q?1"], tmp_path / "out", applied=update
    )
    assert summary.applied == (2, 1)
    assert summary.codes == 4  # 0QP1: 2 kept + 1 added; 0QU1: 1 added; 0QH has no sacrum
    result = load_content(
        [tmp_path / "out", write_import(tmp_path / "t", {})], include_bundled=False
    )
    assert result.problems == ()
    catalog = result.catalog
    assert "0QU13JZ" in catalog.pcs_codes
    assert "0QP1X4Z" not in catalog.pcs_codes
    assert catalog.pcs_update is not None
    assert catalog.pcs_update.applied
    said = to_text(changes_document(catalog))
    assert "These tables hold it" in said
    assert "0QP1X4Z  title not provided" in said  # no title file was given
    edition = to_text(Document("Edition", tuple(edition_blocks(catalog))))
    assert "added 2 codes and deleted 1: these tables hold it, as the release for" in edition
    assert status_line(catalog, loaded=True).startswith(
        "ICD-10-PCS FY2026 (April 1, 2026 update) · CPT 2025 · "
    )
    assert catalog.sources["cms-pcs-tables"].title.endswith(
        "with the April 1, 2026 update's tables addenda applied"
    )
    assert explain(catalog, "0QP1X4Z").error == (
        "0QP1X4Z is not in these tables: CMS's April 1, 2026 update deleted it "
        "(title not provided: no CMS title file given to the import lists it)"
    )


def test_an_update_the_tables_lack_explains_the_codes_it_added(catalog):
    update = catalog.pcs_update
    if update is None or update.applied:
        pytest.skip("the bundled content records no update it lacks")
    code, title = update.added[0]
    found = explain(catalog, code)
    assert found.error is not None
    assert found.error.startswith(f"{code} is not in these tables, the release before CMS's")
    assert title in found.error


def test_the_april_addenda_give_the_april_release(reference):
    april = reference / "fy2026-april-update"
    release = read_tables(reference / "icd10pcs_tables_2026.xml")
    updated = apply_tables_addenda(release, read_tables_addenda(april / "tables_addenda_2026.txt"))
    codes = {code for table in updated.tables for code in table.code_strings()}
    assert len(updated.tables) == 917
    assert len(codes) == 79_193
    order = read_order_file(april / "icd10pcs_order_2026.txt")
    assert codes == set(order.titles)
    assert set(order.headings) == {table.prefix for table in updated.tables}


def test_the_command_reports_the_update_and_checks_it_against_the_order_file(tmp_path, capsys):
    cms = write_cms(tmp_path / "cms")
    titled = {"0QP104Z": "Open", "0QP134Z": "Perc", "0QP144Z": "Perc Endo", "0QU13JZ": "Supp"}
    order = tmp_path / "order.txt"
    order.write_text(
        "\r\n".join(
            order_line(number, code, "1", title, title)
            for number, (code, title) in enumerate(titled.items(), 1)
        )
    )
    given = ["import-pcs", "--tables", str(cms["tables"]), "--definitions"]
    given += [str(cms["definitions"]), "--order", str(order), "--select", "0Q?1"]
    given += ["--addenda", str(write_addenda(tmp_path)), "--out", str(tmp_path / "out")]
    assert main(given) == 0
    said = capsys.readouterr().out
    assert "sacroref: against order.txt: the same codes as the tables\n" in said
    assert "sacroref: April 1 update applied: 2 code(s) added, 1 deleted\n" in said
    # The release before the update, against the update's order file: the two differ.
    assert main([*given[:-4], "--out", str(tmp_path / "out2")]) == 0
    said = capsys.readouterr().out
    assert "sacroref: against order.txt: 2 code(s) only there, 1 only in the tables\n" in said
