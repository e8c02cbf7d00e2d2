"""Readers for CMS's ICD-10-PCS XML files: tables, definitions and the Alphabetic Index."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from sacroref.core.model import (
    CMS_TABLES,
    PCS_ALPHABET,
    ApproachDefinition,
    AxisValue,
    BodyPartDefinition,
    DeviceDefinition,
    IndexTerm,
    OperationDefinition,
    PcsRow,
    PcsTable,
)

TABLES_ROOT = "ICD10PCS.tabular"
DEFINITIONS_ROOT = "ICD10PCS.definitions"
INDEX_ROOT = "ICD10PCS.index"


class CmsFileError(Exception):
    """A CMS file that cannot be read; the message is one line naming the file."""


@dataclass(frozen=True)
class CmsTables:
    """The tables of one CMS release."""

    version: str
    tables: tuple[PcsTable, ...]
    operation_definitions: dict[tuple[str, str], str]


@dataclass(frozen=True)
class CmsDefinitions:
    """The definitions and keys of one CMS release."""

    version: str
    operations: tuple[OperationDefinition, ...]
    approaches: tuple[ApproachDefinition, ...]
    devices: tuple[DeviceDefinition, ...]
    body_parts: tuple[BodyPartDefinition, ...]


def _parse(path: Path, expected_root: str) -> ET.Element:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        line, column = error.position
        raise CmsFileError(
            f"{path}: not well-formed XML (truncated or damaged?) at line {line}, column {column}"
        ) from None
    except OSError as error:
        raise CmsFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    if root.tag != expected_root:
        raise CmsFileError(f"{path}: root element is <{root.tag}>, expected <{expected_root}>")
    return root


def _text(element: ET.Element | None, path: Path, what: str) -> str:
    if element is None or element.text is None or not element.text.strip():
        raise CmsFileError(f"{path}: missing {what}")
    return element.text.strip()


def _version(root: ET.Element, path: Path) -> str:
    """Return a file's <version>, which must be a fiscal year such as 2026."""
    version = _text(root.find("version"), path, "<version>")
    if not (version.isascii() and version.isdigit() and 2000 <= int(version) <= 2999):
        raise CmsFileError(f"{path}: <version> is {version!r}, not a fiscal year such as 2026")
    return version


def _labels(axis: ET.Element, path: Path, where: str) -> tuple[AxisValue, ...]:
    values = tuple(
        AxisValue(label.get("code", ""), (label.text or "").strip())
        for label in axis.findall("label")
    )
    position = axis.get("pos")
    if not values:
        raise CmsFileError(f"{path}: {where}: the axis at position {position} has no <label>")
    for value in values:
        if len(value.code) != 1 or value.code not in PCS_ALPHABET:
            raise CmsFileError(
                f"{path}: {where}: a <label> at position {position} has code {value.code!r}, "
                "not one character of the PCS alphabet"
            )
        if not value.label:
            raise CmsFileError(
                f"{path}: {where}: the <label> {value.code!r} at position {position} is empty"
            )
    codes = [value.code for value in values]
    if len(set(codes)) != len(codes):
        raise CmsFileError(f"{path}: {where}: position {position} lists a value twice")
    return values


def read_tables(path: Path) -> CmsTables:
    """Read a CMS tables file; raise CmsFileError with one line when it is not one."""
    root = _parse(path, TABLES_ROOT)
    version = _version(root, path)
    tables: list[PcsTable] = []
    definitions: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    for number, table_element in enumerate(root.iter("pcsTable"), 1):
        axes = {axis.get("pos"): axis for axis in table_element.findall("axis")}
        if not {"1", "2", "3"} <= axes.keys():
            raise CmsFileError(f"{path}: <pcsTable> number {number} lacks axis 1, 2 or 3")
        where = f"<pcsTable> number {number}"
        section, body_system, operation = (_labels(axes[p], path, where)[0] for p in "123")
        prefix = section.code + body_system.code + operation.code
        if prefix in seen:
            raise CmsFileError(f"{path}: table {prefix} appears twice")
        seen.add(prefix)
        definition = axes["3"].findtext("definition")
        if definition:
            definitions[(section.code, operation.label)] = definition.strip()
        rows = []
        for row_element in table_element.findall("pcsRow"):
            row_axes = {
                axis.get("pos"): _labels(axis, path, f"table {prefix}")
                for axis in row_element.findall("axis")
            }
            if not {"4", "5", "6", "7"} <= row_axes.keys():
                raise CmsFileError(
                    f"{path}: a <pcsRow> of table "
                    f"{section.code}{body_system.code}{operation.code} lacks an axis"
                )
            rows.append(PcsRow(row_axes["4"], row_axes["5"], row_axes["6"], row_axes["7"]))
        if not rows:
            raise CmsFileError(f"{path}: table {prefix} has no <pcsRow>")
        tables.append(PcsTable(section, body_system, operation, tuple(rows), source=CMS_TABLES))
    if not tables:
        raise CmsFileError(f"{path}: holds no <pcsTable>")
    return CmsTables(version, tuple(tables), definitions)


def read_definitions(path: Path) -> CmsDefinitions:
    """Read a CMS definitions file (root operations, approaches, Device and Body Part Keys)."""
    root = _parse(path, DEFINITIONS_ROOT)
    version = _version(root, path)
    operations: list[OperationDefinition] = []
    approaches: list[ApproachDefinition] = []
    devices: list[DeviceDefinition] = []
    body_parts: list[BodyPartDefinition] = []
    for section in root.findall("section"):
        code = section.get("code", "")
        for axis in section.findall("axis"):
            axis_title = (axis.findtext("title") or "").strip()
            for terms in axis.findall("terms"):
                titles = [(t.text or "").strip() for t in terms.findall("title")]
                definition = (terms.findtext("definition") or "").strip()
                includes = tuple((i.text or "").strip() for i in terms.findall("includes"))
                for title in titles:
                    if axis_title == "Operation" and definition:
                        explanation = (terms.findtext("explanation") or "").strip() or None
                        operations.append(
                            OperationDefinition(code, title, definition, explanation, includes)
                        )
                    elif axis_title == "Approach" and definition:
                        approaches.append(ApproachDefinition(code, title, definition))
                    elif axis_title == "Device":
                        label, _, system = title.partition(" in ")
                        devices.append(DeviceDefinition(code, label, system or None, includes))
                    elif axis_title == "Body Part":
                        body_parts.append(BodyPartDefinition(code, title, includes))
    return CmsDefinitions(
        version, tuple(operations), tuple(approaches), tuple(devices), tuple(body_parts)
    )


def read_index(path: Path) -> tuple[str, tuple[IndexTerm, ...]]:
    """Read the Alphabetic Index: its version and every term path that leads to a table or code."""
    root = _parse(path, INDEX_ROOT)
    version = _version(root, path)
    found: list[IndexTerm] = []

    def walk(element: ET.Element, trail: tuple[str, ...]) -> None:
        title = (element.findtext("title") or "").strip()
        here = (*trail, title) if title else trail
        for tag in ("codes", "code"):
            for target in element.findall(tag):
                if target.text and here:
                    found.append(IndexTerm(here, target.text.strip()))
        for see in element.findall("see"):
            for target in see.findall("codes") + see.findall("code"):
                if target.text and here:
                    found.append(IndexTerm(here, target.text.strip()))
        for child in element.findall("term"):
            walk(child, here)

    for letter in root.findall("letter"):
        for main_term in letter.findall("mainTerm"):
            walk(main_term, ())
    return version, tuple(found)
