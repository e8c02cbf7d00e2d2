"""The edition the content holds is named from the content: its fiscal year and any update."""

from __future__ import annotations

import datetime

from sacroref.cms.importer import run_import
from sacroref.core.content.loader import load_content
from sacroref.core.edition import Edition, pcs_edition_name, status_line
from tests.helpers.cms import write_cms
from tests.helpers.content import write_import


def test_the_bundled_content_is_named_by_its_fiscal_year(catalog):
    assert pcs_edition_name(catalog) == "ICD-10-PCS FY2026"
    assert status_line(catalog, loaded=True) == "ICD-10-PCS FY2026 · CPT 2025 · 79,118 codes"
    assert status_line(catalog, loaded=False).endswith(" · loading content…")


def test_an_import_of_another_year_is_named_by_its_own(tmp_path):
    cms = write_cms(tmp_path / "cms", version="2027")
    run_import(cms["tables"], cms["definitions"], None, ["0Q?1"], tmp_path / "fy2027")
    catalog = load_content([tmp_path / "fy2027"]).catalog
    assert pcs_edition_name(catalog) == "ICD-10-PCS FY2027"
    assert status_line(catalog, loaded=True).startswith("ICD-10-PCS FY2027 · CPT 2025 · ")
    assert Edition(2027).warning(datetime.date(2026, 12, 6)) is None  # in force


def test_content_without_an_import_states_no_edition(tmp_path):
    catalog = load_content([write_import(tmp_path / "t", {})], include_bundled=False).catalog
    assert pcs_edition_name(catalog) == "ICD-10-PCS, edition not provided"
