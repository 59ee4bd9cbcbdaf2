"""`{% my_work as work %}` for the navigation: how much waits for the signed-in user."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def my_work(context) -> dict:
    """The counts of "my work" (one query); the page of "my work" hands over its own."""
    from gongkai.web.requests.desk_acts import work_counts

    if "work_counts" in context:
        return context["work_counts"]
    user = context.get("user")
    if user is None or not getattr(user, "agency_id", None):
        return {"total": 0}
    return work_counts(user)
