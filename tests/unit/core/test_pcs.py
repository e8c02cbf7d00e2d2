"""PCS codes come from rows, and titles from templates."""

from __future__ import annotations

import pytest

from sacroref.core.model import AxisValue, PcsRow, PcsTable, TitleRules
from sacroref.core.pcs import (
    derive_codes,
    is_pcs_code,
    render_template,
    short_title,
    template_problems,
    title_body_part,
)


def test_codes_are_derived_from_rows(catalog):
    removal = [c for c in catalog.pcs_codes if c.startswith("0QP1")]
    assert len(removal) == 17
    assert "0QP1X7Z" not in catalog.pcs_codes  # the external row has only devices 4 and 5
    code = catalog.pcs_codes["0QP14JZ"]
    assert (code.approach.label, code.device.label) == (
        "Percutaneous Endoscopic",
        "Synthetic Substitute",
    )


def test_lateral_body_parts_are_spoken_first():
    assert title_body_part("Pelvic Bone, Right") == "Right Pelvic Bone"
    assert title_body_part("Sacrum") == "Sacrum"


def test_optional_parts_drop_when_empty():
    template = "{operation} of {body_part}[ with {device}], {approach} Approach"
    values = {"operation": "Drainage", "body_part": "Sacrum", "device": "", "approach": "Open"}
    assert render_template(template, values) == "Drainage of Sacrum, Open Approach"


def test_short_title_abbreviates_from_the_end_until_it_fits():
    rules = TitleRules(
        abbreviations={"Percutaneous": "Perc", "Internal Fixation Device": "Int Fix"},
        short_max_length=60,
    )
    template = "Removal of {device} from {body_part}, {approach} Approach"
    values = {
        "device": "Internal Fixation Device",
        "body_part": "Sacrum",
        "approach": "Percutaneous",
    }
    assert short_title(template, values, rules) == "Removal of Int Fix from Sacrum, Perc Approach"
    assert short_title(template, values, TitleRules(short_max_length=60)) is None


def test_template_problems():
    assert template_problems("{operation} of {bodypart}") == [
        "unknown placeholder {bodypart}; use approach, body_part, device, operation, qualifier"
    ]
    assert template_problems("{operation} [of") == ["unbalanced [ ] around an optional part"]


@pytest.mark.parametrize(
    ("text", "valid"),
    [("0QP134Z", True), ("0QP13IZ", False), ("0QP134", False), ("0qp134z", False)],
)
def test_is_pcs_code(text, valid):
    assert is_pcs_code(text) is valid


def test_derivation_order_follows_the_row():
    table = PcsTable(
        AxisValue("0", "S"),
        AxisValue("Q", "B"),
        AxisValue("P", "Removal"),
        (
            PcsRow(
                (AxisValue("1", "Sacrum"),),
                (AxisValue("0", "Open"), AxisValue("3", "Perc")),
                (AxisValue("4", "Dev"),),
                (AxisValue("Z", "No Qualifier"),),
            ),
        ),
        "s",
    )
    codes = [c.code for c in derive_codes(table, TitleRules(default_template="{operation}"))]
    assert codes == ["0QP104Z", "0QP134Z"]


def test_a_code_is_found_once_a_later_table_of_its_prefix_gives_it():
    from sacroref.core.catalog import PcsCodes

    def table(device: str) -> PcsTable:
        row = PcsRow(
            (AxisValue("1", "Sacrum"),),
            (AxisValue("0", "Open"),),
            (AxisValue(device, "Dev"),),
            (AxisValue("Z", "No Qualifier"),),
        )
        return PcsTable(AxisValue("0", "S"), AxisValue("Q", "B"), AxisValue("P", "R"), (row,), "s")

    codes = PcsCodes()
    codes.add_table(table("4"), frozenset(), 1)
    assert codes.has_code("0QP104Z")
    assert not codes.has_code("0QP105Z")
    codes.add_table(table("5"), frozenset(), 1)
    assert codes.has_code("0QP105Z")
