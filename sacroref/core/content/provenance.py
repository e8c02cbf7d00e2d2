"""Who may say what: official data only from a verified import, local content always local.

A folder ``sacroref import-pcs`` writes carries a manifest (``import-manifest.toml``) with
its edition, the checksums of the CMS files it was made from, and the checksum of every
file it wrote. Such a folder is official only while it matches its manifest exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core.content import schema as s
from sacroref.core.content.kinds import Document
from sacroref.core.content.problems import ContentError, Problem
from sacroref.core.content.reader import Origin, parse_toml, read_entry_bytes
from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME

if TYPE_CHECKING:
    from sacroref.resources import Traversable

MANIFEST_NAME = "import-manifest.toml"
MANIFEST_FORMAT = 1
#: Kinds that state CMS facts: tables, titles, definitions and keys, the index, changes.
OFFICIAL_KINDS = frozenset(
    {"pcs-table", "pcs-titles", "pcs-definitions", "pcs-index", "pcs-changes", "pcs-update"}
)
IMPORT_KINDS = OFFICIAL_KINDS | {"sources"}
_ENTRY = s.record({"name": s.Field(s.text()), "sha256": s.Field(s.text())})
_MANIFEST = s.record(
    {
        "kind": s.Field(s.one_of("pcs-import")),
        "format": s.Field(s.whole_number(minimum=1)),
        "edition": s.Field(s.whole_number(minimum=2000)),
        "inputs": s.Field(
            s.array(
                s.record(
                    {
                        "role": s.Field(s.text()),
                        "name": s.Field(s.text()),
                        "sha256": s.Field(s.text()),
                    }
                )
            )
        ),
        "files": s.Field(s.array(_ENTRY, non_empty=True)),
    }
)


class ImportManifest(NamedTuple):
    """What an import folder says of itself."""

    edition: int
    inputs: tuple[tuple[str, str, str], ...]  # role, file name, sha256
    files: dict[str, str]  # relative name -> sha256
    snapshot: bool = False  # its snapshot is there and matches (content/snapshot.py)
    search: bool = False  # its search word lists are there and match


def sha256(data: bytes) -> str:
    """Return the hex SHA-256 of bytes.

    Python's own SHA-256 is used where it has one: hashlib would load OpenSSL's libcrypto,
    about 4 MiB of memory, for every start of the window (it checks the bundled manifest).
    """
    try:
        from _sha2 import sha256 as builtin  # type: ignore[import-not-found]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as builtin  # type: ignore[import-not-found]  # to 3.11
        except ImportError:
            import hashlib

            builtin = hashlib.sha256
    return str(builtin(data).hexdigest())


def manifest_text(
    edition: int, inputs: Sequence[tuple[str, str, str]], files: dict[str, bytes]
) -> str:
    """Return the manifest of an import: its edition, its CMS inputs, and every file written."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        "# Written by `sacroref import-pcs`: what this folder was made from, and every file",
        "# it holds. A folder that does not match it is not loaded.",
        'kind = "pcs-import"',
        f"format = {MANIFEST_FORMAT}",
        f"edition = {edition}",
        *([] if inputs else ["inputs = []"]),
        "",
    ]
    for role, name, digest in inputs:
        lines += ["[[inputs]]", f"role = {q(role)}", f"name = {q(name)}", f'sha256 = "{digest}"']
        lines.append("")
    for name in sorted(files):
        lines += ["[[files]]", f"name = {q(name)}", f'sha256 = "{sha256(files[name])}"', ""]
    return "\n".join(lines)


def claims_to_be_import(folder: Traversable) -> bool:
    """Return whether a folder says it was written by ``import-pcs`` (it holds a manifest).

    A folder without one is local content, whatever it holds: any tables in it are
    reported and left out, and its hand-written files still load.
    """
    try:
        return (folder / MANIFEST_NAME).is_file()
    except OSError:  # unreadable: read as local content, which reports it
        return False


