from django.urls import path

from unionhome.committees import views_org as views

app_name = "org"
urlpatterns = [
    path("", views.org_home, name="home"),
    path("units/new/", views.unit_create_view, name="unit_create"),
    path("units/<int:pk>/edit/", views.unit_edit_view, name="unit_edit"),
    path("groups/new/", views.group_create_view, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit_view, name="group_edit"),
    path("groups/<int:pk>/leader/", views.group_leader_view, name="group_leader"),
]
