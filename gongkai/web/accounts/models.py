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
    # e.g. "平卫依申〔{year}〕{seq}号"; {year} and {seq} are filled in per request. Empty:
    # the agency's full name is the prefix ("平罗县卫生健康局依申〔2026〕1号"). Tracking
    # numbers are unique across agencies, so each format starts with the agency's own prefix.
    tracking_format = models.CharField("申请编号格式", max_length=100, blank=True, default="")
    # What the letters say, set once by the agency's administrator.
    payment_instructions = models.TextField(
        "信息处理费缴纳方式",
        blank=True,
        help_text="写入收费通知书，如：转账至……账户（开户行……，账号……），注明申请编号",
    )
    review_agency = models.CharField(
        "行政复议机关", max_length=200, blank=True, help_text="写入答复书的救济途径"
    )
    court = models.CharField(
        "管辖的人民法院", max_length=200, blank=True, help_text="写入答复书的救济途径"
    )
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "机关"
        verbose_name_plural = "机关"
        constraints = (
            models.UniqueConstraint(
                fields=["tracking_format"],
                condition=~models.Q(tracking_format=""),
                name="agency_tracking_format_unique",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def numbering(self) -> str:
        """The format actually used: the agency's own, or its name + 依申〔{year}〕{seq}号."""
        return self.tracking_format or f"{self.name}依申〔{{year}}〕{{seq}}号"

    @property
    def contact(self) -> str:
        return " ".join(x for x in (self.contact_person, self.contact_phone) if x)

    @property
    def office_phones(self) -> tuple[str, ...]:
        """The agency's own phone, printed in its letters: not an applicant's personal data
        for the letter check (`requests.checking.agency_contacts`)."""
        return (self.contact_phone,) if self.contact_phone else ()

    def save(self, *args, **kwargs) -> None:
        self.check_tracking_format()  # every path: admin, forms, demo loader, CLI
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.check_tracking_format()

    def check_tracking_format(self) -> None:
        from django.core.exceptions import ValidationError

        fmt = self.tracking_format
        if not fmt:
            return
        if "{seq}" not in fmt:
            raise ValidationError(
                {
                    "tracking_format": "申请编号格式须包含 {seq}（序号），例如 平卫依申〔{year}〕{seq}号"
                }
            )
        try:
            fmt.format(year=2024, seq=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"tracking_format": "申请编号格式只能使用 {year}（年度）和 {seq}（序号）两个占位符"}
            ) from None
        prefix = fmt.split("{")[0]
        own = prefix.replace("依申请", "").replace("依申", "")
        if not own.strip(" 〔〕[]()（）-—_·"):
            raise ValidationError(
                {
                    "tracking_format": "申请编号格式须以本机关的简称开头（申请编号在各机关之间"
                    "不能重复），例如 平卫依申〔{year}〕{seq}号"
                }
            )
        clash = Agency.objects.filter(tracking_format=fmt).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError(
                {"tracking_format": f"申请编号格式与{clash.name}相同，请使用本机关的简称"}
            )

    def descendant_ids(self) -> set[int]:
        """This agency and every agency below it (the tree is small: a county)."""
        # One query for the whole tree, walked here (was one query per level).
        children: dict[int | None, list[int]] = {}
        for pk, parent in Agency.objects.values_list("id", "parent_id"):
            children.setdefault(parent, []).append(pk)
        ids = {self.id}
        frontier = [self.id]
        while frontier:
            below = [i for p in frontier for i in children.get(p, ())]
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
