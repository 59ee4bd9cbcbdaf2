"""Administrative review (行政复议) and litigation (行政诉讼) about disclosure.

Table 四 is a count over `Appeal` rows (see figures.py for the counting rule). Every change
of result is an `AppealEvent` row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

KINDS = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
]
RESULTS = [
    ("pending", "尚未审结"),
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
]


class Appeal(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="appeals", verbose_name="机关"
    )
    kind = models.CharField("类型", max_length=30, choices=KINDS)
    case_number = models.CharField("案号", max_length=100, blank=True)
    appellant = models.CharField("申请人/原告", max_length=200)
    request = models.ForeignKey(
        "requests.Request",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
        verbose_name="所涉政府信息公开申请",
    )
    review = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lawsuits",
        verbose_name="此前的行政复议",
    )
    body = models.CharField("复议机关/受理法院", max_length=200, blank=True)
    filed_on = models.DateField("申请/立案日期", db_index=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=RESULTS, default="pending")
    # A 结果纠正 that orders a new reply: the period it sets, in working days from the
    # decision; the request is reopened with it (`services.apply_decision`).
    redo_days = models.PositiveSmallIntegerField(
        "重新答复期限（工作日）",
        null=True,
        blank=True,
        help_text="结果纠正并责令重新答复时填写决定书规定的期限，所涉申请将重新办理",
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        ordering = ("-filed_on", "-id")
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.appellant}"


class AppealEvent(models.Model):
    """A recorded change: filed, or a result and its date (who, when, from, to, why)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("时间")
    from_result = models.CharField("原结果", max_length=20, blank=True)
    to_result = models.CharField("新结果", max_length=20)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ("at", "id")

    def change_label(self) -> str:
        """The change in the office's words: 登记为“尚未审结”, “尚未审结”改为“结果维持”."""
        labels = dict(RESULTS)
        to = labels.get(self.to_result, self.to_result)
        if not self.from_result:
            return f"登记为“{to}”"
        if self.from_result == self.to_result:
            return f"“{to}”（结果未变）"
        return f"“{labels.get(self.from_result, self.from_result)}”改为“{to}”"
