"""Public pages: the catalog (/catalog/<code>/) and the published items (/published/<code>/),
with a JSON feed (?format=json or /published/<code>/feed.json). No login; only items on show.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from gongkai.web.accounts.models import Agency
from gongkai.web.ledger.catalog import catalog_tree, flatten, subtree_ids
from gongkai.web.ledger.choices import CHANNELS, article_item_label
from gongkai.web.ledger.importing import search_text
from gongkai.web.ledger.models import Category, Item

PAGE_SIZE = 20


def public_catalog(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    roots = catalog_tree(agency, public=True)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "agency": agency.name,
                "code": agency.code,
                "categories": [_node_json(n) for n in roots],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    context = {"agency": agency, "nodes": flatten(roots)}
    return render(request, "ledger/public_catalog.html", context)


def _node_json(node) -> dict:
    return {
        "name": node.category.name,
        "article_item": node.article_label or None,
        "description": node.category.description or None,
        "count": node.total,
        "id": node.category.pk,
        "children": [_node_json(c) for c in node.children],
    }


def _published(agency, q: str, category: Category | None):
    items = Item.objects.filter(agency=agency, state="published").select_related("category")
    if q:
        items = items.filter(Q(title__icontains=q) | Q(doc_number__icontains=q))
    if category is not None:
        items = items.filter(category_id__in=subtree_ids(agency, category.pk))
    return items.prefetch_related("channels")


def _category(agency, raw: str | None) -> Category | None:
    text = (raw or "").strip()
    if not text.isdigit() or len(text) > 10:
        return None
    return Category.objects.filter(agency=agency, pk=int(text)).first()


def item_json(item: Item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "doc_number": item.doc_number,
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "channels": [CHANNELS[k] for k in item.channel_keys()],
        "category": item.category.name if item.category else None,
        "article_item": article_item_label(item.article_item) if item.article_item else None,
        "url": item.url or None,
    }


def published(request, code: str, as_json: bool = False):
    agency = get_object_or_404(Agency, code=code)
    q = search_text(request.GET.get("q"))
    category = _category(agency, request.GET.get("category"))
    items = _published(agency, q, category)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    if as_json or request.GET.get("format") == "json":
        return JsonResponse(
            {
                "agency": agency.name,
                "code": agency.code,
                "q": q,
                "category": category.name if category else None,
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "items": [item_json(i) for i in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "ledger/public_list.html", {"agency": agency, "page": page, "q": q})


def _query(q: str, category: Category | None) -> str:
    params = {"q": q} if q else {}
    if category is not None:
        params["category"] = str(category.pk)
    return urlencode(params)


def feed(request, code: str):
    return published(request, code, as_json=True)
