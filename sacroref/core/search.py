"""One search engine for any amount of content: code prefixes, words, Device Key terms, synonyms.

Codes are numbered in sorted order, a set of codes is a Python int used as a bit set, and
every query is a few bisects plus big-int AND/OR, whatever the amount of content. The index
is built from table rows and axis labels, so no code has to be titled to be found.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from sacroref.core.catalog import Catalog
from sacroref.core.model import CodeSystem, PcsTable
from sacroref.core.pcs import EMPTY_LABELS, PcsAxes, template_for, title_body_part

_WORD = re.compile(r"[a-z0-9]+")
_PLACEHOLDER = re.compile(r"\{\w+\}")


def words(text: str) -> list[str]:
    """Return the lower-case words of a text; punctuation separates words."""
    return _WORD.findall(text.lower())


class CodeSpace:
    """Every code with its bit number: PCS codes sorted, then CPT codes sorted.

    Each four-character PCS table starts on a byte boundary, so a table's codes form one
    small int that is pasted into a word's bit set as bytes.
    """

    def __init__(self) -> None:
        self.codes: dict[CodeSystem, list[str]] = {CodeSystem.PCS: [], CodeSystem.CPT: []}
        self.bits: dict[CodeSystem, array[int]] = {
            CodeSystem.PCS: array("L"),
            CodeSystem.CPT: array("L"),
        }
        self.size = 0
        self.real = 0  # every bit that stands for a code, once finished
        self._ranges: dict[tuple[CodeSystem, str], tuple[int, int]] = {}
        self._runs = _Postings()

    def add(self, system: CodeSystem, codes: list[str]) -> int:
        """Number a table's sorted codes (after every earlier table's); return its first bit."""
        base = -(-self.size // 8) * 8
        self.codes[system] += codes
        self.bits[system].extend(range(base, base + len(codes)))
        self._runs.add_table(base, {"": (1 << len(codes)) - 1})
        self.size = base + len(codes)
        return base

    def finish(self) -> None:
        """Compute the set of real code bits once every table is numbered."""
        first, bits = self._runs.joined().get("", (0, 0))
        self.real = bits << (8 * first)

    def prefix_range(self, system: CodeSystem, prefix: str) -> tuple[int, int]:
        """Return the bits (low, high) spanned by the codes of a system starting with ``prefix``."""
        found = self._ranges.get((system, prefix))
        if found is None:
            codes = self.codes[system]
            start = bisect.bisect_left(codes, prefix)
            end = bisect.bisect_left(codes, prefix + "\x7f", start)
            bits = self.bits[system]
            found = (bits[start], bits[end - 1] + 1) if start < end else (0, 0)
            if len(self._ranges) < 100_000:  # tree rows ask again on every keystroke
                self._ranges[(system, prefix)] = found
        return found

    def prefix_mask(self, system: CodeSystem, prefix: str) -> int:
        """Return the bit set of the codes of a system starting with ``prefix``."""
        low, high = self.prefix_range(system, prefix)
        return ((1 << (high - low)) - 1) << low & self.real

    def bit_of(self, code: str) -> int | None:
        """Return the bit number of a code, or None when it is not loaded."""
        for system, codes in self.codes.items():
            at = bisect.bisect_left(codes, code)
            if at < len(codes) and codes[at] == code:
                return self.bits[system][at]
        return None

    def codes_in(self, mask: int) -> Iterator[str]:
        """Yield the codes of a bit set, PCS first, each in sorted order."""
        text = bin(mask)[:1:-1]  # text[i] is bit i
        bit = text.find("1")
        while bit >= 0:
            for system, bits in self.bits.items():
                at = bisect.bisect_left(bits, bit)
                if at < len(bits) and bits[at] == bit:
                    yield self.codes[system][at]
            bit = text.find("1", bit + 1)


@dataclass(frozen=True)
class SearchResult:
    """Which codes match a query (mask None: no filter), and close codes when nothing does."""

    query: str
    mask: int | None = None
    suggestions: tuple[str, ...] = ()
    space: CodeSpace | None = None

    @property
    def count(self) -> int:
        """Return how many codes match (0 for an empty query)."""
        return self.mask.bit_count() if self.mask is not None else 0

    @property
    def codes(self) -> frozenset[str] | None:
        """Return the matching codes (None for an empty query); lists every one of them."""
        if self.mask is None or self.space is None:
            return None
        return frozenset(self.space.codes_in(self.mask))

    def first_codes(self, limit: int) -> list[str]:
        """Return up to ``limit`` matching codes, in sorted order."""
        if self.mask is None or self.space is None:
            return []
        return list(itertools.islice(self.space.codes_in(self.mask), limit))

    def matches(self, code: str) -> bool:
        """Return whether a code is among the matches (every code for an empty query)."""
        if self.mask is None:
            return True
        bit = self.space.bit_of(code) if self.space else None
        return bit is not None and bool(self.mask >> bit & 1)

    def any_with_prefix(self, system: CodeSystem, prefix: str) -> bool:
        """Return whether any code of a system starting with ``prefix`` matches."""
        if self.mask is None:
            return True
        if self.space is None:
            return False
        low, high = self.space.prefix_range(system, prefix)
        return bool(self.mask >> low & ((1 << (high - low)) - 1))


def _as_bytes(mask: int) -> bytes:
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little")


class _Postings:
    """Bit sets per word, pasted as bytes table by table (each table starts on a byte).

    Pasting costs one pass over each word's bytes, where OR-ing shifted ints would
    cost one pass per table.
    """

    def __init__(self) -> None:
        self.parts: dict[str, tuple[int, bytearray]] = {}

    def add_table(self, base: int, local: dict[str, int]) -> None:
        """Add the bit sets of one table, whose bit 0 is code bit ``base``; in base order."""
        start = base // 8
        for word, mask in local.items():
            entry = self.parts.get(word)
            if entry is None:
                entry = self.parts[word] = (start, bytearray())
            first, buffer = entry
            gap = start - first - len(buffer)
            if gap > 0:
                buffer += bytes(gap)
            buffer += _as_bytes(mask)

    def joined(self) -> dict[str, tuple[int, int]]:
        """Return each word's bit set as (first byte, bits from that byte)."""
        return {
            word: (first, int.from_bytes(buffer, "little"))
            for word, (first, buffer) in self.parts.items()
        }


