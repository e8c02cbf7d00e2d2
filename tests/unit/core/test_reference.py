"""Every bundled code and title matches CMS's own files (skipped when ../shared is absent)."""

from __future__ import annotations

import csv

from sacroref.cms.importer import select_tables
from sacroref.cms.xml_files import read_definitions, read_tables
from sacroref.core.pcs import derive_codes
from tests.helpers.content import BUNDLED_PCS_CODES

BUNDLED_SELECTION = ["*"]  # the whole code set (scripts/regenerate_content.py)


def official_codes(reference):
    tables = select_tables(
        read_tables(reference / "icd10pcs_tables_2026.xml").tables, BUNDLED_SELECTION
    )
    return {code for table in tables for code in table.code_strings()}


def test_bundled_codes_are_exactly_the_cms_fy2026_codes(catalog, reference):
    assert set(catalog.pcs_codes.code_strings()) == official_codes(reference)
    assert len(catalog.pcs_codes) == BUNDLED_PCS_CODES
    assert len({key[:3] for key in catalog.pcs_codes.table_keys()}) == 914  # CMS's tables
    sacrum = [
        code for code in catalog.pcs_codes.code_strings() if code[:4:3] == "01" and code[1] == "Q"
    ]
    assert len(sacrum) == 99
    codes_file = (reference / "icd10pcs_codes_2026.txt").read_text(encoding="ascii")
    assert {line[:7] for line in codes_file.splitlines() if line} == official_codes(reference)


def test_every_title_matches_the_cms_order_file(catalog, reference):
    with (reference / "icd10pcs_titles_sacrum_pelvic_2025.tsv").open(encoding="utf-8") as f:
        official = {row["code"]: row for row in csv.DictReader(f, delimiter="\t")}
    assert len(official) == 111
    wrong = [
        (code, catalog.pcs_codes[code].long_title, catalog.pcs_codes[code].short_title)
        for code in official
        if (catalog.pcs_codes[code].long_title, catalog.pcs_codes[code].short_title)
        != (official[code]["long_title"], official[code]["short_title"])
    ]
    assert wrong == []


def test_every_long_title_is_the_codes_files_and_every_short_title_the_order_files(
    catalog, reference
):
    from sacroref.cms.title_files import read_codes_file, read_order_file

    october = read_codes_file(reference / "icd10pcs_codes_2026.txt").titles
    april = read_order_file(reference / "fy2026-april-update" / "icd10pcs_order_2026.txt").titles
    for code, pcs in catalog.pcs_codes.items():
        assert not pcs.derived, code
        assert pcs.long_title == october[code][1], code
        if code in april:
            assert pcs.short_title == april[code][0], code


def test_sacral_titles_hold_for_a_fresh_derivation_from_the_xml(catalog, reference):
    # The title templates, kept as fallback and cross-check, make CMS's titles for the
    # sacral tables exactly (over the whole code set they differ for 31,464 codes).
    tables = select_tables(
        read_tables(reference / "icd10pcs_tables_2026.xml").tables, ["0Q?1", "0QH2", "0QH3"]
    )
    derived = {c.code: c.long_title for t in tables for c in derive_codes(t, catalog.title_rules)}
    assert derived == {code: catalog.pcs_codes[code].long_title for code in derived}


def test_approach_and_device_definitions_are_cms_wording(catalog, reference):
    definitions = read_definitions(reference / "icd10pcs_definitions_2026.xml")
    official = {(a.section, a.label): a.definition for a in definitions.approaches}
    for key, approach in catalog.approaches.items():
        assert approach.definition == official[key]
    kwire = catalog.devices[("0", "Internal Fixation Device", "Lower Bones")]
    assert "Kirschner wire (K-wire)" in kwire.includes


def test_0qp1_matches_the_seed_selector_page(catalog, reference):
    seed = (reference.parent / "seeds" / "pcs-0QP1-removal-sacrum-selector.txt").read_text()
    for code in (c for c in catalog.pcs_codes if c.startswith("0QP1")):
        assert f"{code} - {catalog.pcs_codes[code].short_title}" in seed
