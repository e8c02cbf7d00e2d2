"""`import-pcs` turns CMS XML into TOML rows, idempotently and atomically."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sacroref.cms.importer import PcsImportError, run_import, selection_matches
from sacroref.core.content.loader import load_content
from tests.helpers.cms import write_cms
from tests.helpers.content import as_ordinary_user, write_import

ROOT = Path(__file__).resolve().parents[3]


def titles_folder(tmp_path: Path) -> Path:
    """An import-style folder holding the bundled title rules alone."""
    return write_import(tmp_path / "titles", {})


def import_to(tmp_path, select, out_name="out", **kwargs):
    cms = write_cms(tmp_path / "cms", **kwargs)
    out = tmp_path / out_name
    summary = run_import(cms["tables"], cms["definitions"], cms["index"], select, out)
    return summary, out


@pytest.mark.parametrize(
    ("pattern", "key", "expected"),
    [
        ("0QP", "0QP1", True),
        ("0QP1", "0QP1", True),
        ("0QP1", "0QP0", False),
        ("0Q?1", "0QH1", True),
        ("0q?1", "0QH2", False),
        ("*", "XW03", True),
    ],
)
def test_selection_patterns(pattern, key, expected):
    assert selection_matches([pattern], key[:3], key[3]) is expected


def test_import_writes_rows_and_loads(tmp_path):
    summary, out = import_to(tmp_path, ["0QP1"])
    assert (summary.tables, summary.codes, summary.index_terms) == (1, 3, 1)
    text = (out / "tables/0QP.toml").read_text()
    assert 'body_part = { "1" = "Sacrum" }' in text
    assert "0QP104Z" not in text  # rows, not expanded codes
    result = load_content([out, titles_folder(tmp_path)], include_bundled=False)
    assert result.problems == ()
    assert sorted(result.catalog.pcs_codes) == ["0QP104Z", "0QP134Z", "0QP1X4Z"]
    assert result.catalog.pcs_codes["0QP134Z"].long_title == (
        "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
    )
    device = result.catalog.devices[("0", "Internal Fixation Device", "Lower Bones")]
    assert device.includes == ("Kirschner wire (K-wire)",)
    assert [t.path for t in result.catalog.index_terms] == [("Removal of device from", "Sacrum")]


def test_an_import_is_readable_by_everyone_the_umask_allows(tmp_path):
    _, out = import_to(tmp_path, ["0QP1"])
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask


def test_import_is_byte_identical_twice(tmp_path):
    _, out = import_to(tmp_path, ["0Q?1", "0QH2"])
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import_to(tmp_path, ["0Q?1", "0QH2"])
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_text(p.read_text()[:700]), "not well-formed XML"),
        (
            lambda p: p.write_text("<other/>"),
            "root element is <other>, expected <ICD10PCS.tabular>",
        ),
        (lambda p: p.unlink(), "cannot be read"),
    ],
)
def test_bad_xml_gets_one_line_and_writes_nothing(tmp_path, damage, message):
    cms = write_cms(tmp_path / "cms")
    damage(cms["tables"])
    with pytest.raises(PcsImportError) as raised:
        run_import(cms["tables"], cms["definitions"], None, ["0QP"], tmp_path / "out")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_empty_selection(tmp_path):
    with pytest.raises(PcsImportError, match="matches no table"):
        import_to(tmp_path, ["0ZZ"])
    assert not (tmp_path / "out").exists()


def test_failed_import_keeps_the_previous_output(tmp_path):
    _, out = import_to(tmp_path, ["0QP1"])
    before = (out / "tables/0QP.toml").read_bytes()
    with pytest.raises(PcsImportError):
        import_to(tmp_path, ["0ZZ"])
    assert (out / "tables/0QP.toml").read_bytes() == before


def test_refuses_a_folder_with_hand_written_files(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.toml").write_text("x")
    with pytest.raises(PcsImportError, match="was not written by import-pcs"):
        import_to(tmp_path, ["0QP"])
    assert (tmp_path / "out" / "notes.toml").read_text() == "x"


def test_reimport_never_deletes_hand_written_files_under_tables(tmp_path):
    _, out = import_to(tmp_path, ["0QP1"])
    mine = out / "tables" / "my-notes.toml"
    mine.write_text("hand-written")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(PcsImportError, match=r"did not write \(tables/my-notes.toml\)"):
        import_to(tmp_path, ["0QP1"])
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_reimport_replaces_what_the_manifest_lists(tmp_path):
    _, out = import_to(tmp_path, ["0QP1"])
    (out / "tables" / "0QP.toml").write_text("edited by hand")
    import_to(tmp_path, ["0QP1"])
    assert "edited by hand" not in (out / "tables" / "0QP.toml").read_text()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("<version>{version}</version>", "<version>twenty</version>", "not a fiscal year"),
        ('<axis pos="5" values="2">', '<axis pos="9" values="2">', "lacks an axis"),
        ('<label code="3">Percutaneous</label>', '<label code="3"> </label>', "is empty"),
        ('<label code="3">Percutaneous</label>', '<label code="33">P</label>', "'33'"),
        ('<label code="3">Percutaneous</label>', '<label code="O">P</label>', "'O'"),
        ('<label code="H">Insertion</label>', '<label code="P">Removal</label>', "twice"),
        (
            '<axis pos="1" values="1"><title>Section</title><label code="0">Medical and Surgical'
            '</label></axis>\n    <axis pos="2"',
            '<axis pos="2"',
            "lacks axis 1, 2 or 3",
        ),
    ],
)
def test_malformed_but_well_formed_xml_gets_one_line(tmp_path, old, new, message):
    from tests.helpers.cms import TABLES

    cms = write_cms(tmp_path / "cms")
    damaged = TABLES.replace(old, new, 1).format(version="2026", extra_row="")
    assert damaged != TABLES.format(version="2026", extra_row="")
    cms["tables"].write_text(damaged)
    with pytest.raises(PcsImportError) as raised:
        run_import(cms["tables"], cms["definitions"], None, ["0QP"], tmp_path / "out")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_unwritable_output_folder(tmp_path):
    import subprocess
    import sys
    import tempfile

    # Root ignores permissions: the import runs as an ordinary user.
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)
        cms = write_cms(base / "cms")
        for path in (base / "cms", *cms.values()):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (base / "locked").mkdir(mode=0o555)
        command = [sys.executable, "-m", "sacroref", "import-pcs", "--tables", str(cms["tables"])]
        command += ["--definitions", str(cms["definitions"]), "--select", "0QP"]
        command += ["--out", str(base / "locked" / "out")]
        command, env = as_ordinary_user(command, base)
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, check=False, timeout=60
        )
        assert done.returncode == 1, done.stderr
        assert "output folder is not writable" in done.stderr
        assert done.stderr.count("\n") == 1
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_missing_parent_folders_of_the_output_are_made(tmp_path):
    summary, out = import_to(tmp_path, ["0QP1"], out_name="missing/deeper/out")
    assert summary.codes == 3
    assert (out / "tables" / "0QP.toml").is_file()


def test_an_output_under_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(PcsImportError, match="cannot make the folder"):
        import_to(tmp_path, ["0QP"], out_name="file/sub/out")


def test_bundled_content_is_what_the_import_produces(tmp_path, reference):
    out = tmp_path / "cms"
    run_import(
        reference / "icd10pcs_tables_2026.xml",
        reference / "icd10pcs_definitions_2026.xml",
        reference / "icd10pcs_index_2025.xml",
        ["*"],
        out,
        previous_file=reference / "icd10pcs_tables_2025.xml",
        order_file=reference / "fy2026-april-update" / "icd10pcs_order_2026.txt",
        codes_file=reference / "icd10pcs_codes_2026.txt",
        update=(
            reference / "fy2026-april-update" / "codes_addenda_2026.txt",
            "April 1, 2026 update",
        ),
    )
    bundled = ROOT / "resources" / "cms"
    produced = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    shipped = {p.relative_to(bundled): p.read_bytes() for p in bundled.rglob("*") if p.is_file()}
    assert produced.keys() == shipped.keys()
    assert [name for name in produced if produced[name] != shipped[name]] == []
