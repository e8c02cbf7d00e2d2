"""Back and forward through the codes a coder has viewed, like a browser's history."""

from __future__ import annotations


class History:
    """A bounded list of visited codes with a cursor."""

    def __init__(self, limit: int = 200) -> None:
        self._codes: list[str] = []
        self._cursor = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        """Return the code being viewed, if any."""
        return self._codes[self._cursor] if self._cursor >= 0 else None

    def visit(self, code: str) -> None:
        """Record a newly viewed code; forward history is dropped, as in a browser."""
        if code == self.current:
            return
        del self._codes[self._cursor + 1 :]
        self._codes.append(code)
        if len(self._codes) > self._limit:
            del self._codes[0]
        self._cursor = len(self._codes) - 1

    def can_go_back(self) -> bool:
        """Return whether there is an earlier code."""
        return self._cursor > 0

    def can_go_forward(self) -> bool:
        """Return whether there is a later code."""
        return self._cursor < len(self._codes) - 1

    def back(self) -> str | None:
        """Step back and return the code there (None when at the start)."""
        if not self.can_go_back():
            return None
        self._cursor -= 1
        return self.current

    def forward(self) -> str | None:
        """Step forward and return the code there (None when at the end)."""
        if not self.can_go_forward():
            return None
        self._cursor += 1
        return self.current
