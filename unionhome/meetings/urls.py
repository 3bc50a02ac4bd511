from django.urls import path

from unionhome.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("decisions/", views.decision_list, name="decisions"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/notes/", views.item_notes, name="item_notes"),
    path("<int:pk>/items/<int:item_pk>/decisions/", views.decision_add, name="decision_add"),
    path("<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/attendees/rest/", views.attendance_rest, name="attendance_rest"),
    path("<int:pk>/attendees/<int:attendee_pk>/", views.attendance_mark, name="attendance_mark"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes"),
    path("<int:pk>/scan/", views.scan_upload, name="scan_upload"),
    path("<int:pk>/scan/file", views.scan_download, name="scan"),
    path("decisions/<int:decision_pk>/done/", views.decision_done, name="decision_done"),
    path("regulations/", views.regulation_list, name="regulations"),
    path("regulations/new/", views.regulation_create, name="regulation_create"),
    path("regulations/<int:pk>/", views.regulation_detail, name="regulation"),
    path("regulations/<int:pk>/versions/new/", views.version_add, name="version_add"),
    path("goals/", views.goal_list, name="goals"),
    path("goals/<int:goal_pk>/status/", views.goal_status, name="goal_status"),
]
