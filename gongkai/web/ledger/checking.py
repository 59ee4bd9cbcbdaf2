"""The check before publishing, seen from the ledger.

The checker owns the check (`gongkai.check.check_text`) and the stored accept/fix
decisions (`gongkai.web.review`). The ledger asks two things: the findings on an item's
text (title, 文号 and body, as one text), and whether an error is still open — an open
error blocks publishing. With the review app installed, an error a reviewer accepted
("确认无误，予以保留") no longer blocks; without it, every error blocks.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from gongkai.findings import Finding

FIELD = "review_text"  # the item's checked text, `Item.review_text()`


def _review_installed() -> bool:
    return apps.is_installed("gongkai.web.review")


def register_with_review() -> None:
    from gongkai.web.ledger import rules
    from gongkai.web.ledger.models import Item
    from gongkai.web.review.registry import register

    register(
        Item,
        fields=(FIELD,),
        may_decide=lambda user, item: rules.may_review(user, item),
        text=lambda item, field: item.review_text(),
    )


def findings_for(item: Any) -> list[Finding]:
    from gongkai.check import check_text

    return list(check_text(item.review_text()))


def open_errors(item: Any) -> list[Finding]:
    """The errors that still block publishing `item`."""
    if _review_installed():
        from gongkai.web.review.services import open_errors as reviewed_open_errors

        return reviewed_open_errors(item, FIELD, item.review_text())
    return [f for f in findings_for(item) if f.severity == "error"]


def review_panel(request: Any, item: Any) -> str | None:
    """The checker's findings highlighted in the text, with the decision forms."""
    if not _review_installed():
        return None
    from gongkai.web.review.services import render_review

    return render_review(request, item, FIELD, item.review_text())
