"""The search engine: a query's words and code prefixes to a set of codes, ranked, quickly.

A query word matches an indexed word when it starts that word or its stem, or when a stem
of four letters or more starts the query word: so "remov", "remove", "removal" and
"removing" find the same codes, and typing more letters of a word never finds less. Words
of three letters or fewer match whole words only ("ex" is not "external"). A synonym is a
phrase with a meaning: axis values ("device:External Fixation Device", joined by "&"),
tables or codes, never loose words.

Results are ranked in tiers, the sacral tables and CPT pages first: what a synonym or the
whole phrase means, then codes whose axis labels name the words, then the rest; then the
same for the rest of the code set.
"""

from __future__ import annotations

import bisect
import itertools
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from sacroref.core.catalog import Catalog, prefix_range
from sacroref.core.content.meanings import MEANING_AXES
from sacroref.core.model import CodeSystem
from sacroref.core.search.codespace import (
    CodeSpace,
    PackedPostings,
    Postings,
    SearchResult,
    bits,
    words,
)
from sacroref.core.search.forms import STOP_WORDS, stem
from sacroref.core.search.index import (
    AXIS_KEY,
    LabelWords,
    axis_key,
    find_run,
    index_words,
    query_words,
    table_words,
    terms_by_table,
)
from sacroref.core.search.labels import LabelIndex, label_stems

#: Bumped when the word lists are made differently: word lists of another format are not used.
#: 2: CMS's title words indexed; 3: the code space and label stems kept; 4: words and stems
#: packed as text
WORD_LISTS_FORMAT = 4

#: Words this short match whole words only: "int" is not "interstitial", "ex" not "external".
SHORT_WORD = 3


