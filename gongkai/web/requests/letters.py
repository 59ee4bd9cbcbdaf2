"""Letters of a request: the agency's template (or the default), rendered by `gongkai.letters`.

The desk names letters by what it does ("reply", "correction", "consultation", "fee",
"extension"); `letter_kind` maps them onto `gongkai.letters.LETTER_KINDS` (a reply is
one kind per disposition).
"""

from __future__ import annotations

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
    from gongkai.letters import LETTER_KINDS

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


def requested_text(description: str) -> str:
    from gongkai.web.requests.services import requested_text as text

    return text(description)


def context(req, step, number: str, facts: dict | None = None):
    """The letter's facts, from the request, the step the user filled in, the facts the law
    checks found (`law.check`), the agency's settings and the clock."""
    from gongkai.letters import LetterContext
    from gongkai.web.requests import law

    facts = facts or {}
    state = clockwork.clock_state(req, step.on) if req.received_on else None
    cal = clockwork.calendar()
    correction = law.correction_deadline(req)
    fee_notice = law.last_event(req, "send_fee_notice")
    fee = law.fee_deadline(req)
    earlier = None
    if facts.get("earlier_id"):
        from gongkai.web.requests.models import Request

        earlier = Request.objects.filter(pk=facts["earlier_id"]).first()
    agency = req.agency
    return LetterContext(
        agency_name=agency.name,
        letter_number=number,
        applicant_name=req.organisation or req.applicant_name,
        received_on=req.received_on,
        letter_date=step.on,
        description=requested_text(req.description),
        reason=step.note,
        how_provided=f"以{req.get_delivery_form_display()}形式，通过{req.get_delivery_method_display()}方式提供",
        correction_items=step.note,
        correction_requested_on=correction[0] if correction else step.on,
        correction_until=correction[1] if correction else None,
        due=state.due if state else None,
        third_party_name=step.third_party,
        answer_by=cal.add_working_days(step.on, 15) if step.third_party else None,
        fee_yuan=step.fee_yuan or req.fee_yuan or None,
        fee_method=step.fee_method,
        fee_quantity=step.fee_quantity or 0,
        fee_notice_on=fee_notice.on if fee_notice else None,
        fee_pay_by=fee[1] if fee else (state.fee_due if state else None),
        previous_reply_on=earlier.closed_on if earlier else None,
        responsible_agency=facts.get("responsible_agency", ""),
        responsible_agency_contact=facts.get("responsible_agency_contact", ""),
        payment_method=agency.payment_instructions,
        contact=agency.contact,
        review_agency=agency.review_agency,
        court=agency.court,
        provisional=bool(state and state.provisional),
    )


def issue(req, kind: str, event, user, step) -> Letter:
    """Render, number and store a letter (raises on any failure: the transition rolls back)."""
    lk = letter_kind(kind, req.disposition)
    n = req.letters.count() + 1
    number = f"{req.tracking_number}-{n}"
    ctx = context(req, step, number, event.data if event is not None else None)
    content = render(lk, ctx, template_for(req.agency, lk))
    return Letter.objects.create(
        request=req, event=event, kind=lk, number=number, content=content, created_by=user
    )


def render(kind: str, ctx, template: bytes | None) -> bytes:
    from gongkai.letters import render_letter

    return render_letter(kind, ctx, template=template)
