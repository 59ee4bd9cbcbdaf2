"""The desk: the queue, a request's page, its actions, letters and the register exports."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.letters.pdf import MissingFont
from gongkai.web.accounts import rules
from gongkai.web.accounts.decorators import staff_required
from gongkai.web.requests import (
    checking,
    clockwork,
    desk_acts,
    exports,
    files,
    law,
    receipt,
    services,
)
from gongkai.web.requests.forms import DeskRegisterForm, FilterForm, StepForm
from gongkai.web.requests.letters_pdf import PdfUnavailable
from gongkai.web.requests.masking import mask_id, mask_phone, mask_text
from gongkai.web.requests.models import Attachment, Letter, PersonalDataAccess, Request
from gongkai.web.requests.queries import filtered, get_visible, letters_of, with_history
from gongkai.web.requests.workflow import BY_ACTION, likely_order, state_label
from gongkai.web.timekeeping import today

AMBER_DAYS = clockwork.SOON_DAYS


def visible_agencies(user) -> list:
    from gongkai.web.accounts.models import Agency

    if not user.is_supervisor:  # their own agency (loaded once with the user for the page)
        return [user.agency] if rules.is_staff_user(user) else []
    return list(Agency.objects.filter(pk__in=rules.visible_agency_ids(user)).order_by("pk"))


def row_for(req, now: date) -> dict:
    """What the queue and the request's page show of the clock: the core's count only."""
    st = clockwork.standing(req, now)
    return {
        "req": req,
        "state_label": state_label(req.state),
        "days_left": st.days_left,
        "overdue_days": st.overdue_days,
        "urgency": st.urgency(AMBER_DAYS),
        "provisional": st.provisional,
    }


LABELS = {
    name: dict(Request._meta.get_field(name).flatchoices)
    for name in ("applicant_type", "channel", "disposition")
}


def _labels(req) -> dict[str, str]:
    """`get_<field>_display()` of the coded fields, as `<field>_label`."""
    out = {}
    for name, labels in LABELS.items():
        value = getattr(req, name)
        out[f"{name}_label"] = labels.get(value, value)
    return out


def rows_for(reqs, now: date) -> list[dict]:
    """`row_for` of each request of a list, with its link and labels ready: the link is
    reversed once, not once a row, and the labels are looked up here (in the template,
    the two cost about 5 ms of CPU a queue of 50)."""
    link = reverse("requests:detail", args=[0])
    base = link.removesuffix("0/")
    return [
        {
            **row_for(r, now),
            "url": f"{base}{r.pk}/",
            **_labels(r),
        }
        for r in reqs
    ]


@staff_required
def queue(request):
    form = FilterForm(request.GET or None, agencies=visible_agencies(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    qs = filtered(request.user, data).order_by(
        F("closed_on").desc(nulls_first=True), F("due_on").asc(nulls_last=True), "-id"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    now = today()
    rows = rows_for(page.object_list, now)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "requests/queue.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "today": now,
            "to_confirm": filtered(request.user, {"state": "submitted"}).count(),
            "show_agency": request.user.is_supervisor,
            "may_register": rules.may_register(request.user),
            "may_administer": rules.may_administer(request.user),
        },
    )


@staff_required
def export(request, fmt: str):
    form = FilterForm(request.GET or None, agencies=visible_agencies(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    qs = filtered(request.user, data).order_by("agency_id", "year", "seq")
    table = exports.register_rows(qs.prefetch_related("events"), today())
    stamp = today().isoformat()
    if fmt == "xlsx":
        body = exports.to_xlsx(table)
        response = HttpResponse(
            body,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="register-{stamp}.xlsx"'
        return response
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="register-{stamp}.csv"'
        return response
    raise Http404


@staff_required
def register(request):
    if not rules.may_register(request.user):
        raise PermissionDenied
    form = DeskRegisterForm(request.POST or None, request.FILES or None, today=today())
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in form.Meta.fields}
        req, _code = services.register(
            request.user.agency,
            data,
            channel=form.cleaned_data["channel"],
            submitted_at=timezone.now(),
            received_on=form.cleaned_data["received_on"],
            today=today(),
            by=request.user,
        )
        services.save_attachments(req, form.cleaned_data.get("attachments") or [], None)
        messages.success(
            request,
            f"已登记申请 {req.tracking_number}。请打印受理回执交申请人："
            "回执上的查询码只显示一次，本系统不保存查询码原文。",
        )
        # The code travels to the receipt page only, in a one-shot signed cookie.
        return receipt.show_once(redirect("requests:receipt", pk=req.pk), req, _code)
    return render(request, "requests/register.html", {"form": form})


def personal_view(req, user, full: bool) -> dict:
    """The applicant's details: full (logged) or masked."""
    if full:
        return {
            "id_number": req.id_number,
            "phone": req.phone,
            "address": req.address,
            "email": req.email,
        }
    return {
        "id_number": mask_id(req.id_number),
        "phone": mask_phone(req.phone),
        "address": mask_text(req.address),
        "email": mask_text(req.email),
    }


