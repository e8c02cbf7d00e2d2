"""The browse tree as plain Python nodes: code system, table, approach, device, qualifier, code.

A table's approaches, devices and codes are made when it is first opened, so the whole
code set costs one node per table (or per body system) until a coder looks inside.

Every node has a key, remembered between runs ("pcs/0QP1/3/4/0QP134Z"): it is made only by
``child_key`` and read only by ``table_of_key``, both here. Pages and models read a node's
typed fields (``kind``, ``system``, ``prefix``, ``table_key``, ``depth``), never its key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from enum import Enum

from sacroref.core.catalog import Catalog, is_sacral_table
from sacroref.core.model import CodeSystem, PcsCode


class NodeKind(str, Enum):
    """What a tree node stands for."""

    ROOT = "root"
    BRANCH = "branch"  # ICD-10-PCS, CPT or Favorites
    SACRAL = "sacral"  # the sacral tables, first, when more than the sacrum is loaded
    SECTION = "section"  # groups the body systems of a section, below the sacral tables
    BODY_SYSTEM = "body-system"  # groups the tables when more than one body system is loaded
    TABLE = "table"
    APPROACH = "approach"
    DEVICE = "device"
    QUALIFIER = "qualifier"
    GROUP = "group"  # a CPT heading
    CODE = "code"


class Node:
    """One row of the tree; a CODE node carries its code.

    A plain class, not a dataclass: nodes are compared by identity, and the dataclasses
    module and its class set-up would be the only ones left before the first paint.
    """

    __slots__ = (
        "_row",
        "children",
        "code",
        "depth",
        "detail",
        "key",
        "kind",
        "label",
        "lazy",
        "parent",
        "prefix",
        "system",
        "tooltip",
    )

    def __init__(
        self,
        kind: NodeKind,
        label: str,
        key: str,
        *,
        code: str | None = None,
        detail: str = "",
        tooltip: str = "",
        system: CodeSystem | None = None,
        prefix: str | None = None,
        lazy: bool = False,
    ) -> None:
        self.kind = kind
        self.label = label
        self.key = key
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.code = code
        self.detail = detail  # a second line: the title of a code
        self.tooltip = tooltip
        # Which codes lie under the node: those of ``system`` starting with ``prefix``
        # (None: whatever its children hold, as for a CPT heading or Favorites).
        self.system = system
        self.prefix = prefix
        self.lazy = lazy  # children not made yet; ``populate`` makes them
        self.depth = 0  # the root's children are at depth 1
        self._row = 0

    def __repr__(self) -> str:
        return f"Node({self.kind.value}, {self.key!r})"

    def add(self, child: Node) -> Node:
        """Append a child and return it."""
        child.parent = self
        child.depth = self.depth + 1
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
        """Return the table (four characters) a PCS node lies in; empty for any other node."""
        prefix = self.prefix or ""
        return prefix[:4] if self.system is CodeSystem.PCS and len(prefix) >= 4 else ""


def child_key(parent_key: str, part: str) -> str:
    """Return the key of a node under another: the one place a tree key is made."""
    return f"{parent_key}/{part}"


def table_of_key(key: str) -> str | None:
    """Return the table a stored PCS key lies in ("pcs/0QP1/3" -> "0QP1"), else None."""
    branch, _, rest = key.partition("/")
    return rest.split("/", 1)[0] if branch == PCS_KEY and rest else None


PCS_KEY, CPT_KEY, FAVORITES_KEY, BODY_SYSTEM_KEY = "pcs", "cpt", "fav", "pcs-body-system"
SECTION_KEY, SACRAL_KEY = "pcs-section", "pcs-sacral"
PCS_BRANCH = "ICD-10-PCS"
SACRAL_GROUP = "Sacral tables"  # what they are: the group's page (pages/nodes.py)
CPT_BRANCH = "CPT"
FAVORITES_BRANCH = "Favorites"


def code_node(key: str, code_text: str, title: str, tooltip: str, system: CodeSystem) -> Node:
    """Return a leaf for a code."""
    return Node(
        NodeKind.CODE,
        code_text,
        key,
        code=code_text,
        detail=title,
        tooltip=tooltip,
        system=system,
        prefix=code_text,
    )


def build_tree(catalog: Catalog, favorites: list[str] | None = None) -> Node:
    """Return the browse tree for a catalog, tables unopened."""
    root = Node(NodeKind.ROOT, "", "")
    favorites_branch = root.add(Node(NodeKind.BRANCH, FAVORITES_BRANCH, FAVORITES_KEY))
    for starred in favorites or []:
        add_favorite(catalog, favorites_branch, starred)
    pcs = root.add(Node(NodeKind.BRANCH, PCS_BRANCH, PCS_KEY, system=CodeSystem.PCS, prefix=""))
    add_tables(catalog, pcs)
    cpt = root.add(Node(NodeKind.BRANCH, CPT_BRANCH, CPT_KEY))
    add_cpt_pages(catalog, cpt)
    return root


def add_cpt_pages(catalog: Catalog, cpt: Node) -> None:
    """Add the CPT codes under the CPT branch, each under its group's heading."""
    for page in catalog.cpt_pages.values():
        group = _child(cpt, NodeKind.GROUP, page.group, page.group)
        group.add(
            code_node(
                child_key(group.key, page.code),
                page.code,
                page.display_name,
                page.tooltip,
                CodeSystem.CPT,
            )
        )


