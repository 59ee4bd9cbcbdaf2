"""The reviewer's decision on one finding of the check before publishing."""

from __future__ import annotations

from django.conf import settings
from django.db import models

DECISIONS = (("accepted", "确认无误，予以保留"), ("fixed", "已修改"))


class CheckDecision(models.Model):
    """One decision: who accepted or fixed which finding on which field of which object.

    The object is referenced generically (app label, model, primary key, field name) so
    that any app's text can be reviewed; the finding by its code, offsets and text, so a
    decision no longer applies once the text around it changes. Rows are never edited:
    a later decision on the same finding supersedes an earlier one (the audit trail).
    """

    app_label = models.CharField("应用", max_length=100)
    model = models.CharField("模型", max_length=100)
    object_pk = models.CharField("对象编号", max_length=64)
    field = models.CharField("字段", max_length=100)
    code = models.CharField("问题类别", max_length=64)
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    text = models.TextField("原文")
    decision = models.CharField("决定", max_length=16, choices=DECISIONS)
    note = models.CharField("说明", max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="check_decisions"
    )
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "检查决定"
        verbose_name_plural = "检查决定"
        ordering = ("at", "id")
        indexes = (models.Index(fields=["app_label", "model", "object_pk", "field"]),)

    def __str__(self) -> str:
        return f"{self.get_decision_display()}：{self.code}“{self.text[:20]}”"

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.code, self.start, self.end, self.text)
