"""The public's front door: no login, only what an agency has put on show.

/agencies/ (and /catalog/, /published/ without a code) lists every agency; per agency its
page (/agencies/<code>/), its 政府信息公开指南 (/guide/<code>/), its 主动公开基本目录
(/catalog/<code>/), its published items (/published/<code>/, each at /published/<code>/<id>/,
with a JSON feed at ?format=json or /published/<code>/feed.json) and its published annual
reports (/annual-reports/<code>/, the files exactly as published).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.web.accounts.models import Agency
from gongkai.web.annual_reports.models import AnnualReport, PublishedFile
from gongkai.web.ledger.catalog import catalog_tree, flatten, subtree_ids
from gongkai.web.ledger.choices import CHANNELS, article_item_label
from gongkai.web.ledger.importing import search_text
from gongkai.web.ledger.models import Category, Item, ItemAttachment

PAGE_SIZE = 20
LATEST = 5  # items shown on an agency's page
FORMAT_LABELS = {
    "pdf": "PDF 文件",
    "docx": "Word 文件",
    "html": "网页",
    "md": "纯文本（Markdown）",
    "json": "数据文件（供程序读取）",
}
# Inline in the browser where it can show the file; the rest download.
INLINE_FORMATS = {"pdf", "html"}
# 国办函〔2020〕109号 and the statute's limits, quoted on the guide.
ANSWER_DAYS = 20
EXTENSION_DAYS = 20

# What a directory page links each agency to.
DIRECTORY_TARGETS = {
    "agencies": ("ledger_public:agency", "政府信息公开"),
    "catalog": ("ledger_public:catalog", "主动公开基本目录"),
    "published": ("ledger_public:published", "主动公开信息"),
    "reports": ("ledger_public:reports", "政府信息公开工作年度报告"),
}


def directory() -> list[dict]:
    """Every agency, top-level ones first with the agencies below them (a county: small)."""
    agencies = list(Agency.objects.order_by("id"))
    below: dict[int | None, list[Agency]] = {}
    for agency in agencies:
        below.setdefault(agency.parent_id, []).append(agency)
    known = {a.id for a in agencies}
    out: list[dict] = []

    def walk(agency: Agency, depth: int) -> None:
        out.append({"agency": agency, "depth": depth})
        for child in below.get(agency.id, []):
            walk(child, depth + 1)

    for agency in agencies:
        if agency.parent_id is None or agency.parent_id not in known:
            walk(agency, 0)
    return out


def directory_rows(target: str) -> list[dict]:
    url_name = DIRECTORY_TARGETS[target][0]
    return [{**row, "url": reverse(url_name, args=[row["agency"].code])} for row in directory()]


def agencies(request, target: str = "agencies"):
    """The list of agencies; /catalog/ and /published/ without a code land here too."""
    context = {
        "rows": directory_rows(target),
        "what": DIRECTORY_TARGETS[target][1],
        "target": target,
    }
    return render(request, "ledger/public_agencies.html", context)


def agency_page(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    context = {
        "agency": agency,
        "latest": _published(agency, "", None)[:LATEST],
        "count": Item.objects.filter(agency=agency, state="published").count(),
        "reports": _reports(agency)[:3],
        "children": Agency.objects.filter(parent=agency).order_by("id"),
    }
    return render(request, "ledger/public_agency.html", context)


def guide(request, code: str):
    """政府信息公开指南: how the agency discloses and how to ask it, from its own settings."""
    agency = get_object_or_404(Agency, code=code)
    context = {
        "agency": agency,
        "answer_days": ANSWER_DAYS,
        "extension_days": EXTENSION_DAYS,
        # Besides this site (the portal) and the catch-all 其他.
        "channels": [v for k, v in CHANNELS.items() if k not in ("portal", "other")],
    }
    return render(request, "ledger/public_guide.html", context)


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
        "page": reverse("ledger_public:item", args=[item.agency.code, item.pk]),
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
    items = _published(agency, q, category).select_related("agency")
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
    context = {
        "agency": agency,
        "page": page,
        "q": q,
        "category": category,
        "query": _query(q, category),
    }
    return render(request, "ledger/public_list.html", context)


def item(request, code: str, pk: int):
    """One published item in full: its text, its particulars and where it was published."""
    agency = get_object_or_404(Agency, code=code)
    shown = get_object_or_404(
        Item.objects.select_related("category").prefetch_related(
            "channels", Prefetch("attachments", ItemAttachment.objects.defer("content"))
        ),
        agency=agency,
        pk=pk,
        state="published",
    )
    context = {
        "agency": agency,
        "item": shown,
        "article_label": article_item_label(shown.article_item) if shown.article_item else "",
    }
    return render(request, "ledger/public_item.html", context)


def item_file(request, code: str, pk: int, file_pk: int):
    from gongkai.web.ledger.attachments import public_download

    agency = get_object_or_404(Agency, code=code)
    return public_download(get_object_or_404(Item, agency=agency, pk=pk), file_pk)


def _reports(agency):
    return (
        AnnualReport.objects.filter(agency=agency, state="published")
        .prefetch_related("files")
        .order_by("-year")
    )


def _files(report) -> list[tuple[str, str]]:
    return [(f.fmt, FORMAT_LABELS[f.fmt]) for f in report.files.all() if f.fmt in FORMAT_LABELS]


def annual_reports(request, code: str):
    agency = get_object_or_404(Agency, code=code)
    rows = [
        {"report": r, "files": sorted(_files(r), key=lambda f: list(FORMAT_LABELS).index(f[0]))}
        for r in _reports(agency)
    ]
    return render(request, "ledger/public_reports.html", {"agency": agency, "rows": rows})


def annual_report_file(request, code: str, year: int, fmt: str):
    """The file exactly as it was published (drafts are never shown)."""
    agency = get_object_or_404(Agency, code=code)
    stored = (
        PublishedFile.objects.filter(
            report__agency=agency, report__year=year, report__state="published", fmt=fmt
        )
        .only("name", "fmt", "content")
        .first()
    )
    if stored is None or fmt not in FORMAT_LABELS:
        raise Http404
    from gongkai.web.annual_reports.services import CONTENT_TYPES

    response = HttpResponse(bytes(stored.content), content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in INLINE_FORMATS else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stored.name}"'
    return response


def _query(q: str, category: Category | None) -> str:
    params = {"q": q} if q else {}
    if category is not None:
        params["category"] = str(category.pk)
    return urlencode(params)


def feed(request, code: str):
    return published(request, code, as_json=True)
