"""View helpers shared by every app: who may open a staff page at all.

Which agency's records a user may see or change is decided by `accounts/rules.py`; these
decorators only keep out those who have no business on a staff page.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from gongkai.web.accounts import rules


def staff_required(view):
    """Logged in (else to the login page) and a member of an agency's staff (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rules.is_staff_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
