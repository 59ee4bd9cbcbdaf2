"""政民互动 (hotline tickets, mailbox letters, consultations, comment-board messages),
政策解读 linked to the ledger item they explain, and activities (open days, training).

The arithmetic (time limits, on-time) lives in `gongkai.appraisal.engagement`; these rows
hold the facts. A message's re-import key is its channel and ticket number, else
channel|received|topic, kept whenever it is saved (by hand too), so importing the same
export again updates instead of adding.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.appraisal.engagement import (
    ACTIVITY_KINDS,
    CHANNELS,
    INTERPRETATION_FORMS,
    SATISFACTION,
)
from gongkai.web.ledger.choices import CHANNELS as PUBLISHING_CHANNELS

AGENCY = "accounts.Agency"


def message_key(channel: str, number: str, received_on: Any, topic: str) -> str:
    """What names a message on re-import: its channel and number (two mailboxes may both
    have a letter 001), else its channel, date received and topic."""
    if number:
        return f"ticket|{channel}|{number}"[:400]
    return f"{channel}|{received_on.isoformat()}|{topic}"[:400]


class Message(models.Model):
    agency = models.ForeignKey(
        AGENCY, on_delete=models.PROTECT, related_name="messages", verbose_name="机关"
    )
    channel = models.CharField(
        "渠道", max_length=30, choices=[(c.key, c.label) for c in CHANNELS.values()]
    )
    ticket_number = models.CharField("工单/信件编号", max_length=100, blank=True)
    received_on = models.DateField("收到日期", db_index=True)
    topic = models.CharField("主题", max_length=300)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    limit_days = models.PositiveSmallIntegerField("办理时限（工作日）")
    satisfaction = models.CharField(
        "满意度", max_length=30, blank=True, choices=list(SATISFACTION.items())
    )
    note = models.CharField("备注", max_length=300, blank=True)
    import_key = models.CharField("导入键", max_length=400, blank=True, db_index=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ("-received_on", "-id")
        verbose_name = "政民互动事项"
        verbose_name_plural = "政民互动事项"
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "import_key"],
                condition=~Q(import_key=""),
                name="engagement_message_key_once",
            ),
        )
        indexes = (models.Index(fields=["agency", "received_on"]),)

    def __str__(self) -> str:
        return self.ticket_number or self.topic

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A numbered message, or one an import named, keeps the key an import finds it by
        # when entered or corrected by hand. (One entered by hand without a number has none:
        # two such messages of one channel, day and topic may both be real.)
        if self.ticket_number or self.import_key:
            self.import_key = message_key(
                self.channel, self.ticket_number, self.received_on, self.topic
            )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "import_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "import_key"]
        super().save(*args, **kwargs)


class Interpretation(models.Model):
    agency = models.ForeignKey(
        AGENCY, on_delete=models.PROTECT, related_name="interpretations", verbose_name="机关"
    )
    title = models.CharField("解读材料标题", max_length=300)
    policy = models.ForeignKey(
        "ledger.Item",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="所解读的政策文件",
    )
    form = models.CharField("解读形式", max_length=20, choices=list(INTERPRETATION_FORMS.items()))
    channel = models.CharField("发布渠道", max_length=20, choices=list(PUBLISHING_CHANNELS.items()))
    published_on = models.DateField("发布日期", db_index=True)
    url = models.URLField("链接", max_length=500, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        ordering = ("-published_on", "-id")
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    agency = models.ForeignKey(
        AGENCY, on_delete=models.PROTECT, related_name="activities", verbose_name="机关"
    )
    kind = models.CharField("活动类型", max_length=30, choices=list(ACTIVITY_KINDS.items()))
    title = models.CharField("活动名称", max_length=200)
    held_on = models.DateField("日期", db_index=True)
    participants = models.PositiveIntegerField("参加人数", default=0)
    note = models.TextField("情况说明", blank=True)

    class Meta:
        ordering = ("-held_on", "-id")
        verbose_name = "政务公开活动"
        verbose_name_plural = "政务公开活动"

    def __str__(self) -> str:
        return self.title


IMPORT_REGISTERS = {
    "messages": "政民互动事项",
    "interpretations": "政策解读",
    "activities": "政务公开活动",
}


class ImportRun(models.Model):
    """One import of a platform's export of messages, or of a list of interpretations or
    activities: which of the three, the counts and every bad row with its cells.

    `bad_count` repeats len(bad_rows) so that the list of past runs need not read the rows."""

    agency = models.ForeignKey(AGENCY, on_delete=models.CASCADE, related_name="engagement_imports")
    register = models.CharField("登记簿", max_length=20, choices=list(IMPORT_REGISTERS.items()))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("导入时间")
    filename = models.CharField("文件名", max_length=255)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    bad_count = models.PositiveIntegerField("有问题", default=0)
    header = models.JSONField(default=list)
    bad_rows = models.JSONField(default=list)  # [{"line", "reason", "cells"}]

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["agency", "register", "-at"]),)
