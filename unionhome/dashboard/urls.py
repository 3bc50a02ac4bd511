from django.urls import path

from unionhome.dashboard import views

app_name = "dashboard"
urlpatterns = [path("", views.home, name="home"), path("me/", views.mine, name="mine")]
