from django.urls import path

from unionhome.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.open_year, name="open"),
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/weight/", views.criterion_weight, name="criterion_weight"),
    path("<int:pk>/", views.sheet, name="sheet"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/sheet.xlsx", views.sheet_xlsx, name="sheet_xlsx"),
    path("<int:pk>/sheet.docx", views.sheet_docx, name="sheet_docx"),
    path("lines/<int:pk>/score/", views.line_score, name="line_score"),
    path("lines/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("surveys/new/", views.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
    path("surveys/<int:pk>/open/", views.survey_open, name="survey_open"),
    path("surveys/<int:pk>/close/", views.survey_close, name="survey_close"),
    path("satisfaction/", views.survey_mine, name="survey_mine"),
    path("satisfaction/<int:pk>/", views.survey_answer, name="survey_answer"),
]
