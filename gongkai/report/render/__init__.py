"""The annual report rendered in the official layout.

`to_markdown(report)` and `to_html(report)` (text, auditor), `to_docx(report)` and
`to_pdf(report)` (bytes, builder). All four draw the tables from the same grids
(`gongkai.report.render.grid`). DOCX and PDF load their libraries on first use.
"""

from __future__ import annotations

from typing import Any

from gongkai.report.render.html import to_html
from gongkai.report.render.markdown import to_markdown

__all__ = ["to_docx", "to_html", "to_markdown", "to_pdf"]


def __getattr__(name: str) -> Any:
    if name == "to_docx":
        from gongkai.report.render.docx import to_docx

        return to_docx
    if name == "to_pdf":
        from gongkai.report.render.pdf import to_pdf

        return to_pdf
    raise AttributeError(name)
