from django.urls import path

from gongkai.web.ledger import attachments, register_views, views

app_name = "ledger"

urlpatterns = [
    path("", views.item_list, name="items"),
    path("new/", views.item_new, name="item_new"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/act/<slug:action>/", views.item_action, name="item_action"),
    path("<int:pk>/files/", attachments.add, name="attachment_add"),
    path("<int:pk>/files/<int:file_pk>/", attachments.staff_download, name="attachment"),
    path("<int:pk>/files/<int:file_pk>/delete/", attachments.remove, name="attachment_delete"),
    path("import/", views.import_page, name="import"),
    path("import/template.csv", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_run, name="import_run"),
    path("import/<int:pk>/bad-rows.csv", views.import_bad_rows, name="import_bad_rows"),
    path("catalog/", register_views.catalog, name="catalog"),
    path("catalog/<int:pk>/edit/", register_views.category_edit, name="category_edit"),
    path("catalog/<int:pk>/delete/", register_views.category_delete, name="category_delete"),
    path("documents/", register_views.document_list, name="documents"),
    path("documents/new/", register_views.document_form, name="document_new"),
    path("documents/<int:pk>/edit/", register_views.document_form, name="document_edit"),
    path("figures/", register_views.figures, name="figures"),
    path("figures/<int:year>/", register_views.figures, name="figures_year"),
    path("figures/import/", register_views.figures_import, name="figures_import"),
    path("figures/template.csv", register_views.figures_template, name="figures_template"),
]