class SearchEngine:
    """An index of words to bit sets of codes; every lookup is bisects plus big-int algebra."""

    def __init__(self, catalog: Catalog, *, deferred: bool = False) -> None:
        self._pending: Iterator[float] | None = self._build_steps(catalog)
        if not deferred:
            self.finish()

    def build_step(self) -> bool:
        """Build one slice of a deferred index (about 200 tables); return whether it is done.

        The content store calls this in idle time after the window's first paint.
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
        self._postings: Mapping[str, tuple[int, bytes]] = {}
        self._made: dict[str, tuple[int, int]] = {}  # bit sets made ints when first asked for
        self._vocabulary: list[str] = []
        self._synonyms = sorted(
            (
                (tuple(stem(w) for w in query_words(s.phrase)), s.means)
                for s in catalog.synonyms
                if words(s.phrase)
            ),
            key=lambda pair: -len(pair[0]),
        )
        postings = Postings()
        table_keys = catalog.pcs_codes.table_keys()
        cached = usable_cache(catalog, table_keys)
        packed: Mapping[str, tuple[int, bytes]] = {}
        if cached is not None:  # the import's snapshot holds these tables' word lists
            parts, state, label_stems = cached
            self.space = CodeSpace.from_pcs_state(state)
            packed = PackedPostings(parts)  # each word's bytes still compressed: see _posting
            yield 0.5
        else:
            yield from self._index_tables(catalog, table_keys, postings, tables_per_step)
        for code in sorted(catalog.cpt_pages):
            page = catalog.cpt_pages[code]
            texts = [page.code, page.name, page.group]
            for section in page.sections:
                texts += [section.text or "", *section.items]
            base = self.space.add(CodeSystem.CPT, [code])
            found = index_words({word for text in texts for word in words(text)})
            postings.add_table(base, dict.fromkeys(found, 1))
        self.space.finish()
        # From a snapshot, the bytes of a word's bit set are compressed, and the CPT pages'
        # words are kept apart, so that no word is unpacked before a search asks for it.
        self._compressed = cached is not None
        self._postings = packed if cached else postings.joined()
        self._added = postings.joined() if cached else {}
        self._vocabulary = _vocabulary(self._postings, self._added)
        self._labels = (
            LabelIndex(packed=label_stems)
            if cached is not None
            else LabelIndex(key for key in self._postings if key.startswith(AXIS_KEY))
        )
        self._sacral = self._sacral_mask(catalog.pcs_codes.sacral_table_keys())
        yield 1.0

    def _index_tables(
        self, catalog: Catalog, table_keys: list[str], postings: Postings, per_step: int
    ) -> Iterator[float]:
        terms = terms_by_table(catalog, table_keys)
        words_of = LabelWords(catalog)
        for done, key in enumerate(table_keys, 1):
            codes = sorted(catalog.pcs_codes.entries(key))
            base = self.space.add(CodeSystem.PCS, [code for code, _, _ in codes])
            postings.add_table(base, table_words(words_of, codes, terms.pop(key)))
            if done % per_step == 0:
                yield done / (len(table_keys) + 1)

    def _sacral_mask(self, table_keys: list[str]) -> int:
        found = self.space.prefix_mask(CodeSystem.CPT, "")  # the CPT pages are all sacral work
        for key in table_keys:
            found |= self.space.prefix_mask(CodeSystem.PCS, key)
        return found

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

    def _posting(self, key: str) -> int:
        made = self._made.get(key)
        if made is None:  # made an int the first time it is asked for; kept unshifted (small)
            entry = self._postings.get(key)
            made = (0, 0)
            if entry is not None:
                made = (entry[0], bits(entry[1], compressed=self._compressed))
            self._made[key] = made
        found = made[1] << (8 * made[0])
        added = self._added.get(key)
        if added is not None:  # a CPT page's words, kept small: shifted when asked for
            found |= bits(added[1]) << (8 * added[0])
        return found

    def _word_matches(self, word: str) -> int:
        found = self._prefix_mask(word.upper()) if any(c.isdigit() for c in word) else 0
        if len(word) <= SHORT_WORD:
            return found | self._posting(word)
        keys = set()
        for typed in {word, stem(word)}:
            start, end = prefix_range(self._vocabulary, typed)
            keys.update(self._vocabulary[start:end])
        keys.update(
            word[:length]
            for length in range(4, len(word))
            if word[:length] in self._postings or word[:length] in self._added
        )
        for key in keys:
            found |= self._posting(key)
        return found

    def _all_words(self, typed: list[str]) -> int:
        result = self.space.real
        for word in typed:
            result &= self._word_matches(word)
            if not result:
                return 0
        return result

    def _plain(self, typed: list[str]) -> int:
        compact = "".join(typed).upper()
        if any(ch.isdigit() for ch in compact):
            by_code = self._prefix_mask(compact)
            if by_code:
                return by_code
        return self._all_words(typed) if typed else 0

    def meaning(self, meant: str) -> int:
        """Return the codes a synonym's meaning names: axis values joined by "&", or codes."""
        found = self.space.real
        for part in meant.split("&"):
            axis, colon, label = part.strip().partition(":")
            if colon and axis in MEANING_AXES:
                found &= self._posting(axis_key(axis, label.strip()))
            else:
                found &= self._prefix_mask("".join(words(part)).upper())
        return found

    def search(self, query: str, *, suggest: bool = True) -> SearchResult:
        """Return the codes matching every word of the query, synonyms expanded, ranked.

        When nothing matches, close codes are suggested (``suggest=False`` leaves that to
        the caller: the window asks once the keystrokes have settled).
        """
        self.finish()
        typed = query_words(query)
        if not typed:
            return SearchResult(query, None, (), self.space)
        found = self._plain(typed)
        meant = 0
        stems = [stem(word) for word in typed]
        for phrase, means in self._synonyms:
            start = find_run(stems, phrase)
            if start is None:
                continue
            rest = typed[:start] + typed[start + len(phrase) :]
            named = 0
            for meaning in means:
                named |= self.meaning(meaning)
            named &= self._all_words(rest) if rest else named
            meant |= named
        found |= meant
        suggestions = self.suggest(query) if suggest and not found else ()
        labelled, phrased = self._labels.matching(stems, self._posting)
        first = (meant | phrased) & found
        named = labelled & found
        sacral = self._sacral
        # The sacral tables and the CPT pages lead: they are what this reference is for.
        tiers = (first & sacral, named & sacral, sacral, first, named)
        return SearchResult(query, found, suggestions, self.space, tiers=tiers, sacral=sacral)

    def suggest(self, query: str, limit: int = 5) -> tuple[str, ...]:
        """Return codes close in meaning to a query that matched nothing: what most of its
        words find, then words spelled nearly alike, then codes of nearly the same shape."""
        import difflib  # only needed when nothing matched

        typed = query_words(query)
        close: list[str] = []
        for left_out in range(1, len(typed)):  # drop as few words as possible
            for kept in itertools.combinations(typed, len(typed) - left_out):
                mask = self._all_words(list(kept))
                if mask:
                    ranked = SearchResult(query, mask, (), self.space, tiers=(mask & self._sacral,))
                    close += ranked.ranked(limit)
            if close:
                return tuple(dict.fromkeys(close))[:limit]
        for word in typed:
            for similar in difflib.get_close_matches(word, self._vocabulary, n=2, cutoff=0.75):
                close += itertools.islice(self.space.codes_in(self._posting(similar)), limit)
        # Codes of nearly the same shape, among those sharing the longest prefix that is valid.
        compact = "".join(typed).upper()
        for length in range(len(compact) - 1, 0, -1):
            sharing = list(self.space.codes_in(self._prefix_mask(compact[:length])))
            if sharing:
                close += difflib.get_close_matches(compact, sharing, n=limit, cutoff=0.5)
                break
        return tuple(dict.fromkeys(close))[:limit]


