from django.urls import path

from unionhome.dashboard import views, views_federation, views_figures

app_name = "dashboard"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.mine, name="mine"),
    path("figures/", views_figures.figure_index, name="figures"),
    path("figures/charts/<slug:key>.png", views_figures.chart_png, name="chart_png"),
    path("figures/<str:key>/", views_figures.figure_detail, name="figure"),
    path("federation/", views_federation.compare, name="federation"),
    path("federation/export.xlsx", views_federation.export, name="federation_export"),
    path("federation/unions/<int:union_id>/figures/<str:key>/", views_federation.union_figure,
         name="federation_union_figure"),
]
