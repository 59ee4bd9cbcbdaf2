"""Importing the exports of the 12345 platform, the leaders' mailboxes and the comment
boards (CSV or XLSX). Every bad row is kept with its reason and its cells (downloadable,
fix and import again); nothing is lost; importing the same file again changes nothing.

Columns (header row, any order; the platforms' own names are accepted):
  渠道 (12345热线、书记信箱、县长信箱、在线咨询、留言板 …; may be left out when the
  form says which channel the whole file is from) · 编号 (工单编号、信件编号) ·
  收到日期 (受理时间、来信时间) (required) · 主题 (标题、诉求内容) (required) ·
  答复日期 (办结时间、回复时间) · 办理时限 (working days; default: the channel's) ·
  满意度 (满意、基本满意、不满意、未评价).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any

from django.db import models, transaction

from gongkai.appraisal.engagement import CHANNEL_ALIASES, CHANNELS, SATISFACTION_ALIASES
from gongkai.web.engagement.models import ImportRun, Message, message_key
from gongkai.web.ledger.importing import (
    BadRow,
    ImportFileError,
    _text,
    parse_date,
    read_table,
    text_of,
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "channel": ("渠道", "来源", "来源渠道", "信件类型"),
    "ticket": ("编号", "工单编号", "工单号", "信件编号"),
    "received_on": ("收到日期", "受理时间", "来信时间", "受理日期", "来信日期", "提交时间"),
    "topic": ("主题", "标题", "诉求内容", "信件标题", "事项"),
    "answered_on": ("答复日期", "办结时间", "回复时间", "办结日期", "答复时间"),
    "limit_days": ("办理时限", "办理时限（工作日）", "时限"),
    "satisfaction": ("满意度", "评价", "回访评价", "满意度评价"),
}
REQUIRED = ("received_on", "topic")
TEMPLATE_HEADER = ["渠道", "编号", "收到日期", "主题", "答复日期", "办理时限", "满意度"]
TEMPLATE_EXAMPLES = (
    (
        "12345热线",
        "NX2025031200018",
        "2025-03-12",
        "关于城关镇北街路灯不亮的反映",
        "2025-03-14",
        "",
        "满意",
    ),
    (
        "县长信箱",
        "XZ2025-041",
        "2025-04-02",
        "咨询城乡居民医保缴费标准",
        "2025-04-15",
        "15",
        "基本满意",
    ),
)
HEADER_SEARCH = 10


@dataclass
class Outcome:
    run: ImportRun
    bad: list[dict] = field(default_factory=list)


def positions(cells: list, columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Where each field's column is, by any of its names (the first of a name wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _text(cell).replace("(", "（").replace(")", "）")
        for key, names in columns.items():
            if name in names and key not in found:
                found[key] = index
    return found


def find_header(
    rows: list, columns: dict[str, tuple[str, ...]], required: tuple[str, ...], hint: str
) -> tuple[int, dict[str, int]]:
    """The first of the first rows that names every required column (exports often put a
    title line above the header), and its positions; else the file is refused."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        pos = positions(cells, columns)
        if all(k in pos for k in required):
            return index, pos
    names = "、".join(columns[k][0] for k in required)
    raise ImportFileError(f"表头缺少必填列：{names}（{hint}）")


