from django.urls import path

from unionhome.disclosures import views

app_name = "disclosures"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_new, name="item_new"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/revise/", views.item_revise, name="item_revise"),
    path("<int:pk>/review/", views.item_review, name="item_review"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/new/", views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/findings/", views.finding_add, name="finding_add"),
    path("inspections/<int:pk>/finish/", views.inspection_finish, name="inspection_finish"),
    path("inspections/<int:pk>/rectifications/<int:rpk>/close/", views.rectification_close, name="rectification_close"),
    path("checks/<int:pk>/", views.check_record, name="check"),
    path("photos/<int:pk>/", views.finding_photo, name="photo"),
]