@staff_required
def detail(request, pk):
    req = with_history(get_visible(request.user, pk))
    now = today()
    full = request.GET.get("personal") == "1" and rules.may_see_personal_data(request.user, req)
    if full:
        PersonalDataAccess.objects.create(user=request.user, request=req, what="view")
    clock = None
    clock_error = ""
    try:
        clock = clockwork.clock_state(req, now) if not req.closed_on else None
    except ValueError as exc:
        clock_error = str(exc)
    actions = desk_actions(request.user, req, now)
    return render(
        request,
        "requests/detail.html",
        {
            "req": req,
            "row": row_for(req, now),
            "personal": personal_view(req, request.user, full),
            "full": full,
            "may_open_personal": rules.may_see_personal_data(request.user, req) and not full,
            "events": timeline(req),
            "letters": [(lt, files.kind_name(lt.kind)) for lt in letters_of(req)],
            "attachments": req.attachments.all(),
            "clock": clock,
            "clock_error": clock_error,
            "primary": actions[:1],
            "more": actions[1:],
            "pending_extension": desk_acts.pending_extension(req),
            "repeats": services.possible_repeats(req),
            "letter_checks": checking.panels(request, req),
            "appeals": req.appeals.order_by("filed_on", "id"),
        },
    )


# What the 说明 field of each act becomes: the form says where it lands.
NOTE_LABELS = {
    "request_correction": (
        "需要补正的事项",
        "写入补正通知书“请您对以下事项作出补正：”之后。",
    ),
    "send_consultation": ("征求意见的有关情况", "写入征求意见函“有关情况说明：”之后。"),
    "approve_extension": (
        "延期理由",
        "写入延期答复告知书：“因（延期理由），本机关无法在收到申请之日起20个工作日内作出答复”。",
    ),
    "draft_reply": (
        "说明",
        "写入答复书：部分公开、其他处理接在“说明理由如下：”“现告知如下：”之后；"
        "不予公开、无法提供、不予处理写在“理由：”之后；予以公开不写入答复书。",
    ),
    "receive_correction": (
        "补正后的申请内容",
        "将更新“所需信息”，此后的文书引用补正后的申请内容。",
    ),
    "return_draft": ("退回理由", "告知起草人，记入办理记录。"),
    "withdraw": ("撤回情况", "如申请人书面撤回的日期和方式，记入办理记录。"),
}


def _transition_item(user, req, t, now, *, note: str = "") -> dict:
    form = StepForm(initial={"on": now, "note": note}, prefix=t.action)
    label, help_text = NOTE_LABELS.get(t.action, ("说明", "记入办理记录。"))
    form.fields["note"].label, form.fields["note"].help_text = label, help_text
    if t.action == "draft_reply":
        form.fields["attachments"].label = "提供给申请人的政府信息（可选）"
        form.fields["attachments"].help_text = (
            "予以公开、部分公开的，上传提供给申请人的政府信息（PDF/JPG/PNG/DOCX，每个不超过10MB）；"
            "发出答复后申请人可在“申请查询”中下载，下载即记为送达。"
        )
    return {
        "kind": "transition",
        "action": t.action,
        "label": t.label,
        "t": t,
        "form": form,
        "effect": clockwork.preview(req, t.action, t.clock_event, now),
        "late_notice": t.action == "request_correction" and law.correction_is_late(req, now),
    }


def desk_actions(user, req, now: date) -> list[dict]:
    """The acts `user` may take on `req` now, most likely first (the page opens the first)."""
    transitions = rules.allowed_transitions(user, req)
    late_notice = BY_ACTION["request_correction"]
    if late_notice not in transitions and law.may_take(
        user, req, late_notice, services.Step(on=now)
    ):
        transitions.append(late_notice)  # the head records a late correction notice
    pending = desk_acts.pending_extension(req)
    items = {}
    for t in transitions:
        note = pending.note if (pending and t.action == "approve_extension") else ""
        items[t.action] = _transition_item(user, req, t, now, note=note)
    if pending is None and rules.may_ask_extension(user, req):
        items["ask_extension"] = {
            "kind": "ask_extension",
            "action": "ask_extension",
            "label": "请示延期（报负责人批准）",
            "deadline": desk_acts.extension_text(req, now),
        }
    if pending is not None and rules.may_decide_extension(user, req):
        items["refuse_extension"] = {
            "kind": "refuse_extension",
            "action": "refuse_extension",
            "label": "不同意延期",
        }
    handlers = (
        [h for h in desk_acts.handlers_for(req) if rules.may_assign(user, req, h)]
        if rules.may_assign_anyone(user, req)
        else []
    )
    if handlers:
        items["assign"] = {
            "kind": "assign",
            "action": "assign",
            "label": "分配经办人" if user.is_head else "由我经办",
            "handlers": handlers,
        }
    sent = desk_acts.applicant_letters(req) if rules.may_record_delivery(user, req) else []
    if sent:
        items["deliver"] = {
            "kind": "deliver",
            "action": "deliver",
            "label": "登记送达（邮寄、当面）",
            "letters": sent,
            "methods": desk_acts.MANUAL_DELIVERY.items(),
            "today": now,
        }
    order = likely_order(req.state, list(items))
    if pending is not None:  # the head is asked to decide: that comes first
        decide = [a for a in ("approve_extension", "refuse_extension") if a in items]
        order = decide + [a for a in order if a not in decide]
    return [items[a] for a in order]


