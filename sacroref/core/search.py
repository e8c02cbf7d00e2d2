"""One search engine for any amount of content: code prefixes, words, Device Key terms, synonyms."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sacroref.core.catalog import Catalog

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Return the lower-case words of a text; punctuation separates words."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class SearchResult:
    """Which codes match a query (None: no filter), and close codes when nothing does."""

    query: str
    codes: frozenset[str] | None
    suggestions: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Return how many codes match (0 for an empty query)."""
        return len(self.codes) if self.codes is not None else 0


class SearchEngine:
    """An inverted index over codes; every lookup is a bisect on sorted keys plus set algebra."""

    def __init__(self, catalog: Catalog) -> None:
        postings: dict[str, set[str]] = {}

        def index(code: str, texts: Iterable[str]) -> None:
            for text in texts:
                for word in words(text):
                    postings.setdefault(word, set()).add(code)

        for code in catalog.pcs_codes.values():
            device = catalog.device_definition(code)
            body_part = catalog.body_part_definition(code)
            index(
                code.code,
                [
                    code.code,
                    code.long_title,
                    code.short_title or "",
                    code.qualifier.label,
                    *(device.includes if device else ()),
                    *(body_part.includes if body_part else ()),
                    *(" ".join(term.path) for term in catalog.index_terms_for(code.code)),
                ],
            )
        for page in catalog.cpt_pages.values():
            index(page.code, [page.code, page.name, page.group])
            for section in page.sections:
                index(page.code, [section.text or "", *section.items])
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._codes = sorted(code for code, _, _ in catalog.all_codes())
        self._synonyms = sorted(
            ((tuple(words(s.phrase)), s.means) for s in catalog.synonyms if words(s.phrase)),
            key=lambda pair: -len(pair[0]),
        )

    @property
    def code_count(self) -> int:
        """Return how many codes are indexed."""
        return len(self._codes)

    def codes_with_prefix(self, prefix: str) -> set[str]:
        """Return the codes that start with ``prefix`` (upper case, no punctuation)."""
        start = bisect.bisect_left(self._codes, prefix)
        end = bisect.bisect_left(self._codes, prefix + "\x7f")
        return set(self._codes[start:end])

    def _word_matches(self, word: str) -> set[str]:
        start = bisect.bisect_left(self._vocabulary, word)
        end = bisect.bisect_left(self._vocabulary, word + "\x7f")
        found: set[str] = set()
        for key in self._vocabulary[start:end]:
            found |= self._postings[key]
        return found

    def _all_words(self, query_words: list[str]) -> set[str]:
        result: set[str] | None = None
        for word in query_words:
            matches = self._word_matches(word)
            result = matches if result is None else result & matches
            if not result:
                return set()
        return result if result is not None else set(self._codes)

    def _plain(self, query: str) -> set[str]:
        query_words = words(query)
        compact = "".join(query_words).upper()
        if any(ch.isdigit() for ch in compact):
            by_code = self.codes_with_prefix(compact)
            if by_code:
                return by_code
        return self._all_words(query_words) if query_words else set()

    def search(self, query: str) -> SearchResult:
        """Return the codes matching every word of the query, synonyms expanded."""
        query_words = words(query)
        if not query_words:
            return SearchResult(query, None)
        found = self._plain(query)
        for phrase, means in self._synonyms:
            start = _find_run(query_words, phrase)
            if start is None:
                continue
            rest = query_words[:start] + query_words[start + len(phrase) :]
            meant: set[str] = set()
            for meaning in means:
                meant |= self._plain(meaning)
            found |= meant & self._all_words(rest) if rest else meant
        suggestions = () if found else self.suggest(query)
        return SearchResult(query, frozenset(found), suggestions)

    def suggest(self, query: str, limit: int = 5) -> tuple[str, ...]:
        """Return codes close to a query that matched nothing."""
        import difflib  # only needed when nothing matched

        compact = "".join(words(query)).upper()
        close = difflib.get_close_matches(compact, self._codes, n=limit, cutoff=0.5)
        if len(close) < limit:
            for word in words(query):
                for similar in difflib.get_close_matches(word, self._vocabulary, n=2, cutoff=0.75):
                    close += sorted(self._postings[similar])[: limit - len(close)]
        return tuple(dict.fromkeys(close))[:limit]


def _find_run(haystack: list[str], needle: tuple[str, ...]) -> int | None:
    for start in range(len(haystack) - len(needle) + 1):
        if tuple(haystack[start : start + len(needle)]) == needle:
            return start
    return None
