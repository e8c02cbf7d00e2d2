"""Loads and validates TOML content, collecting every problem and keeping everything valid."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sacroref.core import schema as s
from sacroref.core.catalog import Catalog, LocalNote, normalize_code
from sacroref.core.model import (
    CPT_SECTIONS,
    PCS_ALPHABET,
    ApproachDefinition,
    AxisValue,
    BodyPartDefinition,
    CptPage,
    DeviceDefinition,
    EditionChanges,
    HistoryEntry,
    IndexTerm,
    Indicator,
    Modifier,
    OperationDefinition,
    PcsRow,
    PcsTable,
    QuizCase,
    RelatedCode,
    Section,
    Source,
    Synonym,
    TitleRules,
    TourStep,
)
from sacroref.core.pcs import is_pcs_code, template_problems

if TYPE_CHECKING:
    from sacroref.resources import Traversable

_CPT_CODE = re.compile(r"^\d{4}[0-9A-Z]$")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SECTION_KEYS = dict(CPT_SECTIONS)
SOURCE_KINDS = ("seed", "cms", "editorial", "local")
#: Widgets a tour step may point at, by objectName.
TOUR_TARGETS = (
    "searchBox",
    "codeTree",
    "detailPane",
    "copyButton",
    "starButton",
    "matchCount",
    "quizPanel",
    "editionLabel",
)


class Problem(NamedTuple):
    """One thing wrong with content: file, key path, what is wrong, and the line if known."""

    file: str
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ContentError(Exception):
    """Content that cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class LoadResult(NamedTuple):
    """The catalog of everything valid, and every problem with what was not.

    With ``pending``, the content is not read yet: the catalog fills in as ``pending`` is
    stepped through.
    """

    catalog: Catalog
    problems: tuple[Problem, ...]
    pending: PendingContent | None = None


def code_format_problem(code: str) -> str | None:
    """Return why a typed code is not a PCS or CPT code, or None when its form is right."""
    if _CPT_CODE.match(code) or is_pcs_code(code):
        return None
    return (
        f"{code!r} is neither a 7-character ICD-10-PCS code (digits and letters, no I or O) "
        "nor a 5-character CPT code"
    )


def _single_char(key: str) -> str | None:
    if len(key) != 1 or key not in PCS_ALPHABET:
        return "an axis value must be one character from the PCS alphabet (0-9, A-Z without I, O)"
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
    "tour": {
        "steps": s.record(
            {
                "title": s.Field(s.text()),
                "text": s.Field(s.text()),
                "target": s.Field(s.one_of(*TOUR_TARGETS)),
                "search": s.Field(s.text(non_empty=False), required=False),
                "select": s.Field(s.text(), required=False),
            }
        )
    },
    "quiz": {
        "cases": s.record(
            {
                "id": s.Field(s.text()),
                "prompt": s.Field(s.text()),
                "answer": s.Field(s.text()),
                "explanation": s.Field(s.text()),
                "source": s.Field(s.text()),
                "hints": s.Field(s.mapping(s.text()), required=False),
            }
        )
    },
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
                        "source": _SOURCE,
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
                    "source": _SOURCE,
                    "inferred": s.Field(s.boolean(), required=False),
                    "note": s.Field(s.text(), required=False),
                }
            ),
        }
    ),
}

KINDS = tuple(sorted({*_ENTRY_SCHEMAS, *_WHOLE_SCHEMAS}))


