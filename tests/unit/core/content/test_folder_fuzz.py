"""Random folder trees (odd file types, links, nesting) load in bounded time, keeping the valid."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sacroref.core.content.loader import load_content
from sacroref.core.content.problems import Problem
from tests.helpers.content import BUNDLED_PCS_CODES, SOURCES

NOTE = (
    'kind = "notes"\nsource = "test-source"\n[[notes]]\ncode = "0QP134Z"\n'
    'title = "Payer rule"\ntext = "Ask for the operative report."\n'
)
BODIES = [NOTE, "kind = [", "", "\x00\xff", 'kind = "pcs-table"', "x = " + "[" * 400 + "]" * 400]
names = st.sampled_from(["a", "b", "sub", "x.toml", "y.toml", "tables", "\x1b[31m.toml"])
entries = st.lists(
    st.tuples(
        st.lists(names, min_size=1, max_size=4),
        st.sampled_from(["file", "dir", "link-in", "link-out", "link-up", "fifo", "dangling"]),
        st.sampled_from(BODIES),
    ),
    max_size=12,
)


def _make(root: Path, parts: list[str], kind: str, body: str, outside: Path) -> None:
    path = root.joinpath(*parts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if os.path.lexists(path):
            return
        if kind == "file":
            path.write_bytes(body.encode("utf-8", "surrogateescape"))
        elif kind == "dir":
            path.mkdir()
        elif kind == "link-in":
            path.symlink_to(root / "valid.toml")
        elif kind == "link-out":
            path.symlink_to(outside)
        elif kind == "link-up":
            path.symlink_to(path.parent)
        elif kind == "fifo" and hasattr(os, "mkfifo"):
            os.mkfifo(path)
        elif kind == "dangling":
            path.symlink_to(root / "nowhere")
    except (FileExistsError, NotADirectoryError):
        pass  # a name already taken by another kind of entry


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=entries)
def test_random_folder_trees_load_and_keep_the_valid_file(tree):
    base = Path(tempfile.mkdtemp())
    try:
        root = base / "content"
        root.mkdir()
        (root / "sources.toml").write_text(SOURCES)
        (root / "valid.toml").write_text(NOTE)
        outside = base / "outside.toml"
        outside.write_text(NOTE)
        for parts, kind, body in tree:
            _make(root, parts, kind, body, outside)
        result = load_content([root])
        assert all(isinstance(problem, Problem) for problem in result.problems)
        assert all(problem.message for problem in result.problems)
        assert result.catalog.notes["0QP134Z"]  # valid.toml is always read
        assert (
            len(result.catalog.pcs_codes) == BUNDLED_PCS_CODES
        )  # the official content is never lost
    finally:
        shutil.rmtree(base)
