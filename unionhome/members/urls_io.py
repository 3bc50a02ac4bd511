"""URLs of roster import and export (included by members/urls.py)."""
from django.urls import path

from unionhome.members import views_io

urlpatterns: list = [
    path("import/", views_io.roster_import_upload, name="import"),
    path("import/confirm/", views_io.roster_import_confirm, name="import_confirm"),
    path("import/cancel/", views_io.roster_import_cancel, name="import_cancel"),
    path("import/template.xlsx", views_io.roster_import_template, name="import_template"),
    path("export.xlsx", views_io.roster_export, name="export"),
    path("export/full/", views_io.roster_export_full, name="export_full"),
]
