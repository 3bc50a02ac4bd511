"""Evidence of a visit through the API: the page takes photos with the record, the API adds them to it."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.care.services.visits import visit_record
from unionhome.core.models import RuleSetting
from unionhome.core.testing import images

pytestmark = pytest.mark.django_db


def _visit(cast):
    return visit_record(actor=None, union=cast.union, worker=cast.workers["member"], kind="hospital",
                        visited_on=dt.date(2026, 4, 10), amount=Decimal("300"), event_key="photos-api")


def test_photos_are_added_listed_and_served_each_opening_audited(cast, client_for):
    from unionhome.core.models import AuditEntry

    visit = _visit(cast)
    client = client_for(cast.users["chair"])
    r = client.post(f"/api/v1/care/visits/{visit.pk}/photos",
                    {"photos": [SimpleUploadedFile("a.png", images.PNG), SimpleUploadedFile("b.png", images.PNG)]})
    assert r.status_code == 201, r.content
    assert [p["content_type"] for p in r.json()] == ["image/png", "image/png"]
    listed = client.get(f"/api/v1/care/visits/{visit.pk}/photos").json()
    assert len(listed) == 2
    served = client.get(f"/api/v1/care/visits/{visit.pk}/photos/{listed[0]['id']}")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(action="care.visit.photo_viewed").count() == 1


def test_a_file_that_is_not_an_image_or_one_too_many_is_refused_in_chinese_and_nothing_kept(cast, client_for):
    visit = _visit(cast)
    client = client_for(cast.users["chair"])
    url = f"/api/v1/care/visits/{visit.pk}/photos"
    r = client.post(url, {"photos": [SimpleUploadedFile("a.png", images.PNG),
                                     SimpleUploadedFile("b.png", b"%PDF-1.4 not an image")]})
    assert r.status_code == 422 and "\u4e00" <= r.json()["message"][0] <= "\u9fff", r.content
    assert visit.photos.count() == 0
    assert client.post(url, {}).json()["code"] == "photos_required"
    RuleSetting.objects.create(key="care.photo.max_count", value=1, source="测试", effective_from=dt.date(2000, 1, 1),
                               union=cast.union)
    assert client.post(url, {"photos": [SimpleUploadedFile("a.png", images.PNG)]}).status_code == 201
    r = client.post(url, {"photos": [SimpleUploadedFile("a.png", images.PNG)]})
    assert r.status_code == 422 and r.json()["code"] == "too_many_photos"
    assert visit.photos.count() == 1


def test_a_member_and_another_union_cannot_add_or_see_photos(cast, client_for):
    visit = _visit(cast)
    for role, status in (("member", 403), ("outsider", 404)):
        client = client_for(cast.users[role])
        r = client.post(f"/api/v1/care/visits/{visit.pk}/photos", {"photos": [SimpleUploadedFile("a.png", images.PNG)]})
        assert r.status_code == status, (role, r.content)
    assert visit.photos.count() == 0
