"""Who may do what in the ledger, built from named checks (the appeals register: appeals/rules.py).

Agency membership and visibility come from the desk's `accounts.rules`: a user sees their
own agency, a supervisor also the agencies below theirs, read-only. An object of an agency
the user may not see is a 404 (views look objects up within `visible_agency_ids`).
"""

from __future__ import annotations

from typing import Any

from gongkai.web.accounts.rules import is_member, may_work_in, visible_agency_ids
from gongkai.web.ledger.workflow import Transition, allowed_actions

__all__ = ["visible_agency_ids"]


def may_view_agency(user: Any, agency_id: int) -> bool:
    return agency_id in visible_agency_ids(user)


def may_keep_ledger(user: Any, agency_id: int) -> bool:
    """Enter items, catalog, registers, figures (and engagement records): the agency's own working staff."""
    return may_work_in(user, agency_id)


def is_handler_or_reviewer(user: Any, agency_id: int) -> bool:
    return is_member(user, agency_id) and (user.is_handler or user.is_reviewer)


def may_draft(user: Any, agency_id: int) -> bool:
    """Start a new item: handlers and reviewers (a head signs off, does not draft)."""
    return is_handler_or_reviewer(user, agency_id)


def is_reviewer_or_head(user: Any, agency_id: int) -> bool:
    return is_member(user, agency_id) and (user.is_reviewer or user.is_head)


def submitted_by(item: Any) -> int | None:
    """Who sent the item for review last (the actor of the latest check event)."""
    event = item.events.filter(action="check").order_by("-at", "-id").first()
    return event.actor_id if event else None


def is_not_own_submission(user: Any, item: Any) -> bool:
    """先审后发: the reviewer who signs off is not the one who submitted the text."""
    return submitted_by(item) != user.id


def may_handle(user: Any, item: Any) -> bool:
    return is_handler_or_reviewer(user, item.agency_id)


def may_review(user: Any, item: Any) -> bool:
    return is_reviewer_or_head(user, item.agency_id)


def may_approve(user: Any, item: Any) -> bool:
    return may_review(user, item) and is_not_own_submission(user, item)


def may_publish(user: Any, item: Any) -> bool:
    return is_reviewer_or_head(user, item.agency_id)


def may_edit_item(user: Any, item: Any) -> bool:
    """Drafts are edited by handlers and reviewers; a published item only through a
    correction (a reviewer), which is counted."""
    if item.state == "drafted":
        return may_handle(user, item)
    if item.state == "published":
        return may_review(user, item)
    return False


PERMISSIONS = {
    "handle": may_handle,
    "review": may_review,
    "publish": may_publish,
}
# approve is the only sign-off with the four-eyes check
ACTION_CHECKS = {"approve": may_approve}


def may_take(user: Any, item: Any, transition: Transition) -> bool:
    if item.state not in transition.sources:
        return False
    check = ACTION_CHECKS.get(transition.action, PERMISSIONS[transition.rule])
    return check(user, item)


def actions_for(user: Any, item: Any) -> list[Transition]:
    return [t for t in allowed_actions(item.state) if may_take(user, item, t)]
