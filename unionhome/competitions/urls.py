from django.urls import path

from unionhome.competitions import views

app_name = "competitions"
urlpatterns = [
    path("", views.competition_list, name="list"),
    path("new/", views.competition_create, name="create"),
    path("medals/", views.medal_table, name="medals"),
    path("<int:pk>/", views.competition_detail, name="detail"),
    path("<int:pk>/board/", views.competition_board, name="board"),
    path("<int:pk>/entries/", views.entry_add, name="entry_add"),
    path("<int:pk>/entries/import/", views.competition_step, {"step": "entries_import"}, name="entries_import"),
    path("<int:pk>/entries/<int:entry_pk>/remove/", views.entry_remove, name="entry_remove"),
    path("<int:pk>/entries/<int:entry_pk>/time/", views.time_record, name="time_record"),
    path("<int:pk>/start/", views.competition_step, {"step": "start"}, name="start"),
    path("<int:pk>/matches/<int:match_pk>/result/", views.result_record, name="result_record"),
    path("<int:pk>/pair/", views.competition_step, {"step": "pair_next"}, name="pair_next"),
    path("<int:pk>/finish/", views.competition_step, {"step": "finish"}, name="finish"),
    path("<int:pk>/lots/", views.competition_step, {"step": "lots"}, name="lots"),
    path("<int:pk>/prizes/", views.prizes_award, name="prizes"),
    path("<int:pk>/results.docx", views.results_docx, name="results_docx"),
    path("<int:pk>/certificates.docx", views.certificates_docx, name="certificates_docx"),
]
