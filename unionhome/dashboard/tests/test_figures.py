"""Every dashboard figure says what it counts, and adds up against the roster."""
import datetime as dt

import pytest

from unionhome.dashboard.queries import federation_figures, union_figures
from unionhome.members.models import Worker
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def roster_members(union, **filters):
    return Worker.objects.filter(union=union, membership__status__in=["active", "retained"], **filters).count()


def test_women_and_every_breakdown_count_retained_members_like_the_roster(cast):
    retiree = next(w for w in cast.workers.values() if w.gender == "F" and w.union_id == cast.union.pk)
    membership_retire(actor=None, worker=retiree, on=dt.date(2026, 1, 1))
    figures = union_figures(cast.union, today=TODAY)
    totals = figures["totals"]
    members = roster_members(cast.union)
    assert totals["retained"] == 1 and totals["active"] == members - 1 and totals["members"] == members
    assert totals["women"] == roster_members(cast.union, gender="F") and totals["women_retained"] == 1
    for table in ("by_gender", "by_age", "by_ethnicity"):
        rows = figures[table]
        assert sum(r["n"] for r in rows) == members, table
        assert sum(r["retained"] for r in rows) == 1 and all(r["n"] == r["active"] + r["retained"] for r in rows)
    women = next(r for r in figures["by_gender"] if r["key"] == "F")
    assert (women["n"], women["retained"]) == (totals["women"], 1)


def test_the_dashboard_labels_say_what_each_figure_counts(cast, client_for):
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    body = client_for(cast.users["chair"]).get("/").content.decode()
    assert "在会会员（不含保留会籍）" in body and "女会员（含保留会籍）" in body
    assert "以下按全体会员统计（含保留会籍）" in body and 'id="by-ethnicity"' in body


def test_the_federation_header_counts_the_unions_it_lists(cast):
    from unionhome.org.services import union_create

    union_create(actor=None, name="新建工会", code="T-NEW", parent=cast.federation)  # nobody on its roster yet
    figures = federation_figures(cast.federation)
    assert figures["union_count"] == len(figures["unions"]) == 3
    new = next(r for r in figures["unions"] if r["union__code"] == "T-NEW")
    assert (new["union__name"], new["staff"], new["members"], new["rate"]) == ("新建工会", 0, 0, None)
    assert figures["members"] == sum(r["members"] for r in figures["unions"])


def test_every_chart_on_the_dashboard_downloads_as_png_under_its_own_link(cast, client_for):
    """The chart's download link names the chart (care_by_kind), not the figure it draws (care.visits)."""
    import re

    client = client_for(cast.users["chair"])
    page = client.get("/").content.decode()
    links = re.findall(r'href="(/figures/charts/[^"]+\.png\?year=\d+)"', page)
    assert len(links) >= 8, links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200 and response["Content-Type"] == "image/png", link
