"""Staff screens under /ledger/: each view checks access, calls the domain, renders.

An object of an agency the user may not see is a 404; supervisors read, never write.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.report.model import PROACTIVE_ITEMS, format_for_year
from gongkai.web.accounts.models import Agency
from gongkai.web.ledger import checking, rules, services
from gongkai.web.ledger.catalog import catalog_tree
from gongkai.web.ledger.choices import CHANNELS, article_item_label
from gongkai.web.ledger.figures import figure_notes, overview_facts, table_two
from gongkai.web.ledger.forms import (
    ActionForm,
    CategoryForm,
    DocumentForm,
    FiguresForm,
    ItemForm,
    UploadForm,
)
from gongkai.web.ledger.importing import TEMPLATE_HEADER, ImportFileError, bad_rows_csv, search_text
from gongkai.web.ledger.models import (
    Category,
    ImportRun,
    Item,
    NormativeDocument,
    YearlyFigure,
)
from gongkai.web.ledger.workflow import STATES

PAGE_SIZE = 30


# ------------------------------------------------------------------ access helpers
def current_agency(request) -> Agency:
    """The agency a screen shows: the user's own, or (supervisors) one below via ?agency=."""
    visible = rules.visible_agency_ids(request.user)
    if not visible:
        raise PermissionDenied("您的账号未关联机关")
    code = request.GET.get("agency") or request.POST.get("agency")
    if code:
        return get_object_or_404(Agency, code=code, id__in=visible)
    return request.user.agency


def require_keeper(request, agency) -> None:
    if not rules.may_keep_ledger(request.user, agency.id):
        raise PermissionDenied("只读：您不能修改本机关的台账")


