"""The search engine: a query's words and code prefixes to a set of codes, in microseconds."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sacroref.core.catalog import Catalog, prefix_range
from sacroref.core.model import CodeSystem
from sacroref.core.search.codespace import CodeSpace, Postings, SearchResult, words
from sacroref.core.search.index import (
    LabelWords,
    find_run,
    table_words,
    terms_by_table,
)


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
        postings = Postings()
        table_keys = catalog.pcs_codes.table_keys()
        terms = terms_by_table(catalog, table_keys)
        words_of = LabelWords(catalog)
        for done, key in enumerate(table_keys, 1):
            codes = sorted(catalog.pcs_codes.entries(key))
            base = self.space.add(CodeSystem.PCS, [code for code, _, _ in codes])
            postings.add_table(base, table_words(words_of, codes, terms.pop(key)))
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
        start, end = prefix_range(self._vocabulary, word)
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
            start = find_run(query_words, phrase)
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
