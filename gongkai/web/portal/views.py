"""The public portal: apply online (/apply/) and follow a request (/track/)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.web.accounts.models import Agency
from gongkai.web.accounts.security import client_ip
from gongkai.web.portal.forms import ApplyForm, CorrectionForm, TrackForm
from gongkai.web.requests import files, notify, services
from gongkai.web.requests.letters_pdf import PdfUnavailable
from gongkai.web.requests.models import Request
from gongkai.web.requests.workflow import CLOSED_STATES
from gongkai.web.throttle import buckets
from gongkai.web.timekeeping import today

RATE_LIMIT = 5  # submissions per IP per hour
RATE_WINDOW = 3600
RATE_MESSAGE = (
    "同一网络地址每小时最多提交5件申请，请一小时后再试；如有急需，请通过邮寄或当面方式提交。"
)
RATE_WARN = 2  # the form says how many remain when this few are left
# What an applicant behind a shared address does (a township service hall, a library):
# said before the limit is reached and again when it is.
SHARED_ADDRESS_ADVICE = (
    "乡镇（街道）便民服务中心、图书馆等场所多人共用一个网络地址的，"
    "可以改用本人手机网络提交，也可以通过邮寄或当面方式向受理机关提交书面申请，"
    "或者稍后再在网上提交。"
)
# Public history: what each act means to the applicant. Internal steps (开始办理, 起草、
# 审核答复, 分办, 延期请示) are not shown; their effect is.
PUBLIC_EVENTS = {
    "register": "提交申请",
    "confirm": "受理机关确认收到申请",
    "request_correction": "受理机关告知补正",
    "receive_correction": "收到补正材料",
    "send_consultation": "征求第三方意见（该期间不计入答复期限）",
    "record_answer": "第三方意见征求完毕",
    "send_fee_notice": "受理机关发出收费通知",
    "record_payment": "收到信息处理费",
    "approve_extension": "延长答复期限（第三十三条）",
    "send_reply": "作出答复，办理完毕",
    "withdraw": "申请人撤回申请",
    "end_no_correction": "逾期未补正，终止办理",
    "end_fee_unpaid": "逾期未缴费，终止办理",
    "reopen": "依复议决定或判决重新办理",
    "deliver": "文书送达",
}
# Letters the applicant receives (the consultation letter goes to the third party).
APPLICANT_LETTER_ACTIONS = {"request_correction", "send_fee_notice", "approve_extension"}
PUBLIC_STATES = {
    "submitted": "已提交，待受理机关确认收到",
    "registered": "已收到，正在办理",
    "in_progress": "正在办理",
    "correction_requested": "需要补正，请查看补正告知书",
    "corrected": "已收到补正材料，正在办理",
    "consultation": "正在征求第三方意见（该期间不计入答复期限）",
    "answered": "正在办理",
    "fee_notice": "待缴纳信息处理费，请查看收费通知书",
    "paid": "已缴费，正在办理",
    "extended": "已延长答复期限，正在办理",
    "reply_drafted": "正在办理",
    "reply_reviewed": "正在办理",
    "replied": "已答复",
    "withdrawn": "已撤回",
    "ended": "已终止办理",
}


def home(request):
    from gongkai.web.ledger.public_views import directory_rows

    return render(request, "portal/home.html", {"rows": directory_rows("agencies")})


def _rate_key(request) -> str:
    return f"apply:{client_ip(request) or 'unknown'}"


def remaining(request) -> int:
    """How many applications this address may still send in the current hour (a read:
    the count itself is `buckets.hit`, atomic, at submission)."""
    from gongkai.web.throttle.models import Bucket

    now = int(timezone.now().timestamp())
    row = Bucket.objects.filter(key=_rate_key(request)).values("started", "hits").first()
    if row is None or row["started"] <= now - RATE_WINDOW:
        return RATE_LIMIT
    return max(0, RATE_LIMIT - row["hits"])


def _limit_context(request, limited: bool) -> dict:
    until = buckets.blocked_until(_rate_key(request)) if limited else 0
    again = ""
    if until:
        from datetime import UTC, datetime

        again = timezone.localtime(datetime.fromtimestamp(until, tz=UTC)).strftime("%H:%M")
    return {
        "limited": limited,
        "again_at": again,
        "remaining": RATE_LIMIT if limited else remaining(request),
        "rate_warn": RATE_WARN,
        "advice": SHARED_ADDRESS_ADVICE,
    }


def chosen_agency(request) -> dict:
    """`/apply/?agency=<code>` (the agency's own pages link so): that agency preselected."""
    code = request.GET.get("agency", "")[:100].strip()
    pk = Agency.objects.filter(code=code).values_list("pk", flat=True).first() if code else None
    return {"agency": pk} if pk else {}


def apply(request):
    form = ApplyForm(request.POST or None, request.FILES or None, initial=chosen_agency(request))
    if request.method == "POST" and form.is_valid():
        # Counted before registering (one atomic statement): simultaneous posts cannot
        # all pass. The refused form keeps what was typed.
        if not buckets.hit(_rate_key(request), limit=RATE_LIMIT, window=RATE_WINDOW).allowed:
            context = {
                "form": form,
                "had_files": bool(request.FILES),  # a browser cannot refill a file field
                **_limit_context(request, True),
            }
            return render(request, "portal/apply.html", context, status=429)
        data = {k: v for k, v in form.cleaned_data.items() if k in ApplyForm.Meta.fields}
        req, code = services.register(
            form.cleaned_data["agency"],
            data,
            channel="online",
            submitted_at=timezone.now(),
            received_on=None,  # 第三十一条: the day the office confirms receipt
            today=today(),
            actor_label="申请人（网上提交）",
        )
        services.save_attachments(req, form.cleaned_data.get("attachments") or [], None)
        info = {"tracking_number": req.tracking_number, "code": code, "agency": req.agency.name}
        return _show_once(redirect("portal:applied"), info)
    limited = bool(buckets.blocked_until(_rate_key(request)))
    return render(request, "portal/apply.html", {"form": form, **_limit_context(request, limited)})


# The query code is shown once and stored nowhere in clear: not in the database (a hash),
# not in the session table. It travels to /apply/done/ in a signed cookie on the applicant's
# own browser, which that page deletes; a reload finds no cookie and goes back to /apply/.
APPLIED_COOKIE = "gongkai_applied"
APPLIED_SALT = "portal.applied"


def _show_once(response, info: dict):
    response.set_signed_cookie(
        APPLIED_COOKIE,
        json.dumps(info, ensure_ascii=True),
        salt=APPLIED_SALT,
        max_age=600,
        path="/apply/done/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def applied(request):
    try:
        raw = request.get_signed_cookie(APPLIED_COOKIE, salt=APPLIED_SALT, max_age=600)
        info = json.loads(raw)
    except (KeyError, ValueError, signing.BadSignature):
        return redirect("portal:apply")
    response = render(request, "portal/applied.html", {"info": info})
    response.delete_cookie(APPLIED_COOKIE, path="/apply/done/", samesite="Strict")
    response["Cache-Control"] = "no-store"  # the back button must not show the code again
    return response


def _tracked(request, pk) -> Request:
    if int(pk) not in request.session.get("tracked", []):
        raise Http404
    req = Request.objects.select_related("agency").filter(pk=pk).first()
    if req is None:
        raise Http404
    return req


def public_letters(req) -> list:
    out = []
    for letter in req.letters.select_related("event"):
        action = letter.event.action if letter.event else ""
        if action in APPLICANT_LETTER_ACTIONS:
            out.append(letter)
    if req.state == "replied":
        reply = req.letters.filter(event__action="draft_reply").order_by("-id").first()
        if reply:
            out.append(reply)
    return out


TRACK_LIMIT = 20  # failed look-ups per IP per hour: the query code cannot be guessed
TRACK_MESSAGE = "查询失败次数过多，请一小时后再试。"


def track(request):
    form = TrackForm(request.POST or None)
    fail_key = f"track:{client_ip(request) or 'unknown'}"
    if request.method == "POST" and form.is_valid():
        # Counted as a failure before the code is checked, given back when it is right:
        # simultaneous guesses cannot all slip under the limit.
        if not buckets.hit(fail_key, limit=TRACK_LIMIT, window=RATE_WINDOW).allowed:
            return render(
                request, "portal/track.html", {"form": form, "refused": TRACK_MESSAGE}, status=429
            )
        # 〔〕 typed as [ ] ( ) （）, with spaces: numbers are unique across agencies.
        number = services.normalise_tracking_number(form.cleaned_data["tracking_number"])
        req = Request.objects.filter(tracking_number=number).first()
        if req and services.check_query_code(req, form.cleaned_data["query_code"]):
            tracked = request.session.get("tracked", [])
            if req.pk not in tracked:
                request.session["tracked"] = [*tracked, req.pk][-20:]
            buckets.refund(fail_key, limit=TRACK_LIMIT)
            return redirect("portal:status", pk=req.pk)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
    return render(request, "portal/track.html", {"form": form})


def history(req) -> list[dict]:
    """The request's public events, oldest first, in plain Chinese."""
    rows = []
    for event in req.events.all():
        what = PUBLIC_EVENTS.get(event.action)
        if what is None:
            continue
        if event.action == "register" and event.data.get("clock") == "received":
            what = "受理机关收到申请"
        if event.action == "deliver":
            method = event.data.get("method_label", "")
            letter = event.data.get("letter_label", "")
            what = f"{letter}已送达" + (f"（{method}）" if method else "")
        rows.append({"on": event.on, "what": what})
    return rows


def due_text(req) -> str:
    """The reply deadline in words, whatever the state (暂定 when provisional)."""
    from gongkai.text.chinese import chinese_date

    if req.state in CLOSED_STATES:
        return f"已于{chinese_date(req.closed_on)}办结" if req.closed_on else "已办结"
    if not req.received_on:
        return "自受理机关确认收到申请之日起20个工作日内答复，确认后显示具体日期"
    if req.due_on is None:
        return "补正期间暂停计算，自受理机关收到补正后的申请之日起重新计算20个工作日"
    text = chinese_date(req.due_on)
    if req.due_provisional:
        text += "（暂定，以国务院公布的节假日安排为准）"
    if req.clock_paused:
        text += "；目前暂停计算（征求意见或缴费期间不计入），期限将相应顺延"
    return text


def status(request, pk, correction_form=None):
    req = _tracked(request, pk)
    if req.state == "correction_requested":
        correction_form = correction_form or CorrectionForm()
    else:
        correction_form = None
    letters = [
        {
            "letter": lt,
            "label": files.kind_label(lt.kind),
            "title": files.kind_title(lt.kind),
            "on": lt.event.on if lt.event else lt.created_at.date(),
        }
        for lt in public_letters(req)
    ]
    return render(
        request,
        "portal/status.html",
        {
            "req": req,
            "public_state": PUBLIC_STATES.get(req.state, ""),
            "due_text": due_text(req),
            "history": history(req),
            "letters": letters,
            "records": notify.released_records(req),
            "correction_form": correction_form,
            "closed": req.state in CLOSED_STATES,
        },
    )


@require_POST
def correct(request, pk):
    req = _tracked(request, pk)
    form = CorrectionForm(request.POST, request.FILES)
    if req.state != "correction_requested":
        return redirect("portal:status", pk=req.pk)
    if not form.is_valid():  # shown again with what was typed and why it was refused
        return status(request, pk, correction_form=form)
    text = form.cleaned_data["description"]
    step = services.Step(on=today(), note="申请人在线提交补正：" + text, correction=text)
    try:
        with transaction.atomic():
            event = services.perform(
                req, "receive_correction", None, step, today=today(), actor_label="申请人"
            )
            services.save_attachments(req, form.cleaned_data.get("attachments") or [], event)
    except services.TransitionError as exc:  # shown with the text typed, never dropped
        form.add_error(None, f"补正未能提交：{exc}")
        return status(request, pk, correction_form=form)
    return redirect("portal:status", pk=req.pk)


def record(request, pk, attachment_pk):
    """A file released with the reply; its first download is recorded as the delivery."""
    from gongkai.web.requests import notify

    req = _tracked(request, pk)
    for obj in notify.released_records(req):
        if obj.pk == int(attachment_pk):
            notify.delivered_through_portal(req, obj, today())
            ascii_name = f"request-{req.pk}-record-{obj.pk}.{obj.file_type}"
            return files.download(bytes(obj.content), obj.name, ascii_name, obj.file_type)
    raise Http404


def letter(request, pk, letter_pk):
    req = _tracked(request, pk)
    fmt = request.GET.get("as", "docx")
    if fmt not in files.CONTENT_TYPES:
        raise Http404
    for obj in public_letters(req):
        if obj.pk == int(letter_pk):
            try:
                return files.letter_response(obj, fmt)
            except PdfUnavailable as exc:
                messages.error(request, str(exc))
                return redirect("portal:status", pk=req.pk)
    raise Http404
