from django.apps import AppConfig, apps


class RequestsConfig(AppConfig):
    name = "gongkai.web.requests"
    label = "requests"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # Letters are checked before they are sent: their findings are decided in the
        # checker's review app when it is installed.
        if apps.is_installed("gongkai.web.review"):
            from gongkai.web.requests.checking import register_with_review

            register_with_review()
