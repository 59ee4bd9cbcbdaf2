"""Staff screens under /appeals/: the register with filters, create/edit, table 四 preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.report.model import APPEAL_FIELD_LABELS, APPEAL_FIELDS, APPEAL_GROUP_LABELS
from gongkai.web import timekeeping
from gongkai.web.appeals import rules, services
from gongkai.web.appeals.access import get_appeal_or_404, require_keeper
from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.forms import AppealForm
from gongkai.web.appeals.importing import HEADER, import_appeals
from gongkai.web.appeals.models import KINDS, RESULTS, Appeal, AppealEvent
from gongkai.web.imports import receive_upload, template_download
from gongkai.web.ledger.access import base_context, current_agency, parse_year
from gongkai.web.ledger.importing import search_text


def _context(request, agency, **kw):
    """The shared screen context (agency, switcher), with the appeals register's own rule."""
    return base_context(
        request, agency, may_keep=rules.may_keep_register(request.user, agency.id), **kw
    )


@login_required
def appeal_list(request):
    agency = current_agency(request)
    today = timekeeping.today()
    appeals = Appeal.objects.filter(agency=agency).select_related("request")
    kind = request.GET.get("kind", "")
    if kind in dict(KINDS):
        appeals = appeals.filter(kind=kind)
    result = request.GET.get("result", "")
    if result in dict(RESULTS):
        appeals = appeals.filter(result=result)
    year = parse_year(request.GET.get("year"), today.year - 1)
    if request.GET.get("only_year"):
        appeals = appeals.filter(filed_on__year=year)
    q = search_text(request.GET.get("q"))
    if q:
        appeals = appeals.filter(Q(case_number__icontains=q) | Q(appellant__icontains=q))
    page = Paginator(appeals, 30).get_page(request.GET.get("page"))
    table = table_four(agency, year)
    rows = [
        {"label": APPEAL_GROUP_LABELS[g], "cells": [table[g][f] for f in APPEAL_FIELDS]}
        for g in table
    ]
    params = request.GET.copy()
    params.pop("page", None)
    context = _context(
        request,
        agency,
        page=page,
        kinds=KINDS,
        results=RESULTS,
        kind=kind,
        result=result,
        year=year,
        q=q,
        only_year=bool(request.GET.get("only_year")),
        rows=rows,
        field_labels=[APPEAL_FIELD_LABELS[f] for f in APPEAL_FIELDS],
        query=params.urlencode(),
    )
    return render(request, "appeals/list.html", context)


@login_required
def appeal_form(request, pk: int | None = None):
    if pk is None:
        agency, instance = current_agency(request), None
    else:
        instance = get_appeal_or_404(request, pk)
        agency = instance.agency
    if instance is None or request.method == "POST":
        require_keeper(request, agency)  # supervisors may open a case, not change it
    before = (instance.result, instance.decided_on) if instance else None
    form = AppealForm(
        request.POST or None, instance=instance, agency=agency, today=timekeeping.today()
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.agency = agency
            appeal = form.save()
            reopened = services.apply_decision(appeal, timekeeping.today(), request.user)
            if before != (appeal.result, appeal.decided_on):
                AppealEvent.objects.create(
                    appeal=appeal,
                    actor=request.user,
                    at=timezone.now(),
                    from_result=before[0] if before else "",
                    to_result=appeal.result,
                    decided_on=appeal.decided_on,
                    note=form.cleaned_data.get("note_change", "") or ("登记" if not before else ""),
                )
        messages.success(
            request,
            "已保存；所涉申请已重新办理，答复期限按决定书规定计算" if reopened else "已保存",
        )
        return redirect("appeals:list")
    events = instance.events.select_related("actor") if instance else []
    context = _context(request, agency, form=form, appeal=instance, events=events)
    return render(request, "appeals/form.html", context)


@login_required
def appeal_import(request):
    def importer(agency, name, data, _cleaned):
        return import_appeals(agency, request.user, name, data, timekeeping.today(), timezone.now())

    upload = receive_upload(request, importer, require_keeper)
    context = _context(
        request, upload.agency, form=upload.form, outcome=upload.result, header=HEADER
    )
    return render(request, "appeals/import.html", context)


@login_required
def import_template(request):
    example = ["行政复议", "平政复〔2024〕3号", "张某", "2024-04-02", "2024-06-20", "纠正"]
    example += ["平罗县人民政府", ""]  # 申请编号 left blank; 重新答复期限 not written
    return template_download(HEADER, [example], "appeals-template.csv")