def timeline(req) -> list[dict]:
    """The request's events with their documents, from the lists `with_history` loaded."""
    labels = {t.action: t.label for t in BY_ACTION.values()}
    labels["register"] = "登记申请"
    labels["reopen"] = "结果纠正，重新办理"
    labels["assign"] = "分配经办人"
    labels["ask_extension"] = "请示延期"
    labels["refuse_extension"] = "不同意延期"
    labels["deliver"] = "送达"
    labels["deliver_failed"] = "电子邮件送达失败"
    attached: dict[int, list[str]] = {}
    for a in req.attachments.all():
        attached.setdefault(a.event_id, []).append(a.name)
    issued: dict[int, list[str]] = {}
    for lt in letters_of(req):
        issued.setdefault(lt.event_id, []).append(lt.number)
    return [
        {
            "e": e,
            "action": labels.get(e.action, e.action),
            "from": state_label(e.from_state) if e.from_state else "",
            "to": state_label(e.to_state),
            "who": str(e.actor) if e.actor else e.actor_label,
            "documents": attached.get(e.id, []) + issued.get(e.id, []),
        }
        for e in req.events.all()
    ]


@staff_required
@require_POST
def act(request, pk, action):
    req = get_visible(request.user, pk)
    if action in DESK_ACTS:
        return DESK_ACTS[action](request, req)
    tr = BY_ACTION.get(action)
    # The role rules, or the head recording a late correction notice (law.may_take).
    if tr is None or not law.may_take(request.user, req, tr, services.Step(on=today())):
        raise PermissionDenied
    form = StepForm(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("requests:detail", pk=req.pk)
    step = services.Step(
        on=form.cleaned_data["on"],
        note=form.cleaned_data.get("note") or "",
        disposition=form.cleaned_data.get("disposition") or "",
        fee_yuan=form.cleaned_data.get("fee_yuan"),
        third_party=form.cleaned_data.get("third_party") or "",
        until=form.cleaned_data.get("until"),
        fee_method=form.cleaned_data.get("fee_method") or "",
        fee_quantity=form.cleaned_data.get("fee_quantity"),
        late_reason=form.cleaned_data.get("late_reason") or "",
        earlier_request=form.cleaned_data.get("earlier_request") or "",
        responsible_agency=form.cleaned_data.get("responsible_agency") or "",
        responsible_agency_contact=form.cleaned_data.get("responsible_agency_contact") or "",
        responsible_unknown=bool(form.cleaned_data.get("responsible_unknown")),
    )
    if action == "receive_correction":  # the corrected request, recorded at the desk
        step.correction = step.note
    try:
        with transaction.atomic():
            event = services.perform(req, action, request.user, step, today=today())
            services.save_attachments(req, form.cleaned_data.get("attachments") or [], event)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    except ValueError as exc:  # e.g. a template placeholder the letter module refused
        messages.error(request, f"操作未完成，申请状态未改变：{exc}")
    else:
        messages.success(request, f"已完成：{tr.label}。")
    return redirect("requests:detail", pk=req.pk)


@staff_required
def letter(request, pk, letter_pk):
    req = get_visible(request.user, pk)
    obj = Letter.objects.filter(request=req, pk=letter_pk).first()
    fmt = request.GET.get("as", "docx")
    if obj is None or fmt not in files.CONTENT_TYPES:
        raise Http404
    try:
        return files.letter_response(obj, fmt)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("requests:detail", pk=req.pk)


@staff_required
def attachment(request, pk, attachment_pk):
    req = get_visible(request.user, pk)
    if not rules.may_see_personal_data(request.user, req):
        raise PermissionDenied  # ID copies are personal data
    obj = Attachment.objects.filter(request=req, pk=attachment_pk).first()
    if obj is None:
        raise Http404
    PersonalDataAccess.objects.create(user=request.user, request=req, what="attachment")
    types = {
        "pdf": "application/pdf",
        "jpg": "image/jpeg",
        "png": "image/png",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    response = HttpResponse(bytes(obj.content), content_type=types.get(obj.file_type))
    response["Content-Disposition"] = f'attachment; filename="attachment-{obj.pk}.{obj.file_type}"'
    return response


@staff_required
def receipt_view(request, pk):
    """受理回执: printable page (the code, once) and its PDF (POST with the code)."""
    req = get_visible(request.user, pk)
    track_url = request.build_absolute_uri("/track/")
    if request.method == "POST":
        code = request.POST.get("code", "").strip()
        if code and not services.check_query_code(req, code):
            code = ""
        try:
            body = receipt.pdf(req, code, track_url)
        except MissingFont as exc:
            messages.error(request, f"暂时无法生成 PDF：{exc}请使用浏览器打印本页。")
            return redirect("requests:receipt", pk=req.pk)
        ascii_name = f"request-{req.pk}-receipt.pdf"
        name = f"{req.tracking_number}-受理回执.pdf"
        response = files.download(body, name, ascii_name, "pdf")
        response["Cache-Control"] = "no-store"
        return response
    code = receipt.take_code(request, req)
    response = render(
        request,
        "requests/receipt.html",
        {"req": req, "code": code, **receipt.content(req, code, track_url)},
    )
    return receipt.forget(response, req)


# ------------------------------------------------------------------ acts without a state change
def _done(request, req, call, success: str):
    try:
        call()
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("requests:detail", pk=req.pk)


def _assign(request, req):
    from gongkai.web.accounts.models import User

    to = User.objects.filter(pk=request.POST.get("handler") or 0, agency_id=req.agency_id).first()
    if to is None:
        messages.error(request, "请选择经办人。")
        return redirect("requests:detail", pk=req.pk)
    note = request.POST.get("note", "")[:500]
    return _done(
        request,
        req,
        lambda: desk_acts.assign(req, to, request.user, today=today(), note=note),
        f"已分配给{to}经办。",
    )


def _ask_extension(request, req):
    reason = request.POST.get("ask_extension-note", "")[:2000]
    return _done(
        request,
        req,
        lambda: desk_acts.ask_extension(req, request.user, reason=reason, today=today()),
        "已报请负责人批准延期。",
    )


def _refuse_extension(request, req):
    note = request.POST.get("refuse_extension-note", "")[:2000]
    return _done(
        request,
        req,
        lambda: desk_acts.refuse_extension(req, request.user, note=note, today=today()),
        "已决定不予延期，经办人将在“我的待办”中看到。",
    )


def _deliver(request, req):
    from datetime import date as day

    letter = req.letters.filter(pk=request.POST.get("letter") or 0).first()
    try:
        on = day.fromisoformat(request.POST.get("on", ""))
    except ValueError:
        messages.error(request, "请填写送达日期（年-月-日）。")
        return redirect("requests:detail", pk=req.pk)
    method = request.POST.get("method", "")
    note = request.POST.get("note", "")[:500]
    return _done(
        request,
        req,
        lambda: desk_acts.record_delivery(
            req, letter, request.user, method=method, on=on, today=today(), note=note
        ),
        "已登记送达。",
    )


DESK_ACTS = {
    "deliver": _deliver,
    "assign": _assign,
    "ask_extension": _ask_extension,
    "refuse_extension": _refuse_extension,
}


LIST_LIMIT = 200  # rows shown per list of "my work" (the count says how many there are)


@staff_required
def mine(request):
    """我的待办: assigned to me, drafts waiting for my review, extensions for my decision, and
    the extensions of mine that the head refused."""
    work = desk_acts.my_work(request.user)
    counts = desk_acts.work_counts(request.user)  # also the navigation's: one query for both
    now = today()
    user = request.user
    lists = [
        (key, title, qs)
        for key, title, qs, role in (
            (
                "assigned",
                "我经办的未办结申请",
                work["assigned"].order_by(F("due_on").asc(nulls_last=True)),
                user.is_handler,
            ),
            ("reviews", "待我审核的答复", work["reviews"].order_by("due_on"), user.is_reviewer),
            (
                "extensions",
                "待我决定的延期请示",
                work["extensions"].order_by("due_on"),
                user.is_head,
            ),
        )
        if role  # only the lists of the user's own roles
    ]
    sections = [
        {
            "key": key,
            "title": title,
            "rows": rows_for(qs[:LIST_LIMIT], now),
            "count": counts[key],
        }
        for key, title, qs in lists
    ]
    refused = list(work["refused"].order_by(F("due_on").asc(nulls_last=True))[:LIST_LIMIT])
    decisions = desk_acts.refusals(refused) if refused else {}
    return render(
        request,
        "requests/mine.html",
        {
            "sections": sections,
            "refused": [
                {**row, "refusal": decisions.get(row["req"].pk)} for row in rows_for(refused, now)
            ],
            "today": now,
            "work_counts": counts,
        },
    )
