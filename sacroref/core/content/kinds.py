"""What each kind of content file may hold: per-kind schemas and the checks beyond them."""

from __future__ import annotations

from typing import Any, NamedTuple

from sacroref.core.content import schema as s
from sacroref.core.content.problems import Problem
from sacroref.core.content.training_kinds import TRAINING_SCHEMAS
from sacroref.core.cpt_sections import CPT_SECTIONS
from sacroref.core.model import PCS_ALPHABET, is_cpt_code
from sacroref.core.pcs import is_pcs_code, template_problems

_SECTION_KEYS = dict(CPT_SECTIONS)
SOURCE_KINDS = ("seed", "cms", "editorial", "local")


def code_format_problem(code: str) -> str | None:
    """Return why a typed code is not a PCS or CPT code, or None when its form is right."""
    if is_cpt_code(code) or is_pcs_code(code):
        return None
    return (
        f"{code!r} is neither a 7-character ICD-10-PCS code (digits and letters, no I or O) "
        "nor a 5-character CPT code"
    )


def _single_char(key: str) -> str | None:
    if len(key) != 1 or key not in PCS_ALPHABET:
        return "an axis value must be one character from the PCS alphabet (0-9, A-Z without I, O)"
    return None


def _pcs_code(key: str) -> str | None:
    if not is_pcs_code(key):
        return "a title's key must be a 7-character ICD-10-PCS code"
    return None


def _section_key(key: str) -> str | None:
    if key not in _SECTION_KEYS:
        return f"unknown section (a typo?); known sections: {', '.join(_SECTION_KEYS)}"
    return None


_AXIS = s.mapping(s.text(), key_check=_single_char, non_empty=True)
_LABELLED = s.record(
    {
        "code": s.Field(s.text()),
        "label": s.Field(s.text()),
        "definition": s.Field(s.text(), required=False),
    }
)
_KIND = s.Field(s.text())
_SOURCE = s.Field(s.text())
_INCLUDES = s.Field(s.array(s.text()), required=False)

_ENTRY_SCHEMAS: dict[str, dict[str, s.Check]] = {
    "pcs-definitions": {
        "operation": s.record(
            {
                "section": s.Field(s.text()),
                "label": s.Field(s.text()),
                "definition": s.Field(s.text()),
                "explanation": s.Field(s.text(), required=False),
                "includes": _INCLUDES,
            }
        ),
        "approach": s.record(
            {
                "section": s.Field(s.text()),
                "label": s.Field(s.text()),
                "definition": s.Field(s.text()),
            }
        ),
        "device": s.record(
            {
                "section": s.Field(s.text()),
                "label": s.Field(s.text()),
                "body_system": s.Field(s.text(), required=False),
                "includes": _INCLUDES,
            }
        ),
        "body_part": s.record(
            {"section": s.Field(s.text()), "label": s.Field(s.text()), "includes": _INCLUDES}
        ),
    },
    "pcs-index": {
        "terms": s.record(
            {"path": s.Field(s.array(s.text(), non_empty=True)), "target": s.Field(s.text())}
        )
    },
    "sources": {
        "sources": s.record(
            {
                "id": s.Field(s.text()),
                "title": s.Field(s.text()),
                "kind": s.Field(s.one_of(*SOURCE_KINDS)),
                "location": s.Field(s.text(), required=False),
            }
        )
    },
    "synonyms": {
        "synonyms": s.record(
            {"phrase": s.Field(s.text()), "means": s.Field(s.array(s.text(), non_empty=True))}
        )
    },
    **TRAINING_SCHEMAS,
    "notes": {
        "notes": s.record(
            {"code": s.Field(s.text()), "title": s.Field(s.text()), "text": s.Field(s.text())}
        )
    },
}

_SECTION = s.record(
    {
        "source": s.Field(s.source_ids()),
        "text": s.Field(s.text(), required=False),
        "items": s.Field(s.array(s.text(), non_empty=True), required=False),
        "inferred": s.Field(s.text(), required=False),
    }
)


