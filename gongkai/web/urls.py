from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("gongkai.web.accounts.urls")),
    path("desk/", include("gongkai.web.requests.urls")),
    path("ledger/", include("gongkai.web.ledger.urls")),
    path("appeals/", include("gongkai.web.appeals.urls")),
    path("reports/", include("gongkai.web.annual_reports.urls")),
    path("review/", include("gongkai.web.review.urls")),
    path("engagement/", include("gongkai.web.engagement.urls")),
    path("appraisal/", include("gongkai.web.appraisal.urls")),
    path("", include("gongkai.web.ledger.public_urls")),
    path("", include("gongkai.web.portal.urls")),
]

# desk: Chinese error pages (templates/404.html, 403.html, 500.html)
handler400 = "gongkai.web.portal.errors.bad_request"
handler403 = "gongkai.web.portal.errors.permission_denied"
handler404 = "gongkai.web.portal.errors.page_not_found"
handler500 = "gongkai.web.portal.errors.server_error"
