from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.web.portal"
    label = "portal"
    verbose_name = "公众门户"

    def ready(self) -> None:
        from gongkai.web import wording

        wording.install()  # Chinese label suffix and empty choice in every form