class SearchEngine:
    """An index of words to bit sets of codes; every lookup is bisects plus big-int algebra."""

    def __init__(self, catalog: Catalog, *, deferred: bool = False) -> None:
        self._pending: Iterator[float] | None = self._build_steps(catalog)
        if not deferred:
            self.finish()

    def build_step(self) -> bool:
        """Build one slice of a deferred index (about 200 tables); return whether it is done.

        The window calls this in idle time after its first paint.
        """
        if self._pending is not None and next(self._pending, 1.0) >= 1.0:
            self._pending = None
        return self._pending is None

    def finish(self) -> None:
        """Build whatever of the index is still to be built."""
        while not self.build_step():
            pass

    def _build_steps(self, catalog: Catalog, tables_per_step: int = 200) -> Iterator[float]:
        """Build the index a slice at a time, yielding the share done (0 to 1) after each."""
        self.space = CodeSpace()
        self._postings: dict[str, tuple[int, int]] = {}
        self._vocabulary: list[str] = []
        self._synonyms = sorted(
            ((tuple(words(s.phrase)), s.means) for s in catalog.synonyms if words(s.phrase)),
            key=lambda pair: -len(pair[0]),
        )
        postings = _Postings()
        table_keys = catalog.pcs_codes.table_keys()
        terms = _terms_by_table(catalog, table_keys)
        words_of = _LabelWords(catalog)
        for done, key in enumerate(table_keys, 1):
            codes = sorted(catalog.pcs_codes.entries(key))
            base = self.space.add(CodeSystem.PCS, [code for code, _, _ in codes])
            postings.add_table(base, _table_words(words_of, codes, terms.pop(key)))
            if done % tables_per_step == 0:
                yield done / (len(table_keys) + 1)
        for code in sorted(catalog.cpt_pages):
            page = catalog.cpt_pages[code]
            texts = [page.code, page.name, page.group]
            for section in page.sections:
                texts += [section.text or "", *section.items]
            base = self.space.add(CodeSystem.CPT, [code])
            postings.add_table(base, {word: 1 for text in texts for word in words(text)})
        self.space.finish()
        self._postings = postings.joined()
        self._vocabulary = sorted(self._postings)
        yield 1.0

    @property
    def code_count(self) -> int:
        """Return how many codes are indexed."""
        self.finish()
        return sum(len(codes) for codes in self.space.codes.values())

    def codes_with_prefix(self, prefix: str) -> set[str]:
        """Return the codes that start with ``prefix`` (upper case, no punctuation)."""
        self.finish()
        return set(self.space.codes_in(self._prefix_mask(prefix)))

    def _prefix_mask(self, prefix: str) -> int:
        return self.space.prefix_mask(CodeSystem.PCS, prefix) | self.space.prefix_mask(
            CodeSystem.CPT, prefix
        )

    def _word_matches(self, word: str) -> int:
        start = bisect.bisect_left(self._vocabulary, word)
        end = bisect.bisect_left(self._vocabulary, word + "\x7f", start)
        found = self._prefix_mask(word.upper()) if any(c.isdigit() for c in word) else 0
        for key in self._vocabulary[start:end]:
            first, bits = self._postings[key]
            found |= bits << (8 * first)
        return found

    def _all_words(self, query_words: list[str]) -> int:
        result = self.space.real
        for word in query_words:
            result &= self._word_matches(word)
            if not result:
                return 0
        return result

    def _plain(self, query: str) -> int:
        query_words = words(query)
        compact = "".join(query_words).upper()
        if any(ch.isdigit() for ch in compact):
            by_code = self._prefix_mask(compact)
            if by_code:
                return by_code
        return self._all_words(query_words) if query_words else 0

    def search(self, query: str) -> SearchResult:
        """Return the codes matching every word of the query, synonyms expanded."""
        self.finish()
        query_words = words(query)
        if not query_words:
            return SearchResult(query, None, (), self.space)
        found = self._plain(query)
        for phrase, means in self._synonyms:
            start = _find_run(query_words, phrase)
            if start is None:
                continue
            rest = query_words[:start] + query_words[start + len(phrase) :]
            meant = 0
            for meaning in means:
                meant |= self._plain(meaning)
            found |= meant & self._all_words(rest) if rest else meant
        suggestions = () if found else self.suggest(query)
        return SearchResult(query, found, suggestions, self.space)

    def suggest(self, query: str, limit: int = 5) -> tuple[str, ...]:
        """Return codes close to a query that matched nothing."""
        import difflib  # only needed when nothing matched

        compact = "".join(words(query)).upper()
        every_code = [code for codes in self.space.codes.values() for code in codes]
        close = difflib.get_close_matches(compact, every_code, n=limit, cutoff=0.5)
        if len(close) < limit:
            for word in words(query):
                for similar in difflib.get_close_matches(word, self._vocabulary, n=2, cutoff=0.75):
                    first, bits = self._postings[similar]
                    close += itertools.islice(
                        self.space.codes_in(bits << (8 * first)), limit - len(close)
                    )
        return tuple(dict.fromkeys(close))[:limit]


