"""Helpers that write small content folders for tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

#: The bundled content: every FY2026 ICD-10-PCS code and the three CPT pages.
BUNDLED_PCS_CODES = 79_115
BUNDLED_CODES = BUNDLED_PCS_CODES + 3

SOURCES = """
kind = "sources"
[[sources]]
id = "test-source"
title = "A test source"
kind = "local"
"""


def write_folder(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write files (text or bytes) into a folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    return folder


def write_import(folder: Path, files: dict[str, str], *, titles: bool = True) -> Path:
    """Write a folder as `import-pcs` would, manifest and all; with the bundled title rules.

    Its sources (``test-source`` and the titles' source) are CMS sources, as an import's are.
    """
    from sacroref.core.content.provenance import MANIFEST_NAME, manifest_text
    from sacroref.resources import content_root

    files = dict(files)
    if titles:
        files["titles.toml"] = (content_root() / "pcs" / "titles.toml").read_text("utf-8")
        files["sources.toml"] = CMS_SOURCES
    write_folder(folder, files)
    written = {name: body.encode("utf-8") for name, body in files.items()}
    (folder / MANIFEST_NAME).write_text(manifest_text(2026, [], written), encoding="utf-8")
    return folder


CMS_SOURCES = """
kind = "sources"
[[sources]]
id = "test-source"
title = "A test CMS file"
kind = "cms"
[[sources]]
id = "sacroref-editors"
title = "Test title rules"
kind = "editorial"
"""


def as_ordinary_user(command: list[str], base: Path) -> tuple[list[str], dict[str, str]]:
    """Return a command (and its environment) that runs as the user nobody when run by root.

    The checkout may sit where nobody can read it (a clone under a private temporary
    folder): the package and its content are copied into ``base``, which must be readable.
    """
    import os
    import shutil

    root = Path(__file__).resolve().parents[2]
    code = base / "code"
    if not code.exists():
        shutil.copytree(root / "sacroref", code / "sacroref")
        shutil.copytree(root / "resources", code / "resources")
        for path in [code, *code.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(code), "HOME": str(base)}
    if os.geteuid() != 0:
        return command, env
    if not shutil.which("setpriv"):
        raise RuntimeError("running as root needs setpriv to act as an ordinary user")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command], env


def write_sacral_import(folder: Path) -> Path:
    """Write an import of the sacral tables alone, cut from the bundled whole code set.

    For tests that walk every row of the tree or every page: the whole code set has 79,115
    codes. Given as content, it replaces the bundled import, as any verified import does.
    """
    from sacroref.cms.importer import select_tables
    from sacroref.cms.toml_writer import index_toml, table_toml
    from sacroref.core.catalog import SACRAL_TABLES, is_sacral_table
    from sacroref.core.content.loader import load_content
    from sacroref.core.content.provenance import MANIFEST_NAME, manifest_text
    from sacroref.resources import content_root

    catalog = load_content().catalog
    bundled = content_root() / "cms"
    files: dict[str, str] = {
        name: (bundled / name).read_text("utf-8") for name in ("definitions.toml", "sources.toml")
    }
    by_prefix = {table.prefix: table for table in catalog.tables}
    for table in select_tables(catalog.tables, SACRAL_TABLES):
        whole = by_prefix[table.prefix]
        codes = set(table.code_strings())
        titles = {code: pair for code, pair in whole.titles.items() if code in codes}
        definition = whole.operation and catalog.operations.get(
            (table.section.code, table.operation.label)
        )
        files[f"tables/{table.prefix}.toml"] = table_toml(
            table, definition.definition if definition else None, whole.heading, titles
        )
    terms = [
        term
        for term in catalog.index_terms
        if len(term.target) >= 4 and is_sacral_table(term.target[:4])
    ]
    files["index.toml"] = index_toml(terms)
    write_folder(folder, files)
    written = {name: body.encode("utf-8") for name, body in files.items()}
    (folder / MANIFEST_NAME).write_text(manifest_text(2026, [], written), encoding="utf-8")
    return folder
