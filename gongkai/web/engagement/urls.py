from django.urls import path

from gongkai.web.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.message_list, name="messages"),
    path("new/", views.message_form, name="message_new"),
    path("<int:pk>/edit/", views.message_form, name="message_edit"),
    path("import/", views.message_import, name="import"),
    path("import/template.csv", views.import_template, name="import_template"),
    path("import/<int:pk>/bad-rows.csv", views.import_bad_rows, name="import_bad_rows"),
    path("interpretations/", views.interpretation_list, name="interpretations"),
    path("interpretations/new/", views.interpretation_form, name="interpretation_new"),
    path("interpretations/<int:pk>/edit/", views.interpretation_form, name="interpretation_edit"),
    path("interpretations/import/", views.interpretation_import, name="interpretation_import"),
    path(
        "interpretations/import/template.csv",
        views.interpretation_template,
        name="interpretation_template",
    ),
    path("activities/", views.activity_list, name="activities"),
    path("activities/new/", views.activity_form, name="activity_new"),
    path("activities/<int:pk>/edit/", views.activity_form, name="activity_edit"),
    path("activities/import/", views.activity_import, name="activity_import"),
    path("activities/import/template.csv", views.activity_template, name="activity_template"),
]
