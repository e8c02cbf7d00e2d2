"""``sacroref import-pcs``: turn CMS's published XML into sacroref's TOML content."""

from __future__ import annotations

import fnmatch
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sacroref.cms.tables_addenda import apply_tables_addenda, read_tables_addenda
from sacroref.cms.title_files import (
    CmsTitles,
    merged,
    read_codes_addenda,
    read_codes_file,
    read_order_file,
)
from sacroref.cms.toml_writer import (
    changes_toml,
    definitions_toml,
    index_toml,
    sources_toml,
    table_toml,
    update_toml,
)
from sacroref.cms.xml_files import (
    CmsFileError,
    read_definitions,
    read_index,
    read_tables,
)
from sacroref.core.content.kinds import check_document
from sacroref.core.content.problems import ContentError
from sacroref.core.content.provenance import MANIFEST_NAME, manifest_text, read_manifest, sha256
from sacroref.core.content.reader import parse_toml
from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME, search_bytes, snapshot_bytes
from sacroref.core.model import (
    CMS_TABLES,
    IndexTerm,
    PcsRow,
    PcsTable,
)

#: An applied update's code that no title file given to the import had.
NO_TITLE = "title not provided: no CMS title file given to the import lists it"


class PcsImportError(Exception):
    """An import that cannot go ahead; the message is one line."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import wrote."""

    tables: int
    codes: int
    index_terms: int
    out: Path
    derived: int = 0  # codes no title file had a title for (sacroref derives them)
    disagreeing: tuple[tuple[str, str, str], ...] = ()  # code, CMS's title, the template's
    #: Against the order file: codes of the selection only it lists, and only the tables list.
    order_check: tuple[int, int] | None = None
    applied: tuple[int, int] | None = None  # codes a tables addenda added and deleted


def selection_matches(patterns: Sequence[str], table_prefix: str, body_part: str) -> bool:
    """Return whether a table's body-part row is selected: ``0QP``, ``0QP1``, ``0Q?1`` or ``*``."""
    key = table_prefix + body_part
    for typed in patterns:
        pattern = typed.upper()
        if fnmatch.fnmatchcase(key, pattern):
            return True
        if len(pattern) == 3 and fnmatch.fnmatchcase(table_prefix, pattern):
            return True
    return False


def select_tables(tables: Iterable[PcsTable], patterns: Sequence[str]) -> list[PcsTable]:
    """Return the tables cut down to the selected body parts, rows kept as CMS wrote them."""
    selected: list[PcsTable] = []
    for table in tables:
        rows = []
        for row in table.rows:
            body_parts = tuple(
                bp for bp in row.body_parts if selection_matches(patterns, table.prefix, bp.code)
            )
            if body_parts:
                rows.append(PcsRow(body_parts, row.approaches, row.devices, row.qualifiers))
        if rows:
            selected.append(
                PcsTable(
                    table.section,
                    table.body_system,
                    table.operation,
                    tuple(rows),
                    source=CMS_TABLES,
                )
            )
    return selected


def _index_terms_for(tables: Sequence[PcsTable], terms: Iterable[IndexTerm]) -> list[IndexTerm]:
    keys = {t.prefix + bp.code for t in tables for r in t.rows for bp in r.body_parts}
    prefixes = {t.prefix for t in tables}
    kept = {
        term
        for term in terms
        if (len(term.target) >= 4 and term.target[:4] in keys)
        or (len(term.target) == 3 and term.target in prefixes)
    }
    return sorted(kept, key=lambda term: (term.target, term.path))


def _check_out_folder(out: Path) -> None:
    """Refuse an output folder holding anything an earlier import did not write."""
    if out.exists():
        if not out.is_dir():
            raise PcsImportError(f"{out}: exists and is not a folder")
        present = sorted(
            path.relative_to(out).as_posix()
            for path in out.rglob("*")
            if path.is_symlink() or not path.is_dir()
        )
        if present:
            try:
                listed = read_manifest(out, str(out)).files
            except ContentError:
                raise PcsImportError(
                    f"{out}: is not empty and was not written by import-pcs (no valid "
                    f"{MANIFEST_NAME}); nothing was changed. Choose an empty folder"
                ) from None
            strangers = [name for name in present if name not in listed and name != MANIFEST_NAME]
            if strangers:
                raise PcsImportError(
                    f"{out}: holds files import-pcs did not write ({', '.join(strangers[:5])}); "
                    "nothing was changed. Move them out, or choose another folder"
                )
    parent = out.parent if out.parent != Path("") else Path(".")
    if not parent.is_dir():
        try:
            parent.mkdir(parents=True)
        except OSError as error:
            raise PcsImportError(f"{parent}: cannot make the folder ({error.strerror})") from None
    if not os.access(parent, os.W_OK):
        raise PcsImportError(f"{parent}: output folder is not writable")