def _vocabulary(postings: Mapping[str, object], added: Mapping[str, object]) -> list[str]:
    """Return the words searched by prefix, sorted: every word but the axis values' keys."""
    words = postings.words if isinstance(postings, PackedPostings) else sorted(postings)
    start = bisect.bisect_left(words, chr(ord(AXIS_KEY) + 1))  # the axis keys sort first
    extra = sorted(key for key in added if not key.startswith(AXIS_KEY) and key not in postings)
    return sorted(words[start:] + extra)  # two sorted runs: merged, not sorted again


def rules_digest(catalog: Catalog) -> str:
    """Return a digest of what, beyond the tables, the PCS word lists are made from."""
    rules = catalog.title_rules
    made_from = [
        WORD_LISTS_FORMAT,
        sorted(rules.long_templates.items()),
        rules.default_template,
        sorted(rules.abbreviations.items()),
        SHORT_WORD,
        sorted(STOP_WORDS),
    ]
    from sacroref.core.content.provenance import sha256

    return sha256(repr(made_from).encode("utf-8"))  # repr: json would be imported at a start


def pcs_word_lists(catalog: Catalog) -> dict[str, object]:
    """Return the PCS tables' word lists, to keep in an import's snapshot (see usable_cache)."""
    engine = SearchEngine.__new__(SearchEngine)
    engine.space = CodeSpace()
    postings = Postings()
    table_keys = catalog.pcs_codes.table_keys()
    for _ in engine._index_tables(catalog, table_keys, postings, 10**9):
        pass
    parts = PackedPostings.pack(
        {word: (first, zlib.compress(data, 6)) for word, (first, data) in postings.parts.items()}
    )
    labels = sorted(key for key in postings.parts if key.startswith(AXIS_KEY))
    if any("\t" in key or "\n" in key for key in labels):
        raise ValueError("an axis label holds a tab or a line break")
    return {
        "rules": rules_digest(catalog),
        "keys": "".join(table_keys),
        "parts": parts,
        "space": engine.space.pcs_state(),
        "labels": "\n".join(f"{key}\t{' '.join(label_stems(key))}" for key in labels),
    }


def usable_cache(catalog: Catalog, table_keys: list[str]) -> tuple[Any, Any, Any] | None:
    """Return the word lists, the numbered PCS codes and the axis values' stems that a
    snapshot holds for exactly these tables and rules, else None."""
    cache = catalog.search_cache() if callable(catalog.search_cache) else None
    if not isinstance(cache, dict) or cache.get("keys") != "".join(table_keys):
        return None
    if cache.get("rules") != rules_digest(catalog):
        return None
    parts, space, labels = cache.get("parts"), cache.get("space"), cache.get("labels")
    if not isinstance(parts, tuple) or not isinstance(space, tuple) or not isinstance(labels, str):
        return None
    return parts, space, labels
