from django.urls import path

from unionhome.org import views

app_name = "org"
urlpatterns = [path("", views.org_home, name="home")]
