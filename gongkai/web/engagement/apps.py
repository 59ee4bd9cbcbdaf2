from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "gongkai.web.engagement"
    label = "engagement"
    verbose_name = "政民互动与政策解读"
