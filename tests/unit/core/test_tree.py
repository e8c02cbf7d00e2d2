"""The browse tree opens tables only when asked, and groups many body systems."""

from __future__ import annotations

from pathlib import Path

import pytest

from sacroref.core.content.loader import load_documents
from sacroref.core.model import CodeSystem
from sacroref.core.search.engine import SearchEngine
from sacroref.core.tree import SACRAL_GROUP, NodeKind, build_tree, find_code, find_key, populate

ROOT = Path(__file__).resolve().parents[3]

SOURCES = b"""
kind = "sources"
[[sources]]
id = "cms"
title = "CMS tables"
kind = "cms"
[[sources]]
id = "sacroref-editors"
title = "Title rules"
kind = "editorial"
"""


def table(prefix: str, body_system: str, body_part: str) -> bytes:
    return f"""
kind = "pcs-table"
source = "cms"
table = "{prefix}"
section = {{ code = "0", label = "Medical and Surgical" }}
body_system = {{ code = "{prefix[1]}", label = "{body_system}" }}
operation = {{ code = "P", label = "Removal" }}
[[rows]]
body_part = {{ "1" = "{body_part}" }}
approach = {{ "0" = "Open", "3" = "Percutaneous" }}
device = {{ "4" = "Internal Fixation Device" }}
qualifier = {{ "Z" = "No Qualifier" }}
""".encode()


@pytest.fixture(scope="module")
def two_body_systems():
    titles = (ROOT / "resources" / "pcs" / "titles.toml").read_bytes()
    return load_documents(
        [
            ("sources.toml", SOURCES),
            ("titles.toml", titles),
            ("0QP.toml", table("0QP", "Lower Bones", "Sacrum")),
            ("0RP.toml", table("0RP", "Upper Joints", "Cervical Vertebral Joint")),
        ]
    )


def test_tables_are_opened_only_when_asked(catalog):
    root = build_tree(catalog)
    pcs = root.children[1]
    sacral = pcs.children[0]
    assert sacral.kind is NodeKind.SACRAL
    tables = [node for node in sacral.children if node.kind is NodeKind.TABLE]
    assert len(tables) == 20
    assert all(node.lazy and not node.children for node in tables)
    sections = pcs.children[1:]
    assert all(node.kind is NodeKind.SECTION and node.lazy for node in sections)
    assert len(sections) == 17  # every section of ICD-10-PCS, unopened
    removal = next(node for node in tables if node.prefix == "0QP1")
    codes = [node.code for node in populate(catalog, removal)[0].walk() if node.code]
    assert codes[0] == "0QP104Z"
    assert not removal.lazy


def test_many_body_systems_get_their_own_level(two_body_systems):
    root = build_tree(two_body_systems)
    groups = root.children[1].children
    assert [node.label for node in groups] == [SACRAL_GROUP, "0 · Medical and Surgical"]
    assert [node.label for node in groups[0].children] == ["0QP1 · Removal · Sacrum"]
    body_systems = populate(two_body_systems, groups[1])
    assert [node.label for node in body_systems] == ["0R · Upper Joints"]  # 0Q's table is above
    assert all(node.kind is NodeKind.BODY_SYSTEM and node.lazy for node in body_systems)
    found = find_code(two_body_systems, root, "0RP134Z")
    assert found is not None
    assert [node.prefix for node in _ancestors(found)] == [
        "0RP134Z",
        "0RP134",
        "0RP13",
        "0RP1",
        "0R",
        "0",
        "",
    ]
    sacral = find_code(two_body_systems, root, "0QP134Z")
    assert sacral is not None
    assert [node.kind for node in _ancestors(sacral)][-3:] == [
        NodeKind.TABLE,
        NodeKind.SACRAL,
        NodeKind.BRANCH,
    ]
    assert find_key(two_body_systems, build_tree(two_body_systems), found.key) is not None


def test_every_node_knows_which_codes_lie_under_it(sacral_catalog):
    catalog = sacral_catalog
    root = build_tree(catalog)
    for table in list(root.children[1].walk()):
        populate(catalog, table)
    for node in root.children[1].walk():
        codes = {leaf.code for leaf in node.walk() if leaf.code}
        assert node.system is CodeSystem.PCS
        assert codes == {code for code in catalog.pcs_codes if code.startswith(node.prefix or "")}


def test_a_search_result_says_which_rows_hold_matches(sacral_catalog):
    result = SearchEngine(sacral_catalog).search("osteopor")  # words only 0200T and 0201T have
    assert result.any_with_prefix(CodeSystem.CPT, "0200T")
    assert not result.any_with_prefix(CodeSystem.CPT, "22848")
    assert not result.any_with_prefix(CodeSystem.PCS, "02")  # PCS and CPT are kept apart
    assert not result.any_with_prefix(CodeSystem.PCS, "")
    assert result.any_with_prefix(CodeSystem.CPT, "")


def _ancestors(node):
    while node is not None and node.kind is not NodeKind.ROOT and node.kind is not NodeKind.BRANCH:
        yield node
        node = node.parent
    if node is not None and node.kind is NodeKind.BRANCH:
        yield node


def test_a_body_system_page_lists_its_tables(two_body_systems):
    from sacroref.core.document import to_text
    from sacroref.core.pages.nodes import node_document

    section = build_tree(two_body_systems).children[1].children[1]
    group = populate(two_body_systems, section)[0]
    page = to_text(node_document(two_body_systems, group))
    assert "Tables: 1." in page
    assert "0RP1 · Removal · Cervical Vertebral Joint" in page
    assert "Body systems: 1." in to_text(node_document(two_body_systems, section))
