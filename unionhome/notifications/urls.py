from django.urls import path

from unionhome.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.open_view, name="open"),
    path("<int:pk>/read/", views.read_view, name="read"),
    path("read-all/", views.read_all_view, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
]
