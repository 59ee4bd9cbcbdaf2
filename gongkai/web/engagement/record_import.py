"""Importing 政策解读 and 政务公开活动 from a CSV or XLSX list, as the messages are imported
(`importing.py`): every bad row kept with its Chinese reason and its cells, nothing guessed,
nothing lost, and importing the same file again adds nothing.

政策解读 columns: 标题 (required) · 解读形式 (文字解读、图解、视频解读、新闻发布会、其他形式;
required) · 发布渠道 (one: 门户网站、微信公众号 …; required) · 发布日期 (required) ·
所解读的政策文件 (the title or 文号 of a published item of the agency's ledger) · 链接 · 备注.
A row names an interpretation already registered by its 链接 (the page's address, which a
portal normally keeps when a title or date is corrected), else by the same 标题 and 发布日期;
it updates that record, so a corrected title or date does not make a second one.

政务公开活动 columns: 活动类型 (政府开放日、业务培训、新闻发布会、其他活动; required) ·
活动名称 (required) · 日期 (required) · 参加人数 (a whole number) · 情况说明.
The same activity is the same 活动名称 and 日期: a list of activities carries no number or
address of its own, so a row whose name or date was changed is a new activity (nothing is
guessed from the other cells); change the record by hand first, then import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction

from gongkai.appraisal.engagement import ACTIVITY_KINDS, INTERPRETATION_FORMS
from gongkai.web.bounds import TEXT_MAX
from gongkai.web.engagement.importing import Outcome, find_header, store
from gongkai.web.engagement.models import Activity, ImportRun, Interpretation
from gongkai.web.ledger.choices import CHANNELS as PUBLISHING_CHANNELS
from gongkai.web.ledger.importing import (
    BadRow,
    _text,
    parse_date,
    read_table,
    split_channels,
    text_of,
)

Getter = Callable[[str], str]
Checker = Callable[[Getter, "Lookups", date], tuple[dict[str, Any], list[str]]]

FORM_ALIASES: dict[str, str] = {
    **{label: key for key, label in INTERPRETATION_FORMS.items()},
    "文字": "text",
    "文字版": "text",
    "图文解读": "graphic",
    "图片解读": "graphic",
    "一图读懂": "graphic",
    "视频": "video",
    "发布会": "press",
    "其他": "other",
}
KIND_ALIASES: dict[str, str] = {
    **{label: key for key, label in ACTIVITY_KINDS.items()},
    "开放日": "open_day",
    "培训": "training",
    "发布会": "press_conference",
    "其他": "other",
}


@dataclass(frozen=True)
class Register:
    """What one kind of record needs to be imported: its columns (the first name of each is
    the template's), the required ones, how a row is checked and which fields make two rows
    the same record: `id_field` when the row fills it (a value naming one record for good),
    else `key_fields`."""

    key: str  # ImportRun.register
    model: type[models.Model]
    noun: str  # what the page calls the records
    guide: str  # what the import page says about the columns, after the header
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    key_fields: tuple[str, ...]
    same_record: str  # said when a file holds the same record twice
    id_field: str | None
    same_id: str  # said when two rows of a file fill id_field alike
    check: Checker
    examples: tuple[tuple[str, ...], ...]

    @property
    def header(self) -> list[str]:
        return [names[0] for names in self.columns.values()]


class Lookups:
    """The agency's published ledger items by title and by 文号, read once per import."""

    def __init__(self, agency: Any) -> None:
        from gongkai.web.ledger.models import Item

        self.by_name: dict[str, list[Any]] = {}
        for item in Item.objects.filter(agency=agency, state="published"):
            for name in {item.title, item.doc_number} - {""}:
                self.by_name.setdefault(name, []).append(item)


def _too_long(reasons: list[str], label: str, text: str, limit: int) -> None:
    if len(text) > limit:
        reasons.append(f"{label}超过 {limit} 字（现为 {len(text)} 字）")


def _day(get: Getter, key: str, label: str, today: date, reasons: list[str]) -> date | None:
    raw = get(key)
    if not raw:
        reasons.append(f"{label}为空")
        return None
    day = parse_date(raw)
    if day is None:
        reasons.append(f"{label}“{raw}”无法识别（应为 2024-03-05 或 2024年3月5日）")
    elif day > today:
        reasons.append(f"{label} {day.isoformat()} 晚于今天")
    return day


def _choice(
    raw: str, aliases: dict[str, str], label: str, labels: Iterable[str], reasons: list[str]
) -> str | None:
    if not raw:
        reasons.append(f"{label}为空")
        return None
    key = aliases.get(raw)
    if key is None:
        reasons.append(f"{label}“{raw}”无法识别（可用：{'、'.join(labels)}）")
    return key


def _policy(name: str, published_on: date | None, lookups: Lookups, reasons: list[str]):
    if not name:
        return None
    found = lookups.by_name.get(name, [])
    if not found:
        reasons.append(f"本机关台账中没有已发布的政策文件“{name}”（请填写台账中的标题或文号）")
        return None
    if len(found) > 1:
        reasons.append(f"本机关台账中有 {len(found)} 条政策文件名为“{name}”，请改填文号")
        return None
    policy = found[0]
    if published_on and policy.published_on and published_on < policy.published_on:
        reasons.append(
            f"解读材料的发布日期早于所解读的政策文件（{policy.published_on.isoformat()} 发布）"
        )
    return policy


_URL = URLValidator(schemes=["http", "https"])


def check_interpretation(
    get: Getter, lookups: Lookups, today: date
) -> tuple[dict[str, Any], list[str]]:
    reasons: list[str] = []
    title = get("title")
    if not title:
        reasons.append("标题为空")
    _too_long(reasons, "标题", title, 300)
    form = _choice(get("form"), FORM_ALIASES, "解读形式", INTERPRETATION_FORMS.values(), reasons)
    channel = None
    channels, unknown = split_channels(get("channel"))
    if not get("channel"):
        reasons.append("发布渠道为空")
    elif unknown:
        names = "、".join(PUBLISHING_CHANNELS.values())
        reasons.append(f"发布渠道“{'、'.join(unknown)}”无法识别（可用：{names}）")
    elif len(channels) > 1:
        reasons.append("每行只能填写一个发布渠道（在多个渠道发布的，请填写主要的发布渠道）")
    else:
        channel = channels[0]
    published_on = _day(get, "published_on", "发布日期", today, reasons)
    policy = _policy(get("policy"), published_on, lookups, reasons)
    url = get("url")
    if url:
        try:
            _URL(url)
        except ValidationError:
            reasons.append(f"链接“{url}”应为以 http:// 或 https:// 开头的网址")
        _too_long(reasons, "链接", url, 500)
    note = get("note")
    _too_long(reasons, "备注", note, 300)
    values = {
        "title": title,
        "form": form,
        "channel": channel,
        "published_on": published_on,
        "policy": policy,
        "url": url,
        "note": note,
    }
    return values, reasons


def check_activity(get: Getter, _lookups: Lookups, today: date) -> tuple[dict[str, Any], list[str]]:
    reasons: list[str] = []
    kind = _choice(get("kind"), KIND_ALIASES, "活动类型", ACTIVITY_KINDS.values(), reasons)
    title = get("title")
    if not title:
        reasons.append("活动名称为空")
    _too_long(reasons, "活动名称", title, 200)
    held_on = _day(get, "held_on", "日期", today, reasons)
    raw = get("participants")
    number = raw.removesuffix("人").strip()
    participants = int(number) if number.isdigit() else 0
    if raw and not number.isdigit():
        reasons.append(f"参加人数“{raw}”应为整数（如 30；“30余人”请填写实际人数）")
    elif participants > 1_000_000:
        reasons.append(f"参加人数“{raw}”超过 1000000")
    note = get("note")
    _too_long(reasons, "情况说明", note, TEXT_MAX)
    values = {
        "kind": kind,
        "title": title,
        "held_on": held_on,
        "participants": participants,
        "note": note,
    }
    return values, reasons


INTERPRETATIONS = Register(
    key="interpretations",
    model=Interpretation,
    noun="政策解读",
    guide=(
        "必填：标题、解读形式（文字解读、图解、视频解读、新闻发布会、其他形式）、"
        "发布渠道（每行一个，如 门户网站、微信公众号）、发布日期。"
        "所解读的政策文件请填写本机关台账中已发布信息的标题或文号，台账中没有的不予导入。"
        "填写链接的，按链接识别同一解读材料，修改标题或发布日期后重新导入即更新原记录；"
        "未填写链接的，标题和发布日期相同的视为同一解读材料。重复导入不会重复登记。"
    ),
    columns={
        "title": ("标题", "解读材料标题", "解读标题", "名称"),
        "form": ("解读形式", "形式"),
        "channel": ("发布渠道", "渠道"),
        "published_on": ("发布日期", "发布时间"),
        "policy": ("所解读的政策文件", "政策文件", "解读的政策文件", "对应政策文件"),
        "url": ("链接", "网址"),
        "note": ("备注",),
    },
    required=("title", "form", "channel", "published_on"),
    key_fields=("title", "published_on"),
    same_record="同一标题和发布日期",
    id_field="url",
    same_id="同一链接",
    check=check_interpretation,
    examples=(
        (
            "一图读懂《平罗县全民健康水平提升行动实施方案》",
            "图解",
            "门户网站",
            "2025-03-07",
            "平罗县全民健康水平提升行动实施方案",
            "https://www.pingluo.gov.cn/zcjd/2025/0307.html",
            "",
        ),
    ),
)

ACTIVITIES = Register(
    key="activities",
    model=Activity,
    noun="政务公开活动",
    guide=(
        "必填：活动类型（政府开放日、业务培训、新闻发布会、其他活动）、活动名称、日期；"
        "参加人数填写整数。活动名称和日期相同的视为同一活动，重复导入不会重复登记；"
        "文件中修改了活动名称或日期的，将作为新的活动登记，"
        "如需更正已登记的活动，请先在登记簿中修改该活动，再导入。"
    ),
    columns={
        "kind": ("活动类型", "类型"),
        "title": ("活动名称", "名称", "标题"),
        "held_on": ("日期", "活动日期", "举办日期"),
        "participants": ("参加人数", "人数"),
        "note": ("情况说明", "说明", "备注"),
    },
    required=("kind", "title", "held_on"),
    key_fields=("title", "held_on"),
    same_record="同一活动名称和日期",
    id_field=None,
    same_id="",
    check=check_activity,
    examples=(
        (
            "政府开放日",
            "走进县人民医院政府开放日",
            "2025-09-22",
            "24",
            "邀请人大代表、群众代表参加",
        ),
        ("业务培训", "政务公开业务培训", "2025-05-16", "45", "各乡镇、部门政务公开工作人员"),
    ),
)


class Registered:
    """The agency's records of one register as the rows of a file find them: by the
    register's identifier when the row fills it and a record holds it, else by the key
    fields; the oldest record wins when two share one. Kept up to date as rows change
    records, since a row matched by its identifier may change the key fields."""

    def __init__(self, register: Register, records: Iterable[models.Model]) -> None:
        self.register = register
        self.by_id: dict[Any, models.Model] = {}
        self.by_key: dict[tuple, models.Model] = {}
        for record in records:
            self._put(record)

    def _names(self, get: Callable[[str], Any]) -> tuple[Any, tuple]:
        field = self.register.id_field
        return (get(field) if field else None), tuple(get(f) for f in self.register.key_fields)

    def _put(self, record: models.Model) -> None:
        ident, key = self._names(partial(getattr, record))
        if ident:
            self.by_id.setdefault(ident, record)
        self.by_key.setdefault(key, record)

    def find(self, values: dict[str, Any]) -> models.Model | None:
        ident, key = self._names(values.__getitem__)
        if ident and ident in self.by_id:
            return self.by_id[ident]
        record = self.by_key.get(key)
        if ident and record is not None and self._names(partial(getattr, record))[0]:
            return None  # same title and date, another link: another record, not overwritten
        return record

    def store(self, run: ImportRun, values: dict[str, Any], agency: Any) -> None:
        record = self.find(values)
        if record is not None:
            ident, key = self._names(partial(getattr, record))
            if self.by_id.get(ident) is record:
                del self.by_id[ident]
            if self.by_key.get(key) is record:
                del self.by_key[key]
        model = self.register.model
        self._put(store(run, record, values, partial(model.objects.create, agency=agency)))


@transaction.atomic
def import_records(
    register: Register,
    agency: Any,
    user: Any,
    filename: str,
    data: bytes,
    today: date,
    now: datetime,
) -> Outcome:
    """Check every row; add the new records, update the changed ones, keep the bad rows on
    the run. Raises `ImportFileError` when the file as a whole cannot be read."""
    rows = read_table(filename, data)
    hint = f"表头应为：{'、'.join(register.header)}"
    start, pos = find_header(rows, register.columns, register.required, hint)
    run = ImportRun.objects.create(
        agency=agency,
        user=user,
        register=register.key,
        at=now,
        filename=filename[:255],
        header=[_text(c) for c in rows[start][1]],
    )
    lookups = Lookups(agency)
    registered = Registered(register, register.model.objects.filter(agency=agency).order_by("pk"))
    bad: list[dict] = []
    seen_ids: dict[Any, int] = {}
    seen_keys: dict[tuple, int] = {}
    for line, cells in rows[start + 1 :]:
        get = text_of(cells, pos)
        values, reasons = register.check(get, lookups, today)
        ident = values[register.id_field] if register.id_field else None
        key = tuple(values[f] for f in register.key_fields)
        if not reasons and ident and ident in seen_ids:
            reasons.append(f"与第 {seen_ids[ident]} 行重复（{register.same_id}）")
        elif not reasons and key in seen_keys:
            reasons.append(f"与第 {seen_keys[key]} 行重复（{register.same_record}）")
        if reasons:
            bad.append(BadRow(line, reasons, [_text(c) for c in cells]).stored())
            continue
        if ident:
            seen_ids[ident] = line
        seen_keys[key] = line
        registered.store(run, values, agency)
    run.bad_rows, run.bad_count = bad, len(bad)
    run.save()
    return Outcome(run, bad)
