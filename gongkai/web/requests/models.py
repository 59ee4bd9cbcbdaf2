"""Disclosure requests, their event rows, letters, attachments and the access log.

Other apps rely on `Request(agency, applicant_type, received_on, closed_on, disposition,
state, fee_yuan)`: never rename these fields.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.report.model import APPLICANT_COLUMNS, COLUMN_LABELS, REQUEST_ROWS, disposition_keys

CHANNELS = [
    ("in_person", "当面提交"),
    ("post", "邮寄（需签收）"),
    ("ordinary_letter", "平常信函"),
    ("online", "网络"),
    ("fax", "传真"),
    ("email", "电子邮件"),
]

APPLICANT_TYPES = [
    (key, COLUMN_LABELS[key] if key != "other_org" else "其他组织") for key in APPLICANT_COLUMNS
]

_ROW_LABELS = {row.key: (row.group + row.label) for row in REQUEST_ROWS["2021"]}
DISPOSITIONS = [(key, _ROW_LABELS[key]) for key in disposition_keys("2021")]

ID_TYPES = [
    ("resident_id", "居民身份证"),
    ("passport", "护照"),
    ("hk_macao", "港澳居民来往内地通行证"),
    ("taiwan", "台湾居民来往大陆通行证"),
    ("other", "其他有效身份证件"),
]

DELIVERY_FORMS = [
    ("paper", "纸质文本"),
    ("electronic", "电子文件"),
    ("onsite", "当场阅读、抄录"),
]

DELIVERY_METHODS = [
    ("post", "邮寄"),
    ("email", "电子邮件"),
    ("pick_up", "自行领取"),
    ("fax", "传真"),
]


class Request(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="requests", verbose_name="机关"
    )
    year = models.PositiveIntegerField("编号年度")
    seq = models.PositiveIntegerField("年度序号")
    tracking_number = models.CharField("申请编号", max_length=100)
    query_code_hash = models.CharField(max_length=64, blank=True)
    channel = models.CharField("申请渠道", max_length=20, choices=CHANNELS)
    applicant_type = models.CharField("申请人类型", max_length=30, choices=APPLICANT_TYPES)
    applicant_name = models.CharField("申请人姓名/名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=20, choices=ID_TYPES, blank=True)
    id_number = models.CharField("证件号码", max_length=50, blank=True, db_index=True)
    phone = models.CharField("联系电话", max_length=30, blank=True, db_index=True)
    address = models.CharField("通讯地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    organisation = models.CharField("法人或其他组织名称", max_length=200, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = models.TextField("用途（选填）", blank=True)
    delivery_form = models.CharField(
        "信息的指定提供形式", max_length=20, choices=DELIVERY_FORMS, default="paper"
    )
    delivery_method = models.CharField(
        "获取信息的方式", max_length=20, choices=DELIVERY_METHODS, default="post"
    )
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请之日", null=True, blank=True, db_index=True)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    clock_paused = models.BooleanField("期限中止", default=False)
    # The due date that passed with the request unanswered: a fact no later act changes
    # (set by `services.recompute`; `lateness.py` counts it).
    missed_due_on = models.DateField("逾期的答复期限", null=True, blank=True, db_index=True)
    state = models.CharField("状态", max_length=30, db_index=True)
    disposition = models.CharField("办理结果", max_length=40, choices=DISPOSITIONS, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    fee_yuan = models.PositiveIntegerField("信息处理费（元）", default=0)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_requests",
        verbose_name="经办人",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = (
            "-year",
            "-seq",
        )
        constraints = (
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="request_seq_unique"),
            # Unique across agencies: /track/ finds a request by its number alone.
            models.UniqueConstraint(fields=["tracking_number"], name="request_tracking_unique"),
        )
        indexes = (models.Index(fields=["agency", "state"]),)
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def due_provisional(self) -> bool:
        """The due date falls in a year without holiday schedule yet (shown as 暂定)."""
        if not self.due_on:
            return False
        from gongkai.web.requests import clockwork

        return clockwork.is_provisional(self.received_on or self.due_on, self.due_on)


class RequestEvent(models.Model):
    """Every change of a request is a row: who, when, from, to, why, documents."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=40)
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30)
    on = models.DateField("日期")  # the legal date of the event (counts for the clock)
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_label = models.CharField("操作人", max_length=100, blank=True)  # e.g. 申请人
    note = models.TextField("说明", blank=True)
    data = models.JSONField("附加数据", default=dict, blank=True)

    class Meta:
        ordering = (
            "on",
            "id",
        )
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"


class Attachment(models.Model):
    """A document received with a request (ID copy, letter, corrected request)."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField("文件名", max_length=200)
    file_type = models.CharField("文件类型", max_length=10)  # pdf, jpg, png, docx
    size = models.PositiveIntegerField("大小（字节）")
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        verbose_name = "附件"
        verbose_name_plural = "附件"


class Letter(models.Model):
    """A generated, numbered letter (reply, notice), stored with the request."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="letters")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField("文书类型", max_length=40)
    number = models.CharField("文书编号", max_length=100)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ("id",)
        verbose_name = "文书"
        verbose_name_plural = "文书"


class LetterTemplate(models.Model):
    """An agency's own DOCX template for one kind of letter (the newest one is used)."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="letter_templates"
    )
    kind = models.CharField("文书类型", max_length=40)
    name = models.CharField("文件名", max_length=200)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ("-id",)
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"


class HolidaySchedule(models.Model):
    """A State Council holiday schedule for one year, uploaded by an administrator."""

    year = models.PositiveIntegerField("年度")
    name = models.CharField("文件名", max_length=200)
    text = models.TextField("内容")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ("-id",)
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"


class PersonalDataAccess(models.Model):
    """Opening an applicant's full personal data is logged: who, when, which request."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="access_log")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=100, default="view")

    class Meta:
        ordering = ("-at",)
        verbose_name = "个人信息查看记录"
        verbose_name_plural = "个人信息查看记录"
