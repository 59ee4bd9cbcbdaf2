"""政民互动 and 政策解读: channels, their time limits, forms, satisfaction, and the
arithmetic of "answered within the channel's limit" and "interpretation on time".

Time limits are working days after the day a message was received (that day not counted),
the way the platforms count them: 12345 hotline tickets 5 working days, the leaders'
mailboxes 15, online consultation 5, comment boards (留言板、议政网) 10. An interpretation
is on time when it is published no later than `INTERPRETATION_DAYS` working days after
the policy it explains (政策解读与政策文件同步发布; 3 working days is the county's tolerance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class Calendar(Protocol):
    def add_working_days(self, d: date, n: int) -> date: ...


@dataclass(frozen=True)
class Channel:
    key: str
    label: str
    limit_days: int  # working days after receipt
    aliases: tuple[str, ...] = ()


CHANNELS: dict[str, Channel] = {
    c.key: c
    for c in (
        Channel("hotline", "12345政务服务便民热线", 5, ("12345", "12345热线", "市民热线", "热线")),
        Channel("secretary_mailbox", "书记信箱", 15, ("书记信箱",)),
        Channel("head_mailbox", "县长信箱", 15, ("县长信箱", "市长信箱", "领导信箱")),
        Channel("consultation", "在线咨询", 5, ("在线咨询", "网上咨询", "咨询")),
        Channel("message_board", "留言板", 10, ("留言板", "议政网", "网民留言", "评论")),
        Channel("other", "其他渠道", 15, ("其他",)),
    )
}
CHANNEL_ALIASES: dict[str, str] = {
    name: c.key for c in CHANNELS.values() for name in (c.label, *c.aliases)
}

SATISFACTION: dict[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "": "未评价",
}
SATISFACTION_ALIASES: dict[str, str] = {
    "满意": "satisfied",
    "非常满意": "satisfied",
    "基本满意": "basically_satisfied",
    "较满意": "basically_satisfied",
    "比较满意": "basically_satisfied",
    "不满意": "dissatisfied",
    "未评价": "",
    "未回访": "",
    "": "",
}

INTERPRETATION_FORMS: dict[str, str] = {
    "text": "文字解读",
    "graphic": "图解",
    "video": "视频解读",
    "press": "新闻发布会",
    "other": "其他形式",
}
INTERPRETATION_DAYS = 3

ACTIVITY_KINDS: dict[str, str] = {
    "open_day": "政府开放日",
    "training": "业务培训",
    "press_conference": "新闻发布会",
    "other": "其他活动",
}


def limit_for(channel: str) -> int:
    if channel not in CHANNELS:
        raise ValueError(f"无法识别的互动渠道“{channel}”，可选：{'、'.join(CHANNELS)}")
    return CHANNELS[channel].limit_days


def due_on(received_on: date, limit_days: int, calendar: Calendar) -> date:
    """The last day to answer: `limit_days` working days after the day of receipt."""
    return calendar.add_working_days(received_on, limit_days)


def within_limit(
    received_on: date,
    answered_on: date | None,
    limit_days: int,
    calendar: Calendar,
    today: date,
) -> bool | None:
    """True/False once it is decided; None while unanswered and still within the limit."""
    last = due_on(received_on, limit_days, calendar)
    if answered_on is not None:
        return answered_on <= last
    return False if today > last else None


def interpretation_on_time(
    policy_published_on: date | None, published_on: date, calendar: Calendar
) -> bool | None:
    """None when the policy's date is unknown (not linked, or not published)."""
    if policy_published_on is None:
        return None
    return published_on <= calendar.add_working_days(policy_published_on, INTERPRETATION_DAYS)


@dataclass
class EngagementSummary:
    """What section 一 says about the year's 政民互动, 政策解读 and activities.

    `by_channel`: channel key -> messages received in the year; `answered`: answered by
    now; `within_limit`: answered within the channel's limit; `rated`/`satisfied`: messages
    with a satisfaction rating / rated 满意 or 基本满意. `interpretations`: [(title, form)]
    in publishing order; `activities`: [(kind, date, participants, title)].
    """

    year: int
    by_channel: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    within_limit: int = 0
    rated: int = 0
    satisfied: int = 0
    interpretations: list[tuple[str, str]] = field(default_factory=list)
    activities: list[tuple[str, date, int, str]] = field(default_factory=list)

    @property
    def received(self) -> int:
        return sum(self.by_channel.values())

    @property
    def empty(self) -> bool:
        return not (self.received or self.interpretations or self.activities)
