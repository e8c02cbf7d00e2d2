"""Immutable records for ICD-10-PCS tables and codes and for CPT code pages.

The records are typing.NamedTuple classes rather than frozen dataclasses: they are as
immutable and typed, and Python makes one in about a tenth of the time (0.1 ms against
0.8 ms), which counts twenty-odd times over before the window's first paint. For the same
reason this module does without ``from __future__ import annotations``: typing compiles
every annotation given as a string, and the module took 4.6 ms to import instead of 2.7.
"""

import itertools
from collections.abc import Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import NamedTuple

#: Characters a PCS code may use: digits and letters, except I and O.
PCS_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")

#: Axis names of positions 1 to 7 in the Medical and Surgical section.
PCS_AXIS_NAMES = (
    "Section",
    "Body System",
    "Root Operation",
    "Body Part",
    "Approach",
    "Device",
    "Qualifier",
)


#: The default of a record's mapping field: empty, and read-only as the record is.
_NO_ENTRIES: Mapping[str, str] = MappingProxyType({})


#: The ids of the CMS sources an import names (resources/cms/sources.toml).
CMS_TABLES = "cms-pcs-tables"
CMS_DEFINITIONS = "cms-pcs-definitions"
CMS_INDEX = "cms-pcs-index"
CMS_TITLES = "cms-pcs-titles"
CMS_UPDATE = "cms-pcs-update"


def is_cpt_code(code: str) -> bool:
    """Return whether a code has the form of a CPT code (four digits, then a digit or letter)."""
    return (
        len(code) == 5
        and code[:4].isdigit()
        and code.isascii()
        and code[4].isalnum()
        and (code[4].isdigit() or code[4].isupper())
    )


class CodeSystem(str, Enum):
    """The code set a code belongs to."""

    PCS = "ICD-10-PCS"
    CPT = "CPT"


class Source(NamedTuple):
    """Where a piece of content comes from."""

    id: str
    title: str
    kind: str  # "seed", "cms", "editorial" or "local"
    location: str = ""


class AxisValue(NamedTuple):
    """One value of a PCS axis: its character and its official label."""

    code: str
    label: str


class PcsRow(NamedTuple):
    """One row of a PCS table: every combination of its values is a valid code."""

    body_parts: tuple[AxisValue, ...]
    approaches: tuple[AxisValue, ...]
    devices: tuple[AxisValue, ...]
    qualifiers: tuple[AxisValue, ...]

    def code_count(self) -> int:
        """Return how many codes the row yields."""
        return (
            len(self.body_parts) * len(self.approaches) * len(self.devices) * len(self.qualifiers)
        )


class PcsTable(NamedTuple):
    """A PCS table: axes 1 to 3 fixed, rows listing the valid values of axes 4 to 7."""

    section: AxisValue
    body_system: AxisValue
    operation: AxisValue
    rows: tuple[PcsRow, ...]
    source: str
    file: str = ""
    heading: str = ""  # CMS's heading of the table, from the order file
    #: CMS's titles of the table's codes, (short, long); short is "" where CMS gave none.
    titles: Mapping[str, tuple[str, str]] = MappingProxyType({})

    @property
    def prefix(self) -> str:
        """Return the first three characters every code in the table shares."""
        return self.section.code + self.body_system.code + self.operation.code

    def entries(
        self, body_part: str | None = None
    ) -> Iterator[tuple[str, tuple[AxisValue, AxisValue, AxisValue, AxisValue]]]:
        """Yield every code of the table with its four axis values, row by row, untitled.

        The one enumeration of a table's codes; ``body_part`` keeps that body part's only.
        """
        prefix = self.prefix
        for row in self.rows:
            parts = [v for v in row.body_parts if body_part is None or v.code == body_part]
            for values in itertools.product(parts, row.approaches, row.devices, row.qualifiers):
                yield prefix + "".join(value.code for value in values), values

    def code_strings(self) -> Iterator[str]:
        """Yield every 7-character code of the table, row by row, without titles."""
        for code, _values in self.entries():
            yield code


class PcsCode(NamedTuple):
    """A valid 7-character ICD-10-PCS code with its official titles."""

    code: str
    table: PcsTable
    body_part: AxisValue
    approach: AxisValue
    device: AxisValue
    qualifier: AxisValue
    long_title: str
    short_title: str | None
    derived: bool = False  # the titles were made by sacroref's templates, not CMS's

    @property
    def axis_values(self) -> tuple[AxisValue, ...]:
        """Return the seven axis values in code order."""
        table = self.table
        return (
            table.section,
            table.body_system,
            table.operation,
            self.body_part,
            self.approach,
            self.device,
            self.qualifier,
        )

    @property
    def table_key(self) -> str:
        """Return the four-character table-and-body-part key, such as ``0QP1``."""
        return self.code[:4]


class OperationDefinition(NamedTuple):
    """CMS definition of a root operation."""

    section: str
    label: str
    definition: str
    explanation: str | None
    includes: tuple[str, ...]


