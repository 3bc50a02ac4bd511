from django.urls import path

from unionhome.elections import views

app_name = "elections"
urlpatterns = [
    path("", views.election_home, name="home"),
    path("manage/", views.election_manage, name="manage"),
    path("<int:pk>/", views.election_detail, name="detail"),
    path("<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/candidates/<int:candidate_pk>/confirm/", views.candidate_confirm, name="candidate_confirm"),
    path("<int:pk>/candidates/<int:candidate_pk>/photo/", views.candidate_photo_upload, name="candidate_photo_upload"),
    path("<int:pk>/candidates/<int:candidate_pk>/photo.img", views.candidate_photo, name="candidate_photo"),
    path("<int:pk>/electors/", views.electors_set, name="electors"),
    path("<int:pk>/officers/", views.officers_set, name="officers"),
    path("<int:pk>/open/", views.election_open, name="open"),
    path("<int:pk>/count/", views.paper_count, name="count"),
    path("<int:pk>/close/", views.election_close, name="close"),
    path("<int:pk>/close/finish/", views.election_close_finish, name="close_finish"),
    path("<int:pk>/release/", views.election_release, name="release"),
    path("<int:pk>/next-round/", views.next_round, name="next_round"),
    path("<int:pk>/chair/", views.chair_election_create, name="chair_create"),
    path("<int:pk>/approve/", views.election_approve, name="approve"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/documents/<str:doc>.docx", views.document, name="document"),
]
