"""Staff screens of the ledger's items under /ledger/: list, draft, edit, the review steps,
import. Each view checks access, calls the domain (`services`), renders."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.sheets import csv_row
from gongkai.web import timekeeping
from gongkai.web.imports import bad_rows_download, receive_upload, template_download
from gongkai.web.ledger import attachments, checking, rules, services
from gongkai.web.ledger.access import (
    base_context,
    current_agency,
    get_import_run_or_404,
    get_item_or_404,
    query_without_page,
    require_keeper,
)
from gongkai.web.ledger.choices import (
    ARTICLE_ITEM_CHOICES,
    ARTICLE_ITEMS,
    CHANNELS,
    article_item_label,
)
from gongkai.web.ledger.forms import ActionForm, ItemForm
from gongkai.web.ledger.importing import TEMPLATE_HEADER, search_text
from gongkai.web.ledger.models import Category, ImportRun, Item
from gongkai.web.ledger.workflow import STATES

PAGE_SIZE = 30


# ------------------------------------------------------------------ items
def small_int(text: str | None, low: int = 1, high: int = 10**9) -> int | None:
    """A number from a query string, or None when it is not one (or absurd)."""
    text = (text or "").strip()
    if not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if low <= value <= high else None


def filtered_items(agency, params) -> tuple[Any, dict[str, Any]]:
    """The agency's items filtered by the query string, and the filters as understood."""
    # items still in review (no publishing date yet) first, then the newest
    items = (
        Item.objects.filter(agency=agency)
        .select_related("category")
        .order_by(F("published_on").desc(nulls_first=True), "-id")
    )
    chosen: dict[str, Any] = {
        "q": search_text(params.get("q")),
        "state": params.get("state", "") if params.get("state") in STATES else "",
        "channel": params.get("channel", "") if params.get("channel") in CHANNELS else "",
        "year": small_int(params.get("year"), 1990, 2100),
        "category": small_int(params.get("category")),
        "article": small_int(params.get("article"), 1, len(ARTICLE_ITEMS)),
    }
    if chosen["q"]:
        items = items.filter(Q(title__icontains=chosen["q"]) | Q(doc_number__icontains=chosen["q"]))
    if chosen["state"]:
        items = items.filter(state=chosen["state"])
    if chosen["channel"]:
        items = items.filter(channels__channel=chosen["channel"])
    if chosen["year"]:
        items = items.filter(published_on__year=chosen["year"])
    if chosen["category"]:
        items = items.filter(category_id=chosen["category"])
    if chosen["article"]:
        items = items.filter(article_item=chosen["article"])
    return items, chosen


