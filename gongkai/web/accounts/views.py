from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.web.accounts import security
from gongkai.web.accounts.forms import LoginForm, NewUserForm
from gongkai.web.accounts.models import User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # A user without an agency (e.g. a superuser who only runs the system) has no
        # desk: /desk/ would answer 403, so send them where they may go.
        user = self.request.user
        if user.is_authenticated and not user.agency_id:
            return "/admin/" if user.is_superuser else "/"
        return super().get_default_redirect_url()


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password.html"
    success_url = "/desk/"

    def form_valid(self, form):
        messages.success(self.request, "密码已修改。")
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    next_page = "/accounts/login/"


def _admin_only(request):
    from gongkai.web.accounts import rules

    if not request.user.is_authenticated:
        return False
    if not rules.may_administer(request.user):
        raise PermissionDenied
    return True


@login_required
def users(request):
    """The agency administrator's list of colleagues, and a form to add one."""
    _admin_only(request)
    agency = request.user.agency
    form = NewUserForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, f"已添加用户 {user.username}。")
        return redirect("accounts:users")
    rows = list(User.objects.filter(agency=agency).order_by("username"))
    locked = security.locked_usernames(u.username for u in rows)
    for row in rows:
        row.locked = row.username in locked
    return render(request, "accounts/users.html", {"form": form, "rows": rows})


@login_required
@require_POST
def toggle_active(request, pk):
    """Deactivate or reactivate a colleague (users are never deleted)."""
    _admin_only(request)
    user = User.objects.filter(agency=request.user.agency, pk=pk).first()
    if user is None:
        raise Http404
    if user.pk == request.user.pk:
        messages.error(request, "不能停用自己的账户。")
    else:
        user.is_active = not user.is_active
        user.save(update_fields=["is_active"])
        messages.success(request, f"已{'启用' if user.is_active else '停用'}用户 {user.username}。")
    return redirect("accounts:users")


@login_required
@require_POST
def unlock(request, pk):
    """Lift a colleague's login lock (every address): the administrator has checked with
    them that the failures were theirs, or that the account is safe."""
    _admin_only(request)
    user = User.objects.filter(agency=request.user.agency, pk=pk).first()
    if user is None:
        raise Http404
    security.unlock(user.username)
    messages.success(request, f"已解除用户 {user.username} 的登录锁定。")
    return redirect("accounts:users")
