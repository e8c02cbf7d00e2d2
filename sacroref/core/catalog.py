"""The loaded content: every code, definition, page and search aid, looked up by code."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple, Protocol

from sacroref.core.model import (
    ApproachDefinition,
    BodyPartDefinition,
    CodeSystem,
    CptPage,
    DecisionCard,
    DeviceDefinition,
    EditionChanges,
    IndexTerm,
    OperationDefinition,
    PcsCode,
    PcsTable,
    PcsUpdate,
    QuizCase,
    Source,
    Synonym,
    TitleRules,
    TourStep,
)
from sacroref.core.pcs import PcsAxes, title_code


class LocalNote(NamedTuple):
    """An organisation's own note on a code, from local content."""

    code: str
    title: str
    text: str
    source: str
    local: str = ""  # the local folder it came from; empty for bundled content


DeviceKey = Mapping[tuple[str, str, str | None], DeviceDefinition]


def device_key_entry(devices: DeviceKey, table: PcsTable, label: str) -> DeviceDefinition | None:
    """Return the Device Key entry of a device in a table: for its body system, else general.

    The one Device Key look-up (CMS keys some devices per body system, others for all).
    """
    section = table.section.code
    return devices.get((section, label, table.body_system.label)) or devices.get(
        (section, label, None)
    )


#: The tables a sacral coder works in, shown and ranked first: every sacrum table, insertion
#: into the pelvic bones, pelvic fixation in Section X and sacroiliac fusion.
SACRAL_TABLES = ("0Q?1", "0QH2", "0QH3", "XNH6", "XNH7", "0SG7", "0SG8")
_SACRAL = re.compile("|".join(pattern.replace("?", ".") for pattern in SACRAL_TABLES))


def is_sacral_table(table_key: str) -> bool:
    """Return whether a four-character table key is one of the sacral tables."""
    return _SACRAL.fullmatch(table_key) is not None


def prefix_range(ordered: Sequence[str], prefix: str) -> tuple[int, int]:
    """Return where the strings starting with ``prefix`` lie in a sorted sequence."""
    start = bisect.bisect_left(ordered, prefix)
    return start, bisect.bisect_left(ordered, prefix + "\x7f", start)


class LazyTable(Protocol):
    """A snapshot's table, made when first called, which tells its codes without being made."""

    def __call__(self) -> PcsTable: ...
    def has_code(self, code: str) -> bool: ...


