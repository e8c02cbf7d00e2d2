"""The ``sacroref`` command: the window by default, and code look-ups, checks and imports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sacroref import CONTENT_EDITION, __version__

if TYPE_CHECKING:
    from sacroref.core.catalog import Catalog


#: C0 and C1 controls (but tab and newline) and the bidirectional overrides: a terminal acts
#: on them, so content and file names could rewrite or disguise what `check` and `show` say.
_UNSAFE = {
    *range(0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _UNSAFE}


def terminal_safe(text: str) -> str:
    """Return text with every character a terminal would act on shown as an escape."""
    return text.translate(_ESCAPES)


def _out(text: str = "", *, error: bool = False) -> None:
    """Print a line of output (to stderr with ``error``), escaped for the terminal."""
    print(terminal_safe(text), file=sys.stderr if error else sys.stdout)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, never a usage dump or traceback."""

    given: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self.given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        # `--content A B show …` reads B as the command
        if message.startswith("argument COMMAND: invalid choice") and "--content" in self.given:
            message += "; give --content once for each folder"
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog.split()[0]} --help)\n")


class _VersionAction(argparse.Action):
    """Print the version, the content edition and, past its end, what is in force now."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from sacroref.core.edition import bundled_edition

        lines = [f"sacroref {__version__} ({CONTENT_EDITION})"]
        edition = bundled_edition()
        if edition is not None:
            lines.append(edition.validity())
            if warning := edition.warning():
                lines.append(f"Warning: {warning}")
        print("\n".join(lines))
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = _Parser(
        prog="sacroref",
        description="Offline quick reference for coding sacral procedures "
        "(ICD-10-PCS and CPT). With no command, opens the window.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and the edition"
    )
    parser.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        action="append",
        default=[],
        help="add a folder of local TOML content on top of the bundled content; give "
        "--content again for each further folder",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="load everything, build the window offscreen, search, render; exit 0 when all works",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window and start the guided tour (for trainers)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("codes", help="print every code: code, system, title (tab-separated)")
    show = commands.add_parser("show", help="print everything about a code")
    show.add_argument("code")
    explain = commands.add_parser(
        "explain", help="explain a PCS code, full or partial, character by character"
    )
    explain.add_argument("code")
    check = commands.add_parser(
        "check", help="validate content folders (bundled content when none are given)"
    )
    check.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    search = commands.add_parser("search", help="print the codes a search finds")
    search.add_argument("query", nargs="+")
    imp = commands.add_parser("import-pcs", help="import ICD-10-PCS tables from CMS XML files")
    imp.add_argument("--tables", type=Path, required=True, metavar="TABLES.xml")
    imp.add_argument("--definitions", type=Path, required=True, metavar="DEFINITIONS.xml")
    imp.add_argument("--index", type=Path, metavar="INDEX.xml")
    imp.add_argument(
        "--order",
        type=Path,
        metavar="ORDER.txt",
        help="CMS's order file (icd10pcs_order_YYYY.txt): every code's short and long title",
    )
    imp.add_argument(
        "--codes",
        type=Path,
        metavar="CODES.txt",
        help="CMS's codes file: long titles, for codes the order file lacks",
    )
    imp.add_argument(
        "--update-addenda",
        type=Path,
        metavar="CODES_ADDENDA.txt",
        help="a mid-year update's codes addenda: recorded (not applied) so coders know of it",
    )
    imp.add_argument(
        "--addenda",
        type=Path,
        metavar="TABLES_ADDENDA.txt",
        help="a mid-year update's tables addenda: applied to the tables (the update's release)",
    )
    imp.add_argument(
        "--update-name", default="April 1 update", help="the update's name, for coders"
    )
    imp.add_argument(
        "--previous",
        type=Path,
        metavar="OLD_TABLES.xml",
        help="last year's tables: records which codes are new in this edition",
    )
    imp.add_argument(
        "--select",
        nargs="+",
        required=True,
        metavar="PATTERN",
        help="0QP (a table), 0QP1 (table and body part), '0Q?1' or '*'",
    )
    imp.add_argument("--out", type=Path, required=True, metavar="DIR")
    diff = commands.add_parser(
        "diff-editions", help="codes added, deleted and retitled between two CMS tables files"
    )
    diff.add_argument("old", type=Path, metavar="OLD_TABLES.xml")
    diff.add_argument("new", type=Path, metavar="NEW_TABLES.xml")
    diff.add_argument("--select", nargs="+", default=[], metavar="PATTERN")
    diff.add_argument("--tsv", action="store_true", help="print TSV instead of text")
    return parser


def _folder_errors(content: Sequence[Path]) -> list[str]:
    """Return a line for each --content folder that cannot be read as one."""
    from sacroref.core.content.loader import content_folder_problem

    return [str(found) for folder in content if (found := content_folder_problem(folder))]


def _load(content: Sequence[Path]) -> tuple[Catalog, int]:
    from sacroref.core.content.loader import load_content

    result = load_content(content)
    for problem in result.problems:
        _out(f"sacroref: content problem: {problem}", error=True)
    return result.catalog, len(result.problems)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped to `head`
        return 0
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "import-pcs":
        return _import(args)
    if args.command == "diff-editions":
        return _diff(args)
    if args.command == "check":
        return _check(args.content + args.dirs)
    if args.command is None:
        from sacroref.ui.app import run_app

        return run_app(args.content, self_test=args.self_test, demo=args.demo)
    if errors := _folder_errors(args.content):
        for error in errors:
            _out(f"sacroref: --content {error}", error=True)
        return 2
    catalog, _ = _load(args.content)
    if args.command == "codes":  # 79,115 lines for the whole code set: written at once
        lines = (
            f"{code}\t{system.value}\t{title}\n" for code, system, title in catalog.all_codes()
        )
        sys.stdout.write(terminal_safe("".join(lines)))
        return 0
    if args.command == "show":
        return _show(catalog, args.code)
    if args.command == "explain":
        return _explain(catalog, args.code)
    return _search(catalog, " ".join(args.query))


def _show(catalog: Catalog, typed: str) -> int:
    from sacroref.core.document import to_text
    from sacroref.core.pages.common import DISCLAIMER
    from sacroref.core.pages.nodes import code_document

    document = code_document(catalog, typed)
    if document is None:
        _out(f"sacroref: unknown code {typed!r}; try 'sacroref search {typed}'", error=True)
        return 1
    sys.stdout.write(terminal_safe(to_text(document)))
    _out(f"\n{DISCLAIMER}")
    return 0


def _explain(catalog: Catalog, typed: str) -> int:
    from sacroref.core.explain import explain

    explanation = explain(catalog, typed)
    for char in explanation.characters:
        _out(f"{char.position}  {char.axis:<15} {char.value}  {char.meaning}")
    if explanation.error:
        _out(f"sacroref: {explanation.error}", error=True)
        if explanation.choices:
            listed = ", ".join(f"{v.code} ({v.label})" for v in explanation.choices)
            _out(f"valid choices there: {listed}", error=True)
        return 1
    found = catalog.pcs_codes.get(explanation.code)
    if found is not None:
        _out(f"\n{found.code}: {found.long_title}")
    else:
        _out(f"\npartial code {explanation.code}: {7 - len(explanation.code)} character(s) to go")
        if explanation.choices:
            listed = ", ".join(f"{v.code} ({v.label})" for v in explanation.choices)
            _out(f"next, one of: {listed}")
    return 0


def _search(catalog: Catalog, query: str) -> int:
    from sacroref.core.model import CodeSystem, PcsCode
    from sacroref.core.search.engine import SearchEngine

    result = SearchEngine(catalog).search(query)
    for code in result.first_codes(result.count):
        found = catalog.lookup(code)
        if isinstance(found, PcsCode):
            _out(f"{code}\t{CodeSystem.PCS.value}\t{found.long_title}")
        elif found is not None:
            _out(f"{code}\t{CodeSystem.CPT.value}\t{found.display_name}")
    if not result.count:
        hint = f"; closest: {', '.join(result.suggestions)}" if result.suggestions else ""
        _out(f"sacroref: no match for {query!r}{hint}", error=True)
        return 1
    return 0


def _check(dirs: Sequence[Path]) -> int:
    _, problems = _load(dirs)
    if problems:
        _out(f"sacroref: {problems} problem(s) found", error=True)
        return 1
    _out("sacroref: content is clean")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from sacroref.cms.editions import diff_editions, diff_text, diff_tsv
    from sacroref.cms.xml_files import CmsFileError
    from sacroref.core.content.loader import load_content

    rules = load_content().catalog.title_rules
    try:
        diff = diff_editions(args.old, args.new, args.select, rules)
    except CmsFileError as error:
        _out(f"sacroref: diff failed: {error}", error=True)
        return 1
    if args.select and diff.old_count == diff.new_count == 0:
        _out(
            f"sacroref: diff failed: --select {' '.join(args.select)} matches no table "
            f"in {args.old.name} or {args.new.name}",
            error=True,
        )
        return 1
    sys.stdout.write(terminal_safe(diff_tsv(diff) if args.tsv else diff_text(diff)))
    return 0


def _import(args: argparse.Namespace) -> int:
    from sacroref.cms.importer import PcsImportError, run_import

    try:
        summary = run_import(
            args.tables,
            args.definitions,
            args.index,
            args.select,
            args.out,
            previous_file=args.previous,
            order_file=args.order,
            codes_file=args.codes,
            update=(args.update_addenda, args.update_name) if args.update_addenda else None,
            applied=(args.addenda, args.update_name) if args.addenda else None,
        )
    except PcsImportError as error:
        _out(f"sacroref: import failed: {error}", error=True)
        return 1
    _out(
        f"sacroref: imported {summary.tables} table(s), {summary.codes} codes, "
        f"{summary.index_terms} index terms into {summary.out}"
    )
    if args.order or args.codes:
        _out(
            f"sacroref: {summary.codes - summary.derived} codes titled by CMS's files; "
            f"{summary.derived} with no title there, shown as derived by sacroref"
        )
        _out(
            f"sacroref: cross-check: {len(summary.disagreeing)} CMS title(s) differ from "
            "sacroref's title templates"
        )
        for code, official, derived in summary.disagreeing[:5]:
            _out(f"  {code}: CMS {official!r}; templates {derived!r}")
    if summary.order_check is not None:
        only_order, only_tables = summary.order_check
        _out(
            f"sacroref: against {args.order.name}: "
            + (
                f"{only_order} code(s) only there, {only_tables} only in the tables"
                if only_order or only_tables
                else "the same codes as the tables"
            )
        )
    if summary.applied is not None:
        _out(
            f"sacroref: {args.update_name} applied: {summary.applied[0]} code(s) added, "
            f"{summary.applied[1]} deleted"
        )
    return 0
