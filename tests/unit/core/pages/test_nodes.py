"""Detail pages: what each shows, sources named, and content never interpreted as markup."""

from __future__ import annotations

from pathlib import Path

from sacroref.core.content.loader import load_content
from sacroref.core.document import Document, Paragraph, Span, to_html, to_text
from sacroref.core.pages.common import NOT_PROVIDED
from sacroref.core.pages.nodes import code_document, node_document
from sacroref.core.tree import NodeKind, build_tree, populate
from tests.helpers.content import SOURCES, write_folder


def test_pcs_page_has_breakdown_definitions_and_neighbours(catalog):
    page = to_text(code_document(catalog, "0QP134Z"))
    assert "Removal of Internal Fixation Device from Sacrum, Percutaneous Approach" in page
    assert "5         Approach        3      Percutaneous" in page
    assert "Entry, by puncture or minor incision" in page
    assert "Kirschner wire (K-wire)" in page
    assert "0QP144Z" in page
    assert "0QP135Z" in page
    assert "0QP145Z" not in page  # differs by both


def test_official_cpt_descriptors_are_not_bundled(catalog):
    root = Path(__file__).resolve().parents[3] / "resources"
    bundled = " ".join(p.read_text() for p in root.rglob("*.toml"))
    for descriptor_fragment in (
        "Percutaneous sacral augmentation (sacroplasty), bilateral",
        "List separately in addition to code for primary procedure",
        "attachment of caudal end of instrumentation",
    ):
        assert descriptor_fragment not in bundled


def test_indicator_values_are_exact(catalog):
    page = to_text(code_document(catalog, "0201T"))
    for fact in (
        "XXX",
        "P6A",
        "150% payment adjustment does NOT apply.",
        "2017-01-01",
        "Other fracture and dislocation procedure",
    ):
        assert fact in page


def test_an_indicator_whose_letter_the_source_omits_says_so(catalog):
    rows = {i.name: i for i in catalog.cpt_pages["0201T"].indicators}
    assert rows["Status code"].value == "(letter not given)"
    assert rows["Status code"].meaning == "Carriers Price the Code"
    assert not any(i.value == NOT_PROVIDED or "not provided" in i.value for i in rows.values())
    assert not any("cuts the text short" in (i.meaning or "") for i in rows.values())


def test_a_sister_page_says_what_was_not_carried_over(catalog):
    assert not catalog.cpt_pages["0200T"].indicators  # the explainer gives none
    page = to_text(code_document(catalog, "0200T"))
    payment = page[page.index("\nPayment indicators\n") : page.index("\nCode history\n")]
    assert NOT_PROVIDED in payment
    assert "0201T's page lists its own; they are not carried over here." in payment
    assert "not carried over" not in to_text(code_document(catalog, "22848"))  # no sister


def test_markup_in_content_is_shown_as_text(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "s.toml": SOURCES,
            "n.toml": """
kind = "notes"
source = "test-source"
[[notes]]
code = "0QP134Z"
title = "<script>alert(1)</script>"
text = "<b>bold?</b> [link](http://example.com) <img src=x>"
""",
        },
    )
    catalog = load_content([folder]).catalog
    html = to_html(code_document(catalog, "0QP134Z"))
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>bold?" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://example.com" in html
    assert 'href="http' not in html


def test_links_point_inside_the_app():
    html = to_html(Document("t", (Paragraph((Span("x", link="code:0QP134Z"),)),)))
    assert '<a href="code:0QP134Z">x</a>' in html


def test_every_node_has_a_page(sacral_catalog, catalog):
    root = build_tree(sacral_catalog)
    for table in list(root.walk()):
        populate(sacral_catalog, table)  # every table opened: approaches, devices, codes too
    kinds = set()
    for node in root.walk():
        if node.key:
            document = node_document(sacral_catalog, node)
            assert document is not None, node.key
            assert document.blocks, node.key
            kinds.add(node.kind)
    assert kinds >= {
        NodeKind.BRANCH,
        NodeKind.TABLE,
        NodeKind.APPROACH,
        NodeKind.DEVICE,
        NodeKind.QUALIFIER,
        NodeKind.GROUP,
        NodeKind.CODE,
        NodeKind.SACRAL,
    }
    # The whole code set: its sections and body systems too, down to one of their tables.
    whole = build_tree(catalog)
    seen = set()
    for node in list(whole.walk()):
        if node.kind in (NodeKind.SECTION, NodeKind.BODY_SYSTEM) and node.prefix in ("0", "0R"):
            populate(catalog, node)
    for node in whole.walk():
        if node.kind in (NodeKind.SECTION, NodeKind.BODY_SYSTEM, NodeKind.SACRAL):
            document = node_document(catalog, node)
            assert document is not None, node.key
            seen.add(node.kind)
    assert seen == {NodeKind.SECTION, NodeKind.BODY_SYSTEM, NodeKind.SACRAL}
