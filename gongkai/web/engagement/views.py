"""Staff screens under /engagement/: the register of messages and its import, the
interpretations and the activities. Supervisors read (?agency=); the agency's staff edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.appraisal.engagement import CHANNELS
from gongkai.web.engagement.forms import ActivityForm, ImportForm, InterpretationForm, MessageForm
from gongkai.web.engagement.importing import TEMPLATE_EXAMPLES, TEMPLATE_HEADER, import_messages
from gongkai.web.engagement.models import Activity, ImportRun, Interpretation, Message
from gongkai.web.engagement.queries import engagement_summary, message_within, today
from gongkai.web.engagement.record_import import (
    ACTIVITIES,
    INTERPRETATIONS,
    Register,
    import_records,
)
from gongkai.web.imports import bad_rows_download, receive_upload, template_download
from gongkai.web.ledger import rules
from gongkai.web.ledger.access import base_context, current_agency, parse_year, require_keeper
from gongkai.web.ledger.importing import search_text


def _visible(model, request, pk):
    return get_object_or_404(model, pk=pk, agency_id__in=rules.visible_agency_ids(request.user))


RECENT_RUNS = 10


def recent_runs(agency, register: str):
    """The agency's last imports into one register, for its import page: one query, the
    stored header and bad rows left unread (`bad_count` says how many)."""
    runs = ImportRun.objects.filter(agency=agency, register=register)
    return runs.select_related("user").defer("header", "bad_rows")[:RECENT_RUNS]


@login_required
def message_list(request):
    agency = current_agency(request)
    day = today()
    year = parse_year(request.GET.get("year"), day.year - 1)
    rows = Message.objects.filter(agency=agency, received_on__year=year)
    channel = request.GET.get("channel", "")
    if channel in CHANNELS:
        rows = rows.filter(channel=channel)
    q = search_text(request.GET.get("q"))
    if q:
        rows = rows.filter(Q(topic__icontains=q) | Q(ticket_number__icontains=q))
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    for m in page:
        m.within = message_within(m, day)
    summary = engagement_summary([agency.id], year, day)
    by_channel = [(CHANNELS[k].label, n) for k, n in summary.by_channel.items() if n]
    params = request.GET.copy()
    params.pop("page", None)
    context = base_context(
        request,
        agency,
        page=page,
        year=year,
        channel=channel,
        channels=[(c.key, c.label) for c in CHANNELS.values()],
        q=q,
        summary=summary,
        by_channel=by_channel,
        query=params.urlencode(),
    )
    return render(request, "engagement/message_list.html", context)


def _edit(request, model, form_class, template, back, pk=None, **form_kw):
    if pk is None:
        agency, instance = current_agency(request), None
    else:
        instance = _visible(model, request, pk)
        agency = instance.agency
    if instance is None or request.method == "POST":
        require_keeper(request, agency)  # supervisors may open a record, not change it
    if "agency" in form_kw:
        form_kw["agency"] = agency
    form = form_class(request.POST or None, instance=instance, today=today(), **form_kw)
    form.instance.agency = agency  # (before validation: a message is checked within it)
    if request.method == "POST" and form.is_valid():
        if model is Message and instance is None:
            form.instance.created_by = request.user
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the same message saved by someone else a moment before
            form.add_error(None, "刚有人登记了同一事项，请刷新登记簿后核对。")
        else:
            messages.success(request, "已保存")
            return redirect(back)
    return render(request, template, base_context(request, agency, form=form, record=instance))


@login_required
def message_form(request, pk: int | None = None):
    return _edit(request, Message, MessageForm, "engagement/form.html", "engagement:messages", pk)


@login_required
def message_import(request):
    def importer(agency, name, data, cleaned):
        channel = cleaned.get("channel") or ""
        return import_messages(agency, request.user, name, data, today(), timezone.now(), channel)

    upload = receive_upload(request, importer, require_keeper, ImportForm)
    context = base_context(
        request,
        upload.agency,
        form=upload.form,
        outcome=upload.result,
        header=TEMPLATE_HEADER,
        runs=recent_runs(upload.agency, "messages"),
    )
    return render(request, "engagement/import.html", context)


@login_required
def import_template(request):
    return template_download(TEMPLATE_HEADER, TEMPLATE_EXAMPLES, "engagement-template.csv")


@login_required
def import_bad_rows(request, pk: int):
    run = _visible(ImportRun, request, pk)
    return bad_rows_download(run.header, run.bad_rows, f"engagement-bad-rows-{run.pk}.csv")


def _records_import(request, register: Register, back: str, template_url: str):
    def importer(agency, name, data, _cleaned):
        return import_records(register, agency, request.user, name, data, today(), timezone.now())

    upload = receive_upload(request, importer, require_keeper)  # the ledger's UploadForm
    context = base_context(
        request,
        upload.agency,
        form=upload.form,
        outcome=upload.result,
        register=register,
        back=back,
        template_url=template_url,
        runs=recent_runs(upload.agency, register.key),
    )
    return render(request, "engagement/import_records.html", context)


@login_required
def interpretation_import(request):
    return _records_import(
        request,
        INTERPRETATIONS,
        "engagement:interpretations",
        "engagement:interpretation_template",
    )


@login_required
def interpretation_template(request):
    register = INTERPRETATIONS
    return template_download(register.header, register.examples, "interpretations-template.csv")


@login_required
def activity_import(request):
    return _records_import(
        request, ACTIVITIES, "engagement:activities", "engagement:activity_template"
    )


@login_required
def activity_template(request):
    register = ACTIVITIES
    return template_download(register.header, register.examples, "activities-template.csv")


@login_required
def interpretation_list(request):
    agency = current_agency(request)
    year = parse_year(request.GET.get("year"), today().year - 1)
    rows = Interpretation.objects.filter(agency=agency, published_on__year=year).select_related(
        "policy"
    )
    from gongkai.appraisal.engagement import interpretation_on_time
    from gongkai.web.engagement.queries import calendar

    cal = calendar()
    for r in rows:
        r.on_time = interpretation_on_time(
            r.policy.published_on if r.policy else None, r.published_on, cal
        )
    context = base_context(request, agency, rows=rows, year=year)
    return render(request, "engagement/interpretation_list.html", context)


@login_required
def interpretation_form(request, pk: int | None = None):
    return _edit(
        request,
        Interpretation,
        InterpretationForm,
        "engagement/form.html",
        "engagement:interpretations",
        pk,
        agency=None,
    )


@login_required
def activity_list(request):
    agency = current_agency(request)
    year = parse_year(request.GET.get("year"), today().year - 1)
    rows = Activity.objects.filter(agency=agency, held_on__year=year)
    context = base_context(request, agency, rows=rows, year=year)
    return render(request, "engagement/activity_list.html", context)


@login_required
def activity_form(request, pk: int | None = None):
    return _edit(
        request, Activity, ActivityForm, "engagement/form.html", "engagement:activities", pk
    )
