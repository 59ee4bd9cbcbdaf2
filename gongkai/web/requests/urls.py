from django.urls import path

from gongkai.web.requests import administration_views, views

app_name = "requests"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("export.<str:fmt>", views.export, name="export"),
    path("templates/", administration_views.templates, name="templates"),
    path("holidays/", administration_views.holidays, name="holidays"),
    path("agency/", administration_views.agency_settings, name="agency_settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("<int:pk>/receipt/", views.receipt_view, name="receipt"),
    path("<int:pk>/letters/<int:letter_pk>/", views.letter, name="letter"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]
