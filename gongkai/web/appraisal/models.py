"""The county's appraisal scheme for a year: weights and thresholds set by the GID office.

The rules are stored as `gongkai.appraisal.scoring.Scheme.to_json()`; without a row the
default scheme applies. Every change is kept (who, when, what) in `SchemeChange`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.appraisal.scoring import Scheme as CoreScheme


class Scheme(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="appraisal_schemes"
    )
    year = models.PositiveSmallIntegerField("年度")
    rules = models.JSONField("评分规则", default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        ordering = ("-year",)
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="appraisal_scheme_once"),
        )
        verbose_name = "考核评分办法"
        verbose_name_plural = "考核评分办法"

    def scheme(self) -> CoreScheme:
        return CoreScheme.from_json(self.rules)


class SchemeChange(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField("时间")
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ("-at", "-id")
