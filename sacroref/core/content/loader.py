"""Loads content, whole or in slices after the first paint; never raises for bad content."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core.catalog import Catalog
from sacroref.core.content.builder import Builder
from sacroref.core.content.import_files import ReadAhead
from sacroref.core.content.kinds import Document, check_document
from sacroref.core.content.parsed_cache import parsed_cache_bytes, read_parsed_cache
from sacroref.core.content.problems import ContentError, Problem
from sacroref.core.content.provenance import (
    MANIFEST_NAME,
    ImportManifest,
    blake2b,
    claims_to_be_import,
    origin_problems,
    read_search_lists,
    verify_import,
)
from sacroref.core.content.reader import Folder, Origin, parse_toml, read_folders
from sacroref.core.content.snapshot import SEARCH_NAME, SNAPSHOT_NAME, inflated_snapshot

if TYPE_CHECKING:
    from sacroref.resources import Traversable


class LoadResult(NamedTuple):
    """The catalog of everything valid, and every problem with what was not.

    With ``pending``, the content is not read yet: the catalog fills in as ``pending`` is
    stepped through.
    """

    catalog: Catalog
    problems: tuple[Problem, ...]
    pending: PendingContent | None = None


#: Below the bundled resources: the CMS import, read as one, not as hand-written files.
BUNDLED_SKIP = frozenset({"cms"})
#: Read at every start besides the hand-written files; their parsed cache keeps it parsed.
BUNDLED_MANIFEST = f"cms/{MANIFEST_NAME}"

#: How long a slice of loading may hold the event loop: long enough that its turns between
#: slices cost little, short enough that a keystroke meanwhile waits no longer than this.
SLICE_SECONDS = 0.01


class PendingContent:
    """Content still to read, parsed in slices after the window's first paint.

    Nothing of it is opened before then: the whole code set's 914 tables take most of a
    second to parse, and even the bundled files cost more than the rest of the start-up.
    The catalog fills in as the slices are stepped through. Import folders are checked
    against their manifests first: a verified one replaces the bundled CMS import.
    """

    def __init__(self, extra_dirs: Sequence[Path], include_bundled: bool = True) -> None:
        self.catalog = Catalog()
        self.problems: list[Problem] = []  # found in the pending content, once done
        self._steps: Iterator[None] | None = self._run(list(extra_dirs), include_bundled)
        self._ahead: ReadAhead | None = None

    @property
    def done(self) -> bool:
        """Return whether every pending file has been parsed and checked."""
        return self._steps is None

    def step(self) -> bool:
        """Parse the next slice of files (for about ``SLICE_SECONDS``); return whether
        everything is loaded."""
        until = time.perf_counter() + SLICE_SECONDS
        while self._steps is not None:
            if next(self._steps, StopIteration) is StopIteration:
                self._steps = None
            elif time.perf_counter() >= until:
                break
        return self._steps is None

    def finish(self) -> None:
        """Parse whatever is still pending."""
        while not self.step():
            pass

    def _folders(
        self, extra_dirs: list[Path], include_bundled: bool, problems: list[Problem]
    ) -> list[Folder]:
        imports, local = [], []
        for folder in extra_dirs:
            if claims_to_be_import(folder):
                manifest, found = verify_import(folder, str(folder), ahead=self._ahead)
                problems += found
                if manifest is not None:
                    imports.append(_import_folder(folder, str(folder), manifest, self._ahead))
            else:
                local.append(Folder(folder, str(folder), origin=Origin.LOCAL))
        folders = []
        if include_bundled:
            from sacroref.resources import content_root

            root = content_root()
            cache = read_parsed_cache(root, "resources", BUNDLED_SKIP)  # else TOML is parsed
            folders.append(Folder(root, "resources", BUNDLED_SKIP, Origin.BUNDLED, cache.documents))
            if not imports:
                cms, ahead = root / "cms", self._ahead
                manifest, found = verify_import(cms, "resources/cms", cache.parsed, ahead)
                problems += found
                if manifest is not None:
                    folders.append(_import_folder(cms, "resources/cms", manifest, ahead))
        return folders + imports + local

    def _run(
        self, extra_dirs: list[Path], include_bundled: bool, per_step: int = 20
    ) -> Iterator[None]:
        # The large files of the import to be used, read on a second core meanwhile.
        self._ahead = _read_ahead(extra_dirs, include_bundled)
        builder = Builder(self.catalog)
        problems: list[Problem] = []
        folders = self._folders(extra_dirs, include_bundled, problems)
        yield
        for number, (document, found, folder) in enumerate(read_folders(folders), 1):
            problems += found
            if document is not None:
                kept, refused = origin_problems(document, folder.origin)
                problems += refused
                if kept is not None:
                    builder.add(kept, folder.label if folder.origin is Origin.LOCAL else "")
            if number % per_step == 0:
                yield
        builder.derive_codes()
        builder.check_references()
        self.problems = problems + builder.problems
        imports = [folder for folder in folders if folder.origin is Origin.IMPORT]
        if len(imports) == 1:  # its word lists hold every table: the index may use them
            self.catalog.search_cache = imports[0].search


def bundled_parsed_cache(root: Traversable) -> bytes:
    """Return the parsed cache of a bundled resources folder, of the files the loader reads
    from it (raise ContentError listing every problem): what ``resources/parsed.bin`` holds."""
    return parsed_cache_bytes(root, "resources", BUNDLED_SKIP, [BUNDLED_MANIFEST])


def _import_folder(
    root: Traversable, label: str, manifest: ImportManifest, ahead: ReadAhead | None
) -> Folder:
    """Return a verified import folder to read: from its snapshot when that is good."""
    documents = manifest.snapshot
    skip = frozenset({MANIFEST_NAME, SNAPSHOT_NAME, SEARCH_NAME})
    search = (lambda: read_search_lists(root, manifest, ahead)) if manifest.search else None
    return Folder(root, label, skip, Origin.IMPORT, documents, search)


def _read_ahead(extra_dirs: Sequence[Path], include_bundled: bool) -> ReadAhead | None:
    """Start reading the large files of the import folder the content will use first."""
    folder: Traversable | None = next(
        (folder for folder in extra_dirs if claims_to_be_import(folder)), None
    )
    if folder is None and include_bundled:
        from sacroref.resources import content_root

        folder = content_root() / "cms"
    if not isinstance(folder, Path):
        return None
    from sacroref.core.search.codespace import prepared_search_lists

    prepare = {SNAPSHOT_NAME: inflated_snapshot, SEARCH_NAME: prepared_search_lists}
    return ReadAhead(folder, prepare, blake2b)


def content_folder_problem(folder: Path) -> Problem | None:
    """Return why a folder given for content cannot be read as one, or None when it can."""
    if os.path.isdir(folder):
        return None
    if os.path.lexists(folder):
        return Problem(str(folder), "", "is a file, not a content folder")
    return Problem(str(folder), "", "content folder does not exist")


def load_content(
    extra_dirs: Sequence[Path] = (), *, include_bundled: bool = True, staged: bool = False
) -> LoadResult:
    """Load the bundled content and any extra folders; never raises for bad content.

    One way to build a catalog: ``staged`` returns before reading anything, leaving every
    file in ``pending`` to be parsed after the window's first paint; otherwise the same
    slices are run at once.
    """
    problems = [found for folder in extra_dirs if (found := content_folder_problem(folder))]
    readable = [folder for folder in extra_dirs if os.path.isdir(folder)]
    pending = PendingContent(readable, include_bundled)
    if staged:
        return LoadResult(pending.catalog, tuple(problems), pending)
    pending.finish()
    return LoadResult(pending.catalog, tuple(problems + pending.problems))


def load_documents(files: Sequence[tuple[str, bytes]]) -> Catalog:
    """Load in-memory files alone; raise ContentError listing every problem, if any."""
    parsed: list[tuple[str, dict[str, Any]]] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            parsed.append((name, parse_toml(name, data)))
        except ContentError as error:
            problems += error.problems
    return load_parsed(parsed, problems)


def load_parsed(
    files: Sequence[tuple[str, dict[str, Any]]], earlier: Sequence[Problem] = ()
) -> Catalog:
    """Load already-parsed documents alone; raise ContentError listing every problem, if any."""
    documents: list[Document] = []
    problems = list(earlier)
    for name, data in files:
        document, found = check_document(name, data)
        problems += found
        if document is not None:
            documents.append(document)
    catalog, conflicts = build_catalog(documents)
    problems += conflicts
    if problems:
        raise ContentError(problems)
    return catalog


def build_catalog(documents: Sequence[Document]) -> tuple[Catalog, list[Problem]]:
    """Build the catalog from checked documents; return it with every conflict found."""
    builder = Builder()
    order = {"sources": 0, "pcs-titles": 1}
    for document in sorted(documents, key=lambda d: order.get(d.kind, 2)):
        builder.add(document)
    builder.derive_codes()
    builder.check_references()
    return builder.catalog, builder.problems
