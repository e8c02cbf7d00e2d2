"""Random documents either load or raise ContentError; nothing else ever escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sacroref.core.content.kinds import KINDS
from sacroref.core.content.loader import ContentError, load_documents, load_parsed

KEYS = [
    "kind",
    "source",
    "table",
    "section",
    "body_system",
    "operation",
    "rows",
    "code",
    "label",
    "body_part",
    "approach",
    "device",
    "qualifier",
    "notes",
    "title",
    "text",
    "sources",
    "id",
    "synonyms",
    "phrase",
    "means",
    "terms",
    "path",
    "target",
    "default",
    "templates",
    "short",
    "max_length",
    "abbreviations",
    "group",
    "name",
    "add_on",
    "value",
    "sections",
    "summary",
    "items",
    "modifiers",
    "indicators",
    "history",
    "related",
    "inferred",
    "includes",
    "definition",
    "0",
    "Z",
    "4",
]

scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.floats(),
    st.sampled_from([*KINDS, "0QP134Z", "test", "0", "{operation}", "[x"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.sampled_from(KEYS), children, max_size=6)
    ),
    max_leaves=30,
)


def _load(files):
    try:
        load_parsed(files)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file
            assert problem.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS), body=st.dictionaries(st.sampled_from(KEYS), documents, max_size=8)
)
def test_random_structured_documents(kind, body):
    _load([("fuzz.toml", {**body, "kind": kind})])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes(data):
    try:
        load_documents([("fuzz.toml", data)])
    except ContentError as error:
        assert error.problems


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from('kind="[]{}.,=#\n 0QProws'), max_size=120))
def test_random_toml_like_text(text):
    try:
        load_documents([("fuzz.toml", text.encode())])
    except ContentError as error:
        assert error.problems


def _paths(value, trail=()):
    """Yield the path of every part of a document."""
    yield trail
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*trail, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*trail, index))


def _mutated(document, path, replacement, delete):
    """Return a deep copy of a document with one part replaced or deleted."""
    import copy

    result = copy.deepcopy(document)
    if not path:
        return replacement
    parent = result
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return result


def _valid_documents():
    import sys
    from pathlib import Path

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    root = Path(__file__).resolve().parents[3] / "resources"
    # Every hand-written file and every kind of CMS file, but of the whole code set's 914
    # tables and its Alphabetic Index only the sacrum's tables: each example loads them all.
    left_out = {"import-manifest.toml", "index.toml"}
    kept_tables = {"0QP.toml", "0QH.toml", "0QU.toml", "0QB.toml"}
    return [
        (str(p), tomllib.loads(p.read_text(encoding="utf-8")))
        for p in sorted(root.rglob("*.toml"))
        if p.name not in left_out and (p.parent.name != "tables" or p.name in kept_tables)
    ]


VALID = _valid_documents()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_bundled_documents(data):
    files = list(VALID)
    for _ in range(data.draw(st.integers(1, 3))):
        which = data.draw(st.integers(0, len(files) - 1))
        name, document = files[which]
        path = data.draw(st.sampled_from(list(_paths(document))))
        files[which] = (
            name,
            _mutated(
                document, path, data.draw(documents), delete=data.draw(st.booleans()) and bool(path)
            ),
        )
    _load(files)
