from django.urls import path

from unionhome.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.suggestion_new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("export.xlsx", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("photos/<int:pk>/", views.photo, name="photo"),
]
