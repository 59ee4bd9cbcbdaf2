from django.urls import path

from gongkai.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.applied, name="applied"),
    path("track/", views.track, name="track"),
    path("track/<int:pk>/", views.status, name="status"),
    path("track/<int:pk>/correct/", views.correct, name="correct"),
    path("track/<int:pk>/letters/<int:letter_pk>/", views.letter, name="letter"),
    path("track/<int:pk>/records/<int:attachment_pk>/", views.record, name="record"),
]
