"""The report through the API: the same services, permissions and error codes as the pages."""
import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_chair_saves_generates_lists_and_downloads_through_the_api(cast, client_for):
    year = timezone.localdate().year
    api = client_for(cast.users["chair"])
    base = f"/api/v1/reports/{year}/annual"
    r = api.put(f"{base}/narrative", {"texts": {"care": "慰问{{ care.visits }}。"}}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert next(s for s in r.json()["sections"] if s["key"] == "care")["text"] == "慰问{{ care.visits }}。"
    r = api.post(f"{base}/generate", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["number"] == 2 and r.json()["source"] == "generated"
    assert [v["number"] for v in api.get(f"{base}/versions").json()] == [2, 1]
    detail = api.get(f"{base}/versions/2").json()
    assert detail["figures"]["care.visits"]["shown"] == "0人次"
    doc = api.get(f"{base}/document?clean=true")
    assert doc.status_code == 200 and doc.content[:2] == b"PK"


def test_an_unknown_placeholder_answers_422_with_its_code(cast, client_for):
    year = timezone.localdate().year
    r = client_for(cast.users["chair"]).put(f"/api/v1/reports/{year}/annual/narrative", {"texts": {"care": "{{ x.y }}"}},
                                content_type="application/json")
    assert r.status_code == 422 and r.json()["code"] == "report_unknown_figure"


def test_an_unknown_kind_or_year_is_404(cast, client_for):
    api = client_for(cast.users["chair"])
    assert api.get("/api/v1/reports/2026/minutes").status_code == 404
    assert api.get("/api/v1/reports/1999/annual").status_code == 404


def test_the_reports_list_through_the_api_as_the_page_lists_them(cast, client_for):
    """GET /reports: the union's drafts, each with its latest version and last generation (the page's list had no
    API operation)."""
    from unionhome.reports import services

    year = timezone.localdate().year
    services.narrative_save(actor=cast.users["chair"], union=cast.union, year=year, texts={"care": "慰问。"})
    services.report_generate(actor=cast.users["chair"], union=cast.union, year=year)
    services.narrative_save(actor=cast.users["chair"], union=cast.union, year=year - 1, kind="deeds", texts={})
    rows = client_for(cast.users["committee"]).get("/api/v1/reports").json()
    assert [(r["year"], r["kind"], r["latest"]) for r in rows] == [(year, "annual", 2), (year - 1, "deeds", 1)], rows
    assert rows[0]["generated"]["number"] == 2 and rows[1]["generated"] is None, rows
    assert client_for(cast.users["member"]).get("/api/v1/reports").status_code == 403
