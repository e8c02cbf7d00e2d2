"""`explain` walks a code character by character and says which character is wrong."""

from __future__ import annotations

from sacroref.core.explain import explain


def test_full_code(catalog):
    explanation = explain(catalog, "0qp1-34z")
    assert explanation.complete
    assert [c.meaning for c in explanation.characters] == [
        "Medical and Surgical",
        "Lower Bones",
        "Removal",
        "Sacrum",
        "Percutaneous",
        "Internal Fixation Device",
        "No Qualifier",
    ]


def test_partial_code(catalog):
    explanation = explain(catalog, "0QP1")
    assert explanation.error is None
    assert not explanation.complete
    assert explanation.characters[-1].axis == "Body Part"


def test_wrong_character_lists_valid_choices(catalog):
    explanation = explain(catalog, "0QP1X7Z")
    assert explanation.error.startswith("character 6 (Device) is '7'")
    assert [v.code for v in explanation.choices] == ["4", "5"]


def test_letter_o_is_never_valid(catalog):
    error = explain(catalog, "0QPO").error
    assert "never uses the letter O" in error
    assert "did you mean 0QP0?" in error  # 0QP0, Removal from Lumbar Vertebra


def test_too_long(catalog):
    assert "has 8 characters" in explain(catalog, "0QP134ZZ").error
