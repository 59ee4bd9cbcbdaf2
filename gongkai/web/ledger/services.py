"""What the ledger does to its records: create, edit, take a review step, import.

Each function gets the time as an argument (`now`; the effective day `on` where a person
may state it) and writes one `ItemEvent` row per change. A refusal is `Refused` with a
Chinese message for the user.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction

from gongkai.web.ledger import checking, rules
from gongkai.web.ledger.importing import Parsed, clean, parse_rows, read_table
from gongkai.web.ledger.models import Category, ImportRun, Item, ItemChannel, ItemEvent
from gongkai.web.ledger.workflow import STATES, transition_for

ITEM_FIELDS = ("title", "doc_number", "article_item", "category", "body", "url")
NULLABLE = ("article_item", "category")


def _value(data: dict, name: str) -> Any:
    """A form value as the model stores it: a blank text is "", a blank choice None."""
    value = data.get(name)
    if value in (None, ""):
        return None if name in NULLABLE else ""
    return value


class Refused(Exception):
    """The change is not allowed; `str(exc)` is the Chinese reason."""


def _set_channels(item: Item, channels: list[str]) -> None:
    ItemChannel.objects.filter(item=item).exclude(channel__in=channels).delete()
    have = set(item.channels.values_list("channel", flat=True))
    ItemChannel.objects.bulk_create(
        [ItemChannel(item=item, channel=c) for c in channels if c not in have]
    )


def _event(
    item: Item, action: str, user: Any, now: datetime, on: date, frm: str, to: str, note: str = ""
) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        action=action,
        from_state=frm,
        to_state=to,
        actor=user,
        at=now,
        on=on,
        note=note,
    )


@transaction.atomic
def create_item(
    agency: Any, user: Any, data: dict, channels: list[str], now: datetime, today: date
) -> Item:
    item = Item(agency=agency, created_at=now, state="drafted")
    for name in ITEM_FIELDS:
        setattr(item, name, _value(data, name))
    item.save()
    _set_channels(item, channels)
    _event(item, "create", user, now, today, "", "drafted")
    return item


@transaction.atomic
def update_item(
    item: Item,
    user: Any,
    data: dict,
    channels: list[str],
    now: datetime,
    today: date,
    note: str = "",
) -> ItemEvent:
    """Edit a draft, or correct a published item (a counted correction, note required)."""
    if not rules.may_edit_item(user, item):
        raise Refused(f"“{STATES[item.state]}”状态的信息不能由您修改")
    if item.state == "published" and not note.strip():
        raise Refused("修改已发布的信息属于更正，请填写更正说明")
    changed = [n for n in ITEM_FIELDS if n in data and getattr(item, n) != _value(data, n)]
    if sorted(item.channel_keys()) != sorted(channels):
        changed.append("channels")
    for name in changed:
        if name != "channels":
            setattr(item, name, _value(data, name))
    item.save()
    _set_channels(item, channels)
    action = "correct" if item.state == "published" else "edit"
    labels = [
        "发布渠道" if n == "channels" else str(Item._meta.get_field(n).verbose_name)
        for n in changed
    ]
    why = note.strip() or ("修改：" + "、".join(labels) if labels else "保存（内容未变）")
    return _event(item, action, user, now, today, item.state, item.state, why)


@transaction.atomic
def take_action(
    item: Item, user: Any, action: str, now: datetime, on: date, note: str = ""
) -> ItemEvent:
    """One step of 先审后发 (or a correction / withdrawal after publishing)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    t = transition_for(item.state, action)
    if t is None:
        raise Refused(f"“{STATES[item.state]}”状态的信息不能执行此操作")
    if not rules.may_take(user, item, t):
        if action == "approve" and rules.may_review(user, item):
            raise Refused("审核人不能审核自己送审的信息，请由其他审核人审核")
        raise Refused(f"您没有“{t.label}”的权限")
    if t.needs_note and not note.strip():
        raise Refused(f"“{t.label}”需要填写说明")
    if action == "publish":
        errors = checking.open_errors(item)
        if errors:
            raise Refused(
                f"检查发现 {len(errors)} 处错误尚未处理，不能发布："
                + "；".join(e.message for e in errors[:3])
            )
        if not item.channels.exists():
            raise Refused("请先选择至少一个发布渠道")
        item.published_on = on
    if action == "withdraw":
        item.withdrawn_on = on
    frm = item.state
    item.state = t.target
    item.save()
    return _event(item, action, user, now, on, frm, t.target, note.strip())