def run_import(
    tables_file: Path,
    definitions_file: Path,
    index_file: Path | None,
    patterns: Sequence[str],
    out: Path,
    *,
    previous_file: Path | None = None,
    order_file: Path | None = None,
    codes_file: Path | None = None,
    update: tuple[Path, str] | None = None,
    applied: tuple[Path, str] | None = None,
) -> ImportSummary:
    """Import the selected tables; write everything to a temporary folder, then move it in place.

    ``update`` is a mid-year update's codes addenda, recorded as what these tables lack;
    ``applied`` is its tables addenda, applied to the tables (the update's release).
    """
    if not patterns:
        raise PcsImportError("--select needs at least one pattern, such as 0QP1 or '0Q?1'")
    if update and applied:
        raise PcsImportError(
            "--update-addenda records an update the tables do not hold, and --addenda applies "
            "one to them: give one of the two"
        )
    _check_out_folder(out)
    try:
        release = read_tables(tables_file)
        cms_tables = (
            apply_tables_addenda(release, read_tables_addenda(applied[0])) if applied else release
        )
        cms_definitions = read_definitions(definitions_file)
        index_version, index_terms = read_index(index_file) if index_file else ("", ())
        previous = read_tables(previous_file) if previous_file else None
        order = read_order_file(order_file) if order_file else None
        long_titles = read_codes_file(codes_file) if codes_file else None
        changed = read_codes_addenda(update[0]) if update else None
    except CmsFileError as error:
        raise PcsImportError(str(error)) from None
    tables = select_tables(cms_tables.tables, patterns)
    if not tables:
        raise PcsImportError(
            f"--select {' '.join(patterns)} matches no table in {tables_file.name}"
        )
    files: dict[str, str] = {}
    cms = merged(order, long_titles)
    counts = None
    if applied:
        added, deleted = _update_codes(select_tables(release.tables, patterns), tables, cms)
        files["update.toml"] = update_toml(applied[1], added, deleted, applied=True)
        counts = (len(added), len(deleted))
    derived = 0  # codes no title file given has a title for: sacroref derives them
    for table in tables:
        definition = cms_tables.operation_definitions.get(
            (table.section.code, table.operation.label)
        )
        titled = {code: cms.titles[code] for code in table.code_strings() if code in cms.titles}
        derived += sum(1 for code in table.code_strings() if code not in cms.titles)
        heading = cms.headings.get(table.prefix, "")
        files[f"tables/{table.prefix}.toml"] = table_toml(table, definition, heading, titled)
    files["definitions.toml"] = definitions_toml(tables, cms_definitions)
    kept_terms = _index_terms_for(tables, index_terms) if index_file else []
    if index_file:
        files["index.toml"] = index_toml(kept_terms)
    if previous is not None:

        def keys(selected: Sequence[PcsTable]) -> set[str]:
            return {code for table in selected for code in table.code_strings()}

        new_codes, old_codes = keys(tables), keys(select_tables(previous.tables, patterns))
        files["changes.toml"] = changes_toml(
            previous.version,
            cms_tables.version,
            sorted(new_codes - old_codes),
            sorted(old_codes - new_codes),
        )
    files["sources.toml"] = sources_toml(
        tables_file,
        cms_tables.version,
        definitions_file,
        cms_definitions.version,
        (index_file, index_version) if index_file else None,
        titles=[path for path in (order_file, codes_file) if path is not None],
        update=update,
        applied=applied,
    )
    if update is not None and changed is not None:
        files["update.toml"] = update_toml(update[1], *changed)
    written = {name: text.encode("utf-8") for name, text in files.items()}
    written[SNAPSHOT_NAME], written[SEARCH_NAME] = import_snapshot(written)
    inputs = [("tables", tables_file), ("definitions", definitions_file)]
    inputs += [("index", index_file)] if index_file else []
    inputs += [("previous tables", previous_file)] if previous_file else []
    inputs += [("order", order_file)] if order_file else []
    inputs += [("codes", codes_file)] if codes_file else []
    inputs += [("update addenda", update[0])] if update else []
    inputs += [("tables addenda", applied[0])] if applied else []
    written[MANIFEST_NAME] = manifest_text(
        int(cms_tables.version),
        [(role, path.name, sha256(path.read_bytes())) for role, path in inputs],
        written,
    ).encode("utf-8")
    _write_folder_atomically(out, written)
    codes = sum(row.code_count() for table in tables for row in table.rows)
    disagreeing = _cross_check(tables, cms.titles) if cms.titles else ()
    order_check = _order_check(tables, order.titles, patterns) if order else None
    return ImportSummary(
        len(tables), codes, len(kept_terms), out, derived, disagreeing, order_check, counts
    )


