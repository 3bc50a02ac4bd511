from django.urls import path

from unionhome.activities import views, views_room

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("mine/", views.my_history, name="mine"),
    path("new/", views.activity_new, name="new"),
    path("stats/", views.stats, name="stats"),
    path("stats/export/", views.stats_export, name="stats_export"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/signup/", views.signup_view, name="signup"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/roster/", views.roster, name="roster"),
    path("<int:pk>/roster/export/", views.roster_export, name="roster_export"),
    path("<int:pk>/group/", views.group_signups, name="group_signups"),
    path("<int:pk>/cancel/", views.activity_cancel_view, name="activity_cancel"),
    path("<int:pk>/add/", views.add_person, name="add_person"),
    path("<int:pk>/checkin/", views.checkin, name="checkin"),
    path("<int:pk>/costs/", views.cost_add, name="cost_add"),
    path("<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("signups/<int:pk>/cancel/", views.cancel_view, name="cancel"),
    path("signups/<int:pk>/qr.svg", views.qr_view, name="qr"),
    path("invitations/<int:pk>/answer/", views.invitation_view, name="invitation"),
    path("photos/<int:pk>/", views.photo_view, name="photo"),
    path("room/", views_room.room, name="room"),
    path("room/assets/new/", views_room.asset_new, name="asset_new"),
    path("room/rooms/new/", views_room.room_new, name="room_new"),
    path("room/rooms/<int:pk>/edit/", views_room.room_edit, name="room_edit"),
    path("room/rooms/<int:pk>/close/", views_room.room_close, name="room_close"),
    path("room/rooms/<int:pk>/reopen/", views_room.room_reopen, name="room_reopen"),
    path("room/loans/new/", views_room.loan_new, name="loan_new"),
    path("room/loans/<int:pk>/return/", views_room.loan_back, name="loan_return"),
    path("room/calendar/", views_room.calendar, name="calendar"),
    path("room/bookings/<int:pk>/cancel/", views_room.booking_drop, name="booking_cancel"),
]
