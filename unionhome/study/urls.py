from django.urls import path

from unionhome.study import views, views_campaigns

app_name = "study"
urlpatterns = [
    path("", views.home, name="home"),
    path("series/", views.series, name="series"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("topics/<int:pk>/file/", views.topic_file, name="topic_file"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/record/", views.record, name="record"),
    path("sessions/<int:pk>/move/", views.move, name="move"),
    path("sessions/<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("sessions/<int:pk>/reflection/", views.reflect, name="reflect"),
    path("sessions/<int:pk>/accept-all/", views.accept_all, name="accept_all"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("reflections/<int:pk>/review/", views.review, name="review"),
    path("reflections/<int:pk>/photo/", views.reflection_photo, name="reflection_photo"),
    path("stats/", views.stats, name="stats"),
    path("campaigns/", views_campaigns.campaigns, name="campaigns"),
    path("campaigns/new/", views_campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views_campaigns.campaign, name="campaign"),
    path("campaigns/<int:pk>/events/", views_campaigns.event_add, name="event_add"),
    path("events/<int:pk>/attendees/", views_campaigns.event_attend, name="event_attend"),
    path("trainings/", views_campaigns.trainings, name="trainings"),
    path("trainings/new/", views_campaigns.training_new, name="training_new"),
    path("trainings/<int:pk>/", views_campaigns.training, name="training"),
    path("trainings/<int:pk>/records/", views_campaigns.record_add, name="record_add"),
    path("certificates/<int:pk>/", views_campaigns.certificate, name="certificate"),
    path("quizzes/new/", views_campaigns.quiz_new, name="quiz_new"),
    path("quizzes/<int:pk>/", views_campaigns.quiz, name="quiz"),
]
