"""Agencies in a tree, staff users with roles, and the login log.

Other apps rely on `Agency(id, name, code, parent, kind)`: never rename these fields.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

AGENCY_KINDS = [("government", "人民政府"), ("department", "政府部门")]

ROLE_FIELDS = {
    "is_handler": "经办人",
    "is_reviewer": "审核人",
    "is_head": "负责人",
    "is_agency_admin": "机关管理员",
    "is_supervisor": "政务公开办（监督）",
}


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=200, unique=True)
    code = models.CharField("机关代码", max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级机关",
    )
    kind = models.CharField("机关类型", max_length=20, choices=AGENCY_KINDS, default="department")
    # e.g. "平卫依申〔{year}〕{seq}号"; {year} and {seq} are filled in per request.
    tracking_format = models.CharField(
        "申请编号格式", max_length=100, default="依申〔{year}〕{seq}号"
    )

    class Meta:
        ordering = ("id",)
        verbose_name = "机关"
        verbose_name_plural = "机关"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if "{seq}" not in self.tracking_format:
            raise ValidationError(
                {
                    "tracking_format": "申请编号格式须包含 {seq}（序号），例如 平卫依申〔{year}〕{seq}号"
                }
            )
        try:
            self.tracking_format.format(year=2024, seq=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"tracking_format": "申请编号格式只能使用 {year}（年度）和 {seq}（序号）两个占位符"}
            ) from None

    def descendant_ids(self) -> set[int]:
        """This agency and every agency below it (the tree is small: a county)."""
        ids = {self.id}
        frontier = [self.id]
        while frontier:
            below = list(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
            frontier = [i for i in below if i not in ids]
            ids.update(frontier)
        return ids


class User(AbstractUser):
    """A staff user: one agency, any combination of roles."""

    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="所属机关",
    )
    full_name = models.CharField("姓名", max_length=100, blank=True)
    is_handler = models.BooleanField("经办人", default=False)
    is_reviewer = models.BooleanField("审核人", default=False)
    is_head = models.BooleanField("负责人", default=False)
    is_agency_admin = models.BooleanField("机关管理员", default=False)
    is_supervisor = models.BooleanField("政务公开办（监督）", default=False)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    def role_labels(self) -> list[str]:
        return [label for field, label in ROLE_FIELDS.items() if getattr(self, field)]


class LoginAttempt(models.Model):
    """Every login and every failure (等保: 登录日志)."""

    username = models.CharField("用户名", max_length=150, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT)
    at = models.DateTimeField("时间", db_index=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    success = models.BooleanField("是否成功")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ("-at",)
        verbose_name = "登录记录"
        verbose_name_plural = "登录记录"
