"""Who may say what: official data only from a verified import, local content always local.

A folder ``sacroref import-pcs`` writes carries a manifest (``import-manifest.toml``) with
its edition, the checksums of the CMS files it was made from, and the checksum of every
file it wrote. Such a folder is official only while it matches its manifest exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core.content import schema as s
from sacroref.core.content.import_files import (
    FoundFile,
    ReadAhead,
    files_below,
    read_hashed,
)
from sacroref.core.content.kinds import Document
from sacroref.core.content.problems import ContentError, Problem
from sacroref.core.content.reader import Origin, parse_toml, read_entry_bytes
from sacroref.core.content.snapshot import (
    SEARCH_NAME,
    SNAPSHOT_NAME,
    snapshot_documents,
    unpack_search,
)

if TYPE_CHECKING:
    from sacroref.resources import Traversable

MANIFEST_NAME = "import-manifest.toml"
#: 2: the files as "sha256 size name" lines; 3: as "blake2b size name" lines (BLAKE2b-256)
MANIFEST_FORMAT = 3
#: Kinds that state CMS facts: tables, titles, definitions and keys, the index, changes.
#: ("pcs-tables": a snapshot's tables as one document; no file can be of that kind.)
OFFICIAL_KINDS = frozenset(
    {
        "pcs-table",
        "pcs-tables",
        "pcs-titles",
        "pcs-definitions",
        "pcs-index",
        "pcs-changes",
        "pcs-update",
    }
)
IMPORT_KINDS = OFFICIAL_KINDS | {"sources"}
_ENTRY = s.record(
    {
        "name": s.Field(s.text()),
        "sha256": s.Field(s.text()),
        "size": s.Field(s.whole_number(minimum=0), required=False),
    }
)
_DIGEST = re.compile(r"[0-9a-f]{64}")


def _file_lines(value: Any, path: str) -> list[tuple[str, str]]:
    """Check the files a manifest lists: a text of "digest size name" lines (formats 2 and
    3) or, as format 1 wrote them, an array of tables."""
    if not isinstance(value, str):
        return s.array(_ENTRY, non_empty=True)(value, path)
    problems = []
    for number, line in enumerate(value.splitlines(), 1):
        parts = line.split(" ", 2)
        if len(parts) != 3 or not _DIGEST.fullmatch(parts[0]) or not parts[1].isdigit():
            expected = "expected 'digest size name' (64 hex digits, bytes, name)"
            problems.append((f"{path} line {number}", expected))
    if not value.strip():
        problems.append((path, "must not be empty"))
    return problems


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
        # One line a file: a text is read in a fraction of the time an array of tables takes.
        "files": s.Field(_file_lines),
        # Packed for a standalone build: the TOML it lists is left out, its snapshot holds it.
        "packed": s.Field(s.boolean(), required=False),
    }
)


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


def blake2b(data: bytes) -> str:
    """Return the hex BLAKE2b-256 of bytes, as a format 3 manifest lists its files.

    Python's own BLAKE2b hashes three times as fast as its own SHA-256, and the snapshot and
    word lists, 2.6 MiB, are hashed at every start (docs/startup.md).
    """
    try:
        from _blake2 import blake2b as builtin
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b as builtin
    return str(builtin(data, digest_size=32).hexdigest())


class ImportManifest(NamedTuple):
    """What an import folder says of itself."""

    edition: int
    inputs: tuple[tuple[str, str, str], ...]  # role, file name, sha256
    files: dict[str, str]  # relative name -> its digest (``digest``'s)
    #: The documents of its snapshot, when that is there, matches and is readable here.
    snapshot: tuple[Document, ...] | None = None
    search: str = ""  # the digest listed for its search word lists, when they are there
    sizes: Mapping[str, int] = MappingProxyType({})  # relative name -> size, where listed
    packed: bool = False  # its TOML was left out: only the snapshot holds the content
    digest: Callable[[bytes], str] = sha256  # how its files are listed: by format


def manifest_text(
    edition: int,
    inputs: Sequence[tuple[str, str, str]],
    files: dict[str, bytes],
    *,
    packed: Sequence[str] = (),
) -> str:
    """Return the manifest of an import: its edition, its CMS inputs, and every file written.

    ``packed`` names files listed but left out of the folder (a standalone build's), whose
    content the snapshot holds.
    """

    import json  # only an import writes a manifest

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    if any("'" in name or not name.isprintable() for name in files):
        raise ValueError("a file name with a quote or a control character cannot be listed")
    lines = [
        "# Written by `sacroref import-pcs`: what this folder was made from, and every file",
        "# it holds. A folder that does not match it is not loaded.",
        'kind = "pcs-import"',
        f"format = {MANIFEST_FORMAT}",
        f"edition = {edition}",
        *(["packed = true"] if packed else []),
        *([] if inputs else ["inputs = []"]),
        "# Every file written: its BLAKE2b-256 digest, its size in bytes, its name.",
        "files = '''",  # a literal string: read by one search for its end
        *(f"{blake2b(files[name])} {len(files[name])} {name}" for name in sorted(files)),
        "'''",
        "",
    ]
    for role, name, digest in inputs:
        lines += ["[[inputs]]", f"role = {q(role)}", f"name = {q(name)}", f'sha256 = "{digest}"']
        lines.append("")
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


def read_manifest(
    folder: Traversable, label: str, parsed: Mapping[str, Any] = MappingProxyType({})
) -> ImportManifest:
    """Return an import folder's manifest; raise ContentError when it is missing or malformed.

    ``parsed``: TOML already parsed, by the digest of its bytes (the bundled files' cache).
    """
    name = f"{label}/{MANIFEST_NAME}"
    raw = read_entry_bytes(folder / MANIFEST_NAME, name)
    data: Any = parsed.get(blake2b(raw)) if parsed else None
    if data is None:
        data = parse_toml(name, raw)
    found = _MANIFEST(data, "")
    if found:
        raise ContentError([Problem(name, key, message) for key, message in found])
    listed = data["files"]
    if isinstance(listed, str):
        entries = [line.split(" ", 2) for line in listed.splitlines()]
        files = {name: digest for digest, _, name in entries}
        sizes = {name: int(size) for _, size, name in entries}
    else:
        files = {entry["name"]: entry["sha256"] for entry in listed}
        sizes = {entry["name"]: entry["size"] for entry in listed if "size" in entry}
    return ImportManifest(
        data["edition"],
        tuple((i["role"], i["name"], i["sha256"]) for i in data["inputs"]),
        files,
        sizes=sizes,
        packed=data.get("packed", False),
        digest=blake2b if data["format"] >= 3 else sha256,
    )


def verify_import(
    folder: Traversable,
    label: str,
    parsed: Mapping[str, Any] = MappingProxyType({}),
    ahead: ReadAhead | None = None,
) -> tuple[ImportManifest | None, list[Problem]]:
    """Return the manifest of a folder that matches it exactly, or None and why not
    (``parsed``: as ``read_manifest`` takes it; ``ahead``: its large files, read ahead)."""
    refused = "; the folder is not loaded"
    try:
        manifest = read_manifest(folder, label, parsed)
        return _match(folder, label, manifest, refused, ahead)
    except ContentError as error:
        return None, [p._replace(message=p.message + refused) for p in error.problems]
    except OSError as error:
        return None, [Problem(label, "", f"cannot be read ({error.strerror}){refused}")]


def _match(
    folder: Traversable,
    label: str,
    manifest: ImportManifest,
    refused: str,
    ahead: ReadAhead | None = None,
) -> tuple[ImportManifest | None, list[Problem]]:
    """Match a folder to its manifest.

    When the snapshot matches and can be read, it is what is shown: the TOML it was made
    from is then checked by its listed size, not read and hashed (on the whole code set,
    a third of a second at every start). Without a usable snapshot every file is hashed.
    """
    listed = dict(manifest.files)
    found = dict(files_below(folder))
    found.pop(MANIFEST_NAME, None)
    documents = _listed_snapshot(found, listed, label, manifest.digest, ahead)
    # The word lists are hashed when the index reads them (read once, not twice).
    search, there = listed.pop(SEARCH_NAME, ""), found.pop(SEARCH_NAME, None) is not None
    if manifest.packed and documents is None:
        why = "its snapshot, which holds its tables, cannot be read by this sacroref"
        return None, [Problem(label, "", f"does not match its import manifest: {why}{refused}")]
    for name, file in found.items():
        digest = listed.pop(name, None)
        if digest is None:
            why = f"holds {name}, which its manifest does not list"
        else:
            try:
                same = _same(file, name, f"{label}/{name}", manifest, documents)
            except ContentError as error:
                why = f"{name} {error.problems[0].message}"
            else:
                if same:
                    continue
                why = f"{name} was changed after import-pcs wrote it"
        return None, [Problem(label, "", f"does not match its import manifest: {why}{refused}")]
    if listed and not manifest.packed:
        missing = sorted(listed)[0]
        return None, [
            Problem(label, "", f"does not match its import manifest: {missing} is missing{refused}")
        ]
    return manifest._replace(snapshot=documents, search=search if there else ""), []


def _listed_snapshot(
    found: dict[str, FoundFile],
    listed: dict[str, str],
    label: str,
    hashed: Callable[[bytes], str],
    ahead: ReadAhead | None,
) -> tuple[Document, ...] | None:
    """Return the documents of a folder's snapshot when it matches its manifest and this
    sacroref can read it; a snapshot that does not is not used, nothing more."""
    file, digest = found.pop(SNAPSHOT_NAME, None), listed.pop(SNAPSHOT_NAME, None)
    if not file or not digest:
        return None
    read = read_hashed(file.opened(), SNAPSHOT_NAME, hashed, ahead)
    if read is None or read.digest != digest:
        return None
    documents = snapshot_documents(read.data, label, read.prepared)
    return None if documents is None else tuple(documents)


def read_search_lists(
    folder: Traversable, manifest: ImportManifest, ahead: ReadAhead | None = None
) -> Any:
    """Return a verified folder's search word lists when they still match the digest its
    manifest lists and this sacroref can use them; otherwise None."""
    read = read_hashed(folder / SEARCH_NAME, SEARCH_NAME, manifest.digest, ahead)
    if read is None or read.digest != manifest.search:
        return None
    return read.prepared if read.prepared is not None else unpack_search(read.data)


def _same(
    found: FoundFile,
    name: str,
    shown: str,
    manifest: ImportManifest,
    snapshot: tuple[Document, ...] | None,
) -> bool:
    """Return whether a listed file (``name`` in its folder, ``shown`` in messages) is as
    written: by its size when the snapshot is shown instead of it (a link or special file
    never is), else by its digest."""
    size = manifest.sizes.get(name)
    if snapshot is not None and size is not None and isinstance(found.entry, str):
        return found.size == size
    return manifest.digest(read_entry_bytes(found.opened(), shown)) == manifest.files[name]


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
