"""Problems are data: every check in gongkai returns findings, never raises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_LABELS: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    """One problem found in a document.

    `where` names the place in report terms (e.g. "requests.granted.total",
    "text.overview"); `start`/`end` are character offsets for text checks.
    `message` is Chinese, for the user; `code` is stable, for machines.
    """

    code: str
    severity: Severity
    message: str
    where: str = ""
    start: int | None = None
    end: int | None = None
    text: str | None = None
    suggestion: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def to_json(self) -> dict[str, Any]:
        """The auditor's shape: code, severity, where, message."""
        return {
            "code": self.code,
            "severity": self.severity,
            "where": self.where,
            "message": self.message,
        }

    def to_text_json(self) -> dict[str, Any]:
        """The checker's shape: positions in the text and a suggested correction."""
        return {
            "code": self.code,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def has_error(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
