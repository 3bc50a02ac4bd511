from django.urls import path

from unionhome.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.plan_create, name="create"),
    path("copy/", views.plan_copy, name="copy"),
    path("<int:pk>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item_pk>/goals/", views.goal_link, name="goal_link"),
    path("<int:pk>/<slug:kind>/", views.review_page, name="review"),
    path("<int:pk>/<slug:kind>/start/", views.review_start, name="review_start"),
    path("entries/<int:pk>/", views.entry_set, name="entry"),
    path("entries/<int:pk>/link/", views.link_pick, name="link"),
    path("links/<int:pk>/remove/", views.link_remove, name="unlink"),
]
