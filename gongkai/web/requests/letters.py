"""Letters of a request: the agency's template (or the default), rendered by `gongkai.letters`.

The desk names letters by what it does ("reply", "correction", "consultation", "fee",
"extension"); `letter_kind` maps them onto `gongkai.letters.LETTER_KINDS` (a reply is
one kind per disposition).
"""

from __future__ import annotations

from gongkai.clock.calendar import cn_date
from gongkai.web.requests import clockwork
from gongkai.web.requests.models import DISPOSITIONS, Letter, LetterTemplate

DESK_LETTERS = {
    "reply": "政府信息公开申请答复书",
    "correction": "补正申请告知书",
    "consultation": "征求意见函",
    "fee": "收费通知书",
    "extension": "延长答复期限告知书",
}
_DISPOSITION_LABELS = dict(DISPOSITIONS)


def letter_kinds() -> tuple[str, ...]:
    try:
        from gongkai.letters import LETTER_KINDS
    except ImportError:  # the letters module is not installed: plain letters (see _plain)
        return (*DESK_LETTERS, *(key for key, _ in DISPOSITIONS))
    return tuple(LETTER_KINDS)


def letter_kind(kind: str, disposition: str = "") -> str:
    """The `gongkai.letters` kind for a desk letter (`reply` → the disposition's kind)."""
    known = letter_kinds()
    if kind == "reply":
        candidates = [disposition, disposition.split(".")[0]]
    else:
        candidates = [kind, f"{kind}_notice", f"{kind}_letter"]
    for candidate in candidates:
        if candidate in known:
            return candidate
    raise ValueError(f"没有“{DESK_LETTERS.get(kind, kind)}”的文书类型：{candidates[0]}")


def template_for(agency, kind: str) -> bytes | None:
    row = LetterTemplate.objects.filter(agency=agency, kind=kind).order_by("-id").first()
    return bytes(row.content) if row else None


def _cn(d) -> str:
    return cn_date(d) if d else ""


def context(req, step, number: str) -> dict:
    today = step.on
    state = clockwork.clock_state(req, today) if req.received_on else None
    return {
        "agency": req.agency.name,
        "agency_name": req.agency.name,
        "applicant": req.applicant_name,
        "applicant_name": req.applicant_name,
        "tracking_number": req.tracking_number,
        "letter_number": number,
        "number": number,
        "received_on": cn_date(req.received_on) if req.received_on else "",
        "description": req.description,
        "date": cn_date(today),
        "today": cn_date(today),
        "due": _cn(state.due if state else None),
        "due_on": _cn(state.due if state else None),
        "correction_due": _cn(state.correction_due if state else None),
        "fee_due": _cn(state.fee_due if state else None),
        "fee_yuan": str(step.fee_yuan or req.fee_yuan or 0),
        "disposition": req.disposition,
        "disposition_label": _DISPOSITION_LABELS.get(req.disposition, ""),
        "note": step.note,
        "reason": step.note,
        "address": req.address,
    }


def issue(req, kind: str, event, user, step) -> Letter:
    """Render, number and store a letter (raises on any failure: the transition rolls back)."""
    lk = letter_kind(kind, req.disposition)
    n = req.letters.count() + 1
    number = f"{req.tracking_number}-{n}"
    content = render(lk, context(req, step, number), template_for(req.agency, lk))
    return Letter.objects.create(
        request=req, event=event, kind=lk, number=number, content=content, created_by=user
    )


def render(kind: str, ctx: dict, template: bytes | None) -> bytes:
    try:
        from gongkai.letters import render_letter
    except ImportError:
        return _plain(kind, ctx)
    return render_letter(kind, ctx, template=template)


def _plain(kind: str, ctx: dict) -> bytes:
    """A plain letter, only while `gongkai.letters` is missing from the installation."""
    import io

    from docx import Document

    title = DESK_LETTERS.get(kind) or DESK_LETTERS["reply"]
    doc = Document()
    doc.add_heading(ctx["agency"], level=1)
    doc.add_heading(title, level=2)
    doc.add_paragraph(ctx["letter_number"])
    doc.add_paragraph(f"{ctx['applicant']}：")
    doc.add_paragraph(
        f"本机关于{ctx['received_on']}收到您的政府信息公开申请（{ctx['tracking_number']}），"
        f"申请获取：{ctx['description']}。"
    )
    if ctx["disposition_label"] and kind not in DESK_LETTERS:
        doc.add_paragraph(f"办理结果：{ctx['disposition_label']}。")
    if ctx["note"]:
        doc.add_paragraph(ctx["note"])
    doc.add_paragraph(ctx["agency"])
    doc.add_paragraph(ctx["date"])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
