"""先审后发: the status machine of a ledger item, as a table of allowed transitions.

drafted → checked → approved → published, back to drafted from a review step, and after
publishing a correction (published → published) or a withdrawal (published → withdrawn).
Each transition names the rule it needs; `rules.py` says who holds it.
"""

from __future__ import annotations

from gongkai.workflow import Transition

STATES: dict[str, str] = {
    "drafted": "草稿",
    "checked": "已检查待审核",
    "approved": "已审核待发布",
    "published": "已发布",
    "withdrawn": "已撤回",
}


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("check", "检查并送审", ("drafted",), "checked", "handle"),
        Transition("approve", "审核通过", ("checked",), "approved", "review"),
        Transition(
            "reject", "退回修改", ("checked", "approved"), "drafted", "review", needs=("note",)
        ),
        Transition("publish", "发布", ("approved",), "published", "publish"),
        Transition("correct", "登记更正", ("published",), "published", "review", needs=("note",)),
        Transition(
            "withdraw", "撤回（删除）", ("published",), "withdrawn", "review", needs=("note",)
        ),
    )
}

# Actions that are not transitions but are still kept as events.
EVENT_LABELS: dict[str, str] = {
    "create": "创建",
    "edit": "修改",
    "import": "导入",
    **{a: t.label for a, t in TRANSITIONS.items()},
}


def allowed_actions(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]


def transition_for(state: str, action: str) -> Transition | None:
    """The transition `action` from `state`, or None when the table does not allow it."""
    t = TRANSITIONS.get(action)
    return t if t is not None and state in t.sources else None
