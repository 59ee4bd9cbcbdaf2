from django.urls import path

from gongkai.web.annual_reports import views

app_name = "annual_reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("import/", views.import_previous, name="import"),
    path("overview/<int:year>/", views.overview, name="overview"),
    path("<str:code>/<int:year>/", views.detail, name="detail"),
    path("<str:code>/<int:year>/build/", views.build, name="build"),
    path("<str:code>/<int:year>/edit/", views.edit, name="edit"),
    path("<str:code>/<int:year>/publish/", views.publish, name="publish"),
    path("<str:code>/<int:year>/download.<str:fmt>", views.download, name="download"),
]
