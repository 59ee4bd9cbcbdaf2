"""The 条例's rules on acts and their preconditions, checked ONCE for every path.

`services.perform` (used by the desk's views, the portal, the demo loader, the CLI and any
import) calls `check(...)` before it changes anything; a refusal is a `TransitionError`
with a Chinese message naming the rule. See docs/rules.md for the table of rules.

- 第三十三条: an extension is decided within the period; once the due date has passed it
  is refused (a lateness cannot be taken back).
- 第三十条: a correction notice within 7 working days of receipt; later only when the
  head records it with a reason, and then it neither pauses nor restarts the clock (the
  core ignores it) and is kept as a procedural flaw (程序瑕疵, `data["late"]`).
- Dispositions that state a fact need that fact: 逾期不补正 a correction notice whose
  deadline passed; 逾期未缴费 a fee notice whose deadline passed unpaid; 重复申请 the earlier
  request; 不掌握 the responsible agency (or the statement that none can be named);
  补正后仍不明确 a correction received.
"""

from __future__ import annotations

from datetime import date

from gongkai.clock import cn_date
from gongkai.clock.deadlines import correction_notice_deadline
from gongkai.web.accounts import rules
from gongkai.web.requests import clockwork


class TransitionError(Exception):
    """A transition that may not be taken; the message is Chinese, shown to the user."""


def may_take(user, req, tr, step) -> bool:
    """The role rule, or the head recording a late correction notice (第三十条)."""
    if rules.may_take(user, req, tr):
        return True
    return (
        tr.action == "request_correction"
        and req.state in tr.sources
        and rules.is_member(user, req.agency_id)
        and user.is_head
        and correction_is_late(req, step.on)
    )


def correction_is_late(req, on: date) -> bool:
    return bool(req.received_on) and on > notice_deadline(req)


def notice_deadline(req) -> date:
    return correction_notice_deadline(req.received_on, clockwork.calendar())


def check(req, tr, step, user) -> dict:
    """Refuse an act the 条例 does not allow; return what the event must record."""
    data: dict = {}
    if tr.action == "approve_extension":
        _extension(req, step)
    elif tr.action == "request_correction":
        data.update(_correction_notice(req, step, user))
    elif tr.action == "end_no_correction":
        _correction_lapsed(req, step)
    elif tr.action == "end_fee_unpaid":
        _fee_lapsed(req, step)
    elif tr.action == "draft_reply":
        data.update(disposition_facts(req, step))
    return data


# ------------------------------------------------------------------ the acts
def check_extension(req, step) -> None:
    """第三十三条: an extension (asked or approved) only within the period."""
    _extension(req, step)


def _extension(req, step) -> None:
    state = clockwork.clock_state(req, step.on)
    if state is None or state.due is None:
        raise TransitionError("答复期限尚未起算（等待补正），不能延期。")
    if state.missed_due is not None or step.on > state.due:
        raise TransitionError(
            f"答复期限已于{cn_date(state.due)}届满，延长答复期限须在期限内决定"
            f"（第三十三条第一款）；该申请已逾期{state.late_days}个工作日，不能再延期。"
        )


def _correction_notice(req, step, user) -> dict:
    if not correction_is_late(req, step.on):
        return {}
    limit = cn_date(notice_deadline(req))
    reason = step.late_reason.strip()
    if user is None or not user.is_head or not reason:
        raise TransitionError(
            f"告知补正应在收到申请之日起7个工作日内（{limit}前）作出（第三十条），已超过期限。"
            "确需补正的，须由负责人填写逾期告知的理由后登记；逾期告知不中止、不重新起算答复期限，"
            "并记为程序瑕疵。"
        )
    return {
        "late": True,
        "late_reason": reason,
        "notice_deadline": notice_deadline(req).isoformat(),
    }


def last_event(req, action: str):
    return req.events.filter(action=action).order_by("-on", "-id").first()