def own_item(request, pk: int) -> Item:
    return get_object_or_404(Item, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


def parse_year(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 1990 <= int(text) <= 2100 else default


def base_context(request, agency, **kw):
    visible = rules.visible_agency_ids(request.user)
    return {
        "agency": agency,
        "agencies": Agency.objects.filter(id__in=visible) if len(visible) > 1 else [],
        "may_keep": rules.may_keep_ledger(request.user, agency.id),
        **kw,
    }


# ------------------------------------------------------------------ items
@login_required
def item_list(request):
    agency = current_agency(request)
    items = Item.objects.filter(agency=agency).select_related("category")
    q = search_text(request.GET.get("q"))
    if q:
        items = items.filter(Q(title__icontains=q) | Q(doc_number__icontains=q))
    state = request.GET.get("state", "")
    if state in STATES:
        items = items.filter(state=state)
    channel = request.GET.get("channel", "")
    if channel in CHANNELS:
        items = items.filter(channels__channel=channel)
    year = request.GET.get("year", "")
    if year.isdigit():
        items = items.filter(published_on__year=int(year))
    category = request.GET.get("category", "")
    if category.isdigit():
        items = items.filter(category_id=int(category))
    page = Paginator(items.prefetch_related("channels"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = base_context(
        request,
        agency,
        page=page,
        q=q,
        state=state,
        channel=channel,
        year=year,
        category=category,
        states=STATES,
        channels=CHANNELS,
        categories=Category.objects.filter(agency=agency),
        query=_query_without_page(request),
    )
    return render(request, "ledger/item_list.html", context)


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def item_new(request):
    agency = current_agency(request)
    require_keeper(request, agency)
    if not rules.is_handler_or_reviewer(request.user, agency.id):
        raise PermissionDenied("只有经办人或审核人可以起草信息")
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        item = services.create_item(
            agency,
            request.user,
            form.cleaned_data,
            form.cleaned_data["channels"],
            timezone.now(),
            timezone.localdate(),
        )
        messages.success(request, "已保存草稿")
        return redirect("ledger:item", pk=item.pk)
    return render(request, "ledger/item_form.html", base_context(request, agency, form=form))


@login_required
def item_edit(request, pk: int):
    item = own_item(request, pk)
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
                timezone.localdate(),
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
    item = own_item(request, pk)
    findings = checking.findings_for(item) if item.state != "withdrawn" else []
    context = base_context(
        request,
        item.agency,
        item=item,
        events=item.events.select_related("actor"),
        actions=rules.actions_for(request.user, item),
        may_edit=rules.may_edit_item(request.user, item),
        findings=findings,
        review_panel=checking.review_panel(request, item),
        article_label=article_item_label(item.article_item) if item.article_item else "",
        today=timezone.localdate(),
    )
    return render(request, "ledger/item_detail.html", context)


@login_required
@require_POST
def item_action(request, pk: int, action: str):
    item = own_item(request, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "日期格式应为 2024-03-05")
        return redirect("ledger:item", pk=item.pk)
    on = form.cleaned_data["on"] or timezone.localdate()
    if on > timezone.localdate():
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
    agency = current_agency(request)
    require_keeper(request, agency)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.import_items(
                agency,
                request.user,
                upload.name,
                upload.read(),
                timezone.now(),
                timezone.localdate(),
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("ledger:import_run", pk=run.pk)
    runs = ImportRun.objects.filter(agency=agency)[:10]
    context = base_context(request, agency, form=form, runs=runs, header=TEMPLATE_HEADER)
    return render(request, "ledger/import.html", context)


def _own_run(request, pk: int) -> ImportRun:
    return get_object_or_404(ImportRun, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


@login_required
def import_run(request, pk: int):
    run = _own_run(request, pk)
    return render(request, "ledger/import_run.html", base_context(request, run.agency, run=run))


@login_required
def import_bad_rows(request, pk: int):
    run = _own_run(request, pk)
    response = HttpResponse(
        bad_rows_csv(run.header, run.bad_rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bad-rows-{run.pk}.csv"'
    return response


@login_required
def import_template(request):
    body = "\ufeff" + ",".join(TEMPLATE_HEADER) + "\n"
    body += "关于开展爱国卫生月活动的通知,平卫发〔2024〕12号,第二十条第（十三）项,门户网站、微信公众号,2024-03-05,,\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ledger-template.csv"'
    return response


# ------------------------------------------------------------------ catalog
@login_required
def catalog(request):
    agency = current_agency(request)
    form = CategoryForm(request.POST or None, agency=agency)
    if request.method == "POST":
        require_keeper(request, agency)
        if form.is_valid():
            form.instance.agency = agency
            form.save()
            messages.success(request, "已添加类别")
            return redirect(_with_agency("ledger:catalog", request, agency))
    context = base_context(request, agency, form=form, tree=catalog_tree(agency, public=False))
    return render(request, "ledger/catalog.html", context)


def _with_agency(name: str, request, agency, **kw) -> str:
    from django.urls import reverse

    url = reverse(name, kwargs=kw)
    return url if agency.id == request.user.agency_id else f"{url}?agency={agency.code}"


def _own_category(request, pk: int) -> Category:
    return get_object_or_404(Category, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


@login_required
def category_edit(request, pk: int):
    category = _own_category(request, pk)
    require_keeper(request, category.agency)
    form = CategoryForm(request.POST or None, instance=category, agency=category.agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "已保存类别")
        return redirect("ledger:catalog")
    context = base_context(request, category.agency, form=form, category=category)
    return render(request, "ledger/category_form.html", context)


@login_required
@require_POST
def category_delete(request, pk: int):
    category = _own_category(request, pk)
    require_keeper(request, category.agency)
    if category.children.exists() or category.items.exists():
        messages.error(request, f"“{category.name}”下还有类别或信息，不能删除")
    else:
        category.delete()
        messages.success(request, "已删除类别")
    return redirect("ledger:catalog")


# ------------------------------------------------------------------ normative documents
@login_required
def document_list(request):
    agency = current_agency(request)
    docs = NormativeDocument.objects.filter(agency=agency)
    kind = request.GET.get("kind", "")
    if kind in ("rule", "normative"):
        docs = docs.filter(kind=kind)
    q = search_text(request.GET.get("q"))
    if q:
        docs = docs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q))
    status = request.GET.get("status", "")
    today = timezone.localdate()
    if status == "in_force":
        docs = docs.filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=today))
    elif status == "abolished":
        docs = docs.filter(abolished_on__lte=today)
    page = Paginator(docs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = base_context(
        request,
        agency,
        page=page,
        kind=kind,
        q=q,
        status=status,
        today=today,
        query=_query_without_page(request),
    )
    return render(request, "ledger/document_list.html", context)


@login_required
def document_form(request, pk: int | None = None):
    if pk is None:
        agency, instance = current_agency(request), None
    else:
        instance = get_object_or_404(
            NormativeDocument, pk=pk, agency_id__in=rules.visible_agency_ids(request.user)
        )
        agency = instance.agency
    require_keeper(request, agency)
    form = DocumentForm(request.POST or None, instance=instance, agency=agency)
    if request.method == "POST" and form.is_valid():
        form.instance.agency = agency
        form.save()
        messages.success(request, "已保存")
        return redirect("ledger:documents")
    context = base_context(request, agency, form=form, document=instance)
    return render(request, "ledger/document_form.html", context)


# ------------------------------------------------------------------ yearly figures
@login_required
def figures(request, year: int | None = None):
    agency = current_agency(request)
    today = timezone.localdate()
    year = year if year is not None else today.year - 1
    if not 2008 <= year <= today.year:
        raise Http404("年度超出范围")
    existing = {
        f"{f.item}.{f.field}": f for f in YearlyFigure.objects.filter(agency=agency, year=year)
    }
    initial = {}
    for name, fig in existing.items():
        initial[name] = _plain_number(fig.value)
        initial[name + ".note"] = fig.note
    form = FiguresForm(request.POST or None, year=year, initial=initial)
    if request.method == "POST":
        require_keeper(request, agency)
        if form.is_valid():
            values = {f"{i}.{f}": form.cleaned_data[f"{i}.{f}"] for i, f in form.cells}
            notes = {n: form.cleaned_data.get(n + ".note", "") for n in values}
            services.save_figures(agency, year, values, notes, request.user, timezone.now())
            messages.success(request, f"已保存 {year} 年度数据")
            return redirect(_with_agency("ledger:figures_year", request, agency, year=year))
    fmt = format_for_year(year)
    context = base_context(
        request,
        agency,
        form=form,
        year=year,
        years=range(today.year, max(2018, today.year - 8), -1),
        fmt=fmt,
        table=_table_rows(table_two(agency, year, fmt), fmt),
        notes=figure_notes(agency, year),
        facts=overview_facts(agency, year),
        channel_labels=CHANNELS,
        upload=UploadForm(),
    )
    return render(request, "ledger/figures.html", context)


def _plain_number(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _table_rows(table: dict, fmt: str) -> list[dict]:
    rows = []
    for item in PROACTIVE_ITEMS[fmt]:
        cells = [
            (label, table[item.key][f])
            for f, label in zip(item.fields, item.field_labels, strict=True)
        ]
        rows.append({"article": item.article, "label": item.label, "cells": cells})
    return rows


@login_required
@require_POST
def figures_import(request):
    agency = current_agency(request)
    require_keeper(request, agency)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors.get("file", ["请选择文件"])))
        return redirect("ledger:figures")
    upload = form.cleaned_data["file"]
    try:
        saved, bad = services.import_figures(
            agency, request.user, upload.name, upload.read(), timezone.localdate(), timezone.now()
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("ledger:figures")
    messages.success(request, f"已导入 {saved} 项数据")
    for row in bad:
        messages.error(request, f"第 {row['line']} 行：{row['reason']}")
    return redirect("ledger:figures")


@login_required
def figures_template(request):
    body = "\ufeff" + ",".join(services.FIGURE_HEADER) + "\n"
    body += "2024,行政许可,本年处理决定数量,556,政务服务平台办件统计\n"
    body += "2024,行政事业性收费,本年收费金额（单位：万元）,0.5,财务决算报表\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="figures-template.csv"'
    return response
