"""The index's word lists, built table by table from axis labels, keys and index terms."""

from __future__ import annotations

import re

from sacroref.core.catalog import Catalog, prefix_range
from sacroref.core.model import PcsTable
from sacroref.core.pcs import EMPTY_LABELS, PcsAxes, template_for, title_body_part
from sacroref.core.search.codespace import words
from sacroref.core.search.forms import FORMS, STOP_WORDS, stem

#: A key of the index that names an axis value ("\x01device:internal fixation device"):
#: typed words never start with it, so only a synonym's meaning reaches it.
AXIS_KEY = "\x01"
_ALIASES: dict[str, list[str]] = {}
for _form, _word in FORMS.items():
    _ALIASES.setdefault(_word, []).append(_form)


def _key_words(term: str) -> list[str]:
    """Return the words of a Device or Body Part Key term worth a search: brand fragments of
    one or two letters ("Ex-PRESS", "E/X") would make short words match unrelated codes."""
    return [word for word in words(term) if len(word) > 2]


def axis_key(axis: str, label: str) -> str:
    """Return the index key of one axis value, by the axis's name and the value's label."""
    return f"{AXIS_KEY}{axis}:{label.lower()}"


def index_words(found: set[str]) -> set[str]:
    """Return what words are indexed under: each word, its stem and its known other forms."""
    keys: set[str] = set()
    for word in found:
        if word in STOP_WORDS:
            continue
        keys.add(word)
        keys.add(stem(word))
        keys.update(_ALIASES.get(word, ()))
    return keys


_PLACEHOLDER = re.compile(r"\{\w+\}")


class LabelWords:
    """The words a code's title and Device/Body Part Key give it, per axis label."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._rules = catalog.title_rules
        self._cache: dict[tuple[str, ...], frozenset[str]] = {}

    def _spoken(self, label: str) -> set[str]:
        found = set(words(label))
        short = self._rules.abbreviations.get(label)
        if short:
            found.update(words(short))
        return found

    def table(self, table: PcsTable) -> frozenset[str]:
        """Return the words every code of a table has: the root operation, the words of its
        title template, and the examples CMS says the operation includes."""
        template = template_for(self._rules, table)
        key = ("table", table.section.code, table.operation.label, template)
        if key not in self._cache:
            found = self._spoken(table.operation.label) | set(
                words(_PLACEHOLDER.sub(" ", template))
            )
            operation = self._catalog.operations.get((table.section.code, table.operation.label))
            for example in operation.includes if operation else ():
                found.update(words(example))
            self._cache[key] = frozenset(
                index_words(found) | {axis_key("operation", table.operation.label)}
            )
        return self._cache[key]

    def axis(self, table: PcsTable, axis: str, label: str) -> frozenset[str]:
        """Return the words one axis value gives a code of a table."""
        key = (axis, table.section.code, table.body_system.label, label)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: set[str] = set()
        catalog = self._catalog
        section = table.section.code
        if axis == "body_part":
            found = self._spoken(label) | self._spoken(title_body_part(label))
            body_part = catalog.body_parts.get((section, label))
            for term in body_part.includes if body_part else ():
                found.update(_key_words(term))
        elif axis == "device":
            if label not in EMPTY_LABELS:
                found = self._spoken(label)
            device = catalog.device_entry(table, label)
            for term in device.includes if device else ():
                found.update(_key_words(term))
        else:  # approach; the qualifier's label is searchable even when titles omit it
            found = self._spoken(label)
        self._cache[key] = frozenset(index_words(found) | {axis_key(axis, label)})
        return self._cache[key]


_AXIS_NAMES = ("body_part", "approach", "device", "qualifier")


def table_words(
    words_of: LabelWords,
    codes: list[tuple[str, PcsTable, PcsAxes]],
    terms: list[tuple[str, list[str]]],
) -> dict[str, int]:
    """Return each word's bit set within one table (bit i: the table's i-th sorted code)."""
    # Keyed by id(): hashing a frozen table would hash all of its rows, for every code.
    tables: dict[int, PcsTable] = {}
    by_value: dict[tuple[int, str, str], int] = {}
    by_table: dict[int, int] = {}
    for index, (_, table, values) in enumerate(codes):
        bit = 1 << index
        tables[id(table)] = table
        by_table[id(table)] = by_table.get(id(table), 0) | bit
        for axis, value in zip(_AXIS_NAMES, values, strict=True):
            keyed = (id(table), axis, value.label)
            by_value[keyed] = by_value.get(keyed, 0) | bit
    local: dict[str, int] = {}
    for table_id, mask in by_table.items():
        for word in words_of.table(tables[table_id]):
            local[word] = local.get(word, 0) | mask
    for (table_id, axis, label), mask in by_value.items():
        for word in words_of.axis(tables[table_id], axis, label):
            local[word] = local.get(word, 0) | mask
    for index, (code, table, _) in enumerate(codes):
        # CMS's own words for a code (its short title's "Jt", "Perc Endo"), beyond the labels.
        official = table.titles.get(code)
        if official:
            bit = 1 << index
            for word in index_words(set(words(f"{official[0]} {official[1]}"))):
                local[word] = local.get(word, 0) | bit
    code_list = [code for code, _, _ in codes]
    for target, term_words in terms:
        start, end = prefix_range(code_list, target)
        mask = ((1 << (end - start)) - 1) << start
        for word in index_words(set(term_words)):
            local[word] = local.get(word, 0) | mask
    return local


def terms_by_table(
    catalog: Catalog, table_keys: list[str]
) -> dict[str, list[tuple[str, list[str]]]]:
    """Return the Alphabetic Index terms per table key, with the code prefix they lead to."""
    found: dict[str, list[tuple[str, list[str]]]] = {key: [] for key in table_keys}
    for term in catalog.index_terms:
        term_words = words(" ".join(term.path))
        target = term.target
        if len(target) >= 4:
            if target[:4] in found:
                found[target[:4]].append((target, term_words))
            continue
        start, end = prefix_range(table_keys, target)
        for key in table_keys[start:end]:
            found[key].append((key, term_words))
    return found


def find_run(haystack: list[str], needle: tuple[str, ...]) -> int | None:
    for start in range(len(haystack) - len(needle) + 1):
        if tuple(haystack[start : start + len(needle)]) == needle:
            return start
    return None


def query_words(query: str) -> list[str]:
    """Return the words of a query that say something (joining words left out)."""
    found = words(query)
    kept = [word for word in found if word not in STOP_WORDS]
    return kept or found
