"""The 主动公开基本目录 as a tree with the number of items under each category.

The counts are one grouped query over items; the (small) tree of categories is then
walked in Python so each node's count includes its descendants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from gongkai.web.ledger.choices import article_item_label
from gongkai.web.ledger.models import Category, Item


@dataclass
class Node:
    category: Category
    own: int = 0
    total: int = 0
    depth: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def article_label(self) -> str:
        n = self.category.article_item
        return article_item_label(n) if n else ""


def catalog_tree(agency: Any, public: bool) -> list[Node]:
    """Top-level nodes; `public` counts only items on show (published, not withdrawn),
    otherwise every item of the ledger that is filed under a category."""
    items = Item.objects.filter(agency=agency, category__isnull=False)
    if public:
        items = items.filter(state="published")
    counts = dict(items.values_list("category").annotate(n=Count("id")).order_by())
    nodes = {c.id: Node(c, own=counts.get(c.id, 0)) for c in Category.objects.filter(agency=agency)}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.category.parent_id) if node.category.parent_id else None
        (parent.children if parent else roots).append(node)

    def total(node: Node, depth: int) -> int:
        node.depth = depth
        node.total = node.own + sum(total(c, depth + 1) for c in node.children)
        return node.total

    for root in roots:
        total(root, 0)
    return roots


def flatten(roots: list[Node]) -> list[Node]:
    out: list[Node] = []

    def walk(nodes: list[Node]) -> None:
        for n in nodes:
            out.append(n)
            walk(n.children)

    walk(roots)
    return out


def subtree_ids(agency: Any, category_id: int) -> set[int]:
    """The category and every category below it (empty when it is not the agency's)."""
    parents = dict(Category.objects.filter(agency=agency).values_list("id", "parent_id"))
    if category_id not in parents:
        return set()
    ids = {category_id}
    grew = True
    while grew:
        below = {c for c, p in parents.items() if p in ids and c not in ids}
        ids |= below
        grew = bool(below)
    return ids
