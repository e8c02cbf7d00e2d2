"""The loaded content: every code, definition, page and search aid, looked up by code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sacroref.core.model import (
    ApproachDefinition,
    BodyPartDefinition,
    CodeSystem,
    CptPage,
    DeviceDefinition,
    EditionChanges,
    IndexTerm,
    OperationDefinition,
    PcsCode,
    PcsTable,
    QuizCase,
    Source,
    Synonym,
    TitleRules,
    TourStep,
)


@dataclass(frozen=True, slots=True)
class LocalNote:
    """An organisation's own note on a code, from local content."""

    code: str
    title: str
    text: str
    source: str


def normalize_code(text: str) -> str:
    """Return a code typed any way (``0qp1-34z``, `` 0201t``) as sacroref stores it."""
    return "".join(char for char in text.upper() if char.isalnum())


@dataclass
class Catalog:
    """Everything loaded, with lookups; built by the loader."""

    tables: list[PcsTable] = field(default_factory=list)
    pcs_codes: dict[str, PcsCode] = field(default_factory=dict)
    cpt_pages: dict[str, CptPage] = field(default_factory=dict)
    operations: dict[tuple[str, str], OperationDefinition] = field(default_factory=dict)
    approaches: dict[tuple[str, str], ApproachDefinition] = field(default_factory=dict)
    devices: dict[tuple[str, str, str | None], DeviceDefinition] = field(default_factory=dict)
    body_parts: dict[tuple[str, str], BodyPartDefinition] = field(default_factory=dict)
    index_terms: list[IndexTerm] = field(default_factory=list)
    synonyms: list[Synonym] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    notes: dict[str, list[LocalNote]] = field(default_factory=dict)
    title_rules: TitleRules = field(default_factory=TitleRules)
    tour_steps: list[TourStep] = field(default_factory=list)
    quiz_cases: list[QuizCase] = field(default_factory=list)
    edition_changes: EditionChanges | None = None
    pcs_fiscal_year: int | None = None
    # Lookup tables built on first use (the catalog is filled in by the loader first).
    _terms_by_target: dict[str, list[IndexTerm]] | None = field(default=None, repr=False)
    _indexed_terms: int = field(default=0, repr=False)
    _by_table_key: dict[str, list[PcsCode]] | None = field(default=None, repr=False)
    _indexed_codes: int = field(default=0, repr=False)

    def lookup(self, text: str) -> PcsCode | CptPage | None:
        """Return the PCS code or CPT page for a code typed any way, or None."""
        code = normalize_code(text)
        return self.pcs_codes.get(code) or self.cpt_pages.get(code)

    def code_count(self) -> int:
        """Return how many codes are loaded, PCS and CPT together."""
        return len(self.pcs_codes) + len(self.cpt_pages)

    def all_codes(self) -> Iterator[tuple[str, CodeSystem, str]]:
        """Yield every code with its system and title, PCS first in table order."""
        for code in self.pcs_codes.values():
            yield code.code, CodeSystem.PCS, code.long_title
        for page in self.cpt_pages.values():
            yield page.code, CodeSystem.CPT, page.name

    def approach_definition(self, code: PcsCode) -> ApproachDefinition | None:
        """Return the CMS definition of a code's approach."""
        return self.approaches.get((code.table.section.code, code.approach.label))

    def device_definition(self, code: PcsCode) -> DeviceDefinition | None:
        """Return the Device Key entry of a code's device, specific to its body system first."""
        section, label = code.table.section.code, code.device.label
        return self.devices.get((section, label, code.table.body_system.label)) or self.devices.get(
            (section, label, None)
        )

    def operation_definition(self, code: PcsCode) -> OperationDefinition | None:
        """Return the CMS definition of a code's root operation."""
        return self.operations.get((code.table.section.code, code.table.operation.label))

    def body_part_definition(self, code: PcsCode) -> BodyPartDefinition | None:
        """Return the Body Part Key entry of a code's body part."""
        return self.body_parts.get((code.table.section.code, code.body_part.label))

    def codes_in_table(self, table_key: str) -> list[PcsCode]:
        """Return the codes of a four-character table key such as ``0QP1``, in table order."""
        if self._by_table_key is None or self._indexed_codes != len(self.pcs_codes):
            grouped: dict[str, list[PcsCode]] = {}
            for pcs in self.pcs_codes.values():
                grouped.setdefault(pcs.code[:4], []).append(pcs)
            self._by_table_key, self._indexed_codes = grouped, len(self.pcs_codes)
        return self._by_table_key.get(table_key, [])

    def neighbours(self, code: PcsCode) -> list[PcsCode]:
        """Return the other codes of the table that differ only by approach or device."""
        return [
            other
            for other in self.codes_in_table(code.code[:4])
            if other.code != code.code
            and other.qualifier.code == code.qualifier.code
            and (other.approach.code == code.approach.code or other.device.code == code.device.code)
        ]

    def index_terms_for(self, code: str) -> list[IndexTerm]:
        """Return the Alphabetic Index entries that lead to a code or its table."""
        if self._terms_by_target is None or self._indexed_terms != len(self.index_terms):
            grouped: dict[str, list[IndexTerm]] = {}
            for term in self.index_terms:
                grouped.setdefault(term.target, []).append(term)
            self._terms_by_target, self._indexed_terms = grouped, len(self.index_terms)
        found: list[IndexTerm] = []
        for length in range(1, min(len(code), 7) + 1):
            found += self._terms_by_target.get(code[:length], [])
        return found

    def source_title(self, source_id: str | None) -> str:
        """Return the readable title of a source id."""
        if source_id is None:
            return "not provided"
        source = self.sources.get(source_id)
        return source.title if source else source_id