class PcsCodes(Mapping[str, PcsCode]):
    """Every PCS code of the loaded tables, titled table by table when first asked for.

    Only the rows are kept up front: titling all 79,115 codes of the whole code set
    takes seconds and hundreds of MiB, and a coder looks at a handful of tables.
    """

    def __init__(self, rules: TitleRules | None = None) -> None:
        self.rules = rules or TitleRules()
        self._tables: dict[str, list[tuple[PcsTable, frozenset[str]]]] = {}
        #: A snapshot's tables by prefix, until first asked for: each a call that makes it once.
        self._unmade: dict[str, list[LazyTable]] = {}
        #: Three-character prefix -> its table keys, as a dict kept in the order added: a
        #: snapshot adds them sorted, so sorting them all takes one pass (0.3 ms, not 2).
        self._keys: dict[str, dict[str, None]] = {}
        self._titled: dict[str, dict[str, PcsCode]] = {}
        self._rows: dict[str, list[tuple[frozenset[str], tuple[str, ...]]]] = {}  # see has_code
        self._sorted_keys: list[str] | None = None
        self._count = 0

    def add_table(self, table: PcsTable, skipped: frozenset[str], count: int) -> None:
        """Add a table's rows; ``skipped`` codes were already defined by another table."""
        prefix = table.prefix
        self._group(prefix)  # a snapshot's tables of the prefix come first, as they were added
        self._tables.setdefault(prefix, []).append((table, skipped))
        self._keys.setdefault(prefix, {}).update(
            dict.fromkeys(prefix + value.code for row in table.rows for value in row.body_parts)
        )
        self._count += count
        self._sorted_keys = None
        for made in (self._titled, self._rows):  # made before this table joined its prefix
            for key in [key for key in made if key.startswith(prefix)]:
                del made[key]

    def add_unmade(self, table: LazyTable, prefix: str, count: int, keys: Iterable[str]) -> None:
        """Add a table of an import's snapshot, made when its prefix is first asked for (its
        import found it free of codes given twice)."""
        self._unmade.setdefault(prefix, []).append(table)
        self._keys.setdefault(prefix, {}).update(dict.fromkeys(keys))
        self._count += count
        self._sorted_keys = None

    def _group(self, prefix: str) -> list[tuple[PcsTable, frozenset[str]]]:
        unmade = self._unmade.pop(prefix, None)
        if unmade is not None:
            self._tables.setdefault(prefix, []).extend((table(), frozenset()) for table in unmade)
        return self._tables.get(prefix, [])

    def table_keys(self) -> list[str]:
        """Return every four-character table key, such as ``0QP1``, sorted."""
        return list(self._sorted())

    def _sorted(self) -> list[str]:
        if self._sorted_keys is None:
            self._sorted_keys = sorted(key for keys in self._keys.values() for key in keys)
        return self._sorted_keys

    def sacral_table_keys(self) -> list[str]:
        """Return the sacral tables' keys, sorted (looked for only where they can be)."""
        keys = self._sorted()
        found: set[str] = set()
        for pattern in SACRAL_TABLES:
            start, end = prefix_range(keys, pattern.split("?")[0])
            found.update(filter(is_sacral_table, keys[start:end]))
        return sorted(found)

    def sections(self) -> list[str]:
        """Return the sections (first characters) having a table other than the sacral ones."""
        return sorted(
            {
                prefix[0]
                for prefix, keys in self._keys.items()
                if not all(map(is_sacral_table, keys))
            }
        )

    def table_count(self) -> int:
        """Return how many tables (three characters, as CMS counts them) are loaded."""
        return len(self._tables.keys() | self._unmade.keys())

    def table_keys_with(self, prefix: str) -> list[str]:
        """Return the table keys starting with ``prefix`` (such as a body system, ``0Q``)."""
        keys = self._sorted()  # not copied: the tree asks once per section and body system
        start, end = prefix_range(keys, prefix)
        return keys[start:end]

    def tables_for(self, table_key: str) -> list[PcsTable]:
        """Return the tables whose rows give codes under a table key or prefix."""
        return [table for table, _ in self._group(table_key[:3])]

    def defining_tables(self, prefix: str) -> dict[str, PcsTable]:
        """Return each code the tables of a prefix give, with the table giving it."""
        return {code: table for table, _ in self._group(prefix) for code in table.code_strings()}

    def entries(self, table_key: str) -> Iterator[tuple[str, PcsTable, PcsAxes]]:
        """Yield each code of a table key once, with its table and axis values, untitled.

        A code another table defined first is left out; a code a table repeats, kept once.
        """
        seen: set[str] = set()
        for table, skipped in self._group(table_key[:3]):
            for code, values in table.entries(table_key[3:]):
                if code not in skipped and code not in seen:
                    seen.add(code)
                    yield code, table, values

    def in_table(self, table_key: str) -> dict[str, PcsCode]:
        """Return the titled codes of a four-character table key, in table order."""
        titled = self._titled.get(table_key)
        if titled is None:
            if table_key not in self._keys.get(table_key[:3], ()):
                return {}  # not loaded (yet): nothing is remembered
            titled = {
                code: title_code(table, values, self.rules)
                for code, table, values in self.entries(table_key)
            }
            self._titled[table_key] = titled
        return titled

    def long_titles(self) -> Iterator[tuple[str, str]]:
        """Yield every code with its long title, CMS's read as it is (no code made for it)."""
        for key in self.table_keys():
            for code, table, _values in self.entries(key):
                official = table.titles.get(code)
                yield code, official[1] if official else self[code].long_title

    def in_table_codes(self, table_key: str) -> list[str]:
        """Return the codes of a table key, untitled."""
        return [code for code, _, _ in self.entries(table_key)]

    def code_strings(self) -> Iterator[str]:
        """Yield every code without titling it, table key by table key."""
        for key in self.table_keys():
            for code, _, _ in self.entries(key):
                yield code

    def has_code(self, code: str) -> bool:
        """Return whether a PCS code is loaded: its values on one row of its table."""
        if len(code) != 7 or code[:4] not in self._keys.get(code[:3], ()):
            return False
        unmade = self._unmade.get(code[:3])
        if unmade and code[:3] not in self._tables:  # a snapshot's tables, not made for this
            return any(table.has_code(code) for table in unmade)
        rest = code[4:]
        return any(
            code not in skipped
            and all(char in values for char, values in zip(rest, axes, strict=True))
            for skipped, axes in self._rows_with(code[:4])
        )

    def _rows_with(self, table_key: str) -> list[tuple[frozenset[str], tuple[str, ...]]]:
        """Return the rows of a table key's body part, each as the characters of its last
        three axes (kept: the content's references ask a few hundred times at every start)."""
        found = self._rows.get(table_key)
        if found is None:
            body_part = table_key[3]
            found = self._rows[table_key] = [
                (skipped, tuple("".join(value.code for value in values) for values in row[1:]))
                for table, skipped in self._group(table_key[:3])
                for row in table.rows
                if any(value.code == body_part for value in row.body_parts)
            ]
        return found

    def __getitem__(self, code: str) -> PcsCode:
        return self.in_table(code[:4])[code]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.in_table(code[:4])

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for key in self.table_keys():
            yield from self.in_table(key)


