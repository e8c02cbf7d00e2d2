"""Loads content, whole or in slices after the first paint; never raises for bad content."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sacroref.core.catalog import Catalog
from sacroref.core.content.builder import Builder, build_catalog
from sacroref.core.content.kinds import Document, check_document
from sacroref.core.content.problems import ContentError, Problem
from sacroref.core.content.reader import Folder, is_import_folder, parse_toml, read_folders


class LoadResult(NamedTuple):
    """The catalog of everything valid, and every problem with what was not.

    With ``pending``, the content is not read yet: the catalog fills in as ``pending`` is
    stepped through.
    """

    catalog: Catalog
    problems: tuple[Problem, ...]
    pending: PendingContent | None = None


class PendingContent:
    """Content still to read, parsed in slices after the window's first paint.

    Nothing of it is opened before then: the whole code set's 914 tables take most of a
    second to parse, and even the bundled files cost more than the rest of the start-up.
    The catalog fills in as the slices are stepped through.
    """

    def __init__(self, folders: list[Folder]) -> None:
        self.catalog = Catalog()
        self.problems: list[Problem] = []  # found in the pending content, once done
        self._steps: Iterator[None] | None = self._run(folders)

    @property
    def done(self) -> bool:
        """Return whether every pending file has been parsed and checked."""
        return self._steps is None

    def step(self) -> bool:
        """Parse the next slice of files (about 20); return whether everything is loaded."""
        if self._steps is not None and next(self._steps, StopIteration) is StopIteration:
            self._steps = None
        return self._steps is None

    def finish(self) -> None:
        """Parse whatever is still pending."""
        while not self.step():
            pass

    def _run(self, folders: list[Folder], per_step: int = 20) -> Iterator[None]:
        builder = Builder(self.catalog)
        problems: list[Problem] = []
        for number, (document, found) in enumerate(read_folders(folders), 1):
            problems += found
            if document is not None:
                builder.add(document)
            if number % per_step == 0:
                yield
        builder.derive_codes()
        builder.check_references()
        self.problems = problems + builder.problems


def load_content(
    extra_dirs: Sequence[Path] = (), *, include_bundled: bool = True, staged: bool = False
) -> LoadResult:
    """Load the bundled content and any extra folders; never raises for bad content.

    ``staged`` reads nothing yet: every file is left in ``pending``, to be parsed after the
    window's first paint.
    """
    from sacroref.resources import content_root

    problems: list[Problem] = []
    folders: list[Folder] = []
    # A folder written by `import-pcs` (such as the whole code set) replaces the bundled
    # CMS import instead of clashing with it; hand-written content stays.
    replaces_cms = any(is_import_folder(folder) for folder in extra_dirs)
    if include_bundled:
        folders.append(
            (content_root(), "resources", frozenset({"cms"}) if replaces_cms else frozenset())
        )
    for folder in extra_dirs:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "", "content folder does not exist"))
            continue
        folders.append((folder, str(folder), frozenset()))
    if staged:
        pending = PendingContent(folders)
        return LoadResult(pending.catalog, tuple(problems), pending)
    documents: list[Document] = []
    for document, found in read_folders(folders):
        problems += found
        if document is not None:
            documents.append(document)
    catalog, conflicts = build_catalog(documents)
    return LoadResult(catalog, tuple(problems + conflicts))


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
