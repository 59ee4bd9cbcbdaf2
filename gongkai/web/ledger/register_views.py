"""Staff screens of the registers under /ledger/: the catalog, the normative documents,
the yearly figures of table 二."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.report.model import PROACTIVE_ITEMS, FormatName, format_for_year
from gongkai.web import timekeeping
from gongkai.web.imports import receive_upload, template_download
from gongkai.web.ledger import figure_entry, history
from gongkai.web.ledger.access import (
    base_context,
    current_agency,
    get_category_or_404,
    get_document_or_404,
    query_without_page,
    require_keeper,
    with_agency,
)
from gongkai.web.ledger.catalog import catalog_tree
from gongkai.web.ledger.choices import CHANNELS
from gongkai.web.ledger.figures import figure_notes, overview_facts, table_two
from gongkai.web.ledger.forms import CategoryForm, DocumentForm, FiguresForm, UploadForm
from gongkai.web.ledger.importing import search_text
from gongkai.web.ledger.models import NormativeDocument, RegisterChange, YearlyFigure

PAGE_SIZE = 30


# ------------------------------------------------------------------ catalog
@login_required
def catalog(request):
    agency = current_agency(request)
    form = CategoryForm(request.POST or None, agency=agency)
    if request.method == "POST":
        require_keeper(request, agency)
        if form.is_valid():
            form.instance.agency = agency
            category = form.save()
            history.record(
                agency,
                "category",
                category.name,
                "添加类别",
                request.user,
                timezone.now(),
                object_id=category.pk,
            )
            messages.success(request, "已添加类别")
            return redirect(with_agency("ledger:catalog", request, agency))
    context = base_context(request, agency, form=form, tree=catalog_tree(agency, public=False))
    return render(request, "ledger/catalog.html", context)


@login_required
def category_edit(request, pk: int):
    category = get_category_or_404(request, pk)
    require_keeper(request, category.agency)
    form = CategoryForm(request.POST or None, instance=category, agency=category.agency)
    if request.method == "POST" and form.is_valid():
        summary = history.form_changes(form)
        form.save()
        history.record(
            category.agency,
            "category",
            category.name,
            summary,
            request.user,
            timezone.now(),
            object_id=category.pk,
        )
        messages.success(request, "已保存类别")
        return redirect("ledger:catalog")
    context = base_context(request, category.agency, form=form, category=category)
    return render(request, "ledger/category_form.html", context)


@login_required
@require_POST
def category_delete(request, pk: int):
    category = get_category_or_404(request, pk)
    require_keeper(request, category.agency)
    if category.children.exists() or category.items.exists():
        messages.error(request, f"“{category.name}”下还有类别或信息，不能删除")
    else:
        history.record(
            category.agency,
            "category",
            category.name,
            "删除类别",
            request.user,
            timezone.now(),
            object_id=category.pk,
        )
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
    today = timekeeping.today()
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
        query=query_without_page(request),
    )
    return render(request, "ledger/document_list.html", context)


@login_required
def document_form(request, pk: int | None = None):
    if pk is None:
        agency, instance = current_agency(request), None
    else:
        instance = get_document_or_404(request, pk)
        agency = instance.agency
    require_keeper(request, agency)
    form = DocumentForm(request.POST or None, instance=instance, agency=agency)
    if request.method == "POST" and form.is_valid():
        summary = history.form_changes(form)
        form.instance.agency = agency
        with transaction.atomic():
            doc = form.save()
            history.record(
                agency,
                "document",
                str(doc),
                summary,
                request.user,
                timezone.now(),
                object_id=doc.pk,
            )
        messages.success(request, "已保存")
        return redirect("ledger:documents")
    changes = (
        RegisterChange.objects.filter(agency=agency, register="document", object_id=instance.pk)
        if instance
        else []
    )
    context = base_context(request, agency, form=form, document=instance, changes=changes)
    return render(request, "ledger/document_form.html", context)


# ------------------------------------------------------------------ yearly figures
@login_required
def figures(request, year: int | None = None):
    agency = current_agency(request)
    today = timekeeping.today()
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
            figure_entry.save_figures(agency, year, values, notes, request.user, timezone.now())
            messages.success(request, f"已保存 {year} 年度数据")
            return redirect(with_agency("ledger:figures_year", request, agency, year=year))
    fmt = format_for_year(year)
    context = base_context(
        request,
        agency,
        form=form,
        year=year,
        years=range(today.year, max(2018, today.year - 8), -1),
        fmt=fmt,
        table=_table_rows(table_two(agency, year, fmt), fmt),
        notes=_labelled_notes(figure_notes(agency, year), fmt),
        facts=overview_facts(agency, year),
        changes=RegisterChange.objects.filter(agency=agency, register="figure", year=year)[:50],
        channel_labels=CHANNELS,
        upload=UploadForm(),
    )
    return render(request, "ledger/figures.html", context)


def _labelled_notes(notes: dict[str, str], fmt: str) -> dict[str, str]:
    """'licensing.decisions' -> '行政许可·本年处理决定数量', for readers of the notes."""
    names = {
        f"{item.key}.{field}": f"{item.label}·{label}"
        for item in PROACTIVE_ITEMS[cast(FormatName, fmt)]
        for field, label in zip(item.fields, item.field_labels, strict=True)
    }
    return {names.get(key, key): note for key, note in notes.items()}


def _plain_number(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _table_rows(table: dict, fmt: str) -> list[dict]:
    rows = []
    for item in PROACTIVE_ITEMS[cast(FormatName, fmt)]:
        cells = [
            (label, table[item.key][f])
            for f, label in zip(item.fields, item.field_labels, strict=True)
        ]
        rows.append({"article": item.article, "label": item.label, "cells": cells})
    return rows


@login_required
@require_POST
def figures_import(request):
    def importer(agency, name, data, _cleaned):
        return figure_entry.import_figures(
            agency, request.user, name, data, timekeeping.today(), timezone.now()
        )

    upload = receive_upload(request, importer, require_keeper)
    if upload.result is None:
        messages.error(request, "；".join(upload.form.errors.get("file", ["请选择文件"])))
        return redirect("ledger:figures")
    saved, bad = upload.result
    messages.success(request, f"已导入 {saved} 项数据")
    for row in bad:
        messages.error(request, f"第 {row['line']} 行：{row['reason']}")
    return redirect("ledger:figures")


@login_required
def figures_template(request):
    examples = (
        ("2024", "行政许可", "本年处理决定数量", "556", "政务服务平台办件统计"),
        ("2024", "行政事业性收费", "本年收费金额（单位：万元）", "0.5", "财务决算报表"),
    )
    return template_download(figure_entry.FIGURE_HEADER, examples, "figures-template.csv")
