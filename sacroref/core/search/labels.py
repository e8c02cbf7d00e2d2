"""Axis values by the stems of their labels, so that codes whose labels name a query rank first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

from sacroref.core.catalog import prefix_range
from sacroref.core.search.forms import stem
from sacroref.core.search.index import query_words


class LabelIndex:
    """The axis values by the stems of their labels, to rank codes whose labels name a query."""

    def __init__(self, keys: Iterable[str] = (), packed: str = "") -> None:
        self._keys, self._packed = keys, packed  # packed: "key<TAB>stems" lines (search.bin)

    @cached_property
    def _labels(self) -> tuple[list[str], list[tuple[str, ...]]]:
        # Read at the first search that asks, not while the window gets ready.
        if self._packed:
            lines = [line.split("\t") for line in self._packed.split("\n")]
            return [key for key, _ in lines], [tuple(stems.split()) for _, stems in lines]
        keys = list(self._keys)
        return keys, [label_stems(key) for key in keys]

    @cached_property
    def _by_stem(self) -> dict[str, list[int]]:
        # Made at the first search that asks, not while the window gets ready.
        by_stem: dict[str, list[int]] = {}
        for number, label in enumerate(self._labels[1]):
            for word in label:
                by_stem.setdefault(word, []).append(number)
        return by_stem

    @cached_property
    def _words(self) -> list[str]:
        return sorted(self._by_stem)

    def _having(self, word: str) -> set[int]:
        start, end = prefix_range(self._words, word)
        found = {number for key in self._words[start:end] for number in self._by_stem[key]}
        for length in range(4, len(word)):
            found.update(self._by_stem.get(word[:length], ()))
        return found

    def matching(self, stems: list[str], posting: Callable[[str], int]) -> tuple[int, int]:
        """Return the codes of axis values whose labels hold every word, and those whose
        labels hold the words as one phrase."""
        numbers: set[int] | None = None
        for word in stems:
            having = self._having(word)
            numbers = having if numbers is None else numbers & having
            if not numbers:
                return 0, 0
        labelled = phrased = 0
        for number in numbers or ():
            mask = posting(self._labels[0][number])
            labelled |= mask
            label = self._labels[1][number]
            if len(stems) > 1 and _in_order(stems, label):
                phrased |= mask
        return labelled, phrased


def label_stems(key: str) -> tuple[str, ...]:
    """Return the stems of the words of an axis value's label, from its index key."""
    return tuple(stem(word) for word in query_words(key.partition(":")[2]))


def _in_order(stems: list[str], label: tuple[str, ...]) -> bool:
    for start in range(len(label) - len(stems) + 1):
        if all(label[start + i].startswith(word) for i, word in enumerate(stems)):
            return True
    return False
