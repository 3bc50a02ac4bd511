from django.urls import path

from unionhome.members import views
from unionhome.members.urls_io import urlpatterns as io_patterns

app_name = "members"
urlpatterns = [
    path("", views.worker_list, name="list"),
    path("<int:pk>/", views.worker_detail, name="detail"),
    path("<int:pk>/reveal/<str:field>/", views.worker_reveal_view, name="reveal"),
] + io_patterns
