from django.urls import path

from unionhome.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("template/", views.template_page, name="template"),
    path("template/reset/", views.template_reset, name="template_reset"),
    path("template.docx", views.template_download, name="template_download"),
    path("<int:year>/<str:kind>/", views.draft, name="draft"),
    path("<int:year>/<str:kind>/generate/", views.generate, name="generate"),
    path("<int:year>/<str:kind>/report.docx", views.download, name="download"),
    path("<int:year>/<str:kind>/v<int:number>/", views.version_detail, name="version"),
]