def normalize_code(text: str) -> str:
    """Return a code typed any way (``0qp1-34z``, `` 0201t``) as sacroref stores it."""
    return "".join(char for char in text.upper() if char.isalnum())


class Catalog:
    """Everything loaded, with lookups; built by the loader, which fills it in."""

    def __init__(self) -> None:
        self._tables: list[PcsTable | Callable[[], PcsTable]] = []  # a snapshot's: made when asked
        self.pcs_codes = PcsCodes()
        self.cpt_pages: dict[str, CptPage] = {}
        self.operations: dict[tuple[str, str], OperationDefinition] = {}
        self.approaches: dict[tuple[str, str], ApproachDefinition] = {}
        self.devices: dict[tuple[str, str, str | None], DeviceDefinition] = {}
        self.body_parts: dict[tuple[str, str], BodyPartDefinition] = {}
        self._index_terms: list[IndexTerm] = []
        self._unread_terms: list[Callable[[], list[IndexTerm]]] = []  # made when asked for
        self.synonyms: list[Synonym] = []
        self.sources: dict[str, Source] = {}
        self.notes: dict[str, list[LocalNote]] = {}
        self.title_rules = TitleRules()
        self.tour_steps: list[TourStep] = []
        self.quiz_cases: list[QuizCase] = []
        self.decision_cards: list[DecisionCard] = []
        self.edition_changes: EditionChanges | None = None
        self.pcs_update: PcsUpdate | None = None
        #: The PCS word lists an import's snapshot holds (search/engine.py checks them).
        self.search_cache: object = None
        self.pcs_fiscal_year: int | None = None
        # Lookup tables built on first use (the catalog is filled in by the loader first).
        self._terms_by_target: dict[str, list[IndexTerm]] | None = None
        self._indexed_terms = 0

    @property
    def tables(self) -> list[PcsTable]:
        """Return every table in the order added (a snapshot's are made now, if not yet)."""
        return [table if isinstance(table, PcsTable) else table() for table in self._tables]

    def add_table(self, table: PcsTable | Callable[[], PcsTable]) -> None:
        """Add a table (its codes are added to ``pcs_codes`` apart, by the builder)."""
        self._tables.append(table)

    def lookup(self, text: str) -> PcsCode | CptPage | None:
        """Return the PCS code or CPT page for a code typed any way, or None."""
        code = normalize_code(text)
        return self.cpt_pages.get(code) or self.pcs_codes.get(code)

    def has_code(self, text: str) -> bool:
        """Return whether a code typed any way is loaded, without titling its table."""
        code = normalize_code(text)
        return code in self.cpt_pages or self.pcs_codes.has_code(code)

    def code_count(self) -> int:
        """Return how many codes are loaded, PCS and CPT together."""
        return len(self.pcs_codes) + len(self.cpt_pages)

    def all_codes(self) -> Iterator[tuple[str, CodeSystem, str]]:
        """Yield every code with its system and title, PCS first in table order."""
        for code, title in self.pcs_codes.long_titles():
            yield code, CodeSystem.PCS, title
        for page in self.cpt_pages.values():
            yield page.code, CodeSystem.CPT, page.display_name

    def code_strings(self) -> Iterator[str]:
        """Yield every code, PCS then CPT, without titling any."""
        yield from self.pcs_codes.code_strings()
        yield from self.cpt_pages

    def approach_definition(self, code: PcsCode) -> ApproachDefinition | None:
        """Return the CMS definition of a code's approach."""
        return self.approaches.get((code.table.section.code, code.approach.label))

    def device_definition(self, code: PcsCode) -> DeviceDefinition | None:
        """Return the Device Key entry of a code's device, specific to its body system first."""
        return self.device_entry(code.table, code.device.label)

    def device_entry(self, table: PcsTable, label: str) -> DeviceDefinition | None:
        """Return the Device Key entry of a device label in a table, body system first."""
        return device_key_entry(self.devices, table, label)

    def operation_definition(self, code: PcsCode) -> OperationDefinition | None:
        """Return the CMS definition of a code's root operation."""
        return self.operations.get((code.table.section.code, code.table.operation.label))

    def body_part_definition(self, code: PcsCode) -> BodyPartDefinition | None:
        """Return the Body Part Key entry of a code's body part."""
        return self.body_parts.get((code.table.section.code, code.body_part.label))

    def codes_in_table(self, table_key: str) -> list[PcsCode]:
        """Return the codes of a four-character table key such as ``0QP1``, in table order."""
        return list(self.pcs_codes.in_table(table_key).values())

    def neighbours(self, code: PcsCode) -> list[PcsCode]:
        """Return the other codes of the table that differ only by approach or device."""
        return [
            other
            for other in self.codes_in_table(code.code[:4])
            if other.code != code.code
            and other.qualifier.code == code.qualifier.code
            and (other.approach.code == code.approach.code or other.device.code == code.device.code)
        ]

    def add_index_terms(self, terms: Callable[[], list[IndexTerm]]) -> None:
        """Add Alphabetic Index terms, made by ``terms`` the first time they are asked for."""
        self._unread_terms.append(terms)

    @property
    def index_terms(self) -> list[IndexTerm]:
        """Return the Alphabetic Index terms (the whole code set has 14,934, made on first use:
        a search index read from a snapshot never asks for them)."""
        if self._unread_terms:
            unread, self._unread_terms = self._unread_terms, []
            for terms in unread:
                self._index_terms += terms()
        return self._index_terms

    def index_terms_for(self, code: str) -> list[IndexTerm]:
        """Return the Alphabetic Index entries that lead to a code or its table."""
        if self._terms_by_target is None or self._indexed_terms != len(self.index_terms):
            grouped: dict[str, list[IndexTerm]] = {}
            for term in self.index_terms:
                grouped.setdefault(term.target, []).append(term)
            self._terms_by_target, self._indexed_terms = grouped, len(self.index_terms)
        found: list[IndexTerm] = []
        for length in range(1, min(len(code), 7) + 1):
            found += self._terms_by_target.get(code[:length], [])
        return found

    def source_title(self, source_id: str | None, local: str = "") -> str:
        """Return the readable title of a source id.

        For ``local`` content only a local source's title is given: a CMS or sacroref title
        never stands beside text an organisation wrote.
        """
        if source_id is None:
            return "not provided"
        source = self.sources.get(source_id)
        if local and (source is None or source.kind != "local"):
            return f"local content in {local}"
        return source.title if source else source_id