# ------------------------------------------------------------------ import
def category_resolver(agency: Any):
    """Resolve 栏目/类别 text: a 第二十条 item, or a catalog category by name or path."""
    from gongkai.web.ledger.choices import article_item_from_text

    cats = list(
        Category.objects.filter(agency=agency).values("id", "name", "parent_id", "article_item")
    )
    by_id = {c["id"]: c for c in cats}

    def path(c: dict) -> str:
        parts = [c["name"]]
        while c["parent_id"] and c["parent_id"] in by_id and len(parts) < 20:
            c = by_id[c["parent_id"]]
            parts.append(c["name"])
        return "/".join(reversed(parts))

    by_name: dict[str, dict | None] = {}
    for c in cats:
        for k in (c["name"], path(c)):
            by_name[k] = None if k in by_name and by_name[k] is not c else c

    def resolve(text: str) -> tuple[int | None, int | None] | None:
        key = "/".join(p.strip() for p in text.replace("＞", "/").replace(">", "/").split("/"))
        c = by_name.get(key)
        if c is not None:
            return c["article_item"], c["id"]
        article = article_item_from_text(text)
        if article is not None:
            return article, None
        return None

    return resolve


IMPORTED_FIELDS = ("title", "doc_number", "article_item", "category_id", "url", "published_on")
BATCH = 500


def _existing(agency: Any, keys: list[str]) -> dict[str, Item]:
    """The items already imported under these keys, with their channels (a few queries)."""
    found: dict[str, Item] = {}
    for start in range(0, len(keys), BATCH):
        chunk = Item.objects.filter(agency=agency, import_key__in=keys[start : start + BATCH])
        found.update((i.import_key, i) for i in chunk.prefetch_related("channels"))
    return found


@transaction.atomic
def import_items(
    agency: Any, user: Any, filename: str, data: bytes, now: datetime, today: date
) -> ImportRun:
    """Import a CMS export: good rows create or update published items (by key), bad rows
    are kept on the run. Raises `ImportFileError` when the file as a whole is unreadable.
    A re-imported row that changed updates its item (a withdrawn item stays withdrawn)."""
    parsed: Parsed = parse_rows(read_table(filename, data), category_resolver(agency), today)
    name = clean(filename)[:255]
    existing = _existing(agency, [r.key for r in parsed.good])
    new: list[tuple[Item, list[str], str]] = []
    changed: list[tuple[Item, list[str], str]] = []
    for row in parsed.good:
        values = {f: getattr(row, f) for f in IMPORTED_FIELDS}
        note = f"从 {name} 第 {row.line} 行导入"
        item = existing.get(row.key)
        if item is None:
            item = Item(
                agency=agency, import_key=row.key, state="published", created_at=now, **values
            )
            new.append((item, row.channels, note))
            continue
        same = all(getattr(item, k) == v for k, v in values.items())
        if same and sorted(c.channel for c in item.channels.all()) == sorted(row.channels):
            continue
        for k, v in values.items():
            setattr(item, k, v)
        changed.append((item, row.channels, note.replace("导入", "重新导入并更新")))
    Item.objects.bulk_create([i for i, _, _ in new], batch_size=BATCH)
    Item.objects.bulk_update([i for i, _, _ in changed], IMPORTED_FIELDS, batch_size=BATCH)
    ItemChannel.objects.filter(item__in=[i.pk for i, _, _ in changed]).delete()
    ItemChannel.objects.bulk_create(
        [ItemChannel(item=i, channel=c) for i, chans, _ in new + changed for c in chans],
        batch_size=BATCH,
    )
    events = [
        ItemEvent(
            item=i,
            action="import",
            to_state="published",
            actor=user,
            at=now,
            on=i.published_on,
            note=note,
        )
        for i, _, note in new
    ] + [
        ItemEvent(
            item=i,
            action="import",
            from_state=i.state,
            to_state=i.state,
            actor=user,
            at=now,
            on=today,
            note=note,
        )
        for i, _, note in changed
    ]
    ItemEvent.objects.bulk_create(events, batch_size=BATCH)
    return ImportRun.objects.create(
        agency=agency,
        user=user,
        at=now,
        filename=name,
        created=len(new),
        updated=len(changed),
        header=parsed.header,
        bad_rows=[b.stored() for b in parsed.bad],
    )
