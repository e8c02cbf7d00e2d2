"""The browse tree as plain Python nodes: code system, table, approach, device, qualifier, code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from sacroref.core.catalog import Catalog
from sacroref.core.model import PcsCode


class NodeKind(str, Enum):
    """What a tree node stands for."""

    ROOT = "root"
    BRANCH = "branch"  # ICD-10-PCS, CPT or Favorites
    TABLE = "table"
    APPROACH = "approach"
    DEVICE = "device"
    QUALIFIER = "qualifier"
    GROUP = "group"  # a CPT heading
    CODE = "code"


@dataclass(eq=False)
class Node:
    """One row of the tree; a CODE node carries its code."""

    kind: NodeKind
    label: str
    key: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    code: str | None = None
    detail: str = ""  # a second line: the title of a code
    tooltip: str = ""

    _row: int = 0

    def add(self, child: Node) -> Node:
        """Append a child and return it."""
        child.parent = self
        child._row = len(self.children)
        self.children.append(child)
        return child

    def remove(self, child: Node) -> None:
        """Take a child out, renumbering the ones after it."""
        self.children.remove(child)
        for row, sibling in enumerate(self.children):
            sibling._row = row
        child.parent = None

    def row(self) -> int:
        """Return the position of this node under its parent."""
        return self._row

    def walk(self) -> Iterator[Node]:
        """Yield this node and every descendant, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def table_key(self) -> str:
        """Return the four-character table key of a PCS node (empty for others)."""
        parts = self.key.split("/")
        return parts[1] if len(parts) > 1 and parts[0] == "pcs" else ""


PCS_BRANCH = "ICD-10-PCS"
CPT_BRANCH = "CPT"
FAVORITES_BRANCH = "Favorites"


def code_node(key: str, code_text: str, title: str, tooltip: str) -> Node:
    """Return a leaf for a code."""
    return Node(NodeKind.CODE, code_text, key, code=code_text, detail=title, tooltip=tooltip)


def build_tree(catalog: Catalog, favorites: list[str] | None = None) -> Node:
    """Return the whole browse tree for a catalog."""
    root = Node(NodeKind.ROOT, "", "")
    favorites_branch = root.add(Node(NodeKind.BRANCH, FAVORITES_BRANCH, "fav"))
    for starred in favorites or []:
        add_favorite(catalog, favorites_branch, starred)
    pcs = root.add(Node(NodeKind.BRANCH, PCS_BRANCH, "pcs"))
    tables: dict[str, Node] = {}
    # Codes sharing the first six characters differ only by qualifier.
    per_stem = Counter(code[:6] for code in catalog.pcs_codes)
    for code in catalog.pcs_codes.values():
        table_key = code.code[:4]
        table_node = tables.get(table_key)
        if table_node is None:
            label = f"{table_key} · {code.table.operation.label} · {code.body_part.label}"
            table_node = pcs.add(Node(NodeKind.TABLE, label, f"pcs/{table_key}"))
            tables[table_key] = table_node
        approach = _child(table_node, NodeKind.APPROACH, code.approach.code, code.approach.label)
        device = _child(approach, NodeKind.DEVICE, code.device.code, code.device.label)
        parent = device
        if per_stem[code.code[:6]] > 1:
            parent = _child(device, NodeKind.QUALIFIER, code.qualifier.code, code.qualifier.label)
        parent.add(
            code_node(
                f"{parent.key}/{code.code}",
                code.code,
                code.short_title or code.long_title,
                code.long_title,
            )
        )
    cpt = root.add(Node(NodeKind.BRANCH, CPT_BRANCH, "cpt"))
    for page in catalog.cpt_pages.values():
        group = _child(cpt, NodeKind.GROUP, page.group, page.group)
        group.add(code_node(f"{group.key}/{page.code}", page.code, page.name, page.name))
    return root


def _child(parent: Node, kind: NodeKind, key: str, label: str) -> Node:
    child_key = f"{parent.key}/{key}"
    for child in parent.children:
        if child.key == child_key:
            return child
    return parent.add(Node(kind, label, child_key))


def add_favorite(catalog: Catalog, branch: Node, code: str) -> Node | None:
    """Add a starred code under the Favorites branch; None when the code is not loaded."""
    found = catalog.lookup(code)
    if found is None:
        return None
    if isinstance(found, PcsCode):
        title, tooltip = found.short_title or found.long_title, found.long_title
        text = found.code
    else:
        title = tooltip = found.name
        text = found.code
    return branch.add(code_node(f"fav/{text}", text, title, tooltip))
