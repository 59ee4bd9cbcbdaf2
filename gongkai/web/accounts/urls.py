from django.urls import path

from gongkai.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/toggle/", views.toggle_active, name="toggle"),
    path("users/<int:pk>/unlock/", views.unlock, name="unlock"),
]
