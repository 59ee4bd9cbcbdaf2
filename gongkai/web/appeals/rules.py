"""Who may do what in the appeals register (行政复议、行政诉讼), built on accounts.rules.

A user sees their own agency's cases; a supervisor also those of the agencies below theirs,
read-only. The agency's own working staff (handlers, reviewers, heads) record, change and
import cases.
"""

from __future__ import annotations

from typing import Any

from gongkai.web.accounts.rules import may_work_in, visible_agency_ids


def may_view_agency(user: Any, agency_id: int) -> bool:
    return agency_id in visible_agency_ids(user)


def may_keep_register(user: Any, agency_id: int) -> bool:
    """Record, change and import the agency's cases: its own working staff."""
    return may_work_in(user, agency_id)
