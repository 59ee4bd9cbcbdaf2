from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.web.review"
    label = "review"
    verbose_name = "发布前检查"
    default_auto_field = "django.db.models.BigAutoField"
