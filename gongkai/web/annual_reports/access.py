"""Who may see, edit and publish an agency's annual report (built on accounts.rules).

Staff see their own agency's reports; a supervisor (政务公开办) also sees every agency
below theirs, read-only, and builds their own government's report. Anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from gongkai.web.accounts import rules


def may_view(user: Any, agency: Any) -> bool:
    return agency.id in rules.visible_agency_ids(user)


def may_edit(user: Any, agency: Any) -> bool:
    return rules.is_member(user, agency.id) and bool(
        user.is_handler or user.is_reviewer or user.is_head or user.is_supervisor
    )


def may_publish(user: Any, agency: Any) -> bool:
    """The reviewer or the head signs off; the GID office publishes its government's."""
    return rules.is_member(user, agency.id) and bool(
        user.is_reviewer or user.is_head or user.is_supervisor
    )


def may_supervise(user: Any) -> bool:
    return rules.is_staff_user(user) and bool(user.is_supervisor)
