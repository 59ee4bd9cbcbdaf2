from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.web.accounts"
    label = "accounts"
    verbose_name = "机关与用户"

    def ready(self) -> None:
        from gongkai.web.accounts import security  # noqa: F401  (connects the login log)
