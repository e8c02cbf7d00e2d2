"""CMS's title files read as CMS lays them out: order file (fixed width) and codes file."""

from __future__ import annotations

import pytest

from sacroref.cms.importer import PcsImportError, run_import
from sacroref.cms.title_files import read_codes_file, read_order_file
from sacroref.cms.xml_files import CmsFileError
from sacroref.core.content.loader import load_content
from sacroref.core.document import to_text
from sacroref.core.pages.nodes import code_document
from tests.helpers.cms import order_line, write_cms
from tests.helpers.content import write_import

ORDER = [
    order_line(1, "0QP", "0", "Lower Bones, Removal", "Lower Bones, Removal"),
    order_line(
        2,
        "0QP104Z",
        "1",
        "Removal of Int Fix from Sacrum, Open Approach",
        "Removal of Internal Fixation Device from Sacrum, Open Approach",
    ),
    order_line(
        3,
        "0QP134Z",
        "1",
        "Removal of Int Fix from Sacrum, Perc Approach",
        "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach",
    ),
    order_line(4, "0ZZZZZZ", "1", "Not in the tables", "A code the tables do not have"),
]


def write(tmp_path, name, lines, ending="\r\n"):
    path = tmp_path / name
    path.write_bytes(ending.join(lines).encode("ascii") + ending.encode())
    return path


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
def test_the_order_file_gives_titles_and_headings(tmp_path, ending):
    found = read_order_file(write(tmp_path, "order.txt", ORDER, ending))
    assert found.headings == {"0QP": "Lower Bones, Removal"}
    assert found.titles["0QP134Z"] == (
        "Removal of Int Fix from Sacrum, Perc Approach",
        "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach",
    )


def test_a_line_of_the_wrong_width_names_its_line(tmp_path):
    bad = [*ORDER[:2], "00003 0QP134Z 1 Removal too short"]
    with pytest.raises(CmsFileError, match="line 3 is not in the order file's fixed-width layout"):
        read_order_file(write(tmp_path, "order.txt", bad))


def test_the_codes_file_gives_long_titles(tmp_path):
    path = write(tmp_path, "codes.txt", ["0QP104Z Removal of Internal Fixation Device from Sacrum"])
    assert read_codes_file(path).titles == {
        "0QP104Z": ("", "Removal of Internal Fixation Device from Sacrum")
    }
    with pytest.raises(CmsFileError, match="line 1"):
        read_codes_file(write(tmp_path, "bad.txt", ["0QP10 short"]))


def test_import_takes_every_title_from_the_files_and_marks_the_rest(tmp_path, capsys):
    cms = write_cms(tmp_path / "cms")
    order = write(tmp_path, "order.txt", ORDER)  # lacks 0QP1X4Z; has a code not in the tables
    codes = write(tmp_path, "codes.txt", [])  # empty: no long titles either
    with pytest.raises(PcsImportError, match="holds no code"):
        run_import(
            cms["tables"], cms["definitions"], None, ["0QP1"], tmp_path / "x", codes_file=codes
        )
    summary = run_import(
        cms["tables"], cms["definitions"], None, ["0QP1"], tmp_path / "out", order_file=order
    )
    assert summary.derived == 1  # 0QP1X4Z: in no title file
    result = load_content(
        [tmp_path / "out", write_import(tmp_path / "t", {})], include_bundled=False
    )
    assert result.problems == ()
    codes_ = result.catalog.pcs_codes
    assert codes_["0QP134Z"].short_title == "Removal of Int Fix from Sacrum, Perc Approach"
    assert not codes_["0QP134Z"].derived
    assert codes_["0QP1X4Z"].derived
    assert "0ZZZZZZ" not in codes_  # a title alone makes no code
    page = to_text(code_document(result.catalog, "0QP1X4Z"))
    assert "Title derived by sacroref from the axis labels, not CMS's" in page
    assert "derived" not in to_text(code_document(result.catalog, "0QP134Z"))
    assert result.catalog.tables[0].heading == "Lower Bones, Removal"
