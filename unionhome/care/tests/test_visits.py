import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.care.models import CareVisit, VisitPhoto
from unionhome.care.queries import care_calendar, member_search
from unionhome.care.services.visits import visit_discharge, visit_record
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.core.testing import images
from unionhome.funds.models import LedgerEntry

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 4, 10)
PNG = images.PNG  # a real picture: uploads are re-encoded


def hospital(cast, actor="committee", amount="400", **kw):
    return visit_record(actor=cast.users[actor], union=cast.union, worker=cast.workers["member"], kind="hospital",
                        visited_on=kw.pop("on", DAY), amount=Decimal(amount), gift="水果、牛奶",
                        officers=[cast.workers["committee"], cast.workers["chair"]], **kw)


def test_a_hospital_visit_posts_its_cost_to_the_ledger_under_welfare(cast):
    visit = hospital(cast)
    entry = visit.payout.entry
    assert entry.amount == Decimal("400.00") and entry.category == "activity" and entry.subcategory == "welfare"
    assert entry.source_id == str(visit.pk) and entry.counterparty == "张三"
    assert set(visit.officers.values_list("name", flat=True)) == {"王五", "吴十"}
    assert AuditEntry.objects.filter(action="care.visit.recorded", target_id=str(visit.pk)).count() == 1


def test_a_blocked_payout_keeps_nothing_and_says_the_cap(cast):
    with pytest.raises(RuleViolation) as exc:
        hospital(cast, amount="800")  # Fujian: hospital ≤500 without surgery
    assert exc.value.code == "cap_exceeded" and "500" in exc.value.message
    assert CareVisit.objects.count() == 0 and LedgerEntry.objects.count() == 0
    assert not AuditEntry.objects.filter(action="care.visit.recorded").exists()


def test_only_the_chair_overrides_a_cap_and_the_reason_is_kept(cast):
    with pytest.raises(Forbidden):
        hospital(cast, amount="800", override_reason="重症")
    visit = hospital(cast, actor="chair", amount="800", override_reason="重症监护，经主席批准")
    assert visit.payout.override_reason == "重症监护，经主席批准"
    assert visit.override_reason == "重症监护，经主席批准"


def test_surgery_raises_the_hospital_cap(cast):
    visit = hospital(cast, amount="900", surgery=True)
    assert visit.payout.cap == Decimal("1000")


def test_it_rejects_cash_gifts(cast):
    with pytest.raises(RuleViolation) as exc:
        hospital(cast, gift_form="cash")
    assert exc.value.code == "form_refused" and CareVisit.objects.count() == 0


def test_it_rejects_a_second_gift_for_the_same_event(cast):
    hospital(cast)
    with pytest.raises(Conflict):
        hospital(cast)
    hospital(cast, on=DAY + dt.timedelta(days=60))  # a new admission is a new event


def test_one_birthday_per_member_per_year(cast):
    worker = cast.workers["member"]
    visit_record(actor=cast.users["committee"], union=cast.union, worker=worker, kind="birthday", visited_on=DAY,
                 amount="150", gift="蛋糕券", gift_form="voucher")
    with pytest.raises((Conflict, RuleViolation)):
        visit_record(actor=cast.users["committee"], union=cast.union, worker=worker, kind="birthday",
                     visited_on=DAY + dt.timedelta(days=30), amount="100", gift_form="voucher", event_key="again")


def test_a_relative_bereavement_needs_spouse_parent_or_child(cast):
    with pytest.raises(RuleViolation) as exc:
        visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                     kind="death_relative", visited_on=DAY, amount="500", relation="other")
    assert CareVisit.objects.count() == 0
    visit = visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                         kind="death_relative", visited_on=DAY, amount="500", relation="parent")
    assert visit.payout.relation == "parent"
    assert exc.value.code in {"relation_required", "relation_not_allowed"}


def test_photos_are_images_only_size_limited_and_renamed(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bad = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(RuleViolation) as exc:
        hospital(cast, photos=[bad])
    assert exc.value.code == "photo_not_image" and CareVisit.objects.count() == 0
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    with pytest.raises(RuleViolation, match="5 MB"):
        hospital(cast, photos=[big])
    visit = hospital(cast, photos=[SimpleUploadedFile("../../etc/我的照片.png", PNG, content_type="image/png")])
    photo = VisitPhoto.objects.get(visit=visit)
    assert photo.image.name.startswith("care/visits/") and photo.image.name.endswith(".png")
    assert "照片" not in photo.image.name and ".." not in photo.image.name
    assert (tmp_path / photo.image.name).read_bytes() == PNG


def test_the_calendar_lists_members_in_hospital_until_discharged(cast):
    visit = hospital(cast)
    assert [v.pk for v in care_calendar(cast.union, today=DAY).in_hospital] == [visit.pk]
    visit_discharge(actor=cast.users["committee"], visit=visit, on=DAY + dt.timedelta(days=5))
    assert care_calendar(cast.union, today=DAY).in_hospital == []


def test_the_calendar_lists_birthdays_this_month_and_whether_given(cast):
    today = dt.date(2026, 3, 15)  # the cast's members are all born in March
    calendar = care_calendar(cast.union, today=today)
    assert len(calendar.birthdays) == 11 and not any(given for _w, given in calendar.birthdays)
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"], kind="birthday",
                 visited_on=today, amount="100", gift_form="voucher")
    given = {w.name for w, g in care_calendar(cast.union, today=today).birthdays if g}
    assert given == {"张三"}


