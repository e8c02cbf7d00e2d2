"""An import snapshot's tables: numbers into shared axis values, made into tables when read.

The whole code set's 914 tables repeat a few thousand axis values and value lists in their
2,733 rows. The snapshot keeps each value and each list once and each table as a short
record of numbers into them, so reading it makes one object per value and per list, and a
table only when it is first asked for: no dictionaries of TOML to walk (docs/startup.md).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

from sacroref.core.model import AxisValue, PcsRow, PcsTable

_new = tuple.__new__

#: A table row's axes, in the order of ``PcsRow``'s fields.
ROW_AXES = ("body_part", "approach", "device", "qualifier")

#: (source, section, body system, operation, operation definition, heading, rows, titles,
#: code count, table keys, prefix): axis values and definitions as numbers, each row four
#: list numbers, titles as (offset, size) or None; the rest as the catalog needs them.
TableRecord = tuple[
    str, int, int, int, int, str, tuple[tuple[int, ...], ...], Any, int, tuple[str, ...], str
]


class TableEncoder:
    """Numbers every distinct axis value and value list of the tables given to it."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], int] = {}
        self._lists: dict[tuple[str, tuple[int, ...]], int] = {}
        self._definitions: dict[str, int] = {}  # a root operation's, repeated table by table
        self._labels: dict[tuple[str, str], None] = {}  # every (axis, label), in first use order
        # What the builder checks once for all the tables (see ``made_tables``).
        self._sources: dict[str, str] = {}  # each source named -> the first file naming it
        self._titled = ""  # the first file with CMS titles
        self._operations: dict[tuple[str, str], str] = {}  # (section, operation) -> definition

    def _value(self, value: Mapping[str, str]) -> int:
        return self._values.setdefault((value["code"], value["label"]), len(self._values))

    def _list(self, axis: str, values: Mapping[str, str]) -> int:
        numbers = tuple(self._values.setdefault(pair, len(self._values)) for pair in values.items())
        self._labels.update(((axis, label), None) for label in values.values())
        return self._lists.setdefault((axis, numbers), len(self._lists))

    def record(
        self, name: str, data: Mapping[str, Any], titles: tuple[int, int] | None
    ) -> TableRecord:
        """Return a checked table document's data as a record (titles: where they lie)."""
        self._sources.setdefault(data["source"], name)
        self._titled = self._titled or (name if titles else "")
        operation = (data["section"]["code"], data["operation"]["label"])
        if not self._operations.get(operation):
            self._operations[operation] = data["operation"].get("definition", "")
        rows = tuple(
            tuple(self._list(axis, row[axis]) for axis in ROW_AXES) for row in data["rows"]
        )
        prefix = data["section"]["code"] + data["body_system"]["code"] + data["operation"]["code"]
        count = sum(math.prod(len(row[axis]) for axis in ROW_AXES) for row in data["rows"])
        keys = sorted({prefix + code for row in data["rows"] for code in row["body_part"]})
        return (
            data["source"],
            self._value(data["section"]),
            self._value(data["body_system"]),
            self._value(data["operation"]),
            self._definitions.setdefault(
                data["operation"].get("definition", ""), len(self._definitions)
            ),
            data.get("heading", ""),
            rows,
            titles,
            count,
            tuple(keys),
            prefix,
        )

    def shared(self) -> tuple[Any, ...]:
        """Return every value, list, definition and (axis, label), in numbered order, and
        what the builder checks once for all the tables."""
        numbered = (self._values, self._lists, self._definitions, self._labels)
        checked = (tuple(self._sources.items()), self._titled, tuple(self._operations.items()))
        return (*(tuple(each) for each in numbered), checked)