class _LabelWords:
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
        """Return the words every code of a table has: operation and the template's own."""
        template = template_for(self._rules, table)
        key = ("table", table.section.code, table.operation.label, template)
        if key not in self._cache:
            found = self._spoken(table.operation.label) | set(
                words(_PLACEHOLDER.sub(" ", template))
            )
            self._cache[key] = frozenset(found)
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
                found.update(words(term))
        elif axis == "device":
            if label not in EMPTY_LABELS:
                found = self._spoken(label)
            device = catalog.device_entry(table, label)
            for term in device.includes if device else ():
                found.update(words(term))
        else:  # approach; the qualifier's label is searchable even when titles omit it
            found = self._spoken(label)
        self._cache[key] = frozenset(found)
        return self._cache[key]


_AXIS_NAMES = ("body_part", "approach", "device", "qualifier")


def _table_words(
    words_of: _LabelWords,
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
    code_list = [code for code, _, _ in codes]
    for target, term_words in terms:
        start = bisect.bisect_left(code_list, target)
        end = bisect.bisect_left(code_list, target + "\x7f", start)
        mask = ((1 << (end - start)) - 1) << start
        for word in term_words:
            local[word] = local.get(word, 0) | mask
    return local


def _terms_by_table(
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
        start = bisect.bisect_left(table_keys, target)
        end = bisect.bisect_left(table_keys, target + "\x7f", start)
        for key in table_keys[start:end]:
            found[key].append((key, term_words))
    return found


def _find_run(haystack: list[str], needle: tuple[str, ...]) -> int | None:
    for start in range(len(haystack) - len(needle) + 1):
        if tuple(haystack[start : start + len(needle)]) == needle:
            return start
    return None
