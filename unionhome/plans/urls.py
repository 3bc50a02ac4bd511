from django.urls import path

from unionhome.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.plan_page, name="plan"),
    path("<int:year>/new/", views.plan_create, name="create"),
    path("<int:year>/copy/", views.plan_copy, name="copy"),
    path("<int:year>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:year>/items/new/", views.item_add, name="item_add"),
    path("<int:year>/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("<int:year>/items/<int:pk>/goals/", views.goal_link, name="goal_link"),
    path("<int:year>/<slug:kind>/", views.review_page, name="review"),
    path("<int:year>/<slug:kind>/start/", views.review_start, name="review_start"),
    path("<int:year>/<slug:kind>/entries/<int:pk>/", views.entry_set, name="entry"),
    path("<int:year>/<slug:kind>/entries/<int:pk>/link/", views.link_pick, name="link"),
    path("<int:year>/<slug:kind>/links/<int:pk>/remove/", views.link_remove, name="unlink"),
]