def add_tables(catalog: Catalog, pcs: Node) -> None:
    """Add the tables under the ICD-10-PCS branch.

    With one body system they are listed as they are. With more, the sacral tables come
    first, in a group of their own, and every other table lies below them by section and
    body system (opened when asked for), so the whole code set starts as a few rows.
    """
    codes = catalog.pcs_codes
    keys = codes.table_keys_with("")  # sorted: one body system if the first and last share it
    if not keys or keys[0][:2] == keys[-1][:2]:
        for key in keys:
            pcs.add(_table_node(catalog, key))
        return
    sacral = codes.sacral_table_keys()
    if sacral:
        group = pcs.add(Node(NodeKind.SACRAL, SACRAL_GROUP, SACRAL_KEY, system=CodeSystem.PCS))
        for key in sacral:
            group.add(_table_node(catalog, key))
    for section in codes.sections():
        first = codes.tables_for(codes.table_keys_with(section)[0])[0]
        pcs.add(
            Node(
                NodeKind.SECTION,
                f"{section} · {first.section.label}",
                child_key(SECTION_KEY, section),
                system=CodeSystem.PCS,
                prefix=section,
                lazy=True,
            )
        )


def _add_body_systems(catalog: Catalog, section: Node) -> None:
    """Add a section's body systems, each holding its tables but the sacral ones."""
    keys = [
        key
        for key in catalog.pcs_codes.table_keys_with(section.prefix or "")
        if not is_sacral_table(key)
    ]
    for body_system in sorted({key[:2] for key in keys}):
        first = catalog.pcs_codes.tables_for(catalog.pcs_codes.table_keys_with(body_system)[0])
        label = f"{body_system} · {first[0].body_system.label}"
        if any(is_sacral_table(key) for key in catalog.pcs_codes.table_keys_with(body_system)):
            label += " (sacral tables above)"
        section.add(
            Node(
                NodeKind.BODY_SYSTEM,
                label,
                child_key(BODY_SYSTEM_KEY, body_system),
                system=CodeSystem.PCS,
                prefix=body_system,
                lazy=True,
            )
        )


def _table_node(catalog: Catalog, key: str) -> Node:
    label = key
    for table in catalog.pcs_codes.tables_for(key):
        for row in table.rows:
            for body_part in row.body_parts:
                if body_part.code == key[3]:
                    label = f"{key} · {table.operation.label} · {body_part.label}"
                    break
    table_key = child_key(PCS_KEY, key)
    return Node(NodeKind.TABLE, label, table_key, system=CodeSystem.PCS, prefix=key, lazy=True)