def _check(get, default_channel: str, today: date) -> tuple[dict[str, Any], list[str]]:
    reasons: list[str] = []
    raw_channel = get("channel")
    channel = CHANNEL_ALIASES.get(raw_channel) if raw_channel else default_channel or None
    if channel is None:
        reasons.append(
            f"渠道“{raw_channel}”无法识别（可用：{'、'.join(c.label for c in CHANNELS.values())}）"
            if raw_channel
            else "渠道为空（请在文件中填写渠道，或在导入时选择整个文件的渠道）"
        )
    received = parse_date(get("received_on"))
    if not get("received_on"):
        reasons.append("收到日期为空")
    elif received is None:
        reasons.append(f"收到日期“{get('received_on')}”无法识别（应为 2024-03-05 或 2024年3月5日）")
    answered = parse_date(get("answered_on")) if get("answered_on") else None
    if get("answered_on") and answered is None:
        reasons.append(f"答复日期“{get('answered_on')}”无法识别")
    for day, label in ((received, "收到日期"), (answered, "答复日期")):
        if day and day > today:
            reasons.append(f"{label} {day.isoformat()} 晚于今天")
    if received and answered and answered < received:
        reasons.append("答复日期早于收到日期")
    topic = get("topic")
    if not topic:
        reasons.append("主题为空")
    limit: int | None = CHANNELS[channel].limit_days if channel else None
    if get("limit_days"):
        text = get("limit_days").removesuffix("个工作日").removesuffix("工作日")
        if text.isdigit() and 0 < int(text) <= 60:
            limit = int(text)
        else:
            reasons.append(f"办理时限“{get('limit_days')}”应为 1 到 60 之间的工作日数")
    satisfaction = SATISFACTION_ALIASES.get(get("satisfaction"))
    if satisfaction is None:
        reasons.append(
            f"满意度“{get('satisfaction')}”无法识别（可用：满意、基本满意、不满意、未评价）"
        )
    ticket = get("ticket")[:100]
    values = {
        "channel": channel,
        "ticket_number": ticket,
        "received_on": received,
        "topic": topic[:300],
        "answered_on": answered,
        "limit_days": limit,
        "satisfaction": satisfaction,
    }
    return values, reasons


def store(
    run: ImportRun,
    record: models.Model | None,
    values: dict[str, Any],
    create: Callable[..., models.Model],
) -> models.Model:
    """One good row: a new record (`create(**values)`), the same record again, or one changed;
    `run` counts which."""
    if record is None:
        run.created += 1
        return create(**values)
    if all(getattr(record, k) == v for k, v in values.items()):
        run.unchanged += 1
        return record
    for k, v in values.items():
        setattr(record, k, v)
    record.save()
    run.updated += 1
    return record


def ticket_key(channel: str, number: str) -> str:
    """A numbered message's key: its channel and its number."""
    return message_key(channel, number, None, "")


def import_key(values: dict[str, Any]) -> str:
    return message_key(
        values["channel"], values["ticket_number"], values["received_on"], values["topic"]
    )


@transaction.atomic
def import_messages(
    agency: Any,
    user: Any,
    filename: str,
    data: bytes,
    today: date,
    now: datetime,
    default_channel: str = "",
) -> Outcome:
    rows = read_table(filename, data)
    hint = (
        f"表头应为：{'、'.join(TEMPLATE_HEADER)}；"
        "也可使用平台导出的列名，如 工单编号、受理时间、诉求内容、办结时间"
    )
    start, pos = find_header(rows, COLUMNS, REQUIRED, hint)
    header = [_text(c) for c in rows[start][1]]
    run = ImportRun.objects.create(
        agency=agency,
        user=user,
        register="messages",
        at=now,
        filename=filename[:255],
        header=header,
    )
    bad: list[dict] = []
    seen: dict[str, int] = {}
    for line, cells in rows[start + 1 :]:
        get = text_of(cells, pos)
        values, reasons = _check(get, default_channel, today)
        key = "" if reasons else import_key(values)
        if key in seen:
            reasons.append(
                f"与第 {seen[key]} 行重复（同一渠道的同一编号，或同一渠道、收到日期和主题）"
            )
        if reasons:
            bad.append(BadRow(line, reasons, [_text(c) for c in cells]).stored())
            continue
        seen[key] = line
        store(
            run,
            Message.objects.filter(agency=agency, import_key=key).first(),
            values,
            partial(Message.objects.create, agency=agency, import_key=key, created_by=user),
        )
    run.bad_rows, run.bad_count = bad, len(bad)
    run.save()
    return Outcome(run, bad)
