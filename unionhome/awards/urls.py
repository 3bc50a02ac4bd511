from django.urls import path

from unionhome.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.home, name="home"),
    path("kinds/", views.kind_create, name="kind_create"),
    path("rounds/", views.round_create, name="round_create"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/nominations/", views.nomination_add, name="nomination_add"),
    path("<int:pk>/group-nominations/", views.group_nomination_add, name="group_nomination_add"),
    path("nominations/<int:pk>/remove/", views.nomination_remove, name="nomination_remove"),
    path("<int:pk>/exclusions/", views.exclusion_add, name="exclusion_add"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("honours/<int:pk>/object/", views.objection_raise, name="objection_raise"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection_answer"),
    path("<int:pk>/finalise/", views.finalise, name="finalise"),
    path("<int:pk>/rewards/", views.rewards_book, name="rewards_book"),
    path("<int:pk>/certificates.docx", views.certificates, name="certificates"),
]