def parse_toml(name: str, data: bytes) -> dict[str, Any]:
    """Decode and parse one file; raise ContentError naming the file (and line) when it cannot."""
    if not data.strip():
        raise ContentError([Problem(name, "", "file is empty")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            [
                Problem(
                    name,
                    "",
                    f"not UTF-8 text: byte 0x{data[error.start]:02x} at offset {error.start}",
                )
            ]
        ) from None
    # Imported on first use: a staged start parses nothing before the first paint.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
        return parsed
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if match := _TOML_POSITION.search(message):
            line = int(match.group(1))
            message = message[: match.start()]
        raise ContentError([Problem(name, "", f"TOML syntax error: {message}", line)]) from None


class _Document(NamedTuple):
    name: str
    kind: str
    data: dict[str, Any]


def check_document(name: str, data: Any) -> tuple[_Document | None, list[Problem]]:
    """Check a parsed document; return what is usable of it and every problem found."""
    if not isinstance(data, dict):
        return None, [Problem(name, "", "expected a table of keys at the top of the file")]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        shown = "missing" if kind is None else repr(kind)
        return None, [Problem(name, "kind", f"must be one of {', '.join(KINDS)}; found {shown}")]
    if kind in _WHOLE_SCHEMAS:
        found = _WHOLE_SCHEMAS[kind](data, "")
        found += _semantic_problems(kind, data) if not found else []
        whole = [Problem(name, key, message) for key, message in found]
        return (None if whole else _Document(name, kind, data)), whole
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
    return (_Document(name, kind, kept) if usable else None), problems


def _semantic_problems(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if kind == "pcs-table":
        axes = "".join(data[k]["code"] for k in ("section", "body_system", "operation"))
        if data["table"] != axes:
            found.append(
                ("table", f"{data['table']!r} disagrees with its axis values, which make {axes!r}")
            )
        for key in ("section", "body_system", "operation"):
            if (error := _single_char(data[key]["code"])) is not None:
                found.append((f"{key}.code", error))
    elif kind == "pcs-titles":
        templates = {"default": data["default"]}
        for section, by_operation in data.get("templates", {}).items():
            for operation, template in by_operation.items():
                templates[f"templates.{section}.{operation}"] = template
        for key, template in templates.items():
            found += [(key, message) for message in template_problems(template)]
    elif kind == "cpt-page":
        if not _CPT_CODE.match(data["code"]):
            found.append(
                (
                    "code",
                    f"{data['code']!r} is not a CPT code (four digits, then a digit or letter)",
                )
            )
        for key, section in data["sections"].items():
            if "text" not in section and "items" not in section:
                found.append(
                    (
                        f"sections.{key}",
                        "needs text or items (leave the section out when nothing is provided)",
                    )
                )
    return found


def iter_toml_files(
    root: Traversable, label: str, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[str, Traversable]]:
    """Yield (display name, file) for every ``.toml`` file below ``root``, in a stable order."""
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        name = f"{label}/{entry.name}"
        if entry.name in skip:
            continue
        if entry.is_dir():
            yield from iter_toml_files(entry, name)
        elif entry.name.endswith(".toml"):
            yield name, entry


def is_import_folder(folder: Traversable) -> bool:
    """Return whether a folder was written by ``import-pcs`` (which owns everything in it)."""
    return (folder / "sources.toml").is_file() and (folder / "tables").is_dir()


#: A folder to read: the folder, the name it is shown by, and top-level names to skip.
Folder = tuple["Traversable", str, frozenset[str]]


def read_folders(folders: Iterable[Folder]) -> Iterator[tuple[_Document | None, list[Problem]]]:
    """Read every TOML file below the folders (less their skipped names), one at a time."""
    for root, label, skip in folders:
        for name, entry in iter_toml_files(root, label, skip):
            yield read_document(name, entry)


def read_document(name: str, entry: Traversable) -> tuple[_Document | None, list[Problem]]:
    """Read, parse and check one file; return what is usable of it and every problem found."""
    try:
        return check_document(name, parse_toml(name, entry.read_bytes()))
    except ContentError as error:
        return None, list(error.problems)
    except OSError as error:
        return None, [Problem(name, "", f"cannot be read ({error})")]


def _axis_values(
    mapping: dict[str, str], shared: dict[tuple[str, str], AxisValue]
) -> tuple[AxisValue, ...]:
    # The whole code set repeats "Open" and its like thousands of times: one object each.
    return tuple(
        shared.setdefault((code, label), AxisValue(code, label)) for code, label in mapping.items()
    )


def _labelled(data: dict[str, str]) -> AxisValue:
    return AxisValue(data["code"], data["label"])


class _Builder:
    """Turns checked documents into a catalog, reporting conflicts between files."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog if catalog is not None else Catalog()
        self.problems: list[Problem] = []
        self._references: list[tuple[str, str, str, str]] = []  # file, key, kind, target
        self._axis_values: dict[tuple[str, str], AxisValue] = {}

    def add(self, document: _Document) -> None:
        handler: dict[str, Callable[[_Document], None]] = {
            "sources": self._sources,
            "pcs-titles": self._titles,
            "pcs-table": self._table,
            "pcs-definitions": self._definitions,
            "pcs-index": self._index,
            "synonyms": self._synonyms,
            "tour": self._tour,
            "pcs-changes": self._changes,
            "quiz": self._quiz,
            "notes": self._notes,
            "cpt-page": self._cpt_page,
        }
        handler[document.kind](document)

    def _refer_source(self, file: str, key: str, source: str) -> None:
        self._references.append((file, key, "source", source))

    def _sources(self, doc: _Document) -> None:
        if "pcs_fiscal_year" in doc.data:
            self.catalog.pcs_fiscal_year = doc.data["pcs_fiscal_year"]
        for index, entry in enumerate(doc.data.get("sources", [])):
            if entry["id"] in self.catalog.sources:
                self.problems.append(
                    Problem(
                        doc.name, f"sources[{index}].id", f"source {entry['id']!r} is defined twice"
                    )
                )
                continue
            self.catalog.sources[entry["id"]] = Source(
                entry["id"], entry["title"], entry["kind"], entry.get("location", "")
            )

    def _titles(self, doc: _Document) -> None:
        if self.catalog.title_rules.default_template:
            self.problems.append(
                Problem(doc.name, "kind", "a second pcs-titles file; only the first is used")
            )
            return
        data = doc.data
        self._refer_source(doc.name, "source", data["source"])
        self.catalog.title_rules = TitleRules(
            long_templates={
                f"{section}:{operation}": template
                for section, by_operation in data.get("templates", {}).items()
                for operation, template in by_operation.items()
            },
            default_template=data["default"],
            abbreviations=dict(data["short"]["abbreviations"]),
            short_max_length=data["short"]["max_length"],
            source=data["source"],
        )

    def _table(self, doc: _Document) -> None:
        data = doc.data
        self._refer_source(doc.name, "source", data["source"])
        rows = tuple(
            PcsRow(
                _axis_values(row["body_part"], self._axis_values),
                _axis_values(row["approach"], self._axis_values),
                _axis_values(row["device"], self._axis_values),
                _axis_values(row["qualifier"], self._axis_values),
            )
            for row in data["rows"]
        )
        table = PcsTable(
            _labelled(data["section"]),
            _labelled(data["body_system"]),
            _labelled(data["operation"]),
            rows,
            data["source"],
            doc.name,
        )
        self.catalog.tables.append(table)
        definition = data["operation"].get("definition")
        if (
            definition
            and (table.section.code, table.operation.label) not in self.catalog.operations
        ):
            self.catalog.operations[(table.section.code, table.operation.label)] = (
                OperationDefinition(table.section.code, table.operation.label, definition, None, ())
            )

    def derive_codes(self) -> None:
        codes = self.catalog.pcs_codes
        codes.rules = self.catalog.title_rules
        # Only tables sharing their first three characters can define the same code.
        first_tables: dict[str, dict[str, PcsTable]] = {}
        for table in self.catalog.tables:
            defined = first_tables.setdefault(table.prefix, {})
            skipped: set[str] = set()  # defined first by another table: left out of this one
            reported: set[str] = set()
            count = 0
            for code in table.code_strings():
                first = defined.get(code)
                if first is None:
                    defined[code] = table
                    count += 1
                elif code not in reported:
                    reported.add(code)
                    message = f"duplicate code {code}: already defined in {first.file}"
                    self.problems.append(Problem(table.file, "rows", message))
                    if first is not table:
                        skipped.add(code)
            codes.add_table(table, frozenset(skipped), count)

    def _definitions(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        catalog = self.catalog
        for entry in doc.data.get("operation", []):
            catalog.operations[(entry["section"], entry["label"])] = OperationDefinition(
                entry["section"],
                entry["label"],
                entry["definition"],
                entry.get("explanation"),
                tuple(entry.get("includes", ())),
            )
        for entry in doc.data.get("approach", []):
            catalog.approaches[(entry["section"], entry["label"])] = ApproachDefinition(
                entry["section"], entry["label"], entry["definition"]
            )
        for entry in doc.data.get("device", []):
            key = (entry["section"], entry["label"], entry.get("body_system"))
            catalog.devices[key] = DeviceDefinition(*key, tuple(entry.get("includes", ())))
        for entry in doc.data.get("body_part", []):
            catalog.body_parts[(entry["section"], entry["label"])] = BodyPartDefinition(
                entry["section"], entry["label"], tuple(entry.get("includes", ()))
            )

    def _index(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        self.catalog.index_terms += [
            IndexTerm(tuple(term["path"]), term["target"]) for term in doc.data.get("terms", [])
        ]

    def _synonyms(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        self.catalog.synonyms += [
            Synonym(entry["phrase"], tuple(entry["means"]), doc.data["source"])
            for entry in doc.data.get("synonyms", [])
        ]

    def _changes(self, doc: _Document) -> None:
        data = doc.data
        self._refer_source(doc.name, "source", data["source"])
        for index, code in enumerate(data["added"]):
            self._references.append((doc.name, f"added[{index}]", "code", code))
        self.catalog.edition_changes = EditionChanges(
            data["from_year"],
            data["to_year"],
            frozenset(data["added"]),
            tuple(data["deleted"]),
            data["source"],
        )

    def _tour(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        for index, entry in enumerate(doc.data.get("steps", [])):
            if "select" in entry:
                self._references.append(
                    (doc.name, f"steps[{index}].select", "code", entry["select"])
                )
            self.catalog.tour_steps.append(
                TourStep(
                    entry["title"],
                    entry["text"],
                    entry["target"],
                    entry.get("search"),
                    entry.get("select"),
                )
            )

    def _quiz(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        seen = {case.id for case in self.catalog.quiz_cases}
        for index, entry in enumerate(doc.data.get("cases", [])):
            if entry["id"] in seen:
                self.problems.append(
                    Problem(
                        doc.name, f"cases[{index}].id", f"case id {entry['id']!r} is used twice"
                    )
                )
                continue
            seen.add(entry["id"])
            self._references.append((doc.name, f"cases[{index}].answer", "code", entry["answer"]))
            self._refer_source(doc.name, f"cases[{index}].source", entry["source"])
            for wrong in entry.get("hints", {}):
                self._references.append((doc.name, f"cases[{index}].hints.{wrong}", "code", wrong))
            self.catalog.quiz_cases.append(
                QuizCase(
                    entry["id"],
                    entry["prompt"],
                    entry["answer"],
                    entry["explanation"],
                    entry["source"],
                    dict(entry.get("hints", {})),
                )
            )

    def _notes(self, doc: _Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        for index, entry in enumerate(doc.data.get("notes", [])):
            code = normalize_code(entry["code"])
            self._references.append((doc.name, f"notes[{index}].code", "code", code))
            self.catalog.notes.setdefault(code, []).append(
                LocalNote(code, entry["title"], entry["text"], doc.data["source"])
            )

    def _cpt_page(self, doc: _Document) -> None:
        data = doc.data
        code = data["code"]
        if code in self.catalog.cpt_pages:
            self.problems.append(
                Problem(
                    doc.name,
                    "code",
                    f"duplicate code {code}: already "
                    f"defined in {self.catalog.cpt_pages[code].file}",
                )
            )
            return
        sections = []
        for key, title in CPT_SECTIONS:
            entry = data["sections"].get(key)
            if entry is None:
                sections.append(Section(key, title))
                continue
            sources = entry["source"] if isinstance(entry["source"], list) else [entry["source"]]
            for source in sources:
                self._refer_source(doc.name, f"sections.{key}.source", source)
            sections.append(
                Section(
                    key,
                    title,
                    tuple(sources),
                    entry.get("text"),
                    tuple(entry.get("items", ())),
                    entry.get("inferred"),
                )
            )
        modifiers = data.get("modifiers", {})
        if modifiers:
            self._refer_source(doc.name, "modifiers.source", modifiers["source"])
        self._refer_source(doc.name, "add_on.source", data["add_on"]["source"])
        for key in ("indicators", "history", "related"):
            for index, entry in enumerate(data.get(key, [])):
                self._refer_source(doc.name, f"{key}[{index}].source", entry["source"])
        for index, entry in enumerate(data.get("related", [])):
            self._references.append((doc.name, f"related[{index}].code", "code", entry["code"]))
        self.catalog.cpt_pages[code] = CptPage(
            code=code,
            group=data["group"],
            name=data["name"],
            add_on=data["add_on"]["value"],
            add_on_source=data["add_on"]["source"],
            sections=tuple(sections),
            modifiers=tuple(
                Modifier(
                    m["code"], m["name"], m["note"], modifiers["source"], m.get("allowed", True)
                )
                for m in modifiers.get("items", [])
            ),
            modifiers_source=modifiers.get("source"),
            indicators=tuple(
                Indicator(i["name"], i["value"], i.get("meaning"), i["source"])
                for i in data.get("indicators", [])
            ),
            history=tuple(
                HistoryEntry(h["date"], h["action"], h["note"], h["source"])
                for h in data.get("history", [])
            ),
            related=tuple(
                RelatedCode(
                    r["code"],
                    r["relation"],
                    r["source"],
                    r.get("inferred", False),
                    r.get("note", ""),
                )
                for r in data.get("related", [])
            ),
            file=doc.name,
        )

    def check_references(self) -> None:
        catalog = self.catalog
        for file, key, kind, target in self._references:
            if kind == "code" and (message := code_format_problem(target)):
                self.problems.append(Problem(file, key, message))
            elif kind == "source" and target not in catalog.sources:
                self.problems.append(
                    Problem(file, key, f"unknown source {target!r}; define it in a sources file")
                )
            elif kind == "code" and catalog.lookup(target) is None:
                self.problems.append(
                    Problem(
                        file,
                        key,
                        f"refers to code {target}, which does not exist in the loaded content",
                    )
                )
        if catalog.tables and not catalog.title_rules.default_template:
            self.problems.append(
                Problem("(content)", "", "no pcs-titles file: PCS titles cannot be built")
            )


def build_catalog(documents: Sequence[_Document]) -> tuple[Catalog, list[Problem]]:
    """Build the catalog from checked documents; return it with every conflict found."""
    builder = _Builder()
    order = {"sources": 0, "pcs-titles": 1}
    for document in sorted(documents, key=lambda d: order.get(d.kind, 2)):
        builder.add(document)
    builder.derive_codes()
    builder.check_references()
    return builder.catalog, builder.problems


class PendingContent:
    """Content still to read, parsed in slices after the window's first paint.

    Nothing of it is opened before then: the whole code set's 914 tables take most of a
    second to parse, and even the bundled files cost more than the rest of the start-up.
    The catalog fills in as the slices are stepped through.
    """

    def __init__(self, folders: list[Folder]) -> None:
        self.catalog = Catalog()
        self.problems: list[Problem] = []  # found in the pending content, once done
        self._steps: Iterator[None] | None = self._run(folders)

    @property
    def done(self) -> bool:
        """Return whether every pending file has been parsed and checked."""
        return self._steps is None

    def step(self) -> bool:
        """Parse the next slice of files (about 20); return whether everything is loaded."""
        if self._steps is not None and next(self._steps, StopIteration) is StopIteration:
            self._steps = None
        return self._steps is None

    def finish(self) -> None:
        """Parse whatever is still pending."""
        while not self.step():
            pass

    def _run(self, folders: list[Folder], per_step: int = 20) -> Iterator[None]:
        builder = _Builder(self.catalog)
        problems: list[Problem] = []
        for number, (document, found) in enumerate(read_folders(folders), 1):
            problems += found
            if document is not None:
                builder.add(document)
            if number % per_step == 0:
                yield
        builder.derive_codes()
        builder.check_references()
        self.problems = problems + builder.problems


def load_content(
    extra_dirs: Sequence[Path] = (), *, include_bundled: bool = True, staged: bool = False
) -> LoadResult:
    """Load the bundled content and any extra folders; never raises for bad content.

    ``staged`` reads nothing yet: every file is left in ``pending``, to be parsed after the
    window's first paint.
    """
    from sacroref.resources import content_root

    problems: list[Problem] = []
    folders: list[Folder] = []
    # A folder written by `import-pcs` (such as the whole code set) replaces the bundled
    # CMS import instead of clashing with it; hand-written content stays.
    replaces_cms = any(is_import_folder(folder) for folder in extra_dirs)
    if include_bundled:
        folders.append(
            (content_root(), "resources", frozenset({"cms"}) if replaces_cms else frozenset())
        )
    for folder in extra_dirs:
        if not folder.is_dir():
            problems.append(Problem(str(folder), "", "content folder does not exist"))
            continue
        folders.append((folder, str(folder), frozenset()))
    if staged:
        pending = PendingContent(folders)
        return LoadResult(pending.catalog, tuple(problems), pending)
    documents: list[_Document] = []
    for document, found in read_folders(folders):
        problems += found
        if document is not None:
            documents.append(document)
    catalog, conflicts = build_catalog(documents)
    return LoadResult(catalog, tuple(problems + conflicts))


def load_documents(files: Sequence[tuple[str, bytes]]) -> Catalog:
    """Load in-memory files alone; raise ContentError listing every problem, if any."""
    parsed: list[tuple[str, dict[str, Any]]] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            parsed.append((name, parse_toml(name, data)))
        except ContentError as error:
            problems += error.problems
    return load_parsed(parsed, problems)


def load_parsed(
    files: Sequence[tuple[str, dict[str, Any]]], earlier: Sequence[Problem] = ()
) -> Catalog:
    """Load already-parsed documents alone; raise ContentError listing every problem, if any."""
    documents: list[_Document] = []
    problems = list(earlier)
    for name, data in files:
        document, found = check_document(name, data)
        problems += found
        if document is not None:
            documents.append(document)
    catalog, conflicts = build_catalog(documents)
    problems += conflicts
    if problems:
        raise ContentError(problems)
    return catalog
