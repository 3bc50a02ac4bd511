"""The demo's report: a draft with the chair's narrative, generated; the page and the download show it."""
import datetime as dt

import pytest
from django.urls import reverse

from unionhome.reports import demo
from unionhome.reports.models import Draft, Version

pytestmark = pytest.mark.django_db


def test_demo_drafts_the_year_and_the_page_shows_the_figures(cast, client_for):
    from unionhome.demo.builder import DemoContext

    ctx = DemoContext(federation=cast.federation, union=cast.union, admin=cast.users["admin"],
                      chair_user=cast.users["chair"], workers=[], users={}, today=dt.date(2026, 11, 30))
    demo.finish(ctx)
    annual = Draft.objects.get(union=cast.union, year=2026, kind="annual")
    generated = annual.versions.get(source=Version.Source.GENERATED)
    assert generated.as_of == dt.date(2026, 11, 30) and "members.rate" in generated.figures
    assert "入会率{{ members.rate }}" in generated.texts["organisation"]
    page = client_for(cast.users["chair"]).get(reverse("reports:draft", args=[2026, "annual"]))
    assert page.status_code == 200
    assert generated.figures["members.in_membership"]["shown"] in page.content.decode()
    response = client_for(cast.users["chair"]).get(reverse("reports:download", args=[2026, "annual"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
