"""Pages of the annual report: list, build, edit, audit, publish, download, import, supervise.

Each view checks access first (another agency's report is a 404), then calls services.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.findings import SEVERITY_LABELS
from gongkai.report.model import SECTION_TITLES
from gongkai.report.render.grid import TABLES
from gongkai.report.render.pdf import MissingFont
from gongkai.web.accounts.decorators import staff_required
from gongkai.web.accounts.models import Agency
from gongkai.web.annual_reports import access, checking, services
from gongkai.web.annual_reports.models import AnnualReport
from gongkai.web.timekeeping import today

MAX_UPLOAD = 20 * 1024 * 1024


def _agency(request, code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not access.may_view(request.user, agency):
        raise Http404
    return agency


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 2008 <= year <= 2100:
        raise Http404
    return year


def _grid_rows(grid) -> list[list]:
    rows: list[list] = [[] for _ in range(grid.rows)]
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        rows[cell.row].append(cell)
    return rows


@staff_required
def index(request):
    agency = request.user.agency
    reports = AnnualReport.objects.filter(agency=agency).order_by("-year")
    current = today().year - 1
    return render(
        request,
        "annual_reports/index.html",
        {
            "agency": agency,
            "reports": reports,
            "suggested_year": current,
            "may_edit": access.may_edit(request.user, agency),
            "may_supervise": access.may_supervise(request.user),
        },
    )


@staff_required
def detail(request, code: str, year: int):
    agency = _agency(request, code)
    year = _year(year)
    ar = AnnualReport.objects.filter(agency=agency, year=year).first()
    if ar is None:
        return render(
            request,
            "annual_reports/not_started.html",
            {"agency": agency, "year": year, "may_edit": access.may_edit(request.user, agency)},
        )
    report = ar.report
    findings = services.audit_report(ar)
    counts = Counter(f.severity for f in findings)
    previous = services.previous_report(agency, year)
    previous_text = previous.report.text if previous else {}
    plain = services.plain_text(report)
    narrative = [
        {"finding": f, "section": services.section_of(f, plain)}
        for f in findings
        if f.start is not None
    ]
    panels = checking.panels(request, ar) if ar.state == "draft" else {}
    now = today()
    sections = [
        {
            "key": key,
            "review": panels.get(key),
            "title": title,
            "text": (report.text or {}).get(key, ""),
            "previous": (previous_text or {}).get(key, ""),
            "editable": key in services.EDITABLE_SECTIONS,
            "table": _grid_rows(TABLES[key](report)) if key in TABLES else None,
            "findings": [n for n in narrative if n["section"] == key],
            "copied": [
                f for f in findings if f.code == "copy.previous_year" and f.where == f"text.{key}"
            ],
        }
        for key, title in SECTION_TITLES.items()
    ]
    departments = []
    if agency.kind == "government":
        departments = [
            {"agency": d, "chosen": d.id in (ar.departments or [])}
            for d in Agency.objects.filter(parent=agency).order_by("id")
        ]
    return render(
        request,
        "annual_reports/detail.html",
        {
            "agency": agency,
            "ar": ar,
            "report": report,
            "sections": sections,
            "findings": findings,
            "errors": counts["error"],
            "warnings": counts["warning"],
            "severity_labels": SEVERITY_LABELS,
            "previous": previous,
            "departments": departments,
            "formats": services.EXPORT_FORMATS,
            "may_edit": access.may_edit(request.user, agency) and ar.state == "draft",
            "may_publish": access.may_publish(request.user, agency)
            and ar.state == "draft"
            and ar.source == "built",
            "year_ended": services.year_ended(year, now),
            "not_ended": services.not_ended_message(year),
        },
    )


@staff_required
@require_POST
def start(request):
    """Start (or open) the report of the year typed on the index page."""
    agency = request.user.agency
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    if not 2008 <= year <= 2100:
        messages.error(request, "请填写报告年度（例如 2023）。")
        return redirect("annual_reports:index")
    if not access.may_edit(request.user, agency):
        raise Http404
    services.build(agency, year, today())
    return redirect("annual_reports:detail", code=agency.code, year=year)


@staff_required
@require_POST
def build(request, code: str, year: int):
    agency = _agency(request, code)
    year = _year(year)
    if not access.may_edit(request.user, agency):
        raise Http404
    departments = None
    if agency.kind == "government" and "departments_sent" in request.POST:
        departments = [int(v) for v in request.POST.getlist("departments") if v.isdigit()]
    ar = services.build(
        agency, year, today(), departments=departments, redraft=bool(request.POST.get("redraft"))
    )
    if ar.state == "published":
        messages.error(request, "报告已发布，不能重新生成。")
    else:
        messages.success(request, f"已根据本机关台账生成{year}年度报告的表格。")
    return redirect("annual_reports:detail", code=agency.code, year=year)


@staff_required
@require_POST
def edit(request, code: str, year: int):
    agency = _agency(request, code)
    ar = get_object_or_404(AnnualReport, agency=agency, year=_year(year))
    if not access.may_edit(request.user, agency) or ar.state != "draft":
        raise Http404
    texts = {
        key: request.POST.get(key, "") for key in services.EDITABLE_SECTIONS if key in request.POST
    }
    problem = services.save_texts(ar, texts)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, "文字已保存，并已重新审核。")
    return redirect("annual_reports:detail", code=agency.code, year=ar.year)


@staff_required
@require_POST
def publish(request, code: str, year: int):
    agency = _agency(request, code)
    ar = get_object_or_404(AnnualReport, agency=agency, year=_year(year))
    if not access.may_publish(request.user, agency):
        raise Http404
    outcome = services.publish(ar, today())
    (messages.success if outcome.published else messages.error)(request, outcome.message)
    return redirect("annual_reports:detail", code=agency.code, year=ar.year)


@staff_required
def download(request, code: str, year: int, fmt: str):
    agency = _agency(request, code)
    ar = get_object_or_404(AnnualReport, agency=agency, year=_year(year))
    if fmt not in services.EXPORT_FORMATS:
        raise Http404
    try:
        content = services.export(ar, fmt)
    except MissingFont as exc:  # the server lacks the CJK fonts: say so, not a 500
        messages.error(request, str(exc))
        return redirect("annual_reports:detail", code=agency.code, year=ar.year)
    response = HttpResponse(content, content_type=services.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{services.file_name(ar, fmt)}"'
    return response


def _import_problem(upload, year: int, published_on: str) -> str:
    """What is wrong with the import form before the file is read ("" when nothing)."""
    if published_on:
        try:
            date.fromisoformat(published_on)
        except ValueError:
            return "发布日期格式不正确（例如 2024-01-25）。"
    if upload is None:
        return "请选择要导入的报告文件。"
    if not 2008 <= year <= 2100:
        return "请填写报告年度（例如 2023）。"
    if upload.size > MAX_UPLOAD:
        return "文件超过 20 MB，无法导入。"
    return ""


@staff_required
def import_previous(request):
    agency = request.user.agency
    if not access.may_edit(request.user, agency):
        raise Http404
    error = ""
    typed = {"year": str(today().year - 2), "published_on": ""}
    if request.method == "POST":
        upload = request.FILES.get("file")
        typed = {k: request.POST.get(k, "").strip() for k in typed}  # shown again if refused
        year = int(typed["year"]) if typed["year"].isdigit() else 0
        error = _import_problem(upload, year, typed["published_on"])
        if not error:
            published_on = typed["published_on"]
            done = services.import_report(
                agency,
                year,
                upload.name,
                upload.read(),
                today(),
                date.fromisoformat(published_on) if published_on else None,
            )
            if done.report is not None:
                (messages.success if done.published else messages.error)(request, done.message)
                return redirect("annual_reports:detail", code=agency.code, year=year)
            error = done.message
    return render(
        request,
        "annual_reports/import.html",
        {"agency": agency, "error": error, "typed": typed},
    )


@staff_required
def overview(request, year: int):
    """The GID office's page: every agency below, its report's state, timing and findings."""
    if not access.may_supervise(request.user):
        raise Http404
    year = _year(year)
    top = request.user.agency
    ids = top.descendant_ids()
    agencies = Agency.objects.filter(id__in=ids).order_by("kind", "id")
    stored = {ar.agency_id: ar for ar in AnnualReport.objects.filter(agency_id__in=ids, year=year)}
    rows = []
    now = today()
    for agency in agencies:
        ar = stored.get(agency.id)
        findings = services.audit_report(ar) if ar is not None else []
        counts = Counter(f.severity for f in findings)
        due = services.due_date(agency, year)
        published = ar is not None and ar.published_on is not None
        rows.append(
            {
                "agency": agency,
                "ar": ar,
                "due_on": due,
                "overdue": (ar is not None and ar.on_time is False) if published else due < now,
                "errors": counts["error"],
                "warnings": counts["warning"],
                "findings": findings[:5],
                "files": list(ar.files.values_list("fmt", flat=True)) if ar is not None else [],
            }
        )
    return render(
        request,
        "annual_reports/overview.html",
        {"year": year, "rows": rows, "top": top},
    )