class TableMaker:
    """Makes tables from their records, every value and every list one shared object."""

    def __init__(self, shared: Any, titles: memoryview) -> None:
        self._raw_values, self._raw_lists, self.definitions, self._labels, self.checked = shared
        # Each value and list is made when a table first needs it: most tables are never made.
        self._values: list[AxisValue | None] = [None] * len(self._raw_values)
        self._lists: list[tuple[AxisValue, ...] | None] = [None] * len(self._raw_lists)
        self._list_characters: dict[int, str] = {}  # each list's value codes, as has_code asks
        self._rows_by_part: dict[str, dict[str, list[tuple[str, ...]]]] = {}  # see has_code
        self._titles = titles

    def _value(self, number: int) -> AxisValue:
        made = self._values[number]
        if made is None:
            # tuple.__new__ makes the record without a Python-level call.
            made = self._values[number] = _new(AxisValue, self._raw_values[number])
        return made

    def _characters(self, number: int) -> str:
        made = self._list_characters.get(number)
        if made is None:
            made = "".join(self._raw_values[value][0] for value in self._raw_lists[number][1])
            self._list_characters[number] = made
        return made

    def has_code(self, record: TableRecord, code: str) -> bool:
        """Return whether a code of the record's prefix is one of its table's, without
        making the table (the content's references ask at every start)."""
        rows = self._rows_by_part.get(record[10])
        if rows is None:  # the table's rows by body part, each as its last three axes' codes
            rows = self._rows_by_part[record[10]] = {}
            for row in record[6]:
                axes = tuple(map(self._characters, row[1:]))
                for body_part in self._characters(row[0]):
                    rows.setdefault(body_part, []).append(axes)
        rest = code[4:]
        return any(
            all(char in axis for char, axis in zip(rest, axes, strict=True))
            for axes in rows.get(code[3], ())
        )

    def _list(self, number: int) -> tuple[AxisValue, ...]:
        made = self._lists[number]
        if made is None:
            made = self._lists[number] = tuple(map(self._value, self._raw_lists[number][1]))
        return made

    def labels(self) -> set[tuple[str, str]]:
        """Return every (axis, label) the tables use, for the synonyms' meanings."""
        return set(self._labels)

    def table(self, record: TableRecord, file: str) -> PcsTable:
        """Return the table of a record, read from ``file``."""
        _, section, body_system, operation, _, heading, rows, titles, _, _, _ = record
        lists, value = self._list, self._value
        return _new(
            PcsTable,
            (
                value(section),
                value(body_system),
                value(operation),
                tuple([_new(PcsRow, map(lists, row)) for row in rows]),
                record[0],
                file,
                heading,
                PackedTitles(self._titles[titles[0] : titles[0] + titles[1]]) if titles else {},
            ),
        )


class UnmadeTable:
    """A table of an import's snapshot, made the first time it is asked for: most of the
    whole code set's 914 tables are never opened (docs/startup.md). Whether a code is one
    of its codes is answered without making it."""

    __slots__ = ("_made", "_make", "has_code")

    def __init__(self, make: Callable[[], PcsTable], has_code: Callable[[str], bool]) -> None:
        self._make = make
        self._made: PcsTable | None = None
        self.has_code = has_code

    def __call__(self) -> PcsTable:
        if self._made is None:
            self._made = self._make()
        return self._made


def made_tables(maker: TableMaker, label: str) -> dict[str, Any]:
    """Return the data of a snapshot's ``pcs-tables`` document (its folder shown as
    ``label``), with no table yet: add each with ``add_made_table``."""
    sources, titled, operations = maker.checked
    return {
        "tables": [],  # each as (UnmadeTable, prefix, code count, table keys)
        "sources": {source: f"{label}/{name}" for source, name in sources},
        "titled": f"{label}/{titled}" if titled else "",
        "operations": dict(operations),  # (section, root operation) -> definition, "" if none
        "labels": maker.labels,  # every (axis, label), made when a synonym's meaning asks
    }


def add_made_table(
    tables: dict[str, Any], maker: TableMaker, record: TableRecord, file: str
) -> None:
    """Add a snapshot's table to its ``pcs-tables`` document's data, to be made when first
    asked for (what the catalog needs before then is in the record)."""
    unmade = UnmadeTable(partial(maker.table, record, file), partial(maker.has_code, record))
    tables["tables"].append((unmade, record[10], record[8], record[9]))


def pack_titles(titles: Mapping[str, Sequence[str]]) -> bytes:
    """Return a table's titles ({code: [short, long]}) as one compressed text, a line a code;
    raise ValueError for a title holding a tab or a line break (CMS's never do)."""
    lines = []
    for code, pair in sorted(titles.items()):
        line = f"{code}\t{pair[0]}\t{pair[-1]}"
        if line.count("\t") != 2 or "\n" in line or "\r" in line:
            raise ValueError(f"the title of {code} holds a tab or a line break")
        lines.append(line)
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


def _fields(line: str) -> tuple[str, str, str]:
    code, short, long = line.split("\t")
    return code, short, long


class PackedTitles(Mapping[str, tuple[str, str]]):
    """A table's CMS titles (short, long) by code, unpacked the first time one is asked for:
    most tables of the whole code set are never opened."""

    __slots__ = ("_packed", "_titles")

    def __init__(self, packed: bytes | memoryview) -> None:
        self._packed = packed
        self._titles: dict[str, tuple[str, str]] | None = None

    def _unpacked(self) -> dict[str, tuple[str, str]]:
        if self._titles is None:
            lines = zlib.decompress(self._packed).decode("utf-8").split("\n")
            self._titles = {code: (short, long) for code, short, long in map(_fields, lines)}
        return self._titles

    def __getitem__(self, code: str) -> tuple[str, str]:
        return self._unpacked()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())

    def __bool__(self) -> bool:
        return bool(self._packed)
