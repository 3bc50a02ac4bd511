from django.urls import path

from unionhome.records import views

app_name = "records"
urlpatterns = [
    path("", views.home, name="home"),
    path("bundles/<int:pk>/download/", views.download, name="download"),
]
