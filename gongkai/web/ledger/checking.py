"""The check before publishing, seen from the ledger.

The checker owns the check (`gongkai.check.check_text`) and the stored accept/fix
decisions (`gongkai.web.review`). The ledger only asks two things: the findings on an
item's text, and whether an error is still open (an open error blocks publishing).
Until the review app is installed, every error-severity finding counts as open.
"""

from __future__ import annotations

from typing import Any

from gongkai.findings import Finding


def _check_text(text: str) -> list[Finding]:
    try:
        from gongkai.check import check_text
    except ImportError:
        return []
    return list(check_text(text, None))


def findings_for(item: Any) -> list[Finding]:
    return _check_text(item.review_text())


def open_errors(item: Any) -> list[Finding]:
    """The errors that still block publishing `item`."""
    return [f for f in findings_for(item) if f.severity == "error"]


def review_panel(request: Any, item: Any) -> str | None:
    """The checker's inline findings with accept/fix decisions, when its app is installed."""
    return None
