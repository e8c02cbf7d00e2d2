"""CPT pages put the coder first: summary, coder's sections, clinical, then patient sections."""

from __future__ import annotations

import pytest

from sacroref.core.document import Contents, Fold, Heading, anchors, to_html, to_text
from sacroref.core.pages.common import NOT_PROVIDED
from sacroref.core.pages.cpt import PATIENT_FOLD, cpt_document

CODER_FIRST = [
    "Coder's summary",
    "Coding notes",
    "Documentation needs",
    "Medical necessity",
    "Modifiers",
    "Payment indicators",
    "Code history",
    "Related codes",
]
CLINICAL = [
    "Summary in plain words",
    "Lay description",
    "Indications",
    "Procedure steps",
    "Duration",
    "Setting",
    "Places of service",
    "Personnel",
    "Specialties",
    "Clinical examples",
]
PATIENT = [
    "Preparation",
    "Post-procedure and recovery",
    "Risks",
    "Benefits",
    "Alternatives",
    "Patient experience",
]


def section_headings(document) -> list[str]:
    """The page's section headings in order, decision cards left out, the fold's included."""
    found = []
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 2:
            found.append(block.text)
        elif isinstance(block, Fold):
            found.append(block.title)
            found += [b.text for b in block.blocks if isinstance(b, Heading) and b.level == 2]
    return found


@pytest.mark.parametrize("code", ["0200T", "0201T", "22848"])
def test_every_cpt_page_has_its_sections_in_the_coders_order(catalog, code):
    document = cpt_document(catalog, catalog.cpt_pages[code])
    assert section_headings(document) == [*CODER_FIRST, *CLINICAL, "Patient information", *PATIENT]
    folds = [block for block in document.blocks if isinstance(block, Fold)]
    assert [fold.key for fold in folds] == [PATIENT_FOLD]
    inside = [b.text for b in folds[0].blocks if isinstance(b, Heading)]
    assert inside == PATIENT  # every patient-facing section, and only those, in the fold


def test_the_sister_pages_show_the_same_sections_and_say_what_is_not_carried_over(catalog):
    one, two = (cpt_document(catalog, catalog.cpt_pages[c]) for c in ("0200T", "0201T"))
    assert section_headings(one) == section_headings(two)
    page = to_text(one)
    risks = page[page.index("\nRisks\n") : page.index("\nBenefits\n")]
    assert NOT_PROVIDED in risks
    assert "0201T's page has a section 'Risks' from its own sources; it is not" in risks


@pytest.mark.parametrize("code", ["0200T", "0201T", "22848"])
def test_the_table_of_contents_links_to_every_section(catalog, code):
    document = cpt_document(catalog, catalog.cpt_pages[code])
    contents = next(block for block in document.blocks if isinstance(block, Contents))
    linked = [anchor for _, anchor in contents.entries]
    assert linked == [anchor for _, anchor, _ in anchors(document)]
    titles = [title for title, _ in contents.entries]
    assert set(section_headings(document)) <= set(titles)
    page = to_html(document)
    for anchor in linked:
        assert f'href="#{anchor}"' in page
        assert f'<a name="{anchor}"></a>' in page  # the link has somewhere to land


def test_a_folded_page_shows_the_fold_title_and_a_way_to_open_it(catalog):
    document = cpt_document(catalog, catalog.cpt_pages["0201T"])
    folded = to_html(document, frozenset({PATIENT_FOLD}))
    assert "Patient information" in folded
    assert f'href="fold:{PATIENT_FOLD}"' in folded
    assert "Cement escaping from the bone" not in folded  # a risk, folded away
    assert "Cement escaping from the bone" in to_html(document)  # paper shows everything


def test_the_coders_summary_gives_each_fact_with_its_source(catalog):
    page = to_text(cpt_document(catalog, catalog.cpt_pages["0200T"]))
    summary = page[page.index("Coder's summary") : page.index("\nCoding notes\n")]
    assert "CPT Category III code, as the T at the end of the code marks." in summary
    assert "[inferred] From the code itself" in summary
    assert "One side (unilateral). For both sides, report 0201T" in summary
    assert "Imaging guidance, and a bone biopsy when one is done" in summary
    assert "50 (Bilateral procedure)" in summary
    assert "0QU13JZ, 0QB13ZX [inferred, not official]" in summary
    assert "sacroref editors" in summary


def test_an_add_on_codes_summary_says_its_primary_procedures_are_not_provided(catalog):
    page = to_text(cpt_document(catalog, catalog.cpt_pages["22848"]))
    summary = page[page.index("Coder's summary") : page.index("\nCoding notes\n")]
    primary = next(line for line in summary.splitlines() if "Primary procedures" in line)
    assert "not provided: no source states this" in primary
    assert "51 (Multiple procedures)" in summary
    for code in ("0QH204Z", "XNH6058", "XNH60HB", "0SG704Z"):
        assert code in summary


def test_related_codes_reach_across_tables_each_labelled_inferred_with_a_reason(catalog):
    related = {r.code: r for r in catalog.cpt_pages["22848"].related}
    for code in ("XNH6058", "XNH7058", "XNH60HB", "0SG704Z", "0SG804Z"):
        assert related[code].inferred
        assert related[code].note
        assert catalog.lookup(code) is not None  # in the whole code set that is bundled
    assert "tulip connector" in related["XNH6058"].note
    assert "If the sacroiliac joint is fused, see Fusion" in related["0SG704Z"].note
    sacroplasty = {r.code: r.note for r in catalog.cpt_pages["0201T"].related}
    assert sacroplasty["0QU13JZ"].startswith("Applies to the cement injection")
    assert sacroplasty["0QB13ZX"].startswith("Applies only when a bone sample is taken")


@pytest.mark.parametrize(
    ("code", "card"),
    [
        ("0QP134Z", "Removal, Revision or Change?"),
        ("0QP1X4Z", "External or Percutaneous, for pins and wires through the skin?"),
        ("0QU13JZ", "Supplement or Replacement, for cement?"),
        ("0201T", "A biopsy: Excision with the Diagnostic qualifier"),
    ],
)
def test_decision_cards_are_on_the_pages_they_concern(catalog, code, card):
    from sacroref.core.pages.nodes import code_document

    page = to_text(code_document(catalog, code))
    assert f"Decision card: {card}" in page
    assert "Source: CMS ICD-10-PCS" in page[page.index(f"Decision card: {card}") :]
    assert "Decision card" not in to_text(code_document(catalog, "0RP134Z"))
