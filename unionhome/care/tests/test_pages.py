import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from unionhome.care.models import CareVisit
from unionhome.care.services.visits import visit_record
from unionhome.care.tests.factories import consents, open_file
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def post_visit(client, cast, amount="800", **extra):
    data = {"worker": cast.workers["member"].pk, "kind": "hospital", "visited_on": TODAY.isoformat(),
            "amount": amount, "gift_form": "goods", "gift": "水果", "officers": [cast.workers["committee"].pk]}
    data.update(extra)
    return client.post(reverse("care:visit_new"), data)


def test_a_blocked_visit_shows_the_rule_and_offers_the_chair_an_override(cast, client_for):
    response = post_visit(client_for(cast.users["committee"]), cast)
    assert response.status_code == 200
    assert "规则16" in response.content.decode() and "override-box" not in response.content.decode()
    chair = client_for(cast.users["chair"])
    response = post_visit(chair, cast)
    assert "override-box" in response.content.decode() and CareVisit.objects.count() == 0
    response = post_visit(chair, cast, override_reason="重症监护")
    visit = CareVisit.objects.get()
    assert response.status_code == 302 and response.url == reverse("care:visit_detail", args=[visit.pk])
    assert visit.payout.override_reason == "重症监护"


def test_a_visit_takes_several_photos_from_the_page_and_a_non_image_is_refused_with_nothing_saved(
        cast, client_for, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.activities.tests.routes import PNG

    settings.MEDIA_ROOT = tmp_path
    client = client_for(cast.users["committee"])
    response = post_visit(client, cast, amount="300",
                          photos=[SimpleUploadedFile("c.jpg", b"MZ\x90\x00 not an image", "image/jpeg")])
    assert response.status_code == 200 and CareVisit.objects.count() == 0
    assert "只能上传 JPG、PNG、GIF 或 WebP 图片" in response.content.decode()
    response = post_visit(client, cast, amount="300", photos=[SimpleUploadedFile("a.png", PNG, "image/png"),
                                                               SimpleUploadedFile("b.png", PNG, "image/png")])
    assert response.status_code == 302
    assert CareVisit.objects.get().photos.count() == 2


def test_a_visit_page_shows_its_ledger_voucher(cast, client_for):
    client = client_for(cast.users["chair"])
    response = post_visit(client, cast, amount="300")
    page = client.get(response.url).content.decode()
    visit = CareVisit.objects.get()
    assert visit.payout.entry.voucher in page and "entry-link" in page


def test_bad_input_never_500s(cast, client_for):
    client = client_for(cast.users["committee"])
    response = post_visit(client, cast, amount="-5", visited_on="not a date", worker="999999")
    assert response.status_code == 200 and CareVisit.objects.count() == 0
    response = client.post(reverse("api:care_visit_create"), {"worker_id": cast.workers["member"].pk,
                           "kind": "nonsense", "visited_on": "2026-04-01", "amount": "10"},
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "visit_kind_invalid"


def test_member_search_answers_by_initials(cast, client_for):
    response = client_for(cast.users["committee"]).get(reverse("care:member_search"), {"q": "zs"})
    assert "张三" in response.content.decode() and 'name="worker"' in response.content.decode()


def test_the_visit_list_query_count_does_not_grow_with_rows(cast, client_for):
    from unionhome.members.services import membership_retire

    client = client_for(cast.users["committee"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("care:visit_list")).status_code == 200
        return len(ctx)

    for role in ("member", "group1_worker", "group2_worker", "chair", "finance"):
        membership_retire(actor=None, worker=cast.workers[role], on=dt.date(2026, 1, 1))
    visit_record(actor=None, union=cast.union, worker=cast.workers["member"], kind="retiree_festival",
                 festival="national_day", visited_on=dt.date(2026, 9, 28), amount=Decimal("0"))
    few = count()
    for role in ("group1_worker", "group2_worker", "chair", "finance"):
        visit_record(actor=None, union=cast.union, worker=cast.workers[role], kind="retiree_festival",
                     festival="national_day", visited_on=dt.date(2026, 9, 28), amount=Decimal("0"))
    assert count() == few


def test_hardship_lists_mask_and_every_file_view_is_audited(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    client = client_for(cast.users["hardship_officer"])
    listing = client.get(reverse("care:hardship_list")).content.decode()
    assert worker.id_number not in listing and worker.id_number[:3] + "*" in listing and "尿毒症" not in listing
    detail = client.get(reverse("care:hardship_detail", args=[file.pk]))
    assert worker.id_number in detail.content.decode() and detail["Cache-Control"] == "no-store"
    client.get(reverse("api:care_hardship_file", args=[file.pk]))
    assert AuditEntry.objects.filter(action="care.hardship.viewed", target_id=str(file.pk)).count() == 2


def test_api_lists_leave_out_health_and_income_and_mask_ids(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    rows = client_for(cast.users["chair"]).get(reverse("api:care_hardship_files")).json()
    assert set(rows[0]) == {"id", "worker", "id_number_masked", "category", "status", "opened_on", "reviewed_on"}
    assert rows[0]["id_number_masked"] == worker.id_number[:3] + "*" * 11 + worker.id_number[-4:]
    full = client_for(cast.users["chair"]).get(reverse("api:care_hardship_file", args=[file.pk])).json()
    assert full["health_detail"] == "尿毒症透析" and full["annual_income"] == "12000.00"
    for role in ("committee", "women_committee", "finance", "auditor"):
        assert client_for(cast.users[role]).get(reverse("api:care_hardship_file", args=[file.pk])).status_code == 403
    calendar = client_for(cast.users["committee"]).get(reverse("api:care_calendar")).json()
    assert all("needy_not_visited" not in f for f in calendar["festivals"])


def test_publicity_shows_only_the_needed_fields_until_it_expires(cast, client_for):
    from unionhome.care.services.hardship import publication_open

    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    publication_open(actor=None, file=file, starts_on=TODAY)
    page = client_for(cast.users["member"]).get(reverse("care:publicity")).content.decode()
    assert "冯二" in page and file.get_category_display() in page
    assert "尿毒症" not in page and worker.id_number[-4:] not in page
    publication = file.publications.get()
    type(publication).objects.filter(pk=publication.pk).update(starts_on=TODAY - dt.timedelta(days=10),
                                                               ends_on=TODAY - dt.timedelta(days=4))
    assert "冯二" not in client_for(cast.users["member"]).get(reverse("care:publicity")).content.decode()


def test_health_results_are_for_the_health_permission_only(cast, client_for):
    from unionhome.care.services import health

    campaign = health.health_campaign_create(actor=None, union=cast.union, name="妇检", clinic="站")
    slot = health.health_slots_add(actor=None, campaign=campaign, day=TODAY, times=[(dt.time(8), dt.time(9))],
                                   capacity=9)[0]
    health.health_invite_eligible(actor=None, campaign=campaign, on=TODAY)
    invite = campaign.invites.first()
    health.health_invite_schedule(actor=None, invite=invite, slot=slot)
    health.health_invite_attend(actor=None, invite=invite, on=TODAY)
    url = reverse("care:health_result", args=[invite.pk])
    assert client_for(cast.users["women_committee"]).post(url, {"result": "乳腺增生"}).status_code == 302
    assert client_for(cast.users["hardship_officer"]).get(url).status_code == 403
    page = client_for(cast.users["women_committee"]).get(url)
    assert "乳腺增生" in page.content.decode() and page["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="care.health.result_viewed").count() == 1


def hardship_post(cast, worker, rows, **extra):
    data = {"worker": worker.pk, "opened_on": TODAY.isoformat(), "place": "*", "own_income": "12000",
            "rigid_spending": "0", "identity": "employed", "health_status": "healthy", "cause": "low_income",
            "household-TOTAL_FORMS": str(len(rows)), "household-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"household-{i}-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


ADULT = {"name": "王丽", "relation": "配偶", "birth_date": "1985-02-01", "health_status": "healthy",
         "occupation": "超市收银", "annual_income": "6000"}


def test_the_file_form_takes_several_members_and_computes_the_household(cast, client_for):
    from unionhome.care.models import HardshipFile

    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    client = client_for(cast.users["hardship_officer"])
    page = client.get(reverse("care:hardship_new")).content.decode()
    assert 'id="household-empty"' in page and "household/__prefix__" not in page and "care/household.js" in page
    grandpa = {**ADULT, "name": "冯老汉", "relation": "祖父母/外祖父母", "birth_date": "1950-07-09", "annual_income": ""}
    blank = {"name": "", "relation": "", "birth_date": "", "health_status": "healthy"}  # added, left empty
    response = client.post(reverse("care:hardship_new"), hardship_post(cast, worker, [ADULT, grandpa, blank]))
    file = HardshipFile.objects.get()
    assert response.status_code == 302 and file.household_size == 3 and file.annual_income == "18000.00"
    detail = client.get(reverse("care:hardship_detail", args=[file.pk])).content.decode()
    assert "王丽" in detail and "冯老汉" in detail and "500.00" in detail  # 18000 / 12 / 3


def test_an_invalid_row_shows_its_message_by_the_row_and_saves_nothing(cast, client_for):
    from unionhome.care.models import HardshipFile, HouseholdMember

    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    client = client_for(cast.users["hardship_officer"])
    bad = {**ADULT, "name": "冯小宝", "birth_date": "", "id_number": "110101201605011234"}
    response = client.post(reverse("care:hardship_new"), hardship_post(cast, worker, [ADULT, bad]))
    body = response.content.decode()
    assert response.status_code == 200 and "身份证号校验位不正确" in body
    assert 'value="冯小宝"' in body and 'value="王丽"' in body  # nothing typed is lost
    child = {**ADULT, "name": "冯小宝", "relation": "子女", "birth_date": "2016-05-01", "annual_income": ""}
    body = client.post(reverse("care:hardship_new"), hardship_post(cast, worker, [ADULT, child])).content.decode()
    assert "冯小宝 不满14周岁，须先取得监护人同意" in body
    future = {**child, "birth_date": "2099-01-01"}
    body = client.post(reverse("care:hardship_new"), hardship_post(cast, worker, [ADULT, future])).content.decode()
    row = body.split('class="household-row')[2]  # the service's error goes next to the second row
    assert "第2位家庭成员：出生日期不能晚于建档（复核）日期" in row and 'id="form-errors"' not in body
    assert HardshipFile.objects.count() == 0 and HouseholdMember.objects.count() == 0


def test_the_yearly_review_edits_last_years_household(cast, client_for):
    worker = cast.workers["group1_worker"]
    consents(cast, worker)
    file = open_file(cast, worker)
    client = client_for(cast.users["hardship_officer"])
    url = reverse("care:hardship_review", args=[file.pk])
    page = client.get(url).content.decode()
    assert 'value="家属1"' in page and 'value="家属2"' in page and 'name="household-INITIAL_FORMS" value="2"' in page
    data = {"on": TODAY.isoformat(), "own_income": "12000", "rigid_spending": "0", "household-TOTAL_FORMS": "2",
            "household-INITIAL_FORMS": "2"}
    for i, name in enumerate(("家属1", "家属2")):
        data.update({f"household-{i}-name": name, f"household-{i}-relation": "配偶" if i == 0 else "父母",
                     f"household-{i}-birth_date": f"196{i}-03-01", f"household-{i}-health_status": "healthy"})
    data["household-1-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    file.refresh_from_db()
    assert file.household_size == 2 and [m.name for m in file.household.all()] == ["家属1"]
