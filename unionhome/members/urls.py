from django.urls import path

from unionhome.members import views, views_join
from unionhome.members.urls_io import urlpatterns as io_patterns

app_name = "members"
urlpatterns = [
    path("", views.worker_list, name="list"),
    path("new/", views.worker_create_view, name="create"),
    path("rates/", views.membership_rates_view, name="rates"),
    path("pick/", views.person_pick_view, name="pick"),
    path("me/contact/", views.my_contact_view, name="my_contact"),
    path("join/", views_join.join_list_view, name="join_list"),
    path("join/link.svg", views_join.join_link_qr_view, name="join_qr"),
    path("join/link/renew/", views_join.join_link_renew_view, name="join_link_renew"),
    path("join/<int:pk>/approve/", views_join.join_approve_view, name="join_approve"),
    path("join/<int:pk>/decline/", views_join.join_decline_view, name="join_decline"),
    path("apply/<str:token>/", views_join.join_apply_view, name="join_apply"),
    path("<int:pk>/", views.worker_detail, name="detail"),
    path("<int:pk>/edit/", views.worker_edit_view, name="edit"),
    path("<int:pk>/membership/<str:action>/", views.membership_action_view, name="membership"),
    path("<int:pk>/reveal/<str:field>/", views.worker_reveal_view, name="reveal"),
] + io_patterns
