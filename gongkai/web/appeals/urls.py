from django.urls import path

from gongkai.web.appeals import views

app_name = "appeals"

urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/", views.appeal_form, name="new"),
    path("<int:pk>/edit/", views.appeal_form, name="edit"),
    path("import/", views.appeal_import, name="import"),
    path("import/template.csv", views.import_template, name="import_template"),
]
