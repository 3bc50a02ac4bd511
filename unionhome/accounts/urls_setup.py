from django.urls import path

from unionhome.accounts import views_setup

app_name = "setup"
urlpatterns = [
    path("", views_setup.first_run, name="first_run"),
    path("unions/new/", views_setup.union_new, name="union_new"),
]
