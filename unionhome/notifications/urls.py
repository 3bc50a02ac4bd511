from django.urls import path

from unionhome.notifications import views, views_broadcast

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.open_view, name="open"),
    path("<int:pk>/read/", views.read_view, name="read"),
    path("read-all/", views.read_all_view, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("broadcasts/", views_broadcast.broadcast_list, name="broadcasts"),
    path("broadcasts/<int:pk>/", views_broadcast.broadcast_detail, name="broadcast_detail"),
]
