from django.urls import path

from unionhome.core import rulebook_views

app_name = "rules"
urlpatterns = [
    path("", rulebook_views.rule_list, name="list"),
    path("<str:key>/", rulebook_views.rule_detail, name="detail"),
    path("<str:key>/set/", rulebook_views.rule_set, name="set"),
]
