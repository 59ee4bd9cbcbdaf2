from django.apps import AppConfig, apps


class AnnualReportsConfig(AppConfig):
    name = "gongkai.web.annual_reports"
    label = "annual_reports"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        # The checker's review app shows its findings inline on the report's prose.
        if apps.is_installed("gongkai.web.review"):
            from gongkai.web.annual_reports.checking import register_with_review

            register_with_review()
