"""The federation's view (issue 12 §7): the registered figures of the unions below compared, totals by
aggregation, a union's figure in aggregate only, never a person (pages, export and API), queries per figure."""
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.core.models import Union
from unionhome.org.services import union_create

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def personal_strings(cast) -> list[str]:
    out = []
    for w in cast.workers.values():
        out += [w.name, w.id_number, w.mobile]
    return [s for s in out if s]


def assert_no_person(cast, text: str, where: str) -> None:
    for s in personal_strings(cast):
        assert s not in text, f"{where} shows {s}"


def test_the_comparison_lists_every_union_below_with_totals_by_aggregation(cast, client_for):
    client = client_for(cast.users["federation"])
    body = client.get("/federation/", {"year": YEAR, "f": ["members.staff", "members.in_membership", "members.rate"]}
                      ).content.decode()
    assert 'data-union="T"' in body and 'data-union="O"' in body
    when = When.for_year(YEAR)
    ids = [cast.union.pk, cast.other_union.pk]
    rate = registry.union_values(registry.get("members.rate"), ids, when)
    num = sum(v.count for v in rate.values())
    den = sum(v.denominator for v in rate.values())
    total = re.search(r'<tr id="fed-total">(.*?)</tr>', body, re.S).group(1)
    assert f"{round(100.0 * num / den, 1)}%" in total and f">{den}<" in total and f">{num}<" in total


def test_sorting_by_a_figure_orders_the_unions(cast, client_for):
    client = client_for(cast.users["federation"])
    asc = client.get("/federation/", {"f": "members.staff", "sort": "members.staff"}).content.decode()
    desc = client.get("/federation/", {"f": "members.staff", "sort": "members.staff", "dir": "desc"}).content.decode()
    order = lambda body: re.findall(r'<tr data-union="([^"]+)"', body)  # noqa: E731
    assert order(asc) == ["O", "T"] and order(desc) == ["T", "O"]  # 2 staff in the other union, 11 in ours
    assert 'aria-sort="descending"' in desc


def test_a_federation_viewer_never_sees_a_person_in_any_page_export_or_api(cast, client_for):
    client = client_for(cast.users["federation"])
    keys = [f.key for f in registry.figures()]
    body = client.get("/federation/", {"f": keys}).content.decode()
    assert_no_person(cast, body, "comparison")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/federation/export.xlsx", {"f": keys}).content))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "测试机关工会" in cells
    assert_no_person(cast, cells, "export")
    api = client.get("/api/v1/federation/figures", {"figure": keys}).content.decode()
    assert_no_person(cast, api, "API comparison")
    for union in (cast.union, cast.other_union):
        for key in keys:
            page = client.get(f"/federation/unions/{union.pk}/figures/{key}/")
            assert page.status_code == 200, key
            assert_no_person(cast, page.content.decode(), f"{key} page")
            out = client.get(f"/api/v1/federation/unions/{union.pk}/figures/{key}")
            assert out.status_code == 200, key
            assert_no_person(cast, out.content.decode(), f"{key} API")
    # The union's own record list stays with the union.
    assert client.get("/figures/members.staff/").status_code == 403


def test_a_union_outside_the_federation_is_not_found(cast, client_for):
    elsewhere = union_create(actor=None, name="外县总工会", code="X-FED", kind=Union.Kind.FEDERATION)
    stranger = union_create(actor=None, name="外县机关工会", code="X", parent=elsewhere)
    client = client_for(cast.users["federation"])
    assert client.get(f"/federation/unions/{stranger.pk}/figures/members.rate/").status_code == 404
    assert client.get(f"/api/v1/federation/unions/{stranger.pk}/figures/members.rate").status_code == 404
    assert client.get(f"/federation/unions/{cast.federation.pk}/figures/members.rate/").status_code == 404
    assert client.get(f"/federation/unions/{cast.union.pk}/figures/no.such/").status_code == 404
    body = client.get("/federation/").content.decode()
    assert "外县机关工会" not in body


def test_a_union_below_a_lower_federation_is_compared_too(cast, client_for):
    town = union_create(actor=None, name="镇总工会", code="T-TOWN", kind=Union.Kind.FEDERATION, parent=cast.federation)
    union_create(actor=None, name="镇小学工会", code="T-SCH", parent=town)
    body = client_for(cast.users["federation"]).get("/federation/").content.decode()
    assert 'data-union="T-SCH"' in body and 'data-union="T-TOWN"' not in body


def test_the_queries_do_not_grow_with_the_unions(cast, client_for):
    client = client_for(cast.users["federation"])
    keys = ["members.rate", "funds.expense", "care.visits"]

    def count() -> int:
        with CaptureQueriesContext(connection) as q:
            assert client.get("/federation/", {"f": keys}).status_code == 200
        return len(q)

    before = count()
    for i in range(5):
        union_create(actor=None, name=f"新工会{i}", code=f"T-N{i}", parent=cast.federation)
    assert count() == before


def test_the_api_compares_with_the_same_values_as_the_page(cast, client_for):
    client = client_for(cast.users["federation"])
    data = client.get("/api/v1/federation/figures", {"figure": ["members.rate", "members.staff"],
                                                     "sort": "members.staff", "desc": True}).json()
    assert [u["code"] for u in data["unions"]] == ["T", "O"]
    ours = data["unions"][0]["figures"]
    assert ours["members.staff"]["value"] == 11 and ours["members.rate"]["denominator"] == 11
    assert data["totals"]["members.staff"]["value"] == 13
    assert data["totals"]["members.rate"]["value"] == round(100.0 * data["totals"]["members.rate"]["count"] / 13, 1)
    one = client.get(f"/api/v1/federation/unions/{cast.union.pk}/figures/members.by_gender").json()
    assert sum(p["value"] for p in one["parts"]) == one["value"]
