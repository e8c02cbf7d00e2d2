"""The numbered code space: every code a bit, so that a set of codes is one Python int."""

from __future__ import annotations

import bisect
import itertools
import re
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from sacroref.core.catalog import prefix_range
from sacroref.core.content.snapshot import unpack_search
from sacroref.core.model import CodeSystem

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Return the lower-case words of a text; punctuation separates words."""
    return _WORD.findall(text.lower())


def _as_bytes(mask: int) -> bytes:
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little")


class Postings:
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

    def joined(self) -> dict[str, tuple[int, bytes]]:
        """Return each word's bit set as (first byte, bits from that byte), the bits still
        as bytes: a word's int is made the first time a search asks for it (see ``bits``)."""
        return {word: (first, bytes(buffer)) for word, (first, buffer) in self.parts.items()}


class PackedPostings(Mapping[str, tuple[int, bytes]]):
    """Word lists as an import keeps them: the words sorted in one text, each word's first
    byte and compressed bit set in arrays and one block of bytes, so that reading them
    makes no object per word but its string."""

    __slots__ = ("_blob", "_ends", "_firsts", "words")

    def __init__(self, packed: tuple[str, bytes, bytes, bytes]) -> None:
        text, firsts, ends, self._blob = packed
        self.words = text.split("\n") if text else []
        self._firsts, self._ends = array("q"), array("q")
        self._firsts.frombytes(firsts)
        self._ends.frombytes(ends)
        if not len(self.words) == len(self._firsts) == len(self._ends):
            raise ValueError("word lists of different lengths")

    def _number(self, word: object) -> int:
        # Looked up by bisection: a dictionary of 7,168 words would cost more to make at a
        # start than all of a day's look-ups.
        if not isinstance(word, str):
            return -1
        number = bisect.bisect_left(self.words, word)
        return number if number < len(self.words) and self.words[number] == word else -1

    @staticmethod
    def pack(parts: Mapping[str, tuple[int, bytes]]) -> tuple[str, bytes, bytes, bytes]:
        """Return word lists ({word: (first byte, compressed bits)}) packed, words sorted."""
        words = sorted(parts)
        if any("\n" in word for word in words):
            raise ValueError("a word holds a line break")
        firsts, ends, blob = array("q"), array("q"), bytearray()
        for word in words:
            first, data = parts[word]
            firsts.append(first)
            blob += data
            ends.append(len(blob))
        return "\n".join(words), firsts.tobytes(), ends.tobytes(), bytes(blob)

    def __getitem__(self, word: str) -> tuple[int, bytes]:
        number = self._number(word)
        if number < 0:
            raise KeyError(word)
        start = self._ends[number - 1] if number else 0
        return self._firsts[number], self._blob[start : self._ends[number]]

    def __contains__(self, word: object) -> bool:
        return self._number(word) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


def bits(stored: int | bytes, *, compressed: bool = False) -> int:
    """Return a bit set kept as an int, or as bytes (little-endian, ``compressed`` or not)."""
    if isinstance(stored, int):
        return stored
    return int.from_bytes(zlib.decompress(stored) if compressed else stored, "little")


class JoinedCodes(Sequence[str]):
    """Codes of one width kept as one text, each made a string only when looked at: the
    whole code set's 79,115 strings would take a tenth of the start after the paint."""

    __slots__ = ("_text", "_width")

    def __init__(self, text: str, width: int) -> None:
        self._text, self._width = text, width

    def __len__(self) -> int:
        return len(self._text) // self._width

    def __getitem__(self, at: int) -> str:  # type: ignore[override]  # no slices asked for
        count = len(self)
        if at < 0:
            at += count
        if not 0 <= at < count:
            raise IndexError(at)
        start = at * self._width
        return self._text[start : start + self._width]


#: The PCS codes as an import keeps them: joined and their bits, each compressed; the size;
#: the real bits' first byte and bytes.
PcsState = tuple[bytes, bytes, int, tuple[int, bytes]]


class InflatedPcsState(NamedTuple):
    """A ``PcsState`` inflated: the codes as one text, their bits as bytes."""

    joined: str
    bits: bytes
    size: int
    real: tuple[int, bytes]


def inflate_pcs_state(state: PcsState | InflatedPcsState) -> InflatedPcsState:
    """Return the numbered PCS codes inflated (as they are, if they are already)."""
    if isinstance(state, InflatedPcsState):
        return state
    packed_codes, packed_bits, size, real = state
    joined = zlib.decompress(packed_codes).decode("ascii")
    return InflatedPcsState(joined, zlib.decompress(packed_bits), size, real)


def prepared_search_lists(data: bytes) -> Any:
    """Return an import's search word lists unpacked, their numbered codes inflated (done by
    the thread that reads them ahead: inflating lets the main thread run)."""
    lists = unpack_search(data)
    if isinstance(lists, dict) and isinstance(lists.get("space"), tuple):
        lists["space"] = inflate_pcs_state(lists["space"])
    return lists


