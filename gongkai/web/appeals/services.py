"""What an appeal's decision does to its request.

A 结果纠正 decision that orders a new reply within a period (`Appeal.redo_days`, working
days from the decision) reopens the request with that due date (`requests.services.reopen`).
Called on every path that records a decision: the appeal form and the import.
"""

from __future__ import annotations

from datetime import date


def apply_decision(appeal, today: date, by=None) -> bool:
    """Reopen the appeal's request when the decision corrects it; True when it did."""
    if not (
        appeal.result == "corrected"
        and appeal.redo_days
        and appeal.request_id
        and appeal.decided_on
    ):
        return False
    from gongkai.web.requests import services

    services.reopen(
        appeal.request,
        appeal.decided_on,
        appeal.redo_days,
        today=today,
        by=by,
        note=(
            f"{appeal.get_kind_display()}{appeal.case_number}结果纠正，"
            f"责令自{appeal.decided_on.isoformat()}起{appeal.redo_days}个工作日内重新答复"
        ),
    )
    return True
