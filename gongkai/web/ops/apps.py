from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "gongkai.web.ops"
    label = "ops"
    verbose_name = "运行维护"

    def ready(self) -> None:
        from gongkai.web.ops import signals  # noqa: F401  (connects the receivers)