def _optional_records(fields: dict[str, s.Field]) -> s.Field:
    """Return an optional array-of-tables key whose entries have the given keys."""
    return s.Field(s.array(s.record(fields)), required=False)


_WHOLE_SCHEMAS: dict[str, s.Check] = {
    "pcs-table": s.record(
        {
            "kind": _KIND,
            "source": _SOURCE,
            "table": s.Field(s.text()),
            "heading": s.Field(s.text(), required=False),
            "titles": s.Field(
                s.mapping(s.array(s.text(non_empty=False)), key_check=_pcs_code), required=False
            ),
            "section": s.Field(_LABELLED),
            "body_system": s.Field(_LABELLED),
            "operation": s.Field(_LABELLED),
            "rows": s.Field(
                s.array(
                    s.record(
                        {
                            "body_part": s.Field(_AXIS),
                            "approach": s.Field(_AXIS),
                            "device": s.Field(_AXIS),
                            "qualifier": s.Field(_AXIS),
                        }
                    ),
                    non_empty=True,
                )
            ),
        }
    ),
    "pcs-changes": s.record(
        {
            "kind": _KIND,
            "source": _SOURCE,
            "from_year": s.Field(s.whole_number(minimum=2000)),
            "to_year": s.Field(s.whole_number(minimum=2000)),
            "added": s.Field(s.array(s.text())),
            "deleted": s.Field(s.array(s.text())),
        }
    ),
    "pcs-update": s.record(
        {
            "kind": _KIND,
            "source": _SOURCE,
            "name": s.Field(s.text()),
            "applied": s.Field(s.boolean(), required=False),  # the tables hold the update
            "added": s.Field(
                s.array(s.record({"code": s.Field(s.text()), "title": s.Field(s.text())}))
            ),
            "deleted": s.Field(
                s.array(s.record({"code": s.Field(s.text()), "title": s.Field(s.text())}))
            ),
        }
    ),
    "pcs-titles": s.record(
        {
            "kind": _KIND,
            "source": _SOURCE,
            "default": s.Field(s.text()),
            "templates": s.Field(s.mapping(s.mapping(s.text())), required=False),
            "short": s.Field(
                s.record(
                    {
                        "max_length": s.Field(s.whole_number(minimum=10)),
                        "abbreviations": s.Field(s.mapping(s.text())),
                    }
                )
            ),
        }
    ),
    "cpt-page": s.record(
        {
            "kind": _KIND,
            "code": s.Field(s.text()),
            "group": s.Field(s.text()),
            "name": s.Field(s.text()),
            "add_on": s.Field(s.record({"value": s.Field(s.boolean()), "source": _SOURCE})),
            "sections": s.Field(s.mapping(_SECTION, key_check=_section_key)),
            "modifiers": s.Field(
                s.record(
                    {
                        "source": s.Field(s.source_ids()),
                        "items": s.Field(
                            s.array(
                                s.record(
                                    {
                                        "code": s.Field(s.text()),
                                        "name": s.Field(s.text()),
                                        "note": s.Field(s.text()),
                                        "allowed": s.Field(s.boolean(), required=False),
                                    }
                                )
                            )
                        ),
                    }
                ),
                required=False,
            ),
            "indicators": _optional_records(
                {
                    "name": s.Field(s.text()),
                    "value": s.Field(s.text()),
                    "meaning": s.Field(s.text(), required=False),
                    "source": _SOURCE,
                }
            ),
            "history": _optional_records(
                {
                    "date": s.Field(s.text()),
                    "action": s.Field(s.text()),
                    "note": s.Field(s.text()),
                    "source": _SOURCE,
                }
            ),
            "related": _optional_records(
                {
                    "code": s.Field(s.text()),
                    "relation": s.Field(s.text()),
                    "source": s.Field(s.source_ids()),
                    "inferred": s.Field(s.boolean(), required=False),
                    "note": s.Field(s.text(), required=False),
                }
            ),
        }
    ),
}

KINDS = tuple(sorted({*_ENTRY_SCHEMAS, *_WHOLE_SCHEMAS}))