class ApproachDefinition(NamedTuple):
    """CMS definition of an approach."""

    section: str
    label: str
    definition: str


class DeviceDefinition(NamedTuple):
    """CMS Device Key entry: a device value and the terms it includes.

    CMS publishes no definition sentence for device values, only "includes" terms.
    """

    section: str
    label: str
    body_system: str | None
    includes: tuple[str, ...]


class BodyPartDefinition(NamedTuple):
    """CMS Body Part Key entry: a body part value and the terms it includes."""

    section: str
    label: str
    includes: tuple[str, ...]


class IndexTerm(NamedTuple):
    """An Alphabetic Index path that leads to a table or a code."""

    path: tuple[str, ...]
    target: str


class Section(NamedTuple):
    """One section of a CPT page, with its source; empty when not provided."""

    key: str
    title: str
    sources: tuple[str, ...] = ()
    text: str | None = None
    items: tuple[str, ...] = ()
    inferred: str | None = None  # why the content is inferred rather than stated

    @property
    def provided(self) -> bool:
        """Return whether the section has any content."""
        return bool(self.text or self.items)


class Modifier(NamedTuple):
    """A modifier that applies to a CPT code, with our note on its use."""

    code: str
    name: str
    note: str
    source: str
    allowed: bool = True


class Indicator(NamedTuple):
    """A payment or edit indicator and its value."""

    name: str
    value: str
    meaning: str | None
    source: str


class HistoryEntry(NamedTuple):
    """A dated change in a code's history."""

    date: str
    action: str
    note: str
    source: str


class RelatedCode(NamedTuple):
    """A code a coder should look at beside this one."""

    code: str
    relation: str
    source: str
    inferred: bool = False
    note: str = ""


#: The fixed order and headings of a CPT page's prose sections.
class DecisionCard(NamedTuple):
    """A short card for a choice coders get wrong, in sacroref's words from CMS's definitions."""

    id: str
    title: str
    points: tuple[str, ...]
    codes: tuple[str, ...]  # the tables (four characters) and codes whose pages show it
    sources: tuple[str, ...]
    local: str = ""

    def applies_to(self, code: str) -> bool:
        """Return whether the card belongs on the page of a code or table."""
        return any(code.startswith(named) or named.startswith(code) for named in self.codes)


class CptPage(NamedTuple):
    """Everything sacroref knows about one CPT code; never the AMA descriptor."""

    code: str
    group: str
    name: str
    add_on: bool
    add_on_source: str
    sections: tuple[Section, ...]
    modifiers: tuple[Modifier, ...] = ()
    modifiers_source: str | None = None
    indicators: tuple[Indicator, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    related: tuple[RelatedCode, ...] = ()
    file: str = ""
    local: str = ""  # the local folder it came from; empty for bundled content

    @property
    def display_name(self) -> str:
        """Return the page's name as shown in lists, marked when it is local content."""
        return f"{self.name} [local content]" if self.local else self.name

    @property
    def tooltip(self) -> str:
        """Return the page's name with where it comes from, for hovering."""
        return f"Local content from {self.local}: {self.name}" if self.local else self.name

    def section(self, key: str) -> Section:
        """Return the section with the given key (an empty one when not provided)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


class Synonym(NamedTuple):
    """A coder's phrase and the search terms or codes it stands for."""

    phrase: str
    means: tuple[str, ...]
    source: str
    local: str = ""  # the local folder it came from; empty for bundled content


class TitleRules(NamedTuple):
    """Templates that build official PCS titles from axis labels."""

    long_templates: Mapping[str, str] = _NO_ENTRIES
    default_template: str = ""
    abbreviations: Mapping[str, str] = _NO_ENTRIES
    short_max_length: int = 60
    source: str = ""


class TourStep(NamedTuple):
    """One step of the guided tour: what to point at, what to say, and what to do."""

    title: str
    text: str
    target: str  # the objectName of the widget to highlight
    search: str | None = None
    select: str | None = None
    local: str = ""  # the local folder it came from; empty for bundled content
    anchor: str | None = None  # a heading of the selected page to scroll to


class QuizCase(NamedTuple):
    """A short clinical case and the code that answers it."""

    id: str
    prompt: str
    answer: str
    explanation: str
    source: str
    hints: Mapping[str, str] = _NO_ENTRIES
    local: str = ""  # the local folder it came from; empty for bundled content


class EditionChanges(NamedTuple):
    """Codes of the loaded tables added or deleted since the previous CMS edition."""

    from_year: int
    to_year: int
    added: frozenset[str]
    deleted: tuple[str, ...]
    source: str


class PcsUpdate(NamedTuple):
    """A mid-year CMS update: the codes it adds and deletes, and whether the tables hold it."""

    name: str  # "April 1, 2026 update"
    added: tuple[tuple[str, str], ...]  # code, long title
    deleted: tuple[tuple[str, str], ...]
    source: str
    applied: bool = False  # its tables addenda were applied to the tables
