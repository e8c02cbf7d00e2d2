"""Local content can never pass itself off as CMS's, nor replace the bundled CMS import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sacroref.core.content.loader import load_content
from sacroref.core.content.provenance import MANIFEST_NAME, verify_import
from sacroref.core.document import to_text
from sacroref.core.pages.nodes import code_document
from sacroref.core.tree import build_tree
from tests.helpers.content import BUNDLED_PCS_CODES, SOURCES, write_folder

ROOT = Path(__file__).resolve().parents[4]
BUNDLED_CMS = ROOT / "resources" / "cms"

FAKE_APPROACH = """
kind = "pcs-definitions"
source = "test-source"
[[approach]]
section = "0"
label = "Percutaneous"
definition = "A made-up definition."
"""
FAKE_CHANGES = """
kind = "pcs-changes"
source = "test-source"
from_year = 2025
to_year = 2026
added = ["0QP134Z"]
deleted = []
"""
FAKE_INDEX = """
kind = "pcs-index"
source = "test-source"
[[terms]]
path = ["Made-up term"]
target = "0QP1"
"""
FAKE_DEVICE = """
kind = "pcs-definitions"
source = "test-source"
[[device]]
section = "0"
label = "Internal Fixation Device"
body_system = "Lower Bones"
includes = ["made-up screw"]
"""
LOCAL_PAGE = """
kind = "cpt-page"
code = "99999"
group = "Local"
name = "A local page"
add_on = { value = false, source = "{source}" }
[sections.summary]
source = "{source}"
text = "Our own words."
"""
CMS_CLAIM = """
kind = "sources"
pcs_fiscal_year = 2031
[[sources]]
id = "fake-cms"
title = "CMS ICD-10-PCS Definitions, FY2031"
kind = "cms"
"""


def load_local(tmp_path: Path, files: dict[str, str]):
    folder = write_folder(tmp_path / "local", {"sources.toml": SOURCES, **files})
    return folder, load_content([folder])


def page_text(catalog, code: str) -> str:
    document = code_document(catalog, code)
    assert document is not None
    return to_text(document)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (FAKE_APPROACH, "pcs-definitions"),
        (FAKE_CHANGES, "pcs-changes"),
        (FAKE_INDEX, "pcs-index"),
        (FAKE_DEVICE, "pcs-definitions"),
    ],
)
def test_local_files_cannot_state_cms_facts(tmp_path, catalog, body, kind):
    folder, result = load_local(tmp_path, {"fake.toml": body})
    [problem] = result.problems
    assert problem.file == f"{folder}/fake.toml"
    assert problem.key == "kind"
    assert f"{kind} files state CMS facts" in problem.message
    shown = page_text(result.catalog, "0QP134Z")
    assert shown == page_text(catalog, "0QP134Z")  # the official page is untouched
    assert "made-up" not in shown.lower()
    assert "new in FY" not in shown


@pytest.mark.parametrize("tables", ["empty", "copied"])
def test_a_folder_posing_as_an_import_never_replaces_the_bundled_one(tmp_path, tables):
    folder = tmp_path / "posing"
    if tables == "empty":
        (folder / "tables").mkdir(parents=True)
        shutil.copy(BUNDLED_CMS / "sources.toml", folder / "sources.toml")
    else:
        shutil.copytree(BUNDLED_CMS, folder)
        (folder / MANIFEST_NAME).unlink()
    result = load_content([folder])
    assert len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES
    assert result.catalog.pcs_codes["0QP134Z"].table.file == "resources/cms/tables/0QP.toml"
    assert result.catalog.pcs_fiscal_year == 2026
    problems = {(p.file.removeprefix(f"{folder}/"), p.key) for p in result.problems}
    assert ("sources.toml", "pcs_fiscal_year") in problems
    assert ("sources.toml", "sources[0].kind") in problems
    if tables == "copied":
        assert ("tables/0QP.toml", "kind") in problems
        assert ("definitions.toml", "kind") in problems


def test_an_edited_copy_of_an_import_is_refused_by_its_manifest(tmp_path):
    folder = tmp_path / "edited"
    shutil.copytree(BUNDLED_CMS, folder)
    table = folder / "tables" / "0QP.toml"
    table.write_text(table.read_text().replace('"Percutaneous"', '"Percutaneous, Fake"'))
    result = load_content([folder])
    [problem] = result.problems
    assert problem.file == str(folder)
    assert "tables/0QP.toml was changed after import-pcs wrote it" in problem.message
    title = result.catalog.pcs_codes["0QP134Z"].long_title
    assert title == "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach"
    checked = subprocess.run(
        [sys.executable, "-m", "sacroref", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1
    assert "does not match its import manifest" in checked.stderr


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda f: (f / "extra.toml").write_text('kind = "notes"'), "does not list"),
        (lambda f: (f / "index.toml").unlink(), "index.toml is missing"),
        (lambda f: (f / MANIFEST_NAME).write_text('kind = "pcs-import"'), "required key"),
    ],
)
def test_a_copy_that_does_not_match_its_manifest_is_refused(tmp_path, damage, why):
    folder = tmp_path / "copy"
    shutil.copytree(BUNDLED_CMS, folder)
    assert verify_import(folder, "copy")[0] is not None
    damage(folder)
    manifest, problems = verify_import(folder, "copy")
    assert manifest is None
    assert why in str(problems[0])


def test_the_bundled_import_matches_its_manifest():
    manifest, problems = verify_import(BUNDLED_CMS, "resources/cms")
    assert problems == []
    assert manifest is not None
    assert manifest.edition == 2026
    roles = [role for role, _, _ in manifest.inputs]
    assert roles == [
        "tables",
        "definitions",
        "index",
        "previous tables",
        "order",
        "codes",
        "update addenda",
    ]


def test_local_sources_are_always_local_and_never_set_the_edition(tmp_path, catalog):
    _, result = load_local(tmp_path, {"claim.toml": CMS_CLAIM})
    keys = sorted(problem.key for problem in result.problems)
    assert keys == ["pcs_fiscal_year", "sources[0].kind"]
    assert result.catalog.sources["fake-cms"].kind == "local"
    assert result.catalog.pcs_fiscal_year == catalog.pcs_fiscal_year


def test_local_text_citing_a_cms_source_is_shown_as_local(tmp_path):
    page = LOCAL_PAGE.replace("{source}", "cms-pcs-definitions")
    folder, result = load_local(tmp_path, {"page.toml": page})
    assert {problem.key for problem in result.problems} == {
        "add_on.source",
        "sections.summary.source",
    }
    assert all("may name only a local source" in p.message for p in result.problems)
    shown = page_text(result.catalog, "99999")
    assert "CMS ICD-10-PCS Definitions" not in shown
    assert f"local content in {folder}" in shown


def test_local_content_is_marked_wherever_it_is_shown(tmp_path):
    page = LOCAL_PAGE.replace("{source}", "test-source")
    note = (
        'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
        'title = "Payer rule"\ntext = "Ask for the operative report."\n'
    )
    folder, result = load_local(tmp_path, {"page.toml": page, "note.toml": note})
    assert result.problems == ()
    catalog = result.catalog
    shown = page_text(catalog, "99999")
    assert "[local content] This page was written by your organisation" in shown
    assert "Source: A test source" in shown
    assert "[local content] This note was written by your organisation" in page_text(
        catalog, "0QP134Z"
    )
    row = next(n for n in build_tree(catalog).walk() if n.code == "99999")
    assert row.tooltip.startswith(f"Local content from {folder}")
    assert row.detail.endswith("[local content]")
    listed = {code: title for code, _, title in catalog.all_codes()}
    assert listed["99999"] == "A local page [local content]"  # `codes` and `search`


def rewritten_as_format_2(folder: Path, digest) -> None:
    """Rewrite an import's manifest as format 2 wrote it: files listed by ``digest``."""
    manifest = folder / MANIFEST_NAME
    text = manifest.read_text()
    head, listed, tail = text.split("'''" if "'''" in text else '"""')
    lines = []
    for line in listed.strip().splitlines():
        _, size, name = line.split(" ", 2)
        lines.append(f"{digest((folder / name).read_bytes())} {size} {name}")
    head = head.replace("format = 3", "format = 2")
    manifest.write_text(head + '"""\n' + "\n".join(lines) + '\n"""' + tail)


def test_a_manifest_of_format_2_is_checked_by_sha256_as_it_was_written(tmp_path):
    from sacroref.core.content.provenance import blake2b, sha256

    folder = tmp_path / "older"
    shutil.copytree(BUNDLED_CMS, folder)
    rewritten_as_format_2(folder, sha256)
    manifest, problems = verify_import(folder, "older")
    assert problems == []
    assert manifest is not None
    assert manifest.snapshot  # its snapshot and word lists are still used
    assert manifest.digest is sha256
    result = load_content([folder])
    assert result.problems == ()
    assert result.catalog.pcs_codes["0QP134Z"].long_title.startswith("Removal of Internal")
    # The same lines with another kind of digest do not match.
    rewritten_as_format_2(folder, blake2b)
    manifest, problems = verify_import(folder, "older")
    assert manifest is None
    assert "was changed after import-pcs wrote it" in problems[0].message