@login_required
def item_list(request):
    agency = current_agency(request)
    items, chosen = filtered_items(agency, request.GET)
    if request.GET.get("format") == "csv":
        return items_csv(agency, items)
    page = Paginator(items.prefetch_related("channels"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = base_context(
        request,
        agency,
        page=page,
        **chosen,
        states=STATES,
        channels=CHANNELS,
        articles=ARTICLE_ITEM_CHOICES,
        categories=Category.objects.filter(agency=agency),
        query=query_without_page(request),
    )
    return render(request, "ledger/item_list.html", context)


def items_csv(agency, items) -> HttpResponse:
    """The filtered ledger as CSV, in the import's columns (so it can be imported elsewhere).
    Formula-like text gets an apostrophe, which the import takes off again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["标题", "文号", "栏目/类别", "发布渠道", "发布日期", "链接", "编号", "状态", "撤回日期"]
    )
    for item in items.prefetch_related("channels").iterator(chunk_size=1000):
        writer.writerow(
            csv_row(
                [
                    item.title,
                    item.doc_number,
                    item.category.name
                    if item.category
                    else (
                        article_item_label(item.article_item).split(" ")[0]
                        if item.article_item
                        else ""
                    ),
                    "、".join(item.channel_labels()),
                    item.published_on.isoformat() if item.published_on else "",
                    item.url,
                    item.import_key or f"gongkai-{item.pk}",
                    STATES[item.state],
                    item.withdrawn_on.isoformat() if item.withdrawn_on else "",
                ]
            )
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ledger-{agency.code}.csv"'
    return response


@login_required
def item_new(request):
    agency = current_agency(request)
    require_keeper(request, agency)
    if not rules.may_draft(request.user, agency.id):
        raise PermissionDenied("只有经办人或审核人可以起草信息")
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        item = services.create_item(
            agency,
            request.user,
            form.cleaned_data,
            form.cleaned_data["channels"],
            timezone.now(),
            timekeeping.today(),
        )
        messages.success(request, "已保存草稿")
        return redirect("ledger:item", pk=item.pk)
    return render(request, "ledger/item_form.html", base_context(request, agency, form=form))


@login_required
def item_edit(request, pk: int):
    item = get_item_or_404(request, pk)
    if not rules.may_edit_item(request.user, item):
        raise PermissionDenied("当前状态下您不能修改这条信息")
    form = ItemForm(request.POST or None, instance=item, agency=item.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(
                Item.objects.get(pk=item.pk),
                request.user,
                form.cleaned_data,
                form.cleaned_data["channels"],
                timezone.now(),
                timekeeping.today(),
                note=form.cleaned_data.get("note") or "",
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存")
            return redirect("ledger:item", pk=item.pk)
    context = base_context(request, item.agency, form=form, item=item)
    return render(request, "ledger/item_form.html", context)


@login_required
def item_detail(request, pk: int):
    item = get_item_or_404(request, pk)
    panel = checking.review_panel(request, item) if item.state != "withdrawn" else None
    findings = checking.findings_for(item) if panel is None and item.state != "withdrawn" else []
    context = base_context(
        request,
        item.agency,
        item=item,
        events=item.events.select_related("actor"),
        actions=rules.actions_for(request.user, item),
        may_edit=rules.may_edit_item(request.user, item),
        findings=findings,
        blocking=checking.open_errors(item) if item.state in ("checked", "approved") else [],
        review_panel=panel,
        article_label=article_item_label(item.article_item) if item.article_item else "",
        today=timekeeping.today(),
        attachments=item.attachments.defer("content"),
        may_attach=attachments.may_change(request.user, item),
        attachment_form=attachments.AttachmentForm(),
    )
    return render(request, "ledger/item_detail.html", context)


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = get_item_or_404(request, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "日期格式应为 2024-03-05")
        return redirect("ledger:item", pk=item.pk)
    on = form.cleaned_data["on"] or timekeeping.today()
    if on > timekeeping.today():
        messages.error(request, "日期不能晚于今天")
        return redirect("ledger:item", pk=item.pk)
    try:
        services.take_action(
            item, request.user, action, timezone.now(), on, form.cleaned_data["note"]
        )
    except services.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已完成：" + STATES[Item.objects.get(pk=item.pk).state])
    return redirect("ledger:item", pk=item.pk)


# ------------------------------------------------------------------ import
@login_required
def import_page(request):
    def importer(agency, name, data, _cleaned):
        return services.import_items(
            agency, request.user, name, data, timezone.now(), timekeeping.today()
        )

    upload = receive_upload(request, importer, require_keeper)
    if upload.result is not None:
        return redirect("ledger:import_run", pk=upload.result.pk)
    runs = ImportRun.objects.filter(agency=upload.agency)[:10]
    context = base_context(
        request, upload.agency, form=upload.form, runs=runs, header=TEMPLATE_HEADER
    )
    return render(request, "ledger/import.html", context)


@login_required
def import_run(request, pk: int):
    run = get_import_run_or_404(request, pk)
    return render(request, "ledger/import_run.html", base_context(request, run.agency, run=run))


@login_required
def import_bad_rows(request, pk: int):
    run = get_import_run_or_404(request, pk)
    return bad_rows_download(run.header, run.bad_rows, f"bad-rows-{run.pk}.csv")


@login_required
def import_template(request):
    example = (
        "关于开展爱国卫生月活动的通知",
        "平卫发〔2024〕12号",
        "第二十条第（十三）项",
        "门户网站、微信公众号",
        "2024-03-05",
        "",
        "",
    )
    return template_download(TEMPLATE_HEADER, [example], "ledger-template.csv")
