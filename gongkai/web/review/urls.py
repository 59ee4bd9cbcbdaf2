from django.urls import path

from gongkai.web.review import views

app_name = "review"
urlpatterns = [
    path("decide/", views.decide, name="decide"),
]
