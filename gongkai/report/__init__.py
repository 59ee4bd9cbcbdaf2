"""The annual report: its model, reader, auditor and renderers; many files at once.

    from gongkai.report import audit_files, read_files, report_files, Summary, write_csv

`gongkai.report.batch` holds what the CLI does with folders (walking, parallel reading,
the summary, the JSON and CSV writers); it is imported on first use, so that importing
`gongkai.report.model` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.report.batch import (
        Audited,
        Summary,
        audit_files,
        read_files,
        report_files,
        write_csv,
    )

__all__ = ["Audited", "Summary", "audit_files", "read_files", "report_files", "write_csv"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from gongkai.report import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'gongkai.report' has no attribute {name!r}")
