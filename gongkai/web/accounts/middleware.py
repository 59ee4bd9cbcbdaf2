from __future__ import annotations

from django.core.exceptions import PermissionDenied


class AdminOnlyForAdministrators:
    """Django admin is for the system administrators (superusers) only.

    Agency staff, agency administrators included, work on the desk's own pages, which
    check the agency; the admin site does not, so it stays closed to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.is_superuser
        ):
            raise PermissionDenied
        return self.get_response(request)
