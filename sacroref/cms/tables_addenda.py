"""Reader for CMS's tables addenda: each table a mid-year update changed, whole, in words.

A table opens with ``No change: table 0 2 H`` (or the fiscal year, ``FY2026:``, when the table
is new) and its first three characters; each panel (a row) follows as ``FY2026: Fifth panel
of table 0 2 H`` (new or changed) or ``No change: …``, then one line a character: ``is value
M: Ventricular Septum`` or ``has 5 choices.`` and one ``… choice is value …`` line a choice.
Every panel of a listed table is listed, so the table as the update leaves it replaces the
release's; panels the update removed are simply not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from sacroref.cms.title_files import text_lines
from sacroref.cms.xml_files import CmsFileError, CmsTables
from sacroref.core.model import CMS_TABLES, PCS_ALPHABET, AxisValue, PcsRow, PcsTable

_TABLE = re.compile(r"(?P<mark>[^:]+): table (?P<key>\S \S \S)")
_PANEL = re.compile(r"(?P<mark>[^:]+): (?P<ordinal>[A-Za-z -]+) panel of table (?P<key>\S \S \S)")
_CHARACTER = re.compile(
    r"  (?P<position>[A-Za-z]+) character \([^)]*\) "
    r"(?:is value (?P<code>\S): (?P<label>.+)|has (?P<count>\d+) choices\.)"
)
_YEAR = re.compile(r"FY\d{4}")
_CHOICE = re.compile(r"    (?P<ordinal>[A-Za-z -]+) choice is value (?P<code>\S): (?P<label>.+)")
_POSITIONS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh")

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TENTHS = [tens[:-1] + "ieth" for tens in _TENS]  # twentieth, thirtieth, …
_CARDINAL_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def ordinal_number(words: str) -> int | None:
    """Return the number an ordinal in words names (``One hundred Twenty-first`` is 121)."""
    rest = words.lower().replace("-", " ").split()
    number = 0
    if len(rest) == 2 and rest[1] == "hundredth" and rest[0] in _CARDINAL_UNITS:
        return 100 * (_CARDINAL_UNITS.index(rest[0]) + 1)
    if len(rest) >= 3 and rest[1] == "hundred" and rest[0] in _CARDINAL_UNITS:
        number, rest = 100 * (_CARDINAL_UNITS.index(rest[0]) + 1), rest[2:]
    if len(rest) == 2 and rest[0] in _TENS and rest[1] in _UNITS:
        return number + 10 * (_TENS.index(rest[0]) + 2) + _UNITS.index(rest[1]) + 1
    if len(rest) != 1:
        return None
    word = rest[0]
    if word in _UNITS:
        return number + _UNITS.index(word) + 1
    if word in _TEENS:
        return number + _TEENS.index(word) + 10
    return number + 10 * (_TENTHS.index(word) + 2) if word in _TENTHS else None


class TablesAddenda(NamedTuple):
    """The tables an update lists, whole, as it leaves them, and its root operations' meanings."""

    tables: tuple[PcsTable, ...]
    operation_definitions: dict[tuple[str, str], str]
    changed_panels: int  # panels marked new or changed
    fiscal_years: frozenset[str]  # the years new or changed tables and panels are marked with
    path: Path


