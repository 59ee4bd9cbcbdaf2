from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "gongkai.web.ledger"
    label = "ledger"
    verbose_name = "主动公开台账"
