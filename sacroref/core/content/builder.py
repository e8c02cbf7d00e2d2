"""Turns checked documents into a catalog, reporting conflicts between files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from sacroref.core.catalog import Catalog, LocalNote, normalize_code
from sacroref.core.content.cpt_pages import cpt_page
from sacroref.core.content.kinds import Document, code_format_problem
from sacroref.core.content.meanings import meaning_problem
from sacroref.core.content.problems import Problem
from sacroref.core.content.snapshot import unpack_terms
from sacroref.core.content.snapshot_tables import ROW_AXES
from sacroref.core.model import (
    CMS_TITLES,
    ApproachDefinition,
    AxisValue,
    BodyPartDefinition,
    DecisionCard,
    DeviceDefinition,
    EditionChanges,
    IndexTerm,
    OperationDefinition,
    PcsRow,
    PcsTable,
    PcsUpdate,
    QuizCase,
    Source,
    Synonym,
    TitleRules,
    TourStep,
)
from sacroref.core.pcs import rows_overlap


def _titles(titles: dict[str, list[str]]) -> Mapping[str, tuple[str, str]]:
    """Return a table's CMS titles as its TOML gives them."""
    return {code: (pair[0], pair[-1]) for code, pair in titles.items() if pair}


def _labelled(data: dict[str, str]) -> AxisValue:
    return AxisValue(data["code"], data["label"])


