from django.urls import path

from gongkai.web.ledger import public_views as public

app_name = "ledger_public"

urlpatterns = [
    path("agencies/", public.agencies, name="agencies"),
    path("agencies/<str:code>/", public.agency_page, name="agency"),
    path("guide/<str:code>/", public.guide, name="guide"),
    path("catalog/", public.agencies, {"target": "catalog"}, name="catalog_agencies"),
    path("catalog/<str:code>/", public.public_catalog, name="catalog"),
    path("published/", public.agencies, {"target": "published"}, name="published_agencies"),
    path("published/<str:code>/", public.published, name="published"),
    path("published/<str:code>/feed.json", public.feed, name="feed"),
    path("published/<str:code>/<int:pk>/", public.item, name="item"),
    path(
        "published/<str:code>/<int:pk>/files/<int:file_pk>/",
        public.item_file,
        name="item_file",
    ),
    path("annual-reports/", public.agencies, {"target": "reports"}, name="reports_agencies"),
    path("annual-reports/<str:code>/", public.annual_reports, name="reports"),
    path(
        "annual-reports/<str:code>/<int:year>.<str:fmt>",
        public.annual_report_file,
        name="report_file",
    ),
]
