"""What changed between two CMS editions: codes added, deleted, and retitled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sacroref.cms.importer import select_tables
from sacroref.cms.xml_files import read_tables
from sacroref.core.model import TitleRules
from sacroref.core.pcs import derive_codes


@dataclass(frozen=True)
class EditionDiff:
    """The change report between an old and a new edition."""

    old_version: str
    new_version: str
    old_count: int
    new_count: int
    added: tuple[tuple[str, str], ...]  # code, new title
    deleted: tuple[tuple[str, str], ...]  # code, old title
    retitled: tuple[tuple[str, str, str], ...]  # code, old title, new title

    @property
    def kept(self) -> int:
        """Return how many codes are in both editions."""
        return self.new_count - len(self.added)


def _titled_codes(
    path: Path, patterns: Sequence[str], rules: TitleRules
) -> tuple[str, dict[str, str]]:
    tables = read_tables(path)
    chosen = select_tables(tables.tables, patterns) if patterns else list(tables.tables)
    return tables.version, {c.code: c.long_title for t in chosen for c in derive_codes(t, rules)}


def diff_editions(old: Path, new: Path, patterns: Sequence[str], rules: TitleRules) -> EditionDiff:
    """Compare two CMS tables files (optionally only the selected tables)."""
    old_version, before = _titled_codes(old, patterns, rules)
    new_version, after = _titled_codes(new, patterns, rules)
    return EditionDiff(
        old_version=old_version,
        new_version=new_version,
        old_count=len(before),
        new_count=len(after),
        added=tuple(sorted((code, after[code]) for code in after.keys() - before.keys())),
        deleted=tuple(sorted((code, before[code]) for code in before.keys() - after.keys())),
        retitled=tuple(
            sorted(
                (code, before[code], after[code])
                for code in after.keys() & before.keys()
                if before[code] != after[code]
            )
        ),
    )


def diff_text(diff: EditionDiff) -> str:
    """Return the report as readable text."""
    lines = [
        f"ICD-10-PCS FY{diff.old_version} -> FY{diff.new_version}: {diff.old_count} -> "
        f"{diff.new_count} codes; {len(diff.added)} added, {len(diff.deleted)} deleted, "
        f"{len(diff.retitled)} retitled, {diff.kept} kept",
    ]
    for heading, rows in (("Added", diff.added), ("Deleted", diff.deleted)):
        if rows:
            lines += ["", f"{heading}:"] + [f"  {code}  {title}" for code, title in rows]
    if diff.retitled:
        lines += ["", "Retitled:"]
        lines += [f"  {code}  {old} -> {new}" for code, old, new in diff.retitled]
    return "\n".join(lines) + "\n"


def diff_tsv(diff: EditionDiff) -> str:
    """Return the report as TSV: change, code, old title, new title."""
    rows = ["change\tcode\told_title\tnew_title"]
    rows += [f"added\t{code}\t\t{title}" for code, title in diff.added]
    rows += [f"deleted\t{code}\t{title}\t" for code, title in diff.deleted]
    rows += [f"retitled\t{code}\t{old}\t{new}" for code, old, new in diff.retitled]
    return "\n".join(rows) + "\n"