class Builder:
    """Turns checked documents into a catalog, reporting conflicts between files."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog if catalog is not None else Catalog()
        self.problems: list[Problem] = []
        self._references: list[tuple[str, str, str, str]] = []  # file, key, kind, target
        self._local = ""  # the local folder of the document being added
        self._local_files: dict[str, str] = {}
        self._shared: dict[tuple[str, str], AxisValue] = {}
        self._lists: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[AxisValue, ...]] = {}
        self._labels: set[tuple[str, str]] = set()  # every (axis, label) the tables use
        #: Snapshots' labels, gathered only if a synonym's meaning asks (see check_references).
        self._label_sources: list[Callable[[], set[tuple[str, str]]]] = []
        self._read_tables: list[PcsTable] = []  # read from TOML: their codes are compared
        self._snapshot_prefixes: set[str] = set()  # the prefixes of a snapshot's tables
        self._handlers: dict[str, Callable[[Document], None]] = {
            "sources": self._sources,
            "pcs-titles": self._titles,
            "pcs-table": self._table,
            "pcs-tables": self._tables,
            "pcs-definitions": self._definitions,
            "pcs-index": self._index,
            "synonyms": self._synonyms,
            "tour": self._tour,
            "pcs-changes": self._changes,
            "pcs-update": self._update,
            "quiz": self._quiz,
            "decisions": self._decisions,
            "notes": self._notes,
            "cpt-page": self._cpt_page,
        }

    def add(self, document: Document, local: str = "") -> None:
        """Add a checked document; ``local`` names the local folder it came from, if any."""
        self._local = local
        if local:
            self._local_files[document.name] = local
        self._handlers[document.kind](document)

    def _refer_source(self, file: str, key: str, source: str) -> None:
        self._references.append((file, key, "source", source))

    def _sources(self, doc: Document) -> None:
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

    def _titles(self, doc: Document) -> None:
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

    def _table(self, doc: Document) -> None:
        data = doc.data
        self._refer_source(doc.name, "source", data["source"])
        table = PcsTable(
            _labelled(data["section"]),
            _labelled(data["body_system"]),
            _labelled(data["operation"]),
            tuple(
                PcsRow(*(self._values(axis, row[axis]) for axis in ROW_AXES))
                for row in data["rows"]
            ),
            data["source"],
            doc.name,
            data.get("heading", ""),
            _titles(data.get("titles", {})),
        )
        self.catalog.add_table(table)
        self._read_tables.append(table)
        if table.titles:
            self._refer_source(doc.name, "titles", CMS_TITLES)
        self._operation(table.section.code, table.operation.label, data["operation"])

    def _operation(self, section: str, label: str, data: dict[str, str]) -> None:
        """Note a table's root operation, and its definition unless one is known already."""
        self._labels.add(("operation", label))
        definition = data.get("definition")
        if definition and (section, label) not in self.catalog.operations:
            self.catalog.operations[(section, label)] = OperationDefinition(
                section, label, definition, None, ()
            )

    def _tables(self, doc: Document) -> None:
        """Add a snapshot's tables at once (snapshot_tables.py)."""
        data = doc.data
        for source, file in data["sources"].items():
            self._refer_source(file, "source", source)
        if data["titled"]:
            self._refer_source(data["titled"], "titles", CMS_TITLES)
        for unmade, prefix, count, keys in data["tables"]:  # each made when first asked for
            self.catalog.add_table(unmade)
            self.catalog.pcs_codes.add_unmade(unmade, prefix, count, keys)
            self._snapshot_prefixes.add(prefix)
        self._label_sources.append(data["labels"])
        for (section, label), definition in data["operations"].items():
            self._operation(section, label, {"definition": definition})

    def _values(self, axis: str, mapping: dict[str, str]) -> tuple[AxisValue, ...]:
        """Return a row's values of one axis. The whole code set repeats "Open" and its like
        thousands of times, and whole lists of values from row to row: one object for each
        value and for each list, and each (axis, label) noted once for synonyms' meanings."""
        values = tuple(mapping.items())
        found = self._lists.get((axis, values))
        if found is None:
            shared = self._shared
            found = tuple(
                shared.get(pair) or shared.setdefault(pair, AxisValue(*pair)) for pair in values
            )
            self._lists[(axis, values)] = found
            self._labels.update((axis, label) for _, label in values)
        return found

    def derive_codes(self) -> None:
        codes = self.catalog.pcs_codes
        codes.rules = self.catalog.title_rules
        # Only tables sharing their first three characters can define the same code.
        sharing = Counter(table.prefix for table in self._read_tables)
        first_tables: dict[str, dict[str, PcsTable]] = {}
        for table in self._read_tables:
            alone = sharing[table.prefix] == 1 and table.prefix not in self._snapshot_prefixes
            if alone and not rows_overlap(table.rows):
                # Alone with its prefix, rows apart: no code to compare (the whole code set
                # has 914 such tables, and making its 79,115 codes would cost a fifth of a second).
                codes.add_table(table, frozenset(), sum(row.code_count() for row in table.rows))
                continue
            defined = first_tables.get(table.prefix)
            if defined is None:  # the codes of a snapshot's tables of the prefix come first
                defined = first_tables[table.prefix] = codes.defining_tables(table.prefix)
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

    def _definitions(self, doc: Document) -> None:
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

    def _index(self, doc: Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        terms = doc.data.get("terms", [])
        if isinstance(terms, bytes):  # packed in a snapshot
            self.catalog.add_index_terms(lambda: unpack_terms(terms))
        else:
            self.catalog.add_index_terms(
                lambda: [IndexTerm(tuple(term["path"]), term["target"]) for term in terms]
            )

    def _synonyms(self, doc: Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        for index, entry in enumerate(doc.data.get("synonyms", [])):
            for number, meaning in enumerate(entry["means"]):
                key = f"synonyms[{index}].means[{number}]"
                self._references.append((doc.name, key, "meaning", meaning))
            self.catalog.synonyms.append(
                Synonym(entry["phrase"], tuple(entry["means"]), doc.data["source"], self._local)
            )

    def _changes(self, doc: Document) -> None:
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

    def _update(self, doc: Document) -> None:
        data = doc.data
        self._refer_source(doc.name, "source", data["source"])
        added, deleted = (
            [(e["code"], e["title"]) for e in data[key]] for key in ("added", "deleted")
        )
        self.catalog.pcs_update = PcsUpdate(
            data["name"], tuple(added), tuple(deleted), data["source"], data.get("applied", False)
        )

    def _tour(self, doc: Document) -> None:
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
                    self._local,
                    entry.get("anchor"),
                )
            )

    def _quiz(self, doc: Document) -> None:
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
                    self._local,
                )
            )

    def _decisions(self, doc: Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        for index, entry in enumerate(doc.data.get("cards", [])):
            named = entry["sources"]
            sources = (named,) if isinstance(named, str) else tuple(named)
            for source in sources:
                self._refer_source(doc.name, f"cards[{index}].sources", source)
            self.catalog.decision_cards.append(
                DecisionCard(
                    entry["id"],
                    entry["title"],
                    tuple(entry["points"]),
                    tuple(entry["codes"]),
                    sources,
                    self._local,
                )
            )

    def _notes(self, doc: Document) -> None:
        self._refer_source(doc.name, "source", doc.data["source"])
        for index, entry in enumerate(doc.data.get("notes", [])):
            code = normalize_code(entry["code"])
            self._references.append((doc.name, f"notes[{index}].code", "code", code))
            self.catalog.notes.setdefault(code, []).append(
                LocalNote(code, entry["title"], entry["text"], doc.data["source"], self._local)
            )

    def _cpt_page(self, doc: Document) -> None:
        code = doc.data["code"]
        if code in self.catalog.cpt_pages:
            first = self.catalog.cpt_pages[code].file
            message = f"duplicate code {code}: already defined in {first}"
            self.problems.append(Problem(doc.name, "code", message))
            return
        page, references = cpt_page(doc, self._local)
        self._references += references
        self.catalog.cpt_pages[code] = page

    def check_references(self) -> None:
        catalog = self.catalog
        for file, key, kind, target in self._references:
            if kind == "meaning":
                while self._label_sources:
                    self._labels.update(self._label_sources.pop()())
                if message := meaning_problem(target, self._labels):
                    self.problems.append(Problem(file, key, message))
            elif kind == "code" and (message := code_format_problem(target)):
                self.problems.append(Problem(file, key, message))
            elif kind == "source" and target not in catalog.sources:
                self.problems.append(
                    Problem(file, key, f"unknown source {target!r}; define it in a sources file")
                )
            elif kind == "source" and file in self._local_files:
                if catalog.sources[target].kind != "local":
                    message = (
                        f"local content may name only a local source; {target!r} is "
                        f"sacroref's or CMS's, so this is shown as local content"
                    )
                    self.problems.append(Problem(file, key, message))
            elif kind == "code" and not catalog.has_code(target):
                self.problems.append(
                    Problem(
                        file,
                        key,
                        f"refers to code {target}, which does not exist in the loaded content",
                    )
                )
        if catalog.pcs_codes.table_count() and not catalog.title_rules.default_template:
            self.problems.append(
                Problem("(content)", "", "no pcs-titles file: PCS titles cannot be built")
            )
