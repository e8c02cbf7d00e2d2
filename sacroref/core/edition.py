"""Which ICD-10-PCS edition the content is, when it is in force, and what a coder is told."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sacroref.core.catalog import Catalog


def today() -> datetime.date:
    """Return today's date (tests put a clock of their own here)."""
    return datetime.date.today()


class Edition(NamedTuple):
    """An ICD-10-PCS fiscal year: in force for discharges from October 1 to September 30."""

    fiscal_year: int

    @property
    def starts(self) -> datetime.date:
        """Return the first day of the edition."""
        return datetime.date(self.fiscal_year - 1, 10, 1)

    @property
    def ends(self) -> datetime.date:
        """Return the last day of the edition."""
        return datetime.date(self.fiscal_year, 9, 30)

    @property
    def name(self) -> str:
        """Return the edition's name, as coders say it."""
        return f"ICD-10-PCS FY{self.fiscal_year}"

    def validity(self) -> str:
        """Return the sentence saying which release this is and when it is in force."""
        return (
            f"{self.name}, the release in force from {self.starts:%B} {self.starts.day}, "
            f"{self.starts.year}: for discharges from {self.starts} to {self.ends}."
        )

    def warning(self, on: datetime.date | None = None) -> str | None:
        """Return what a coder must know on a date outside the edition, else None."""
        on = on or today()
        if on > self.ends:
            return (
                f"{self.name} ended {self.ends}. FY{self.fiscal_year + 1} is in force for "
                f"discharges from {self.ends + datetime.timedelta(days=1)}: import its CMS "
                "files with `sacroref import-pcs` (see the README). Every look-up still works."
            )
        if on < self.starts:
            return f"{self.name} is in force only from {self.starts}."
        return None


def bundled_edition() -> Edition | None:
    """Return the edition of the bundled CMS import, from its manifest (no content parsed)."""
    from sacroref.core.content.problems import ContentError
    from sacroref.core.content.provenance import read_manifest
    from sacroref.resources import content_root

    try:
        return Edition(read_manifest(content_root() / "cms", "resources/cms").edition)
    except (ContentError, OSError):
        return None


def pcs_edition_name(catalog: Catalog) -> str:
    """Return the name of the ICD-10-PCS release the content holds: its fiscal year, with
    the mid-year update its tables hold, if any ("ICD-10-PCS FY2026 (April 1, 2026 update)")."""
    year = catalog.pcs_fiscal_year
    name = Edition(year).name if year else "ICD-10-PCS, edition not provided"
    update = catalog.pcs_update
    return f"{name} ({update.name})" if update is not None and update.applied else name


def content_edition_name(catalog: Catalog, between: str = ", ") -> str:
    """Return the editions the content holds, ICD-10-PCS's and CPT's."""
    from sacroref import CPT_EDITION

    return f"{pcs_edition_name(catalog)}{between}{CPT_EDITION}"


def status_line(catalog: Catalog, loaded: bool) -> str:
    """Return the window's status line: the editions the content holds and its code count."""
    count = f"{catalog.code_count():,} codes" if loaded else "loading content…"
    return f"{content_edition_name(catalog, ' · ')} · {count}"
