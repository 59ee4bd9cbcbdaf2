"""The acknowledgement of a request registered at the desk (受理回执), HTML and PDF.

The query code is shown once and stored nowhere in clear: registering puts it in a signed,
HttpOnly cookie limited to this request's receipt page (`show_once`); the first view of
the receipt reads it, checks it against the stored hash and deletes it. The PDF is asked
for with the code from that page (checked again against the hash); later prints carry no code.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core import signing

from gongkai.text.chinese import chinese_date

COOKIE = "gongkai_receipt"
SALT = "desk.receipt"
MAX_AGE = 1800
LAW = "《中华人民共和国政府信息公开条例》"


def path_for(req) -> str:
    from django.urls import reverse

    return reverse("requests:receipt", kwargs={"pk": req.pk})


def show_once(response, req, code: str):
    response.set_signed_cookie(
        COOKIE,
        json.dumps({"pk": req.pk, "code": code}),
        salt=SALT,
        max_age=MAX_AGE,
        path=path_for(req),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def take_code(request, req) -> str:
    """The code from the one-shot cookie, if it is this request's and matches its hash."""
    from gongkai.web.requests.services import check_query_code

    try:
        info = json.loads(request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE))
    except (KeyError, ValueError, signing.BadSignature):
        return ""
    code = str(info.get("code", ""))
    if info.get("pk") != req.pk or not check_query_code(req, code):
        return ""
    return code


def forget(response, req):
    response.delete_cookie(COOKIE, path=path_for(req), samesite="Strict")
    response["Cache-Control"] = "no-store"  # the back button must not show the code again
    return response


def content(req, code: str, track_url: str) -> dict:
    """What the receipt says (the HTML page and the PDF say the same)."""
    due = chinese_date(req.due_on) if req.due_on else "—"
    if req.due_on and req.due_provisional:
        due += "（暂定，以国务院公布的节假日安排为准）"
    rows = [
        ("申请编号", req.tracking_number),
        ("查询码", code or "已于登记时告知申请人（只显示一次）"),
        ("申请人", req.organisation or req.applicant_name),
        ("申请方式", req.get_channel_display()),
        ("收到申请之日", chinese_date(req.received_on) if req.received_on else "—"),
        ("所需信息", req.description),
        ("答复期限", due),
    ]
    paragraphs = [
        f"本机关已于{rows[4][1]}收到您的政府信息公开申请。根据{LAW}第三十三条的规定，"
        "本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，将书面告知您。",
        f"您可以凭申请编号和查询码在{track_url}查询办理进度、下载文书。查询码请妥善保管，"
        "不要告知他人。",
    ]
    if req.agency.contact:
        paragraphs.append(f"联系人及电话：{req.agency.contact}")
    return {
        "title": f"{req.agency.name}政府信息公开申请受理回执",
        "rows": rows,
        "paragraphs": paragraphs,
        "footer": [req.agency.name, chinese_date(req.received_on or req.submitted_at.date())],
    }


def pdf(req, code: str, track_url: str) -> bytes:
    from gongkai.letters.pdf import form_pdf

    c = content(req, code, track_url)
    return form_pdf(c["title"], c["rows"], c["paragraphs"], c["footer"])