def test_the_calendar_lists_retirees_not_yet_visited_before_each_festival(cast):
    from unionhome.members.services import membership_retire

    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    membership_retire(actor=None, worker=cast.workers["auditor"], on=dt.date(2026, 1, 1))
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1)).gaps}
    assert [g for g in gaps] == ["national_day", "new_year", "spring_festival"]
    assert {w.name for w in gaps["national_day"].retirees} == {"孙八", "钱七"}
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["finance"],
                 kind="retiree_festival", festival="national_day", visited_on=dt.date(2026, 9, 28), amount="200")
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1)).gaps}
    assert {w.name for w in gaps["national_day"].retirees} == {"钱七"}
    assert {w.name for w in gaps["new_year"].retirees} == {"孙八", "钱七"}  # each festival counts on its own
    by_year = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1), year=2025).gaps}
    assert by_year["national_day"].day == dt.date(2025, 10, 1)


def test_member_search_finds_by_pinyin_and_initials(cast):
    assert [w.name for w in member_search(cast.union, "zhangs")] == ["张三"]
    assert [w.name for w in member_search(cast.union, "zs")] == ["张三"]
    assert [w.name for w in member_search(cast.union, "褚")] == []  # another union's worker
    # the roster's own search: a card number or an ID tail finds the member too
    member = cast.workers["member"]
    assert [w.name for w in member_search(cast.union, member.membership.card_number)] == ["张三"]
    assert "张三" in [w.name for w in member_search(cast.union, member.id_number[-4:])]


def test_a_visit_dated_after_today_is_refused_and_nothing_is_booked(cast):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(RuleViolation) as exc:
        hospital(cast, on=tomorrow)
    assert exc.value.code == "date_in_future" and exc.value.field == "visited_on"
    assert CareVisit.objects.count() == 0 and LedgerEntry.objects.count() == 0


def test_a_discharge_takes_its_real_day_between_the_visit_and_today(cast):
    visit = hospital(cast)
    for on, code in ((DAY - dt.timedelta(days=1), "discharge_before_visit"),
                     (dt.date.today() + dt.timedelta(days=1), "date_in_future")):
        with pytest.raises(RuleViolation) as exc:
            visit_discharge(actor=cast.users["committee"], visit=visit, on=on)
        assert exc.value.code == code
    visit_discharge(actor=cast.users["committee"], visit=visit, on=DAY + dt.timedelta(days=3))
    visit.refresh_from_db()
    assert visit.discharged_on == DAY + dt.timedelta(days=3)


def test_the_discharge_page_records_the_day_the_officer_gives(cast, client_for):
    from django.urls import reverse

    visit = hospital(cast)
    client = client_for(cast.users["committee"])
    assert 'type="date" name="on"' in client.get(visit.get_absolute_url()).content.decode()
    client.post(reverse("care:visit_discharge", args=[visit.pk]), {"on": "2026-04-13"})
    visit.refresh_from_db()
    assert visit.discharged_on == dt.date(2026, 4, 13)


def test_a_retiree_festival_visit_is_refused_for_a_member_still_in_post(cast):
    from unionhome.members.services import membership_retire

    with pytest.raises(RuleViolation) as exc:
        visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["finance"],
                     kind="retiree_festival", festival="national_day", visited_on=dt.date(2026, 9, 28), amount="200")
    assert exc.value.code == "not_retired" and exc.value.field == "worker" and "在职" in exc.value.message
    assert CareVisit.objects.count() == 0
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["finance"],
                 kind="retiree_festival", festival="national_day", visited_on=dt.date(2026, 9, 28), amount="200")
    assert CareVisit.objects.get().kind == "retiree_festival"


def test_the_festival_check_lists_only_households_whose_file_was_open_on_the_festival(cast):
    from unionhome.care.services.hardship import hardship_file_close
    from unionhome.care.tests.factories import DAY as OPENED
    from unionhome.care.tests.factories import consents, open_file

    needy = cast.workers["group1_worker"]
    consents(cast, needy)
    file = open_file(cast, needy)  # opened 2026-03-02, after New Year and Spring Festival 2026
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1), year=2026).gaps}
    assert dt.date(2026, 3, 2) == OPENED
    assert gaps["new_year"].needy == [] and gaps["spring_festival"].needy == []
    assert [w.name for w in gaps["national_day"].needy] == [needy.name]
    hardship_file_close(actor=cast.users["chair"], file=file, reason="recovery", on=dt.date(2026, 9, 20))
    gaps = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1), year=2026).gaps}
    assert gaps["national_day"].needy == []  # closed before National Day
    by_2025 = {g.festival: g for g in care_calendar(cast.union, today=dt.date(2026, 9, 1), year=2025).gaps}
    assert all(g.needy == [] for g in by_2025.values())
