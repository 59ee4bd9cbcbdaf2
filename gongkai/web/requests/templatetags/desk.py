"""`{% my_work as work %}` for the navigation: how much waits for the signed-in user."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def my_work(context) -> dict:
    from gongkai.web.requests.desk_acts import my_work as lists

    user = context.get("user")
    if user is None or not getattr(user, "agency_id", None):
        return {"total": 0}
    counts = {key: qs.count() for key, qs in lists(user).items()}
    return {**counts, "total": sum(counts.values())}
