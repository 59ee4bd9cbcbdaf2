"""An agency's annual report for one year, and the files published with it.

The report itself is stored as the public JSON form (`gongkai/annual-report@1`): the
tables built from the records (or read from last year's published file), and the text
the office edits. A report is `draft` until published, and is published only after its
year has ended (第四十九条). An imported report was published elsewhere: it is stored as
published (on the date it carries) only when it passes the same audit as a built one,
else as a draft; it serves as last year's figures and text.
"""

from __future__ import annotations

from django.db import models

from gongkai.report.model import Report

STATES = [("draft", "草稿"), ("published", "已发布")]
SOURCES = [("built", "本系统生成"), ("imported", "导入已发布的报告")]
FORMATS = [
    ("docx", "Word（DOCX）"),
    ("pdf", "PDF"),
    ("html", "网页（HTML）"),
    ("md", "Markdown"),
    ("json", "数据（JSON）"),
]


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状态", max_length=20, choices=STATES, default="draft")
    source = models.CharField("来源", max_length=20, choices=SOURCES, default="built")
    data = models.JSONField("报告数据", default=dict)
    # A government's report may add its departments' tables (汇总): their agency ids.
    departments = models.JSONField("汇总的部门", default=list, blank=True)
    built_on = models.DateField("表格生成日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    due_on = models.DateField("法定发布期限", null=True, blank=True)
    source_name = models.CharField("导入文件名", max_length=255, blank=True)
    # The text the builder drafted from this year's figures, per section: the copy check
    # does not count it as repeating last year's report.
    drafted = models.JSONField("系统起草的文字", default=dict, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ("-year", "agency_id")
        constraints = (
            models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique"),
        )
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告"

    @property
    def report(self) -> Report:
        return Report.from_json(self.data)

    @property
    def on_time(self) -> bool | None:
        if self.published_on is None or self.due_on is None:
            return None
        return self.published_on <= self.due_on


class PublishedFile(models.Model):
    """One export of a published report, stored as it was published."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField("格式", max_length=10, choices=FORMATS)
    name = models.CharField("文件名", max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=["report", "fmt"], name="published_file_unique"),
        )
        verbose_name = "已发布文件"
        verbose_name_plural = "已发布文件"