def correction_deadline(req) -> tuple[date, date] | None:
    """(the day the correction notice went out, the end of its correction period)."""
    notice = last_event(req, "request_correction")
    if notice is None or not (notice.data or {}).get("until"):
        return None
    return notice.on, date.fromisoformat(notice.data["until"])


def fee_deadline(req) -> tuple[date, date] | None:
    """(the day the fee notice went out, the payment deadline), while it is unpaid."""
    notice = last_event(req, "send_fee_notice")
    if notice is None:
        return None
    paid = req.events.filter(action="record_payment", on__gte=notice.on).exists()
    if paid:
        return None
    until = (notice.data or {}).get("until")
    if until:
        return notice.on, date.fromisoformat(until)
    from gongkai.clock.deadlines import FEE_PAYMENT_DAYS

    return notice.on, clockwork.calendar().add_working_days(notice.on, FEE_PAYMENT_DAYS)


def _correction_lapsed(req, step) -> None:
    found = correction_deadline(req)
    if found is None:
        raise TransitionError("该申请没有发出过补正通知，不能以逾期不补正终止办理（第三十条）。")
    if step.on <= found[1]:
        raise TransitionError(
            f"补正期限至{cn_date(found[1])}，期限届满后方可以逾期不补正终止办理（第三十条）。"
        )
    if req.events.filter(action="receive_correction", on__gte=found[0]).exists():
        raise TransitionError("申请人已提交补正，不能以逾期不补正终止办理。")


def _fee_lapsed(req, step) -> None:
    found = fee_deadline(req)
    if found is None:
        raise TransitionError("该申请没有尚未缴纳的收费通知，不能以逾期未缴费终止办理。")
    if step.on <= found[1]:
        raise TransitionError(f"缴费期限至{cn_date(found[1])}，期限届满后方可终止办理。")


# ------------------------------------------------------------------ dispositions
def disposition_facts(req, step) -> dict:
    """The facts the chosen disposition's letter states, or a refusal naming the missing one."""
    key = step.disposition
    if key == "other.no_correction":
        _correction_lapsed(req, step)
    elif key == "other.fee_unpaid":
        _fee_lapsed(req, step)
    elif key == "unable.still_unclear":
        if not req.events.filter(action="receive_correction").exists():
            raise TransitionError(
                "“补正后申请内容仍不明确”须先告知补正并收到补正后的申请（第三十条）。"
            )
    elif key == "not_handled.repeated":
        earlier = earlier_request(req, step.earlier_request, step.on)
        return {"earlier_request": earlier.tracking_number, "earlier_id": earlier.pk}
    elif key == "unable.not_held":
        name = step.responsible_agency.strip()
        if not name and not step.responsible_unknown:
            raise TransitionError(
                "“本机关不掌握相关政府信息”须告知负责公开该信息的行政机关（第三十六条第（五）项）；"
                "确实无法确定的，请勾选“无法确定负责公开的机关”。"
            )
        if name:
            return {
                "responsible_agency": name,
                "responsible_agency_contact": step.responsible_agency_contact.strip(),
            }
    return {}


def earlier_request(req, typed: str, step_on: date):
    """The earlier request a 重复申请 reply names: same agency, answered before."""
    from gongkai.web.requests.models import Request
    from gongkai.web.requests.services import normalise_tracking_number

    number = normalise_tracking_number(typed or "")
    if not number:
        raise TransitionError("“重复申请”须填写此前已答复的申请编号（第三十六条第（六）项）。")
    earlier = (
        Request.objects.filter(agency_id=req.agency_id, tracking_number=number)
        .exclude(pk=req.pk)
        .first()
    )
    if earlier is None:
        raise TransitionError(f"本机关没有编号为{number}的申请，请核对此前已答复的申请编号。")
    if earlier.state != "replied" or earlier.closed_on is None or earlier.closed_on > step_on:
        raise TransitionError(f"申请{number}尚未答复，不能以重复申请不予处理。")
    return earlier
