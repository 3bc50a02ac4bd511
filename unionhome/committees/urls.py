from django.urls import path

from unionhome.committees import views

app_name = "committees"
urlpatterns = [path("", views.committee_home, name="home")]
