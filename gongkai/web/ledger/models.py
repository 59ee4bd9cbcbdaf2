"""The proactive disclosure ledger: published items and their review, the catalog, the
normative documents register and the yearly figures of table 二.

Every state change of an item is an `ItemEvent` row (who, when, from, to, why); the
yearly counts of corrections and withdrawals are counts over these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.web.ledger.choices import ARTICLE_ITEM_CHOICES, CHANNELS
from gongkai.web.ledger.workflow import EVENT_LABELS, STATES

AGENCY = "accounts.Agency"


class Category(models.Model):
    """A node of the agency's 主动公开基本目录 (an editable tree)."""

    agency = models.ForeignKey(
        AGENCY, on_delete=models.CASCADE, related_name="catalog_categories", verbose_name="机关"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级类别",
    )
    name = models.CharField("类别名称", max_length=100)
    article_item = models.PositiveSmallIntegerField(
        "对应第二十条事项", null=True, blank=True, choices=ARTICLE_ITEM_CHOICES
    )
    position = models.PositiveIntegerField("排序", default=0)
    description = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ("position", "id")
        verbose_name = "目录类别"
        verbose_name_plural = "目录类别"

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One piece of information the agency publishes (or is about to)."""

    agency = models.ForeignKey(
        AGENCY, on_delete=models.PROTECT, related_name="ledger_items", verbose_name="机关"
    )
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    article_item = models.PositiveSmallIntegerField(
        "第二十条事项", null=True, blank=True, choices=ARTICLE_ITEM_CHOICES
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name="目录类别",
    )
    body = models.TextField("正文", blank=True)
    url = models.URLField("链接", max_length=500, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=list(STATES.items()), default="drafted", db_index=True
    )
    published_on = models.DateField("发布日期", null=True, blank=True, db_index=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    # The re-import key: the CMS id, else 文号, else 标题|发布日期 (see importing.py).
    import_key = models.CharField("导入键", max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField("创建时间")

    class Meta:
        ordering = ("-published_on", "-id")
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "import_key"],
                condition=~Q(import_key=""),
                name="ledger_item_unique_import_key",
            ),
        )
        indexes = (models.Index(fields=["agency", "published_on"]),)

    def __str__(self) -> str:
        return self.title

    def channel_keys(self) -> list[str]:
        return [c.channel for c in self.channels.all()]

    def channel_labels(self) -> list[str]:
        return [CHANNELS[k] for k in self.channel_keys()]

    def review_text(self) -> str:
        """What the check before publishing reads."""
        return "\n".join(x for x in (self.title, self.doc_number, self.body) if x)


class ItemChannel(models.Model):
    """One channel an item went out on (several per item)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField("发布渠道", max_length=20, choices=list(CHANNELS.items()))

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=["item", "channel"], name="ledger_channel_once"),
        )


class ItemEvent(models.Model):
    """A state change or sign-off: who, when (timestamp and effective date), from, to, why."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20, choices=list(EVENT_LABELS.items()))
    from_state = models.CharField("原状态", max_length=20, blank=True)
    to_state = models.CharField("新状态", max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_events",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间")
    # The day the change took effect; the yearly counts use it.
    on = models.DateField("日期", db_index=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name = "信息操作记录"
        verbose_name_plural = "信息操作记录"
        indexes = (models.Index(fields=["action", "on"]),)

    def action_label(self) -> str:
        return EVENT_LABELS.get(self.action, self.action)

    def from_label(self) -> str:
        return STATES.get(self.from_state, self.from_state)

    def to_label(self) -> str:
        return STATES.get(self.to_state, self.to_state)


class ImportRun(models.Model):
    """One import of a CMS export: the counts and every bad row, to download and fix."""

    agency = models.ForeignKey(AGENCY, on_delete=models.CASCADE, related_name="ledger_imports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField("导入时间")
    filename = models.CharField("文件名", max_length=255)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    header = models.JSONField(default=list)
    bad_rows = models.JSONField(default=list)  # [{"line", "reason", "cells"}]

    class Meta:
        ordering = ("-at", "-id")


DOCUMENT_KINDS = [("rule", "规章"), ("normative", "行政规范性文件")]


class NormativeDocument(models.Model):
    """规章、行政规范性文件: issued on, published on, and the day it ceased to be in force."""

    agency = models.ForeignKey(
        AGENCY, on_delete=models.PROTECT, related_name="normative_documents", verbose_name="机关"
    )
    kind = models.CharField("类型", max_length=20, choices=DOCUMENT_KINDS)
    doc_number = models.CharField("文号", max_length=100)
    title = models.CharField("标题", max_length=300)
    issued_on = models.DateField("制发日期")
    published_on = models.DateField("公开日期", null=True, blank=True)
    abolished_on = models.DateField("废止（失效）日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        ordering = ("-issued_on", "-id")
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        constraints = (
            models.UniqueConstraint(fields=["agency", "doc_number"], name="ledger_doc_number_once"),
        )

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）"


class YearlyFigure(models.Model):
    """One cell of table 二 entered by hand or imported, with where the number came from."""

    agency = models.ForeignKey(AGENCY, on_delete=models.CASCADE, related_name="yearly_figures")
    year = models.PositiveSmallIntegerField("年度")
    item = models.CharField("事项", max_length=40)  # a PROACTIVE_ITEMS key: "licensing"
    field = models.CharField("指标", max_length=40)  # one of its fields: "decisions"
    value = models.DecimalField("数值", max_digits=16, decimal_places=2)
    note = models.CharField("数据来源", max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        ordering = ("year", "item", "field")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "year", "item", "field"], name="ledger_figure_once"
            ),
        )


REGISTERS = [("document", "规章和规范性文件"), ("figure", "年度数据"), ("category", "目录类别")]


class RegisterChange(models.Model):
    """A change to a register row — a normative document, a yearly figure, a catalog
    category: who, when, which row, what changed (from → to). The audit trail of the
    numbers that go into table 二."""

    agency = models.ForeignKey(AGENCY, on_delete=models.CASCADE, related_name="register_changes")
    register = models.CharField("登记簿", max_length=20, choices=REGISTERS)
    object_id = models.PositiveIntegerField("对象编号", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    label = models.CharField("对象", max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("时间")
    summary = models.TextField("变更内容")

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["agency", "register", "object_id"]),)


class ItemAttachment(models.Model):
    """A file published with an item (the document itself, an annex, a table). Added or
    removed only while the item is a draft, so the reviewer signs off on what goes out."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("文件类型", max_length=10)  # pdf, jpg, png, docx
    size = models.PositiveIntegerField("大小（字节）")
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        ordering = ("id",)
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name
