"""The rules of the code's shape, as tests: layers and cycles, sizes, one version, start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sacroref"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_import_cycles_between_modules():
    graph = grimp.build_graph("sacroref", cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if not target.startswith("sacroref"):
                continue
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_is_over_400_lines_and_each_opens_with_a_docstring():
    for path in modules():
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 400, path
        docstring = ast.get_docstring(ast.parse(source))
        assert docstring, f"{path} has no docstring"
        assert docstring.splitlines()[0].endswith("."), f"{path}: the first line is a sentence"


def test_the_version_is_written_in_one_place():
    from sacroref import __version__

    # Walked, not asked of git: a fresh machine has no git.
    skipped = {".git", ".venv", "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    skipped |= {".hypothesis", "__pycache__", "sacroref.egg-info"}
    holders = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        text_file = path.is_file() and path.suffix not in (".png", ".bin")
        if text_file and not parts & skipped and __version__ in path.read_text("utf-8", "replace"):
            holders.append(path.relative_to(ROOT).as_posix())
    assert holders == ["sacroref/__init__.py"]


NOTHING_BEFORE_THE_FIRST_PAINT = """
import sys
from sacroref.ui.settings import Settings
from sacroref.ui.startup import create_application, create_window
from tests.helpers.content import BUNDLED_CODES
app = create_application()
window = create_window([], Settings.in_memory())
assert window.store.catalog.code_count() == 0, "content was read before the first paint"
assert not window.store.loaded
for module in ("tomllib", "tomli", "sacroref.core.search.engine", "sacroref.core.pages.nodes"):
    assert module not in sys.modules, module
window.show()
while not window.store.loaded:
    app.processEvents()
assert window.store.catalog.code_count() == BUNDLED_CODES
print("ok")
"""


def run_script(script: str) -> None:
    """Run a start-up script in a fresh offscreen Python; it prints "ok" when it held."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
        check=False,
        timeout=60,
    )
    assert done.stdout.strip().endswith("ok"), done.stderr


def test_nothing_is_parsed_before_the_first_paint():
    run_script(NOTHING_BEFORE_THE_FIRST_PAINT)


SEARCHABLE_WITHOUT_PARSING = """
import gc
import sys
from sacroref.qt.content_store import ContentState
from sacroref.ui.settings import Settings
from sacroref.ui.startup import create_application, create_window
app = create_application()
window = create_window([], Settings.in_memory())
window.show()
while window.store.state is not ContentState.READY:
    app.processEvents()
# The bundled content comes from its caches; pages are rendered only once it is searchable.
never = ("tomllib", "json", "dataclasses", "html", "sacroref.core.pages.common")
for module in (*never, "sacroref.ui.note_dialog"):
    assert module not in sys.modules, module
assert gc.isenabled(), "the collector was left paused"
assert gc.get_freeze_count() > 0, "what the start made is scanned again"
print("ok")
"""


def test_the_window_becomes_searchable_without_parsing_any_toml():
    run_script(SEARCHABLE_WITHOUT_PARSING)


def test_the_tree_key_is_made_and_read_only_in_core_tree():
    for path in modules():
        if path == PACKAGE / "core" / "tree.py":
            continue
        source = path.read_text(encoding="utf-8")
        for pattern in ('key.split("/")', 'key.count("/")', 'f"pcs/', 'f"fav/', ".key}/"):
            assert pattern not in source, f"{path}: {pattern}"


def test_every_settings_key_used_is_declared():
    from sacroref.ui.settings import KEYS

    used: set[str] = set()
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"get_bool", "get_int", "get_str", "get_list", "get_bytes"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert used
    assert used <= set(KEYS)
