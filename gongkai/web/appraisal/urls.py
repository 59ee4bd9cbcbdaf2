from django.urls import path

from gongkai.web.appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("department/<str:code>/", views.department, name="department"),
    path("scheme/", views.scheme, name="scheme"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("print/", views.print_page, name="print"),
]
