"""The check before publishing on the report's prose, through the checker's review app.

Sections 一, 五 and 六 (the text the office writes) are registered with
`gongkai.web.review` when it is installed: its findings are shown inline on the report
page with accept/fix decisions, and an error nobody accepted or fixed blocks publishing,
as for any other text that goes out. Without the review app the plain check is shown.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from gongkai.findings import Finding

FIELDS = ("overview", "problems", "other")


def review_installed() -> bool:
    return apps.is_installed("gongkai.web.review")


def section_text(ar: Any, field: str) -> str:
    return str(((ar.data or {}).get("text") or {}).get(field) or "")


def options_for(ar: Any) -> Any:
    from gongkai.check import CheckOptions

    return CheckOptions(year=ar.year)


def register_with_review() -> None:
    from gongkai.web.annual_reports import access
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.review.registry import register

    register(
        AnnualReport,
        fields=FIELDS,
        may_decide=lambda user, ar: access.may_publish(user, ar.agency),
        text=section_text,
        options=options_for,
    )


def open_errors(ar: Any) -> list[Finding]:
    """Errors of the check that still block publishing (none accepted or fixed)."""
    found: list[Finding] = []
    if review_installed():
        from gongkai.web.review.services import open_errors as reviewed_open_errors

        for field in FIELDS:
            text = section_text(ar, field)
            if text:
                found += reviewed_open_errors(ar, field, text, options_for(ar))
        return found
    from gongkai.check import check_text

    for field in FIELDS:
        text = section_text(ar, field)
        found += [f for f in check_text(text, options_for(ar)) if f.severity == "error"]
    return found


def panels(request: Any, ar: Any) -> dict[str, str]:
    """Per section with findings, the review app's findings highlighted in the text (HTML)."""
    if not review_installed():
        return {}
    from gongkai.web.review.services import render_review, reviewed_findings

    out = {}
    for field in FIELDS:
        text = section_text(ar, field)
        if text and reviewed_findings(ar, field, text, options_for(ar)):
            out[field] = render_review(request, ar, field, text, options_for(ar))
    return out