class Document(NamedTuple):
    """A checked file: its display name, its kind, and what is usable of its data."""

    name: str
    kind: str
    data: dict[str, Any]


def check_document(name: str, data: Any) -> tuple[Document | None, list[Problem]]:
    """Check a parsed document; return what is usable of it and every problem found."""
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a table of keys at the top of the file")]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        shown = "missing" if kind is None else repr(kind)
        return None, [Problem(name, "kind", f"must be one of {', '.join(KINDS)}; found {shown}")]
    if kind in _WHOLE_SCHEMAS:
        found = _WHOLE_SCHEMAS[kind](data, "")
        reported = {key for key, _ in found}
        found += [item for item in _semantic_problems(kind, data) if item[0] not in reported]
        whole = [Problem(name, key, message) for key, message in found]
        return (None if whole else Document(name, kind, data)), whole
    # Files of entries keep each valid entry even when a sibling is broken.
    entry_schemas = _ENTRY_SCHEMAS[kind]
    top = {
        "kind": _KIND,
        **(
            {"pcs_fiscal_year": s.Field(s.whole_number(), required=False)}
            if kind == "sources"
            else {"source": _SOURCE}
        ),
    }
    problems: list[Problem] = []
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if key in top:
            found = top[key].check(value, key)
            problems += [Problem(name, k, m) for k, m in found]
            if not found:
                kept[key] = value
        elif key in entry_schemas:
            if not isinstance(value, list):
                problems.append(Problem(name, key, "expected an array of tables"))
                continue
            good = []
            for index, entry in enumerate(value):
                found = entry_schemas[key](entry, s.join(key, index))
                problems += [Problem(name, k, m) for k, m in found]
                if not found:
                    good.append(entry)
            kept[key] = good
        else:
            known = ", ".join(sorted({*top, *entry_schemas}))
            problems.append(Problem(name, key, f"unknown key (a typo?); known keys: {known}"))
    for key, spec in top.items():
        if spec.required and key not in data:
            problems.append(Problem(name, key, "required key is missing"))
    usable = all(key in kept for key, spec in top.items() if spec.required)
    return (Document(name, kind, kept) if usable else None), problems


def _text_at(data: Any, *path: str) -> str | None:
    """Return the text at a key path, or None where the file holds something else there."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data if isinstance(data, str) else None


def _semantic_problems(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Return what is wrong beyond the schema; each check runs on whatever is well formed."""
    found: list[tuple[str, str]] = []
    if kind == "pcs-table":
        codes = [_text_at(data, key, "code") for key in ("section", "body_system", "operation")]
        for key, code in zip(("section", "body_system", "operation"), codes, strict=True):
            if code is not None and (error := _single_char(code)) is not None:
                found.append((f"{key}.code", error))
        table = _text_at(data, "table")
        if table is not None and all(codes) and table != (axes := "".join(map(str, codes))):
            found.append(
                ("table", f"{table!r} disagrees with its axis values, which make {axes!r}")
            )
    elif kind == "pcs-titles":
        templates = {"default": _text_at(data, "default")}
        by_section = data.get("templates")
        for section, by_operation in (by_section if isinstance(by_section, dict) else {}).items():
            for operation in by_operation if isinstance(by_operation, dict) else {}:
                key = f"templates.{section}.{operation}"
                templates[key] = _text_at(data, "templates", section, operation)
        for key, template in templates.items():
            if template is not None:
                found += [(key, message) for message in template_problems(template)]
    elif kind == "cpt-page":
        code = _text_at(data, "code")
        if code is not None and not is_cpt_code(code):
            found.append(
                ("code", f"{code!r} is not a CPT code (four digits, then a digit or letter)")
            )
        sections = data.get("sections")
        for key, section in (sections if isinstance(sections, dict) else {}).items():
            if isinstance(section, dict) and "text" not in section and "items" not in section:
                found.append(
                    (
                        f"sections.{key}",
                        "needs text or items (leave the section out when nothing is provided)",
                    )
                )
    return found
