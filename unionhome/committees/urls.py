from django.urls import path

from unionhome.committees import views, views_import

app_name = "committees"
urlpatterns = [
    path("", views.committee_home, name="home"),
    path("terms/new/", views.term_create_view, name="term_create"),
    path("terms/<int:pk>/", views.term_detail, name="term"),
    path("terms/<int:pk>/approve/", views.term_approve_view, name="term_approve"),
    path("terms/<int:pk>/reschedule/", views.term_reschedule_view, name="term_reschedule"),
    path("terms/<int:pk>/positions/", views.position_assign_view, name="position_assign"),
    path("positions/<int:pk>/end/", views.position_end_view, name="position_end"),
    path("org-import/", views_import.org_import_view, name="org_import"),
    path("org-import/template.xlsx", views_import.org_template_view, name="org_template"),
]
