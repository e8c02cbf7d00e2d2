"""The page a cpt-page file makes: sections in sacroref's fixed order, each with its source."""

from __future__ import annotations

from sacroref.core.content.kinds import Document
from sacroref.core.cpt_sections import CPT_SECTIONS
from sacroref.core.model import (
    CptPage,
    HistoryEntry,
    Indicator,
    Modifier,
    RelatedCode,
    Section,
)

#: A file, a key, what is named there ("source" or "code"), and the name.
Reference = tuple[str, str, str, str]


def cpt_page(doc: Document, local: str) -> tuple[CptPage, list[Reference]]:
    """Return the page a checked cpt-page document makes, and the sources and codes it names."""
    data = doc.data
    references: list[Reference] = []

    def refer_source(where: str, named: str | list[str]) -> None:
        for one in [named] if isinstance(named, str) else named:
            references.append((doc.name, where, "source", one))

    sections = []
    for key, title in CPT_SECTIONS:
        entry = data["sections"].get(key)
        if entry is None:
            sections.append(Section(key, title))
            continue
        sources = entry["source"] if isinstance(entry["source"], list) else [entry["source"]]
        for named in sources:
            refer_source(f"sections.{key}.source", named)
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
        refer_source("modifiers.source", modifiers["source"])
    refer_source("add_on.source", data["add_on"]["source"])
    for key in ("indicators", "history", "related"):
        for index, entry in enumerate(data.get(key, [])):
            refer_source(f"{key}[{index}].source", entry["source"])
    for index, entry in enumerate(data.get("related", [])):
        references.append((doc.name, f"related[{index}].code", "code", entry["code"]))
    cited = _joined(modifiers["source"]) if modifiers else ""
    page = CptPage(
        code=data["code"],
        group=data["group"],
        name=data["name"],
        add_on=data["add_on"]["value"],
        add_on_source=data["add_on"]["source"],
        sections=tuple(sections),
        modifiers=tuple(
            Modifier(m["code"], m["name"], m["note"], cited, m.get("allowed", True))
            for m in modifiers.get("items", [])
        ),
        modifiers_source=cited or None,
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
                _joined(r["source"]),
                r.get("inferred", False),
                r.get("note", ""),
            )
            for r in data.get("related", [])
        ),
        file=doc.name,
        local=local,
    )
    return page, references


def _joined(source: str | list[str]) -> str:
    """Return one source id, or several joined by spaces (ids have none): see ``source_ids``."""
    return source if isinstance(source, str) else " ".join(source)