def _order_check(
    tables: Sequence[PcsTable], listed: Iterable[str], patterns: Sequence[str]
) -> tuple[int, int]:
    """Return how many selected codes only the order file lists, and only the tables."""
    tabled = {code for table in tables for code in table.code_strings()}
    ordered = {code for code in listed if selection_matches(patterns, code[:3], code[3])}
    return len(ordered - tabled), len(tabled - ordered)


def _update_codes(
    release: Sequence[PcsTable], updated: Sequence[PcsTable], cms: CmsTitles
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return the codes (with CMS's long titles) an applied update added and deleted."""
    before = {code for table in release for code in table.code_strings()}
    after = {code for table in updated for code in table.code_strings()}

    def titled(codes: set[str]) -> list[tuple[str, str]]:
        return [(code, cms.titles.get(code, ("", NO_TITLE))[1]) for code in sorted(codes)]

    return titled(after - before), titled(before - after)


def import_snapshot(files: dict[str, bytes]) -> tuple[bytes, bytes]:
    """Return the snapshot of the files: each checked as the loader would read it, and the
    search index's word lists for their tables, made with the bundled title rules."""
    from sacroref.core.content.builder import Builder
    from sacroref.core.content.loader import load_content
    from sacroref.core.search.engine import pcs_word_lists

    documents = []
    builder = Builder()
    builder.catalog.title_rules = load_content().catalog.title_rules
    for name in sorted(files):
        document, problems = check_document(name, parse_toml(name, files[name]))
        if document is None or problems:
            raise PcsImportError(f"{name}: the import wrote a file it cannot read back")
        documents.append(document)
        builder.add(document)
    builder.derive_codes()
    if builder.problems:  # the loader trusts a snapshot's tables to hold no duplicate code
        raise PcsImportError(f"{builder.problems[0]}; nothing was written")
    try:
        snapshot = snapshot_bytes(documents)
    except ValueError as error:
        raise PcsImportError(f"{error}; nothing was written") from None
    return snapshot, search_bytes(pcs_word_lists(builder.catalog))


def _cross_check(
    tables: Sequence[PcsTable], titles: dict[str, tuple[str, str]]
) -> tuple[tuple[str, str, str], ...]:
    """Return the codes whose CMS long title differs from the one sacroref's templates make."""
    from sacroref.core.content.loader import load_content
    from sacroref.core.pcs import derive_codes

    rules = load_content().catalog.title_rules
    found = []
    for table in tables:
        for code in derive_codes(table, rules):
            official = titles.get(code.code)
            if official and official[1] != code.long_title:
                found.append((code.code, official[1], code.long_title))
    return tuple(found)


def _write_folder_atomically(out: Path, files: dict[str, bytes]) -> None:
    parent = out.parent if out.parent != Path("") else Path(".")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=parent))
        # mkdtemp makes a folder only its owner may open; an import is for everyone.
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
    except OSError as error:
        raise PcsImportError(f"{parent}: cannot write there ({error.strerror})") from None
    try:
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        retired = None
        if out.exists():
            retired = parent / f".retired-{out.name}-{os.getpid()}"
            out.rename(retired)
        staging.rename(out)
        if retired:
            shutil.rmtree(retired)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise PcsImportError(f"{out}: cannot write the import ({error.strerror})") from None
