"""The statutory clock of a disclosure request (条例 第三十至三十三条).

`run_clock(events, calendar, today=...)` is a pure function of a request's history: it
returns the current due date, the working days left, whether the clock is paused and why,
whether the result is provisional, and the explanation step by step in Chinese. Nothing
reads today's date; the web app stores `state.due` and calls `run_clock` again whenever
an event is added or a holiday schedule is loaded.

The rules:
- the day of receipt (收到申请之日, 第三十一条, see `receipt_date`) is not counted: the reply
  is due on the 20th working day after it (第三十三条第一款);
- a correction notice (补正) is due within 7 working days of receipt; the 20 working days
  run again from the day the corrected request arrives; an applicant who lets the correction
  period lapse has abandoned the request (第三十条);
- consultations of a third party or another agency (第三十二、三十四条): the working days
  after the day the letter went out, up to and including the day the answer came back (or
  the 15 working days ran out), are not counted (第三十三条第二款); several add up;
- one extension of at most 20 working days, approved by the head (第三十三条第一款);
- a fee notice (国办函〔2020〕109号): the applicant pays within 20 working days; the working
  days after the notice, up to and including the day of payment, are not counted; unpaid by
  then, the request ends;
- a correction notice sent after its 7 working days is a procedural flaw (程序瑕疵): it
  neither pauses nor restarts the clock, which keeps running from the receipt;
- a lateness is a fact: once the due date has passed with the request unanswered, no later
  event (an extension, a notice, a consultation) moves it (`ClockState.missed_due`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

from gongkai.clock.calendar import WorkCalendar, cn_date, cn_weekday

REPLY_DAYS = 20  # 第三十三条第一款
EXTENSION_DAYS = 20  # 第三十三条第一款
CORRECTION_NOTICE_DAYS = 7  # 第三十条
CONSULTATION_DAYS = 15  # 第三十二条、第三十四条
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号

EventKind = Literal[
    "received",
    "correction_requested",
    "correction_received",
    "consultation_sent",
    "consultation_answered",
    "extended",
    "fee_notice_sent",
    "fee_paid",
    "reopened",
]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
EVENT_LABELS: dict[str, str] = {
    "received": "收到申请",
    "correction_requested": "发出补正通知",
    "correction_received": "收到补正后的申请",
    "consultation_sent": "发出征求意见函",
    "consultation_answered": "收到征求意见答复",
    "extended": "延长答复期限",
    "fee_notice_sent": "发出收费通知",
    "fee_paid": "申请人缴纳信息处理费",
    "reopened": "复议决定或判决纠正，重新答复",
}

Channel = Literal["in_person", "post", "letter", "online", "fax", "email"]
CHANNELS: tuple[Channel, ...] = ("in_person", "post", "letter", "online", "fax", "email")
CHANNEL_LABELS: dict[str, str] = {
    "in_person": "当面提交",
    "post": "邮寄",
    "letter": "平常信函",
    "online": "互联网",
    "fax": "传真",
    "email": "电子邮件",
}
# What the receipt date is, per channel (第三十一条).
CHANNEL_RULES: dict[str, str] = {
    "in_person": "以提交之日为收到申请之日",
    "post": "以行政机关签收之日为收到申请之日",
    "letter": "以政府信息公开工作机构与申请人确认之日为收到申请之日",
    "online": "以双方确认之日为收到申请之日",
    "fax": "以双方确认之日为收到申请之日",
    "email": "以双方确认之日为收到申请之日",
}

# Dispositions (table 三 row keys) the clock itself can reach.
ENDED_NO_CORRECTION = "other.no_correction"
ENDED_FEE_UNPAID = "other.fee_unpaid"
ENDED_REASONS: dict[str, str] = {
    ENDED_NO_CORRECTION: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ENDED_FEE_UNPAID: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
}


def receipt_date(
    channel: str,
    *,
    handed_in: date | None = None,
    signed_for: date | None = None,
    confirmed: date | None = None,
) -> date:
    """The day a request counts as received (第三十一条).

    in_person → `handed_in` (the day it was handed in); post → `signed_for` (the day the
    agency signed for it); letter (平常信函, nothing to sign) → `confirmed` (the day the office
    confirmed with the applicant, which it must do on the day the letter arrives); online,
    fax, email → `confirmed` (the day both sides confirmed).
    """
    needed = {
        "in_person": ("handed_in", handed_in, "提交之日"),
        "post": ("signed_for", signed_for, "签收之日"),
        "letter": ("confirmed", confirmed, "与申请人确认之日"),
        "online": ("confirmed", confirmed, "双方确认之日"),
        "fax": ("confirmed", confirmed, "双方确认之日"),
        "email": ("confirmed", confirmed, "双方确认之日"),
    }
    if channel not in needed:
        raise ValueError(f"无法识别的申请渠道“{channel}”，可选：{'、'.join(CHANNELS)}")
    _name, value, label = needed[channel]
    if value is None:
        raise ValueError(f"{CHANNEL_LABELS[channel]}的申请须提供{label}（第三十一条）")
    return value


@dataclass(frozen=True)
class ClockEvent:
    """One event of a request's history.

    `until`: for correction_requested, the end of the correction period given in the
    notice; for fee_notice_sent, the payment deadline if the notice set a later one.
    `channel`: for received, one of CHANNELS (used in the explanation).
    """

    kind: EventKind
    on: date
    until: date | None = None
    channel: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"无法识别的事件类型“{self.kind}”")
        if self.channel is not None and self.channel not in CHANNELS:
            raise ValueError(f"无法识别的申请渠道“{self.channel}”，可选：{'、'.join(CHANNELS)}")
        if self.until is not None and self.until < self.on:
            raise ValueError(f"{EVENT_LABELS[self.kind]}的期限（{cn_date(self.until)}）早于其日期")


@dataclass
class ClockState:
    """What the clock says about a request on a given day."""

    due: date | None  # None while waiting for a correction, or when the request ended
    correction_notice_due: date
    working_days_left: int | None  # working days after today up to the due date; < 0 overdue;
    # None without `today` or without a due date
    paused: bool
    pause_reason: str | None
    provisional: bool
    steps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    received_on: date | None = None
    starts_from: date | None = None  # the day the 20 working days run from (not counted)
    paused_days: int = 0  # working days not counted (consultations, fee)
    extended: bool = False
    correction_due: date | None = None  # end of the correction period, if one was given
    fee_due: date | None = None  # the applicant's payment deadline, if a fee notice went out
    ended: str | None = None  # a disposition key when the clock ended the request
    ended_reason: str | None = None
    missed_due: date | None = None  # the due date that passed unanswered: fixed for good
    late_correction_notice: bool = False  # sent after 7 working days (第三十条): 程序瑕疵

    @property
    def overdue(self) -> bool:
        return self.working_days_left is not None and self.working_days_left < 0

    @property
    def late_days(self) -> int:
        """Working days of lateness as of `today` (0 when not overdue)."""
        left = self.working_days_left
        return -left if left is not None and left < 0 else 0

    def to_json(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "received_on": iso(self.received_on),
            "starts_from": iso(self.starts_from),
            "due": iso(self.due),
            "correction_notice_due": iso(self.correction_notice_due),
            "correction_due": iso(self.correction_due),
            "fee_due": iso(self.fee_due),
            "working_days_left": self.working_days_left,
            "overdue": self.overdue,
            "paused": self.paused,
            "pause_reason": self.pause_reason,
            "paused_days": self.paused_days,
            "extended": self.extended,
            "provisional": self.provisional,
            "ended": self.ended,
            "ended_reason": self.ended_reason,
            "missed_due": iso(self.missed_due),
            "late_correction_notice": self.late_correction_notice,
            "steps": list(self.steps),
            "warnings": list(self.warnings),
        }


# ---------------------------------------------------------------- the arithmetic
def due_date(
    cal: WorkCalendar,
    start: date,
    days: int,
    pauses: Iterable[tuple[date, date]] = (),
) -> tuple[date, int]:
    """The `days`-th counted working day after `start`, and how many paused days it skipped.

    A pause (a, b) takes out the working days after a up to and including b. Pauses that
    begin after the deadline do not move it. Pure rank arithmetic: no day-by-day walk.
    """
    return cal.deadline(start, days, pauses)


# ---------------------------------------------------------------- the history
_ORDER = {kind: i for i, kind in enumerate(EVENT_KINDS)}


@dataclass
class _Pause:
    kind: Literal["consultation", "fee"]
    start: date
    end: date | None = None  # inclusive; None while still running
    limit: date | None = None  # the day the answer or payment period runs out


def correction_notice_deadline(received: date, cal: WorkCalendar) -> date:
    """The last day for a correction notice: 7 working days after receipt (第三十条)."""
    return cal.add_working_days(received, CORRECTION_NOTICE_DAYS)


def _check_and_collect(events: Sequence[ClockEvent], cal: WorkCalendar) -> dict[str, Any]:
    """Validate the history; raise ValueError with a Chinese message on a bad one."""
    received = [e for e in events if e.kind == "received"]
    if not received:
        raise ValueError("缺少“收到申请”事件，无法计算答复期限")
    if len(received) > 1:
        raise ValueError("一件申请只能有一个“收到申请”事件")
    got = received[0]
    out: dict[str, Any] = {
        "received": got,
        "correction_requested": None,
        "correction_received": None,
        "consultations": [],
        "fees": [],
        "extended": None,
    }
    for e in sorted(events, key=lambda e: (e.on, _ORDER[e.kind])):
        if e.on < got.on:
            raise ValueError(
                f"{EVENT_LABELS[e.kind]}的日期（{cn_date(e.on)}）早于收到申请之日（{cn_date(got.on)}）"
            )
        if e.kind == "correction_requested":
            if out["correction_requested"] is not None:
                raise ValueError("补正应当一次性告知（第三十条），不能发出第二次补正通知")
            out["correction_requested"] = e
        elif e.kind == "correction_received":
            if out["correction_received"] is not None:
                raise ValueError("补正后的申请只能收到一次")
            asked = out["correction_requested"]
            if asked is not None and e.on < asked.on:
                raise ValueError("收到补正后的申请的日期早于发出补正通知的日期")
            out["correction_received"] = e
        elif e.kind == "consultation_sent":
            out["consultations"].append(_Pause("consultation", e.on))
        elif e.kind == "consultation_answered":
            open_ = [p for p in out["consultations"] if p.end is None]
            if not open_:
                raise ValueError(
                    f"{cn_date(e.on)}收到征求意见答复，但此前没有尚未答复的征求意见函"
                    "（答复不能早于征求意见函发出之日）"
                )
            open_[0].end = e.on
        elif e.kind == "extended":
            if out["extended"] is not None:
                raise ValueError("答复期限只能延长一次，最长不超过20个工作日（第三十三条）")
            out["extended"] = e
        elif e.kind == "fee_notice_sent":
            if any(p.end is None for p in out["fees"]):
                raise ValueError("上一份收费通知尚未缴费，不能再发出收费通知")
            out["fees"].append(_Pause("fee", e.on, limit=e.until))
        elif e.kind == "fee_paid":
            open_ = [p for p in out["fees"] if p.end is None]
            if not open_:
                raise ValueError(
                    f"{cn_date(e.on)}缴纳信息处理费，但此前没有发出收费通知（缴费不能早于收费通知）"
                )
            open_[0].end = e.on
    asked, corrected = out["correction_requested"], out["correction_received"]
    out["late_correction"] = None
    if asked is not None and asked.on > correction_notice_deadline(got.on, cal):
        # 第三十条: a notice after the 7 working days is a procedural flaw; the clock keeps
        # running from the receipt, so neither the notice nor the correction touches it.
        out["late_correction"] = asked
        out["correction_requested"] = out["correction_received"] = None
        asked = corrected = None
    for p in (*out["consultations"], *out["fees"], out["extended"]):
        if p is None or corrected is not None or asked is None:
            continue
        start = p.start if isinstance(p, _Pause) else p.on
        if start > asked.on:
            raise ValueError("等待申请人补正期间答复期限尚未起算，不能征求意见、收费或延期")
    return out


def run_clock(
    events: Sequence[ClockEvent],
    cal: WorkCalendar,
    today: date | None = None,
) -> ClockState:
    """The clock of one request as of `today` (default: the date of the last event).

    A due date that passed before a later event stays the due date (`missed_due`): a late
    extension, notice or consultation cannot take a lateness back.
    """
    reopened = [e for e in events if e.kind == "reopened"]
    if reopened:
        return _reopened(events, max(reopened, key=lambda e: e.on), cal, today)
    state = _run(events, cal, today)
    late = _missed_due(events, cal)
    if late is not None:
        missed, act = late
        state.missed_due = missed
        if state.due != missed:
            state.steps.append(
                f"{cn_date(act.on)}{EVENT_LABELS[act.kind]}时已超过答复期限（{cn_date(missed)}），"
                "逾期已成事实，此后的办理环节不改变答复期限"
            )
        state.due, state.paused, state.pause_reason = missed, False, None
        if today is not None:
            state.working_days_left = cal.working_days_left(today, missed)
    elif state.due is not None and (today or max(e.on for e in events)) > state.due:
        state.missed_due = state.due
        # A consultation or fee notice begun after the deadline does not pause it.
        state.paused, state.pause_reason = False, None
    return state


def _reopened(
    events: Sequence[ClockEvent], last: ClockEvent, cal: WorkCalendar, today: date | None
) -> ClockState:
    """A decision (结果纠正) ordered a new reply within the period it set (`last.until`):
    the new due date is that one; acts after it cannot move it."""
    if last.until is None:
        raise ValueError("重新答复须写明复议决定或判决规定的期限")
    got = next((e for e in events if e.kind == "received"), None)
    if got is None:
        raise ValueError("缺少“收到申请”事件，无法计算答复期限")
    state = ClockState(
        due=last.until,
        correction_notice_due=correction_notice_deadline(got.on, cal),
        working_days_left=None,
        paused=False,
        pause_reason=None,
        provisional=False,
        received_on=got.on,
        starts_from=last.on,
    )
    state.steps.append(
        f"{cn_date(last.on)}{EVENT_LABELS['reopened']}，重新答复期限至{cn_date(last.until)}"
    )
    as_of = today or max(e.on for e in events)
    if today is not None:
        state.working_days_left = cal.working_days_left(today, last.until)
    later = [e for e in events if e.on > last.until]
    if later or (today is not None and today > last.until):
        state.missed_due = last.until
    _mark_provisional(state, cal, last.on, max(last.until, as_of))
    return state


# Whether an act came after the due date is judged on the history before it, for the
# kinds that could move a passed due date later: an extension, a correction notice and the
# correction (a restart). A consultation or fee notice that starts once the deadline is
# reached never moves it (`WorkCalendar.deadline`), nor does an answer or a payment.
_MOVERS = frozenset({"extended", "correction_requested", "correction_received"})


def _missed_due(events: Sequence[ClockEvent], cal: WorkCalendar) -> tuple[date, ClockEvent] | None:
    """The first due date that passed before a later event, and that event."""
    ordered = sorted(events, key=lambda e: (e.on, _ORDER[e.kind]))
    for i, act in enumerate(ordered):
        if act.kind not in _MOVERS or i == 0:
            continue
        before = ordered[:i]
        try:
            st = _run(before, cal, act.on)
        except ValueError:
            continue  # an incomplete prefix (e.g. an answer before its letter): judged later
        if st.due is not None and st.due < act.on:
            return st.due, act
    return None


def _run(events: Sequence[ClockEvent], cal: WorkCalendar, today: date | None) -> ClockState:
    h = _check_and_collect(events, cal)
    got: ClockEvent = h["received"]
    as_of = today or max(e.on for e in events)
    steps: list[str] = []
    warnings: list[str] = []

    channel = got.channel
    how = f"（{CHANNEL_LABELS[channel]}）" if channel else ""
    steps.append(f"{cn_date(got.on)}收到申请{how}，答复期限自次日起算{REPLY_DAYS}个工作日")
    if channel:
        steps.append(f"第三十一条：{CHANNEL_LABELS[channel]}的申请{CHANNEL_RULES[channel]}")
    notice_due = correction_notice_deadline(got.on, cal)

    state = ClockState(
        due=None,
        correction_notice_due=notice_due,
        working_days_left=None,
        paused=False,
        pause_reason=None,
        provisional=False,
        steps=steps,
        warnings=warnings,
        received_on=got.on,
    )

    start = _correction(state, h, cal, as_of)
    if start is None:  # waiting for the correction, or it lapsed
        return state
    state.starts_from = start
    pauses, running = _pauses(state, h, cal, as_of)
    if state.ended:
        return state

    days = REPLY_DAYS
    ext: ClockEvent | None = h["extended"]
    if ext is not None:
        before, _ = due_date(cal, start, days, pauses)
        days += EXTENSION_DAYS
        state.extended = True
        if ext.on > before:
            warnings.append(
                f"延长答复期限的决定（{cn_date(ext.on)}）晚于原答复期限（{cn_date(before)}）"
            )
    due, skipped = due_date(cal, start, days, pauses)
    if len(pauses) > 1:
        steps.append(f"以上合计不计入期限{skipped}个工作日")
    if ext is not None:
        steps.append(
            f"{cn_date(ext.on)}经政府信息公开工作机构负责人同意，"
            f"延长答复期限{EXTENSION_DAYS}个工作日 → {cn_date(due)}（第三十三条）"
        )
    for p in h["consultations"]:
        if p.start >= due:
            warnings.append(f"征求意见函于{cn_date(p.start)}发出，此时答复期限已届满，不影响期限")
    state.due = due
    state.paused_days = skipped
    if today is not None:
        state.working_days_left = cal.working_days_left(today, due)
    if running:
        state.paused = True
        state.pause_reason = "；".join(running)
        steps.append(f"期限暂停计算：{state.pause_reason}；以下按截至{cn_date(as_of)}计算")
    _mark_provisional(state, cal, got.on, max(due, as_of))
    tentative = "，暂定" if state.provisional else ""
    steps.append(f"答复期限：{cn_date(due)}（{cn_weekday(due)}{tentative}）")
    if today is not None:
        left = cal.working_days_between(today, due)
        if today > due:
            steps.append(f"截至{cn_date(today)}，已超过答复期限（{cn_date(due)}）")
        elif left > 0:
            steps.append(f"截至{cn_date(today)}，剩余{left}个工作日")
        else:
            steps.append(f"{cn_date(today)}为答复期限的最后一日")
    return state


def _correction(
    state: ClockState, h: dict[str, Any], cal: WorkCalendar, as_of: date
) -> date | None:
    """The correction (第三十条): the day the 20 working days run from, or None while the
    request waits for the correction (paused) or after the correction period lapsed (ended)."""
    got: ClockEvent = h["received"]
    asked: ClockEvent | None = h["correction_requested"]
    corrected: ClockEvent | None = h["correction_received"]
    steps, warnings, notice_due = state.steps, state.warnings, state.correction_notice_due
    late: ClockEvent | None = h["late_correction"]
    if late is not None:
        state.late_correction_notice = True
        warnings.append(
            f"补正通知于{cn_date(late.on)}发出，晚于收到申请之日起"
            f"{CORRECTION_NOTICE_DAYS}个工作日的期限（{cn_date(notice_due)}，第三十条），"
            "属程序瑕疵；答复期限仍自收到申请之日起计算，不中止、不重新起算"
        )
        steps.append(f"{cn_date(late.on)}告知补正（逾期告知），答复期限仍自{cn_date(got.on)}起算")
    if asked is not None:
        state.correction_due = asked.until
        period = f"，补正期限至{cn_date(asked.until)}" if asked.until else ""
        steps.append(f"{cn_date(asked.on)}一次性告知申请人补正{period}")
    else:
        steps.append(
            f"如需补正，最迟应于{cn_date(notice_due)}一次性告知申请人"
            f"（收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日内，第三十条）"
        )
    if corrected is not None:
        steps.append(
            f"{cn_date(corrected.on)}收到补正后的申请，重新起算{REPLY_DAYS}个工作日（第三十条）"
        )
        if asked is not None and asked.until is not None and corrected.on > asked.until:
            warnings.append(
                f"申请人于补正期限（{cn_date(asked.until)}）届满后才补正，"
                "如无正当理由，可视为放弃申请"
            )
        return corrected.on
    if asked is None:
        return got.on
    if asked.until is not None and as_of > asked.until:
        steps.append(f"补正期限{cn_date(asked.until)}届满，申请人未补正（第三十条）")
        _ended(state, ENDED_NO_CORRECTION, cal, got.on, as_of)
        return None
    state.paused = True
    state.pause_reason = "等待申请人补正（答复期限自收到补正后的申请之日起计算）"
    steps.append("申请人尚未补正，答复期限自收到补正后的申请之日起计算")
    _mark_provisional(state, cal, got.on, max(as_of, notice_due))
    return None


def _pauses(
    state: ClockState, h: dict[str, Any], cal: WorkCalendar, as_of: date
) -> tuple[list[tuple[date, date]], list[str]]:
    """The periods not counted — consultations (第三十二、三十四条) and fees (国办函〔2020〕
    109号) — and the ones still running. An unpaid fee past its deadline ends the request."""
    got: ClockEvent = h["received"]
    steps, warnings = state.steps, state.warnings
    pauses: list[tuple[date, date]] = []
    running: list[str] = []
    for p in h["consultations"]:
        limit = cal.add_working_days(p.start, CONSULTATION_DAYS)
        if p.end is not None and p.end <= limit:
            end, note = p.end, f"{cn_date(p.end)}答复"
        elif p.end is not None or as_of > limit:
            end, note = limit, f"{CONSULTATION_DAYS}个工作日内未答复，至{cn_date(limit)}届满"
        else:
            end, note = max(as_of, p.start), f"尚未答复（最迟至{cn_date(limit)}）"
            running.append(f"征求意见（{cn_date(p.start)}发出，尚未答复）")
        counted = cal.working_days_between(p.start, end)
        pauses.append((p.start, end))
        steps.append(
            f"征求第三方意见：{cn_date(p.start)}发出，{note}，不计入期限{counted}个工作日"
            "（第三十二条、第三十三条第二款）"
        )
    for p in h["fees"]:
        limit = p.limit or cal.add_working_days(p.start, FEE_PAYMENT_DAYS)
        state.fee_due = limit
        if p.end is not None:
            end, note = p.end, f"{cn_date(p.end)}缴费"
            if p.end > limit:
                warnings.append(f"申请人于缴费期限（{cn_date(limit)}）届满后才缴费")
        elif as_of > limit:
            steps.append(
                f"收费通知：{cn_date(p.start)}发出，缴费期限{cn_date(limit)}届满，申请人未缴费"
            )
            _ended(state, ENDED_FEE_UNPAID, cal, got.on, as_of)
            return pauses, running
        else:
            end, note = max(as_of, p.start), f"尚未缴费（缴费期限至{cn_date(limit)}）"
            running.append(f"等待缴纳信息处理费（缴费期限至{cn_date(limit)}）")
        counted = cal.working_days_between(p.start, end)
        pauses.append((p.start, end))
        steps.append(
            f"收费通知：{cn_date(p.start)}发出，{note}，不计入期限{counted}个工作日"
            "（国办函〔2020〕109号）"
        )
    return pauses, running


def _ended(state: ClockState, key: str, cal: WorkCalendar, first: date, last: date) -> ClockState:
    state.ended = key
    state.ended_reason = ENDED_REASONS[key]
    state.steps.append(f"办理结果：{ENDED_REASONS[key]}")
    _mark_provisional(state, cal, first, last)
    return state


def _mark_provisional(state: ClockState, cal: WorkCalendar, first: date, last: date) -> None:
    for year in range(first.year, last.year + 1):
        if cal.is_provisional(date(year, 1, 1)):
            state.provisional = True
            state.warnings.append(
                f"{year}年的国务院节假日安排尚未载入，该年按双休日计算，期限为暂定；"
                f"载入{year}年节假日安排后请重新计算"
            )
