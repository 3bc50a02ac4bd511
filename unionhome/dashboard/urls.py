from django.urls import path

from unionhome.dashboard import views, views_figures

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.mine, name="mine"),
    path("figures/", views_figures.figure_index, name="figures"),
    path("figures/charts/<slug:key>.png", views_figures.chart_png, name="chart_png"),
    path("figures/<str:key>/", views_figures.figure_detail, name="figure"),
]
