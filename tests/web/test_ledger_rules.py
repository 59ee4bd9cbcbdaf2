"""Who may take which step of 先审后发, read as a table: every (person, state, action)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gongkai.web.ledger import rules
from gongkai.web.ledger.models import Item, ItemEvent
from gongkai.web.ledger.workflow import TRANSITIONS, allowed_actions, transition_for

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 3, 1, tzinfo=UTC)


def item_in(agency, state, submitted_by=None):
    item = Item.objects.create(agency=agency, title="通知", state=state, created_at=NOW)
    if submitted_by is not None:
        ItemEvent.objects.create(
            item=item,
            action="check",
            from_state="drafted",
            to_state="checked",
            actor=submitted_by,
            at=NOW,
            on=NOW.date(),
        )
    return item


def test_the_transition_table_allows_only_the_review_path():
    assert [t.action for t in allowed_actions("drafted")] == ["check"]
    assert [t.action for t in allowed_actions("checked")] == ["approve", "reject"]
    assert [t.action for t in allowed_actions("approved")] == ["reject", "publish"]
    assert [t.action for t in allowed_actions("published")] == ["correct", "withdraw"]
    assert allowed_actions("withdrawn") == []
    assert transition_for("drafted", "publish") is None
    assert transition_for("checked", "publish") is None
    assert {t.action for t in TRANSITIONS.values() if t.needs_note} == {
        "reject",
        "correct",
        "withdraw",
    }


def test_each_person_may_take_exactly_these_steps(agency_a, alice, bob, hank, charlie, dora):
    def steps(user, state, submitted_by=None):
        return [t.action for t in rules.actions_for(user, item_in(agency_a, state, submitted_by))]

    assert steps(alice, "drafted") == ["check"]
    assert steps(alice, "checked", alice) == []
    assert steps(bob, "checked", alice) == ["approve", "reject"]
    assert steps(bob, "checked", bob) == ["reject"]  # not his own submission
    assert steps(hank, "checked", bob) == ["approve", "reject"]
    assert steps(hank, "approved") == ["reject", "publish"]
    assert steps(alice, "approved") == []
    assert steps(bob, "published") == ["correct", "withdraw"]
    assert steps(alice, "published") == []
    for state in ("drafted", "checked", "approved", "published"):
        assert steps(charlie, state) == []  # another agency
        assert steps(dora, state) == []  # supervisors only read


def test_who_may_edit_an_item_depends_on_its_state(agency_a, alice, bob, dora):
    assert rules.may_edit_item(alice, item_in(agency_a, "drafted"))
    assert not rules.may_edit_item(alice, item_in(agency_a, "checked"))
    assert not rules.may_edit_item(bob, item_in(agency_a, "approved"))
    assert rules.may_edit_item(bob, item_in(agency_a, "published"))  # a correction
    assert not rules.may_edit_item(alice, item_in(agency_a, "published"))
    assert not rules.may_edit_item(dora, item_in(agency_a, "drafted"))
    assert rules.may_view_agency(dora, agency_a.id)
    assert not rules.may_keep_ledger(dora, agency_a.id)
