from django.urls import include, path

from unionhome.api import api
from unionhome.core.health import health
from unionhome.core.views import favicon

handler403 = "unionhome.core.views.error_403"
handler404 = "unionhome.core.views.error_404"
handler500 = "unionhome.core.views.error_500"

urlpatterns = [
    # The API first: its requests (the sign-up and ballot bursts) resolve without trying the pages' patterns.
    # Nothing below starts with api/ (the dashboard's "" include has no api/ path), so nothing is shadowed.
    path("api/v1/", api.urls),
    # Browsers ask for /favicon.ico on their own (downloads, bookmarks); the icon itself is a static file.
    path("favicon.ico", favicon),
    path("", include("unionhome.dashboard.urls")),
    path("accounts/", include("unionhome.accounts.urls")),
    path("setup/", include("unionhome.accounts.urls_setup")),
    path("notifications/", include("unionhome.notifications.urls")),
    path("jobs/", include("unionhome.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("org/", include("unionhome.committees.urls_org")),
    path("members/", include("unionhome.members.urls")),
    path("committees/", include("unionhome.committees.urls")),
    path("audit/", include("unionhome.core.urls")),
    path("rules/", include("unionhome.core.urls_rules")),
    path("funds/", include("unionhome.funds.urls")),
    path("care/", include("unionhome.care.urls")),
    path("activities/", include("unionhome.activities.urls")),
    path("study/", include("unionhome.study.urls")),
    path("competitions/", include("unionhome.competitions.urls")),
    path("elections/", include("unionhome.elections.urls")),
    path("suggestions/", include("unionhome.suggestions.urls")),
    path("disclosures/", include("unionhome.disclosures.urls")),
    path("meetings/", include("unionhome.meetings.urls")),
    path("records/", include("unionhome.records.urls")),
    path("awards/", include("unionhome.awards.urls")),
    path("plans/", include("unionhome.plans.urls")),
    path("reports/", include("unionhome.reports.urls")),
    path("assessment/", include("unionhome.assessment.urls")),
    path("healthz", health, name="health"),
]
