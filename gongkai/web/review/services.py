"""The check before publishing on a stored text: findings with their decisions.

Other apps call `open_errors` before publishing and render `review/findings.html` (or
`render_review`) on their detail pages; see the package docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from gongkai.check import CheckOptions, check_text
from gongkai.findings import SEVERITY_LABELS, Finding
from gongkai.web.review.models import CheckDecision
from gongkai.web.review.registry import registration_for

FindingKey = tuple[str, int, int, str]


def finding_key(finding: Finding) -> FindingKey:
    return (finding.code, finding.start or 0, finding.end or 0, finding.text or "")


@dataclass(frozen=True)
class ReviewedFinding:
    """A finding on the text, its number in the list, and the latest decision on it."""

    number: int
    finding: Finding
    decision: CheckDecision | None
    line: int
    column: int

    @property
    def key(self) -> FindingKey:
        return finding_key(self.finding)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.finding.severity]

    @property
    def accepted(self) -> bool:
        return self.decision is not None and self.decision.decision == "accepted"

    @property
    def blocks_publishing(self) -> bool:
        return self.finding.severity == "error" and not self.accepted


def _reference(obj: Any) -> dict[str, str]:
    meta = obj._meta
    return {"app_label": meta.app_label, "model": meta.model_name, "object_pk": str(obj.pk)}


def _options(obj: Any, options: CheckOptions | None) -> CheckOptions | None:
    if options is not None:
        return options
    registration = registration_for(obj)
    return registration.options(obj) if registration else None


def decisions_for(obj: Any, field: str) -> dict[FindingKey, CheckDecision]:
    """The latest decision on each finding of `obj`'s `field`."""
    latest: dict[FindingKey, CheckDecision] = {}
    for decision in CheckDecision.objects.filter(**_reference(obj), field=field).order_by(
        "at", "id"
    ):
        latest[decision.key] = decision
    return latest


def decisions_for_many(objs: list[Any], field: str) -> dict[str, dict[FindingKey, CheckDecision]]:
    """`decisions_for` of several objects of one model in one query, by `str(obj.pk)`
    (a page that shows the findings of many objects, e.g. a request's letters)."""
    if not objs:
        return {}
    reference = _reference(objs[0])
    latest: dict[str, dict[FindingKey, CheckDecision]] = {str(obj.pk): {} for obj in objs}
    for decision in CheckDecision.objects.filter(
        app_label=reference["app_label"],
        model=reference["model"],
        object_pk__in=list(latest),
        field=field,
    ).order_by("at", "id"):
        latest[decision.object_pk][decision.key] = decision
    return latest


def reviewed_findings(
    obj: Any,
    field: str,
    text: str,
    options: CheckOptions | None = None,
    decisions: dict[FindingKey, CheckDecision] | None = None,
) -> list[ReviewedFinding]:
    """Every finding of the check on `text` with the latest decision on it (`decisions`:
    the object's, when the caller read them already with `decisions_for_many`)."""
    if decisions is None:
        decisions = decisions_for(obj, field)
    reviewed = []
    for number, finding in enumerate(check_text(text, _options(obj, options)), start=1):
        offset = finding.start or 0
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        reviewed.append(
            ReviewedFinding(number, finding, decisions.get(finding_key(finding)), line, column)
        )
    return reviewed


def open_errors(
    obj: Any, field: str, text: str, options: CheckOptions | None = None
) -> list[Finding]:
    """The findings of severity error without an accepted decision: while there is one,
    the text must not be published. ("fixed" is a record of an edit: if the finding is
    still in the text, the edit did not remove it and it stays open.)"""
    return [r.finding for r in reviewed_findings(obj, field, text, options) if r.blocks_publishing]


def decide(
    obj: Any,
    field: str,
    finding: Finding | FindingKey,
    decision: str,
    user: Any,
    at: datetime,
    note: str = "",
) -> CheckDecision:
    """Store a reviewer's decision (a new row; the latest one counts)."""
    if decision not in ("accepted", "fixed"):
        raise ValueError(f"unknown decision {decision!r}")
    code, start, end, text = finding_key(finding) if isinstance(finding, Finding) else finding
    return CheckDecision.objects.create(
        **_reference(obj),
        field=field,
        code=code,
        start=start,
        end=end,
        text=text,
        decision=decision,
        note=note[:500],
        user=user,
        at=at,
    )


def segments(text: str, findings: list[ReviewedFinding]) -> list[dict[str, Any]]:
    """The text cut where highlights begin and end: each piece with the findings over it."""
    cuts = {0, len(text)}
    for r in findings:
        cuts.update((r.finding.start or 0, r.finding.end or 0))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces = []
    for a, b in pairwise(bounds):
        over = [r for r in findings if (r.finding.start or 0) <= a and b <= (r.finding.end or 0)]
        severity = ""
        for level in ("info", "warning", "error"):
            if any(r.finding.severity == level for r in over):
                severity = level
        pieces.append(
            {
                "text": text[a:b],
                "findings": over,
                "severity": severity,
                "first": over[0].number if over else None,
                "titles": "；".join(r.finding.message for r in over),
            }
        )
    return pieces


def review_context(
    request: Any,
    obj: Any,
    field: str,
    text: str,
    options: CheckOptions | None = None,
    next_url: str | None = None,
    decisions: dict[FindingKey, CheckDecision] | None = None,
) -> dict[str, Any]:
    """What `review/findings.html` needs, under the name `review`."""
    reviewed = reviewed_findings(obj, field, text, options, decisions)
    registration = registration_for(obj)
    user = getattr(request, "user", None)
    may_decide = bool(
        registration
        and field in registration.fields
        and user is not None
        and user.is_authenticated
        and registration.may_decide(user, obj)
    )
    return {
        "review": {
            "reference": _reference(obj),
            "field": field,
            "findings": reviewed,
            "segments": segments(text, reviewed),
            "open_errors": sum(r.blocks_publishing for r in reviewed),
            "may_decide": may_decide,
            "next": next_url or (request.get_full_path() if request is not None else ""),
        }
    }


def render_review(
    request: Any,
    obj: Any,
    field: str,
    text: str,
    options: CheckOptions | None = None,
    next_url: str | None = None,
) -> SafeString:
    """`review/findings.html` rendered for `obj`'s `field`: paste it into any page."""
    context = review_context(request, obj, field, text, options, next_url)
    return SafeString(render_to_string("review/findings.html", context, request=request))
