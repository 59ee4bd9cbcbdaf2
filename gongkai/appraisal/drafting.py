"""The paragraph of section 一 on 政民互动, 政策解读 and activities, in the register of the
published reports ("共按规受理答复书记信箱2件、县长信箱3件……", "发布《一图读懂|…》等解读材料5条",
"开展了“政府开放日”活动，邀请……30人参加").

Every number comes from `EngagementSummary`, counted from the registers; the sentences avoid
"其中" lists so the auditor's `narrative.sum` has nothing to add up.
"""

from __future__ import annotations

from gongkai.appraisal.engagement import (
    ACTIVITY_KINDS,
    CHANNELS,
    INTERPRETATION_FORMS,
    EngagementSummary,
)

LISTED_TITLES = 3


def _percent(part: int, whole: int) -> str:
    value = round(part * 100 / whole, 1)
    return f"{value:.0f}%" if value.is_integer() else f"{value:.1f}%"


def _messages(s: EngagementSummary, scope: str) -> str:
    if not s.received:
        return ""
    channels = "、".join(
        f"{CHANNELS[key].label}{n}件" for key, n in s.by_channel.items() if n and key in CHANNELS
    )
    text = f"{s.year}年，{scope}共受理{channels}，合计{s.received}件"
    if s.answered == s.received:
        text += "，均已办理答复"
    else:
        text += f"，已办理答复{s.answered}件"
    if s.answered:
        text += f"，在规定时限内办结{s.within_limit}件，按时办结率{_percent(s.within_limit, s.answered)}"
    text += "。"
    if s.rated:
        text += f"经回访评价，群众满意率为{_percent(s.satisfied, s.rated)}。"
    return text


def _interpretations(s: EngagementSummary) -> str:
    if not s.interpretations:
        return ""
    titles = "".join(f"《{t}》" for t, _ in s.interpretations[:LISTED_TITLES])
    forms = []
    for _, form in s.interpretations:
        label = INTERPRETATION_FORMS.get(form, form)
        if label not in forms:
            forms.append(label)
    more = "等" if len(s.interpretations) > LISTED_TITLES else ""
    return (
        f"围绕重要政策文件做好解读工作，通过{'、'.join(forms)}等形式，发布{titles}{more}"
        f"解读材料{len(s.interpretations)}条。"
    )


def _activities(s: EngagementSummary) -> str:
    sentences = []
    for kind, day, participants, title in s.activities:
        if kind == "training":
            continue
        name = ACTIVITY_KINDS.get(kind, kind)
        who = f"，邀请群众代表、企业代表等{participants}人参加" if participants else ""
        subject = f"，主题为“{title}”" if title and title != name else ""
        sentences.append(f"{day.month}月{day.day}日，开展“{name}”活动{subject}{who}。")
    trainings = [a for a in s.activities if a[0] == "training"]
    if trainings:
        people = sum(a[2] for a in trainings)
        sentences.append(
            f"全年组织政务公开业务培训{len(trainings)}次"
            + (f"，参训{people}人次" if people else "")
            + "，提高政务公开工作人员业务水平。"
        )
    return "".join(sentences)


def engagement_paragraph(
    summary: EngagementSummary, scope: str = "本机关", number: str = "（四）"
) -> str:
    """ "（四）政民互动和政策解读情况。…", or "" when nothing is recorded for the year."""
    if summary.empty:
        return ""
    body = _messages(summary, scope) + _interpretations(summary) + _activities(summary)
    return f"{number}政民互动和政策解读情况。{body}"
