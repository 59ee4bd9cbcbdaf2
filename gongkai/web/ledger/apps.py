from django.apps import AppConfig, apps


class LedgerConfig(AppConfig):
    name = "gongkai.web.ledger"
    label = "ledger"
    verbose_name = "主动公开台账"

    def ready(self) -> None:
        # The checker's review app shows findings inline with accept/fix decisions; the
        # ledger registers its items there when that app is installed.
        if apps.is_installed("gongkai.web.review"):
            from gongkai.web.ledger.checking import register_with_review

            register_with_review()
