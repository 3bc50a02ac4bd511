from django.contrib.auth import views as auth_views
from django.urls import path

from unionhome.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("profile/", views.profile_view, name="profile"),
    path("switch-union/", views.switch_union_view, name="switch_union"),
]