def _files_below(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if isinstance(entry, Path) and entry.is_symlink():
            yield name, entry  # read_file_bytes refuses it: a manifest lists no links
        elif entry.is_dir():
            yield from _files_below(entry, f"{name}/")
        else:
            yield name, entry


def read_manifest(folder: Traversable, label: str) -> ImportManifest:
    """Return an import folder's manifest; raise ContentError when it is missing or malformed."""
    name = f"{label}/{MANIFEST_NAME}"
    data: Any = parse_toml(name, read_entry_bytes(folder / MANIFEST_NAME, name))
    found = _MANIFEST(data, "")
    if found:
        raise ContentError([Problem(name, key, message) for key, message in found])
    return ImportManifest(
        data["edition"],
        tuple((i["role"], i["name"], i["sha256"]) for i in data["inputs"]),
        {entry["name"]: entry["sha256"] for entry in data["files"]},
    )


def verify_import(folder: Traversable, label: str) -> tuple[ImportManifest | None, list[Problem]]:
    """Return the manifest of a folder that matches it exactly, or None and why not."""
    refused = "; the folder is not loaded"
    try:
        manifest = read_manifest(folder, label)
        return _match(folder, label, manifest, refused)
    except ContentError as error:
        return None, [p._replace(message=p.message + refused) for p in error.problems]
    except OSError as error:
        return None, [Problem(label, "", f"cannot be read ({error.strerror}){refused}")]


def _match(
    folder: Traversable, label: str, manifest: ImportManifest, refused: str
) -> tuple[ImportManifest | None, list[Problem]]:
    listed = dict(manifest.files)
    derived = {SNAPSHOT_NAME: False, SEARCH_NAME: False}
    for name, entry in _files_below(folder):
        if name == MANIFEST_NAME:
            continue
        digest = listed.pop(name, None)
        if name in derived:  # a snapshot that does not match is not used, nothing more
            derived[name] = digest is not None and sha256(read_entry_bytes(entry, name)) == digest
            continue
        if digest is None:
            why = f"holds {name}, which its manifest does not list"
        else:
            try:
                same = sha256(read_entry_bytes(entry, f"{label}/{name}")) == digest
            except ContentError as error:
                why = f"{name} {error.problems[0].message}"
            else:
                if same:
                    continue
                why = f"{name} was changed after import-pcs wrote it"
        return None, [Problem(label, "", f"does not match its import manifest: {why}{refused}")]
    listed.pop(SNAPSHOT_NAME, None)
    listed.pop(SEARCH_NAME, None)
    if listed:
        missing = sorted(listed)[0]
        return None, [
            Problem(label, "", f"does not match its import manifest: {missing} is missing{refused}")
        ]
    return manifest._replace(snapshot=derived[SNAPSHOT_NAME], search=derived[SEARCH_NAME]), []


def origin_problems(document: Document, origin: Origin) -> tuple[Document | None, list[Problem]]:
    """Return what a folder of that origin may keep of a document, and what it may not say."""
    name, kind = document.name, document.kind
    if origin is Origin.LOCAL and kind in OFFICIAL_KINDS:
        message = (
            f"{kind} files state CMS facts, which come only from a folder that "
            "`sacroref import-pcs` wrote; not loaded"
        )
        return None, [Problem(name, "kind", message)]
    if origin is Origin.IMPORT and kind not in IMPORT_KINDS:
        return None, [Problem(name, "kind", f"an import-pcs folder holds no {kind} files")]
    if origin is not Origin.LOCAL or kind != "sources":
        return document, []
    problems = []
    data = dict(document.data)
    if data.pop("pcs_fiscal_year", None) is not None:
        problems.append(
            Problem(name, "pcs_fiscal_year", "only an import-pcs folder sets the edition; ignored")
        )
    entries = []
    for index, declared in enumerate(data.get("sources", [])):
        entry = declared
        if entry["kind"] != "local":
            problems.append(
                Problem(
                    name,
                    f"sources[{index}].kind",
                    f"local content names only local sources; {entry['kind']!r} is shown as local",
                )
            )
            entry = {**entry, "kind": "local"}
        entries.append(entry)
    data["sources"] = entries
    return document._replace(data=data), problems
