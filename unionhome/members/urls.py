from django.urls import path

from unionhome.members import views
from unionhome.members.urls_io import urlpatterns as io_patterns

app_name = "members"
urlpatterns = [
    path("", views.worker_list, name="list"),
    path("new/", views.worker_create_view, name="create"),
    path("rates/", views.membership_rates_view, name="rates"),
    path("pick/", views.person_pick_view, name="pick"),
    path("me/contact/", views.my_contact_view, name="my_contact"),
    path("<int:pk>/", views.worker_detail, name="detail"),
    path("<int:pk>/edit/", views.worker_edit_view, name="edit"),
    path("<int:pk>/membership/<str:action>/", views.membership_action_view, name="membership"),
    path("<int:pk>/reveal/<str:field>/", views.worker_reveal_view, name="reveal"),
] + io_patterns