def populate(catalog: Catalog, node: Node) -> list[Node]:
    """Make the children of an unopened body system or table; return them."""
    if not node.lazy:
        return node.children
    node.lazy = False
    if node.kind is NodeKind.SECTION:
        _add_body_systems(catalog, node)
        return node.children
    if node.kind is NodeKind.BODY_SYSTEM:
        for key in catalog.pcs_codes.table_keys_with(node.prefix or ""):
            if not is_sacral_table(key):  # those are in the sacral group
                node.add(_table_node(catalog, key))
        return node.children
    codes = catalog.codes_in_table(node.prefix or "")
    # Codes sharing the first six characters differ only by qualifier.
    per_stem = Counter(code.code[:6] for code in codes)
    for code in codes:
        approach = _child(node, NodeKind.APPROACH, code.approach.code, code.approach.label)
        device = _child(approach, NodeKind.DEVICE, code.device.code, code.device.label)
        parent = device
        if per_stem[code.code[:6]] > 1:
            parent = _child(device, NodeKind.QUALIFIER, code.qualifier.code, code.qualifier.label)
        parent.add(
            code_node(
                child_key(parent.key, code.code),
                code.code,
                code.short_title or code.long_title,
                code.long_title,
                CodeSystem.PCS,
            )
        )
    return node.children


def find_code(catalog: Catalog, root: Node, code: str) -> Node | None:
    """Return a code's node in its own branch, opening its body system and table."""
    found = catalog.lookup(code)
    if found is None:
        return None
    system = CodeSystem.PCS if isinstance(found, PcsCode) else CodeSystem.CPT
    branch = _branch(root, PCS_BRANCH if system is CodeSystem.PCS else CPT_BRANCH)
    return _descend(catalog, branch, system, found.code, lambda node: node.code == found.code)


def find_key(catalog: Catalog, root: Node, key: str) -> Node | None:
    """Return the node with a stored key, opening the table it lies in."""
    start = root
    table = table_of_key(key)
    if table is not None:
        pcs = _branch(root, PCS_BRANCH)
        found = _descend(catalog, pcs, CodeSystem.PCS, table, lambda node: node.prefix == table)
        if found is None:
            return None
        start = found
        populate(catalog, start)
    return next((node for node in start.walk() if node.key == key), None)


def _branch(root: Node, label: str) -> Node:
    return next(child for child in root.children if child.label == label)


def _descend(
    catalog: Catalog,
    node: Node | None,
    system: CodeSystem,
    target: str,
    arrived: Callable[[Node], bool],
) -> Node | None:
    """Walk down from a node towards a code or prefix, opening what lies on the way."""
    while node is not None and not arrived(node):
        node = next(
            (child for child in populate(catalog, node) if _may_hold(child, system, target)), None
        )
    return node


def _may_hold(node: Node, system: CodeSystem, code: str) -> bool:
    if node.prefix is None:  # a CPT heading or the sacral tables: look at what it holds
        return any(
            child.code == code or (child.prefix is not None and _may_hold(child, system, code))
            for child in node.children
        )
    return node.system is system and code.startswith(node.prefix)


def _child(parent: Node, kind: NodeKind, key: str, label: str) -> Node:
    made = child_key(parent.key, key)
    for child in parent.children:
        if child.key == made:
            return child
    prefix = parent.prefix + key if parent.prefix and parent.system is CodeSystem.PCS else None
    return parent.add(Node(kind, label, made, system=parent.system, prefix=prefix))


#: Favorites are for the codes a coder uses daily; the bound keeps start-up and saving quick.
MAX_FAVORITES = 1000


def add_favorite(catalog: Catalog, branch: Node, code: str) -> Node | None:
    """Add a starred code under the Favorites branch; None when the code is not loaded."""
    found = catalog.lookup(code)
    if found is None:
        return None
    if isinstance(found, PcsCode):
        title, tooltip = found.short_title or found.long_title, found.long_title
        system = CodeSystem.PCS
    else:
        title, tooltip = found.display_name, found.tooltip
        system = CodeSystem.CPT
    key = child_key(FAVORITES_KEY, found.code)
    return branch.add(code_node(key, found.code, title, tooltip, system))