class _Reader:
    """Walks the addenda's lines, one table and one panel at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.years: set[str] = set()
        self.lines = list(enumerate(text_lines(path), 1))
        self.at = 0

    def marked(self, number: int, mark: str) -> bool:
        """Return whether a table or panel is marked new or changed (with its fiscal year)."""
        if mark == "No change":
            return False
        if not _YEAR.fullmatch(mark):
            raise self.fail(number, f"{mark!r} is neither 'No change' nor a year such as FY2026")
        self.years.add(mark[2:])
        return True

    def fail(self, number: int, what: str) -> CmsFileError:
        return CmsFileError(f"{self.path}: line {number}: {what}")

    def next_line(self) -> tuple[int, str] | None:
        """Return the next line that is not blank."""
        while self.at < len(self.lines):
            number, line = self.lines[self.at]
            self.at += 1
            if line.strip():
                return number, line.rstrip()
        return None

    def peek(self) -> str:
        """Return the next line that is not blank, leaving it to be read."""
        at = self.at
        while at < len(self.lines) and not self.lines[at][1].strip():
            at += 1
        return self.lines[at][1] if at < len(self.lines) else ""

    def character(self, position: int) -> tuple[AxisValue, ...]:
        """Read one character's line (and its choices); return its values."""
        found = self.next_line()
        if found is None:
            raise CmsFileError(f"{self.path}: ends inside a table")
        number, line = found
        match = _CHARACTER.fullmatch(line)
        if match is None or match["position"] != _POSITIONS[position - 1]:
            raise self.fail(number, f"expected the {_POSITIONS[position - 1].lower()} character")
        if match["code"] is not None:
            return (self.value(number, match["code"], match["label"]),)
        values = []
        for expected in range(1, int(match["count"]) + 1):
            choice = self.next_line()
            if choice is None:
                raise CmsFileError(f"{self.path}: ends inside a list of choices")
            choice_number, choice_line = choice
            chosen = _CHOICE.fullmatch(choice_line)
            if chosen is None or ordinal_number(chosen["ordinal"]) != expected:
                raise self.fail(choice_number, f"expected choice {expected} of {match['count']}")
            values.append(self.value(choice_number, chosen["code"], chosen["label"]))
        if len({value.code for value in values}) != len(values):
            raise self.fail(number, "a character lists a value twice")
        return tuple(values)

    def value(self, number: int, code: str, label: str) -> AxisValue:
        if code not in PCS_ALPHABET:
            raise self.fail(number, f"{code!r} is not a character of the PCS alphabet")
        return AxisValue(code, label.strip())

    def tables(self) -> Iterator[tuple[str, PcsTable, str, int]]:
        """Yield each table with its operation's definition and its changed panels' count."""
        while (found := self.next_line()) is not None:
            number, line = found
            match = _TABLE.fullmatch(line)
            if match is None:
                raise self.fail(number, "expected a table (such as 'No change: table 0 2 H')")
            key = match["key"].replace(" ", "")
            self.marked(number, match["mark"])
            section, body_system = self.character(1)[0], self.character(2)[0]
            operation = self.character(3)[0]
            label, _, definition = operation.label.partition(": ")
            operation = AxisValue(operation.code, label)
            if section.code + body_system.code + operation.code != key:
                raise self.fail(number, f"table {key}'s characters say otherwise")
            rows, changed = self.panels(key)
            if not rows:
                raise self.fail(number, f"table {key} has no panel")
            table = PcsTable(section, body_system, operation, tuple(rows), source=CMS_TABLES)
            yield key, table, definition, changed

    def panels(self, key: str) -> tuple[list[PcsRow], int]:
        rows: list[PcsRow] = []
        changed = 0
        while (match := _PANEL.fullmatch(self.peek().rstrip())) is not None:
            number, _ = self.next_line() or (0, "")
            if match["key"].replace(" ", "") != key:
                raise self.fail(number, f"a panel of another table inside table {key}")
            ordinal = ordinal_number(match["ordinal"])
            if ordinal is None or ordinal <= len(rows):
                raise self.fail(number, f"panel {match['ordinal']!r} is out of order")
            changed += self.marked(number, match["mark"])
            rows.append(PcsRow(*(self.character(position) for position in (4, 5, 6, 7))))
        return rows, changed


def read_tables_addenda(path: Path) -> TablesAddenda:
    """Read a tables addenda file; raise CmsFileError naming the line that is not its layout."""
    reader = _Reader(path)
    tables: dict[str, PcsTable] = {}
    definitions: dict[tuple[str, str], str] = {}
    changed = 0
    for key, table, definition, table_changed in reader.tables():
        if key in tables:
            raise CmsFileError(f"{path}: table {key} is listed twice")
        tables[key] = table
        changed += table_changed
        if definition:
            definitions[(table.section.code, table.operation.label)] = definition
    if not tables:
        raise CmsFileError(f"{path}: lists no table")
    return TablesAddenda(
        tuple(tables.values()), definitions, changed, frozenset(reader.years), path
    )


def apply_tables_addenda(release: CmsTables, addenda: TablesAddenda) -> CmsTables:
    """Return the release with each table the addenda lists replaced by (or added as) its own;
    raise CmsFileError when the addenda changes another fiscal year's tables."""
    other = sorted(addenda.fiscal_years - {release.version})
    if other:
        raise CmsFileError(
            f"{addenda.path}: changes FY{other[0]} tables; the tables given are FY{release.version}"
        )
    replacing = {table.prefix: table for table in addenda.tables}
    tables = [replacing.pop(table.prefix, table) for table in release.tables]
    tables += replacing.values()  # tables the update adds, in the order it lists them
    tables.sort(key=lambda table: table.prefix)
    definitions = {**release.operation_definitions, **addenda.operation_definitions}
    return CmsTables(release.version, tuple(tables), definitions)
