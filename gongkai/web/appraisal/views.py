"""The supervisor's year under /appraisal/: the county's ranking and charts, each
department's indicators with the records behind them, the scheme, XLSX and print.

Supervisors (政务公开办) see every department under their government and set its scheme;
a department's staff see their own department only (the others are not named to them).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.appraisal.indicators import SPECS
from gongkai.appraisal.scoring import Rule, Scheme
from gongkai.web.accounts import rules
from gongkai.web.accounts.models import Agency
from gongkai.web.appraisal import exports
from gongkai.web.appraisal.models import Scheme as StoredScheme
from gongkai.web.appraisal.models import SchemeChange
from gongkai.web.appraisal.pictures import charts_for
from gongkai.web.appraisal.queries import appraise, departments_under, scheme_for
from gongkai.web.engagement.queries import today
from gongkai.web.ledger.access import parse_year

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OTHERS = "其他部门"


def threshold_text(unit: str, value: float) -> str:
    if unit == "%":
        return f"{value * 100:g}%"
    if unit == "是否":
        return "是" if value else "否"
    return f"{value:g}"


def scored_rows(scheme: Scheme) -> list[tuple]:
    """(spec, rule, full as shown, zero as shown) of every scored indicator."""
    return [
        (SPECS[k], r, threshold_text(SPECS[k].unit, r.full), threshold_text(SPECS[k].unit, r.zero))
        for k, r in scheme.rules.items()
    ]


def is_supervisor(user) -> bool:
    return rules.is_staff_user(user) and bool(user.is_supervisor)


def government_of(agency):
    """The government whose scheme applies: the agency itself or its nearest government above."""
    node = agency
    while node is not None and node.kind != "government":
        node = node.parent
    return node or agency


def _year(request) -> int:
    return parse_year(request.GET.get("year"), today().year - 1)


def _county(request):
    """(government, departments appraised) for the user; 404 without an agency."""
    user = request.user
    if not rules.is_staff_user(user):
        raise PermissionDenied("您的账号未关联机关")
    if is_supervisor(user):
        departments = departments_under(user.agency) or [user.agency]
        return user.agency, departments
    return government_of(user.agency), [user.agency]


def _results(request, year):
    government, departments = _county(request)
    scheme = scheme_for(government, year)
    return government, departments, scheme, appraise(departments, year, today(), scheme)


def record_url(ref, year) -> str:
    names = {
        "request": "requests:detail",
        "item": "ledger:item",
        "appeal": "appeals:edit",
        "message": "engagement:message_edit",
        "interpretation": "engagement:interpretation_edit",
    }
    if ref.kind == "report":
        from gongkai.web.annual_reports.models import AnnualReport

        ar = AnnualReport.objects.select_related("agency").get(pk=ref.id)
        return reverse("annual_reports:detail", kwargs={"code": ar.agency.code, "year": ar.year})
    return reverse(names[ref.kind], kwargs={"pk": ref.id})


@login_required
def overview(request):
    year = _year(request)
    if not is_supervisor(request.user):
        if not rules.is_staff_user(request.user):
            raise PermissionDenied("您的账号未关联机关")
        url = reverse("appraisal:department", kwargs={"code": request.user.agency.code})
        return redirect(f"{url}?year={year}")
    government, departments, scheme, results = _results(request, year)
    context = {
        "year": year,
        "government": government,
        "results": results,
        "scheme": scheme,
        "scored": scored_rows(scheme),
        "charts": charts_for(departments, year, results),
    }
    return render(request, "appraisal/overview.html", context)


@login_required
def department(request, code: str):
    agency = get_object_or_404(Agency, code=code, id__in=rules.visible_agency_ids(request.user))
    year = _year(request)
    government = government_of(agency)
    scheme = scheme_for(government, year)
    supervising = is_supervisor(request.user)
    peers = departments_under(request.user.agency if supervising else government) or [agency]
    if agency not in peers:
        peers = [*peers, agency]
    results = appraise(peers, year, today(), scheme)
    mine = next(r for r in results if r.agency.id == agency.id)
    if not supervising:  # the ranking without naming the others
        for r in results:
            if r.agency.id != agency.id:
                r.agency = Agency(name=OTHERS, code="")
    rows = []
    for ind in mine.indicators:
        rule = scheme.rules.get(ind.key)
        rows.append(
            {
                "indicator": ind,
                "rule": rule,
                "points": mine.score.parts.get(ind.key),
                "records": [(ref, record_url(ref, year)) for ref in ind.records[:200]],
                "more": max(0, len(ind.records) - 200),
            }
        )
    context = {
        "year": year,
        "agency": agency,
        "result": mine,
        "count": len(results),
        "rows": rows,
        "charts": charts_for([agency], year, results, highlight=agency.name),
        "is_supervisor": supervising,
    }
    return render(request, "appraisal/department.html", context)


def _read_rules(post, current: Scheme) -> tuple[dict[str, Rule], list[str]]:
    found, errors = {}, []
    for key in current.rules:
        label = SPECS[key].label
        try:
            values = [
                float(post.get(f"{key}-{part}", "").strip()) for part in ("weight", "full", "zero")
            ]
        except ValueError:
            errors.append(f"{label}：分值、满分值、零分值都应填写数字")
            continue
        if SPECS[key].unit == "%":
            values[1], values[2] = values[1] / 100, values[2] / 100
        try:
            found[key] = Rule(*values)
        except ValueError as exc:
            errors.append(f"{label}：{exc}")
    return found, errors


@login_required
def scheme(request):
    if not is_supervisor(request.user):
        raise PermissionDenied("只有政务公开办（监督）可以设置考核评分办法")
    government, year = request.user.agency, _year(request)
    current = scheme_for(government, year)
    errors: list[str] = []
    if request.method == "POST":
        found, errors = _read_rules(request.POST, current)
        if not errors:
            new = Scheme(found)
            stored, _ = StoredScheme.objects.get_or_create(
                agency=government, year=year, defaults={"updated_at": timezone.now()}
            )
            before = stored.rules or Scheme().to_json()
            stored.rules, stored.updated_by, stored.updated_at = (
                new.to_json(),
                request.user,
                timezone.now(),
            )
            stored.save()
            SchemeChange.objects.create(
                scheme=stored,
                actor=request.user,
                at=timezone.now(),
                before=before,
                after=stored.rules,
            )
            messages.success(request, f"已保存{year}年度考核评分办法")
            return redirect(f"{reverse('appraisal:scheme')}?year={year}")
    rows = []
    for key, rule in current.rules.items():
        spec = SPECS[key]
        factor = 100 if spec.unit == "%" else 1
        rows.append(
            {
                "key": key,
                "spec": spec,
                "weight": request.POST.get(f"{key}-weight", f"{rule.weight:g}"),
                "full": request.POST.get(f"{key}-full", f"{rule.full * factor:g}"),
                "zero": request.POST.get(f"{key}-zero", f"{rule.zero * factor:g}"),
                "unit": "%" if spec.unit == "%" else spec.unit,
            }
        )
    stored = StoredScheme.objects.filter(agency=government, year=year).first()
    context = {
        "year": year,
        "government": government,
        "rows": rows,
        "errors": errors,
        "total": current.total_weight,
        "changes": stored.changes.select_related("actor")[:10] if stored else [],
    }
    return render(request, "appraisal/scheme.html", context)


@login_required
def export_xlsx(request):
    year = _year(request)
    _government, _departments, scheme_, results = _results(request, year)
    response = HttpResponse(exports.workbook(year, results, scheme_), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="appraisal-{year}.xlsx"'
    return response


@login_required
def print_page(request):
    year = _year(request)
    government, departments, scheme_, results = _results(request, year)
    if not results:
        raise Http404("没有可考核的部门")
    context = {
        "year": year,
        "government": government,
        "results": results,
        "scheme": scheme_,
        "scored": scored_rows(scheme_),
        "charts": charts_for(departments, year, results),
        "printed_on": today(),
    }
    return render(request, "appraisal/print.html", context)
