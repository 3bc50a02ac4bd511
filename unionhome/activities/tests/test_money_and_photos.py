from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhome.activities.services import cost_record, photo_add
from unionhome.activities.services_room import asset_create
from unionhome.activities.tests.helpers import make_activity
from unionhome.activities.tests.routes import PNG
from unionhome.core.errors import RuleViolation
from unionhome.funds.queries import entries_for

pytestmark = pytest.mark.django_db


def test_an_activity_cost_is_posted_to_the_ledger_under_activity_spending(cast):
    a = make_activity(cast)
    cost = cost_record(actor=cast.users["chair"], activity=a, on=timezone.localdate(), amount=Decimal("860.00"),
                       counterparty="县体育馆", note="场地费")
    (entry,) = entries_for(cost)
    assert entry.amount == Decimal("860.00") and entry.account_item.category == "activity"
    assert entry.account_item.subcategory == "culture_sports"


def test_an_equipment_purchase_is_posted_as_capital_spending(cast):
    tv = asset_create(actor=cast.users["chair"], union=cast.union, name="电视机", code="TV-1", category="tv",
                      price=Decimal("4500"), purchased_on=timezone.localdate(), supplier="县家电城")
    (entry,) = entries_for(tv)
    assert entry.amount == Decimal("4500.00") and entry.account_item.category == "capital"


def test_it_rejects_a_cost_that_is_not_positive(cast):
    with pytest.raises(RuleViolation):
        cost_record(actor=None, activity=make_activity(cast), on=timezone.localdate(), amount=Decimal("0"))


def test_photos_must_be_images_by_their_bytes_and_small(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = make_activity(cast)
    photo = photo_add(actor=None, activity=a, upload=SimpleUploadedFile("x.png", PNG, content_type="image/png"))
    assert photo.file.name.startswith(f"activities/photos/{cast.union.pk}/") and "x.png" not in photo.file.name
    with pytest.raises(RuleViolation, match="只能上传"):
        photo_add(actor=None, activity=a, upload=SimpleUploadedFile("evil.png", b"<script>", content_type="image/png"))
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(RuleViolation, match="不能超过"):
        photo_add(actor=None, activity=a, upload=big)


def test_an_activity_photo_is_stored_re_encoded_without_what_rode_after_it(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = make_activity(cast)
    smuggled = PNG + b"PK\x03\x04 a zip or <script>alert(1)</script> after the picture"
    photo = photo_add(actor=None, activity=a, upload=SimpleUploadedFile("x.png", smuggled, content_type="image/png"))
    stored = (tmp_path / photo.file.name).read_bytes()
    assert stored == PNG and b"<script>" not in stored
