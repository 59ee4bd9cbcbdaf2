from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "gongkai.web.appraisal"
    label = "appraisal"
    verbose_name = "年度考核"
