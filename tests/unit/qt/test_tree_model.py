"""The tree model and the search proxy pass Qt's model tester, and favorites update live."""

from __future__ import annotations

import pytest

from sacroref.core.search.engine import SearchEngine
from sacroref.core.tree import SACRAL_GROUP
from sacroref.qt.search_proxy import CodeFilterProxy
from sacroref.qt.tree_model import CODE_ROLE, KIND_ROLE, PLACEHOLDER, CodeTreeModel


def labels(model, parent=None, depth=0, limit=2):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(("  " * depth) + model.data(index))
        if depth + 1 < limit:
            out += labels(model, index, depth + 1, limit)
    return out


def visible_codes(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    found = []
    if parent.isValid():  # as the view does when a row is expanded
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        source.open(model.mapToSource(parent) if source is not model else parent)
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        code = model.data(index, CODE_ROLE)
        if code:
            found.append(code)
        found += visible_codes(model, index)
    return found


def test_model_passes_qtmodeltester(qtmodeltester, sacral_catalog):
    model = CodeTreeModel(sacral_catalog, ["0201T"])
    qtmodeltester.check(model)
    model.add_favorite("0QP134Z")
    model.remove_favorite("0201T")
    qtmodeltester.check(model)


def test_tree_shape(catalog, sacral_catalog):
    model = CodeTreeModel(catalog)
    top = labels(model, limit=1)
    assert top == ["Favorites", "ICD-10-PCS", "CPT"]
    # The sacral tables first, then every section of ICD-10-PCS.
    groups = labels(model, model.index(1, 0), limit=1)
    assert groups[0] == SACRAL_GROUP
    assert groups[1:3] == ["0 · Medical and Surgical", "1 · Obstetrics"]
    assert groups[-1] == "X · New Technology"
    sacral = labels(model, model.index(0, 0, model.index(1, 0)), limit=1)
    assert sacral[0] == "0Q51 · Destruction · Sacrum"
    assert "0QP1 · Removal · Sacrum" in sacral
    assert sacral[-4:] == [
        "0SG7 · Fusion · Sacroiliac Joint, Right",
        "0SG8 · Fusion · Sacroiliac Joint, Left",
        "XNH6 · Insertion · Pelvic Bone, Right",
        "XNH7 · Insertion · Pelvic Bone, Left",
    ]
    assert len(sacral) == len(sacral_catalog.pcs_codes.table_keys()) == 20


def test_qualifier_level_only_when_needed(catalog):
    model = CodeTreeModel(catalog)
    drainage = model.find_key("pcs/0Q91/3/Z")  # no device, two qualifiers
    assert [model.data(model.index(r, 0, drainage)) for r in range(model.rowCount(drainage))] == [
        "X  Diagnostic",
        "Z  No Qualifier",
    ]
    removal = model.find_key("pcs/0QP1/3/4")
    assert model.data(model.index(0, 0, removal), CODE_ROLE) == "0QP134Z"


def test_proxy_passes_qtmodeltester_while_filtering(qtmodeltester, sacral_catalog):
    model = CodeTreeModel(sacral_catalog)
    proxy = CodeFilterProxy(model)
    engine = SearchEngine(sacral_catalog)
    qtmodeltester.check(proxy)
    proxy.apply(engine.search("k-wire"))
    qtmodeltester.check(proxy)
    assert set(visible_codes(proxy)) == set(engine.search("k-wire").codes)
    proxy.apply(engine.search(""))
    assert len(visible_codes(proxy)) == sacral_catalog.code_count()


def test_favorites(catalog):
    model = CodeTreeModel(catalog)
    assert model.add_favorite("0QP134Z")
    assert not model.add_favorite("0QP134Z")
    assert not model.add_favorite("NOPE123")
    assert model.favorite_codes() == ["0QP134Z"]
    assert model.find_code("0QP134Z").parent().isValid()  # its own branch, not Favorites
    assert model.remove_favorite("0QP134Z")
    assert model.favorite_codes() == []


def test_a_table_gets_its_rows_when_first_opened(catalog):
    model = CodeTreeModel(catalog)
    table = model.find_key("pcs/0QP1")
    assert model.rowCount(table) == 1  # a placeholder, so that the view offers to open it
    assert model.index(0, 0, table).data(KIND_ROLE) == PLACEHOLDER
    model.open(table)
    model.open(table)  # a second time changes nothing
    assert [model.data(model.index(r, 0, table)) for r in range(model.rowCount(table))] == [
        "0  Open",  # each level shows its character, as CMS's tables do
        "3  Percutaneous",
        "4  Percutaneous Endoscopic",
        "X  External",
    ]


def test_proxy_shows_an_unopened_table_that_holds_matches(catalog):
    model = CodeTreeModel(catalog)
    proxy = CodeFilterProxy(model)
    proxy.apply(SearchEngine(catalog).search("0qp1"))
    assert labels(proxy, limit=1) == ["ICD-10-PCS"]  # Favorites and CPT hold no match
    # The sacral group alone: section 0 leaves out the sacral tables it would hold.
    assert labels(proxy, proxy.index(0, 0), limit=1) == [SACRAL_GROUP]
    sacral = proxy.index(0, 0, proxy.index(0, 0))
    assert labels(proxy, sacral, limit=1) == ["0QP1 · Removal · Sacrum"]
    assert len(visible_codes(proxy)) == 17


@pytest.mark.parametrize("text", ["Pins & wires <sacrum>", "\"quoted\" and 'single'", "plain"])
def test_tooltip_text_is_escaped_as_the_standard_library_escapes_it(text):
    import html

    from sacroref.qt.tree_model import escaped

    assert escaped(text) == html.escape(text)
