"""What the reader hands to the auditor: the report, what reading found, and the evidence.

The reader (gongkai.report.read) produces a `Reading` from any document; the
auditor (gongkai.report.audit) adds its own findings to it. Framework-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.findings import Finding
from gongkai.report.model import Report


class UnreadableDocument(Exception):
    """A file that cannot be read at all (missing, not a report format, corrupt).

    Its message is Chinese and meant for the user; the CLI exits with status 2.
    """


@dataclass
class YearEvidence:
    """Where the document states its year; the auditor's `year.conflict` compares them."""

    title: int | None = None  # "2021 年政府信息公开工作年度报告"
    period: int | None = None  # "本报告统计数据从 2021 年 1 月 1 日至 12 月 31 日"
    body: list[int] = field(default_factory=list)  # e.g. "2023年，我委…" opening the overview


@dataclass
class Reading:
    """One document read into the report model."""

    source: str  # path or name
    report: Report
    findings: list[Finding] = field(
        default_factory=list
    )  # cell.missing, cell.inferred, label.nonstandard …
    text: str = ""  # the document's plain text (prose and tables), for narrative checks
    years: YearEvidence = field(default_factory=YearEvidence)
    sections_found: list[str] = field(default_factory=list)  # section keys in document order
    cells_read: int = 0  # table cells read from the document (not inferred)
    size_bytes: int = 0