class CodeSpace:
    """Every code with its bit number: PCS codes sorted, then CPT codes sorted.

    Each four-character PCS table starts on a byte boundary, so a table's codes form one
    small int that is pasted into a word's bit set as bytes.
    """

    def __init__(self) -> None:
        self.codes: dict[CodeSystem, Sequence[str]] = {CodeSystem.PCS: [], CodeSystem.CPT: []}
        self.bits: dict[CodeSystem, array[int]] = {
            CodeSystem.PCS: array("q"),
            CodeSystem.CPT: array("q"),
        }
        self.size = 0
        self.real = 0  # every bit that stands for a code, once finished
        self._ranges: dict[tuple[CodeSystem, str], tuple[int, int]] = {}
        self._runs = Postings()

    def add(self, system: CodeSystem, codes: list[str]) -> int:
        """Number a table's sorted codes (after every earlier table's); return its first bit."""
        base = -(-self.size // 8) * 8
        numbered = self.codes[system]
        if not isinstance(numbered, list):
            numbered = self.codes[system] = list(numbered)
        numbered += codes
        self.bits[system].extend(range(base, base + len(codes)))
        self._runs.add_table(base, {"": (1 << len(codes)) - 1})
        self.size = base + len(codes)
        return base

    def pcs_state(self) -> PcsState:
        """Return the PCS codes as numbered so far, to keep in an import's search word lists:
        the codes joined and their bits (each compressed), the size, the real bits' bytes."""
        first, buffer = self._runs.parts.get("", (0, bytearray()))
        pcs = CodeSystem.PCS
        joined = "".join(self.codes[pcs]).encode("ascii")
        bits = self.bits[pcs].tobytes()
        return zlib.compress(joined, 6), zlib.compress(bits, 6), self.size, (first, bytes(buffer))

    @classmethod
    def from_pcs_state(cls, state: PcsState | InflatedPcsState) -> CodeSpace:
        """Return a code space numbered as ``pcs_state`` found it (inflated or not), ready for
        the CPT codes."""
        joined, bits, size, (first, real) = inflate_pcs_state(state)
        space = cls()
        pcs = CodeSystem.PCS
        space.codes[pcs] = JoinedCodes(joined, 7)
        space.bits[pcs].frombytes(bits)
        space.size = size
        space._runs.parts[""] = (first, bytearray(real))
        return space

    def finish(self) -> None:
        """Compute the set of real code bits once every table is numbered."""
        first, stored = self._runs.joined().get("", (0, 0))
        self.real = bits(stored) << (8 * first)

    def prefix_range(self, system: CodeSystem, prefix: str) -> tuple[int, int]:
        """Return the bits (low, high) spanned by the codes of a system starting with ``prefix``."""
        found = self._ranges.get((system, prefix))
        if found is None:
            codes = self.codes[system]
            start, end = prefix_range(codes, prefix)
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


class SearchResult:
    """Which codes match a query (mask None: no filter), and close codes when nothing does.

    Not changed once made (``replace`` makes another). A plain class: a dataclass would
    import ``dataclasses`` while the window gets ready (docs/startup.md).
    """

    __slots__ = ("_outside", "mask", "query", "sacral", "space", "suggestions", "tiers")

    def __init__(
        self,
        query: str,
        mask: int | None = None,
        suggestions: tuple[str, ...] = (),
        space: CodeSpace | None = None,
        *,
        tiers: tuple[int, ...] = (),
        sacral: int = 0,
    ) -> None:
        self.query, self.mask, self.suggestions, self.space = query, mask, suggestions, space
        #: Bit sets of the better matches, best first (see ``SearchEngine`` for the order).
        self.tiers = tiers
        #: The codes of the sacral tables, which the tree shows in a group of their own.
        self.sacral = sacral
        self._outside: int | None = None

    def replace(self, **changes: Any) -> SearchResult:
        """Return a copy with some fields changed (by name)."""
        fields = {name: getattr(self, name) for name in _RESULT_FIELDS}
        return SearchResult(**{**fields, **changes})

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

    def ranked(self, limit: int | None = None) -> list[str]:
        """Return the matching codes best first (each tier in sorted order), up to ``limit``."""
        if self.mask is None or self.space is None:
            return []
        found: list[str] = []
        left = self.mask
        for tier in (*self.tiers, self.mask):
            chosen = left & tier
            if not chosen:
                continue
            left &= ~chosen
            want = None if limit is None else limit - len(found)
            found += itertools.islice(self.space.codes_in(chosen), want)
            if limit is not None and len(found) >= limit:
                break
        return found

    def matches(self, code: str) -> bool:
        """Return whether a code is among the matches (every code for an empty query)."""
        if self.mask is None:
            return True
        bit = self.space.bit_of(code) if self.space else None
        return bit is not None and bool(self.mask >> bit & 1)

    def any_with_prefix(self, system: CodeSystem, prefix: str, *, but_sacral: bool = False) -> bool:
        """Return whether any code of a system starting with ``prefix`` matches (``but_sacral``:
        leaving out the sacral tables' codes)."""
        if self.mask is None:
            return True
        if self.space is None:
            return False
        low, high = self.space.prefix_range(system, prefix)
        mask = self._outside_sacral if but_sacral else self.mask
        return bool(mask >> low & ((1 << (high - low)) - 1))

    @property
    def _outside_sacral(self) -> int:
        # Once per result: the filter proxy asks for every section and body system row.
        if self._outside is None:
            self._outside = (self.mask or 0) & ~self.sacral
        return self._outside


_RESULT_FIELDS = ("query", "mask", "suggestions", "space", "tiers", "sacral")
