"""The status machine of a disclosure request: ONE table of allowed transitions.

Each transition names the states it leaves from, the state it goes to, the rule (in
`gongkai.web.accounts.rules`) that says who may take it, the clock event it records,
the letter it produces, and what it needs from the form. `perform` in `services.py`
is the only code that changes a request's state.
"""

from __future__ import annotations

from gongkai.workflow import Transition

STATES: dict[str, str] = {
    "submitted": "待确认（网上申请）",
    "registered": "已登记",
    "in_progress": "办理中",
    "correction_requested": "待补正",
    "corrected": "已补正",
    "consultation": "征求意见中",
    "answered": "已收到意见",
    "fee_notice": "待缴费",
    "paid": "已缴费",
    "extended": "已延期",
    "reply_drafted": "答复待审核",
    "reply_reviewed": "答复已审核",
    "replied": "已答复（办结）",
    "withdrawn": "已撤回",
    "ended": "终止办理",
}

CLOSED_STATES = frozenset({"replied", "withdrawn", "ended"})
OPEN_STATES = frozenset(STATES) - CLOSED_STATES
# States in which the office works on the request and may take the next step.
WORKING = ("in_progress", "corrected", "answered", "paid", "extended")


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "confirm",
        "确认收到（网上申请）",
        ("submitted",),
        "registered",
        "may_handle",
        clock_event="received",
    ),
    Transition("start", "开始办理", ("registered",), "in_progress", "may_handle"),
    Transition(
        "request_correction",
        "告知补正",
        ("registered", *WORKING),
        "correction_requested",
        "may_handle",
        clock_event="correction_requested",
        letter="correction",
        needs=("note", "until"),
    ),
    Transition(
        "receive_correction",
        "登记补正材料",
        ("correction_requested",),
        "corrected",
        "may_handle",
        clock_event="correction_received",
    ),
    Transition(
        "end_no_correction",
        "逾期未补正，不再处理",
        ("correction_requested",),
        "ended",
        "may_handle",
        disposition="other.no_correction",
        closes=True,
    ),
    Transition(
        "send_consultation",
        "征求第三方意见",
        WORKING,
        "consultation",
        "may_handle",
        clock_event="consultation_sent",
        letter="consultation",
        needs=("third_party", "note"),
    ),
    Transition(
        "record_answer",
        "登记第三方意见",
        ("consultation",),
        "answered",
        "may_handle",
        clock_event="consultation_answered",
    ),
    Transition(
        "send_fee_notice",
        "发出收费通知",
        WORKING,
        "fee_notice",
        "may_handle",
        clock_event="fee_notice_sent",
        letter="fee",
        needs=("fee_yuan",),
    ),
    Transition(
        "record_payment",
        "登记已缴费",
        ("fee_notice",),
        "paid",
        "may_handle",
        clock_event="fee_paid",
    ),
    Transition(
        "end_fee_unpaid",
        "逾期未缴费，不再处理",
        ("fee_notice",),
        "ended",
        "may_handle",
        disposition="other.fee_unpaid",
        closes=True,
    ),
    Transition(
        "approve_extension",
        "批准延期答复（第三十三条）",
        WORKING,
        "extended",
        "may_approve_extension",
        clock_event="extended",
        letter="extension",
        needs=("note",),
    ),
    Transition(
        "draft_reply",
        "起草答复",
        WORKING,
        "reply_drafted",
        "may_handle",
        letter="reply",
        needs=("disposition", "note"),
    ),
    Transition(
        "return_draft",
        "退回修改",
        ("reply_drafted",),
        "in_progress",
        "may_review",
        needs=("note",),
    ),
    Transition(
        "review_reply",
        "审核通过",
        ("reply_drafted",),
        "reply_reviewed",
        "may_review",
    ),
    Transition(
        "send_reply",
        "发出答复（办结）",
        ("reply_reviewed",),
        "replied",
        "may_send_reply",
        closes=True,
    ),
    Transition(
        "withdraw",
        "申请人撤回申请",
        tuple(sorted(OPEN_STATES)),
        "withdrawn",
        "may_handle",
        disposition="other.other",
        closes=True,
        needs=("note",),
    ),
)

BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}

# The acts most likely next in each state, most likely first: the request page shows the
# first one open and folds the rest. Acts not listed follow in table order; withdrawing
# comes last everywhere. (Desk acts that change no state: ask_extension, assign, deliver.)
LIKELY: dict[str, tuple[str, ...]] = {
    "submitted": ("confirm",),
    "registered": ("start", "request_correction"),
    "in_progress": ("draft_reply", "request_correction", "send_consultation", "ask_extension"),
    "correction_requested": ("receive_correction", "end_no_correction"),
    "corrected": ("draft_reply", "ask_extension"),
    "consultation": ("record_answer",),
    "answered": ("draft_reply", "ask_extension"),
    "fee_notice": ("record_payment", "end_fee_unpaid"),
    "paid": ("draft_reply", "ask_extension"),
    "extended": ("draft_reply",),
    "reply_drafted": ("review_reply", "return_draft"),
    "reply_reviewed": ("send_reply",),
}


def likely_order(state: str, actions: list[str]) -> list[str]:
    """`actions` sorted as the desk offers them in `state`: most likely first."""
    first = LIKELY.get(state, ())

    def key(action: str) -> tuple[int, int]:
        if action in first:
            return (0, first.index(action))
        if action == "withdraw":
            return (3, 0)
        if action in ("assign", "deliver"):
            return (2, 0)
        return (1, actions.index(action))

    return sorted(actions, key=key)


def transitions_from(state: str) -> list[Transition]:
    """The transitions allowed in `state`, in table order."""
    return [t for t in TRANSITIONS if state in t.sources]


def state_label(state: str) -> str:
    return STATES.get(state, state)
