from django.urls import path

from gongkai.web.ledger import public

app_name = "ledger_public"

urlpatterns = [
    path("catalog/<str:code>/", public.public_catalog, name="catalog"),
    path("published/<str:code>/", public.published, name="published"),
    path("published/<str:code>/feed.json", public.feed, name="feed"),
]
