"""Whole stories in Chromium on a phone-sized screen."""
import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from unionhome.care.models import CareVisit, HealthCheckInvite

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick_member(page, query, name):
    # The box is on screen before htmx (loaded at the end of the page) listens to it: typing earlier is lost.
    page.wait_for_load_state("load")
    page.fill("#member-q", query)
    page.locator("#member-results label", has_text=name).wait_for()
    page.htmx_settled()
    page.locator("#member-results label", has_text=name).click()


def test_an_officer_records_a_hospital_visit_with_a_photo_on_a_phone_and_finds_it_in_the_ledger(
        cast, login_as, tmp_path, settings):
    from unionhome.activities.tests.routes import PNG

    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "病房合影.png"
    photo.write_bytes(PNG)
    page = login_as("t_committee")
    page.goto("/care/")
    page.click("#new-hospital-visit")
    pick_member(page, "zs", "张三")
    page.fill("#id_amount", "300")
    page.fill("#id_gift", "水果、牛奶")
    page.set_input_files("#id_photos", str(photo))  # taken with the phone's camera
    page.click("#save-visit")
    page.wait_for_url(re.compile(r"/care/visits/\d+/$"))
    assert "生病住院慰问 · 张三" in page.content()
    visit = CareVisit.objects.get(worker=cast.workers["member"], kind="hospital")
    assert visit.photos.count() == 1
    page.click("#entry-link")
    page.wait_for_url(re.compile(r"/funds/entries/\d+/$"))
    body = page.content()
    # the committee reads the ledger: the category and a reference, not the member or the cause (funds item 5)
    assert "300.00" in body and "职工集体福利费" in body and "张三" not in body
    page.goto("/care/")
    assert "张三" in page.locator("#in-hospital").inner_text()
    assert page.foreign == []


def test_a_cap_blocks_a_visit_and_the_chair_overrides_it_with_a_reason(cast, login_as):
    page = login_as("t_chair")
    page.goto("/care/visits/new/?kind=hospital")
    pick_member(page, "张", "张三")
    page.fill("#id_amount", "800")
    page.fill("#id_gift", "营养品")
    page.click("#save-visit")
    errors = page.locator("#form-errors").inner_text()
    assert "规则16" in errors and "500" in errors
    assert CareVisit.objects.count() == 0
    page.fill("#id_override_reason", "重症监护，工会委员会研究同意")
    page.click("#save-visit")
    page.wait_for_url(re.compile(r"/care/visits/\d+/$"))
    assert "超标准：重症监护" in page.locator("#visit-entry").inner_text()
    assert CareVisit.objects.get().payout.override_reason == "重症监护，工会委员会研究同意"


def test_a_hardship_officer_runs_a_warmth_campaign_to_the_end(cast, login_as):
    from unionhome.care.tests.factories import consents, open_file
    from unionhome.members.services import membership_retire

    consents(cast, cast.workers["group1_worker"])
    open_file(cast, cast.workers["group1_worker"])
    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))
    membership_retire(actor=None, worker=cast.workers["auditor"], on=dt.date(2026, 1, 1))
    page = login_as("t_hardship_officer")
    page.goto("/care/warmth/new/")
    page.fill("#id_name", "春节送温暖")
    page.select_option("#id_festival", "spring_festival")
    page.fill("#id_year", str(dt.date.today().year + 1))
    page.fill("#id_default_amount", "400")
    page.click("#save")
    page.click("#select-targets")
    assert page.locator("#t-count").inner_text() == "3"
    for _ in range(3):
        item = page.locator(".list-group-item:has(form.done-form)").first
        item.locator("select[name=officer]").select_option(label="周九")
        item.locator("button", has_text="安排").click()
        item = page.locator(".list-group-item:has(form.done-form)").first
        item.locator("input[name=gift]").fill("米、油")
        item.locator(".mark-done").click()
        page.wait_for_load_state("networkidle")
    assert page.locator("#t-left").inner_text() == "0"
    assert page.locator("#t-amount").inner_text() == "1200.00"
    page.click("#close-campaign")
    assert "已结束" in page.locator("h1").inner_text()


def test_the_womens_committee_schedules_80_women_into_three_days(cast, login_as):
    from unionhome.core import idcard
    from unionhome.members.services import worker_create

    for i in range(80):
        born = dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28)
        worker_create(actor=None, union=cast.union, name=f"女工{i:02d}", gender="F", birth_date=born,
                      id_number=idcard.make("110101", born, 200 + i, "F"), unit=cast.units[i % 2],
                      group=cast.groups[i % 2], join_on=dt.date(2020, 1, 1))
    page = login_as("t_women_committee")
    page.goto("/care/health/new/")
    page.fill("#id_name", "女职工健康检查")
    page.click("#save")
    first_day = dt.date.today() + dt.timedelta(days=14)  # clinic days still to come: a passed one is never booked
    for offset in range(3):
        page.fill("#id_day", (first_day + dt.timedelta(days=offset)).isoformat())
        page.fill("#id_times", "08:00-10:00, 10:00-12:00, 14:30-17:00")
        page.fill("#id_capacity", "10")
        page.click("#add-slots")
        page.locator("details summary").first.click() if offset < 2 else None
    page.click("#invite-eligible")
    assert page.locator("#f-invited").inner_text() == "85"
    page.click("#schedule-all")
    assert page.locator("#f-scheduled").inner_text() == "85"
    days = [int(x) for x in page.locator("#by-day .day-scheduled").all_inner_texts()]
    assert len(days) == 3 and sum(days) == 85 and max(days) <= 30
    assert HealthCheckInvite.objects.filter(slot__isnull=True).count() == 0


def test_an_officer_opens_a_file_for_a_household_of_four_on_a_phone(cast, login_as):
    from unionhome.care.models import HardshipFile
    from unionhome.care.models.hardship import ConsentKind
    from unionhome.care.services.hardship import consent_record
    from unionhome.care.tests.factories import consents

    worker = cast.workers["group1_worker"]
    consents(cast, worker, on=dt.date.today())
    born = dt.date.today().replace(year=dt.date.today().year - 8, day=1)
    consent_record(actor=cast.users["hardship_officer"], union=cast.union, worker=worker, kind=ConsentKind.GUARDIAN,
                   given_on=dt.date.today(), signed_by=worker.name, subject_name="冯小宝", subject_birth_date=born)
    page = login_as("t_hardship_officer")
    page.goto(f"/care/hardship/new/?worker={worker.pk}")
    page.fill("#id_own_income", "24000")
    page.select_option("#id_health_status", "healthy")
    page.select_option("#id_cause", "low_income")
    members = [("王丽", "配偶", "1985-02-01", "12000", "超市收银"), ("冯小宝", "子女", born.isoformat(), "", "小学"),
               ("冯老汉", "祖父母/外祖父母", "1950-07-09", "6000", "退休")]
    for i, (name, relation, birth, income, work) in enumerate(members):
        page.click("#add-member")
        page.fill(f"#id_household-{i}-name", name)
        page.select_option(f"#id_household-{i}-relation", relation)
        page.fill(f"#id_household-{i}-birth_date", birth)
        page.fill(f"#id_household-{i}-occupation", work)
        page.fill(f"#id_household-{i}-annual_income", income)
    assert page.locator("#household-size").inner_text() == "4"
    page.click("#add-member")  # one too many: taken out again
    assert page.locator("#household-size").inner_text() == "5"
    page.check("#id_household-3-DELETE")
    assert page.locator("#household-size").inner_text() == "4"
    page.select_option("#id_household-2-health_status", "chronic")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    page.click("#save-file")
    page.wait_for_url(re.compile(r"/care/hardship/\d+/$"))
    # (24000 + 12000 + 6000) / 12 / 4 = 875 a head: above 低保 783, below twice it
    assert "相对困难" in page.locator("h1").inner_text()
    assert page.locator("#household-count").inner_text() == "4 人"
    listed = page.locator("#household-list").inner_text()
    assert all(name in listed for name in (worker.name, "王丽", "冯小宝", "冯老汉"))
    assert "875.00" in page.locator("#per-capita").inner_text()
    assert HardshipFile.objects.get().household.count() == 3
    assert page.foreign == []


def test_an_officer_records_the_real_discharge_day_on_a_phone(cast, login_as):
    from unionhome.care.services.visits import visit_record

    admitted = dt.date.today() - dt.timedelta(days=10)
    visit = visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"],
                         kind="hospital", visited_on=admitted, amount="300", gift="水果")
    page = login_as("t_committee")
    page.goto(f"/care/visits/{visit.pk}/")
    assert page.locator("#discharge-on").input_value() == dt.date.today().isoformat()
    page.fill("#discharge-on", (admitted + dt.timedelta(days=6)).isoformat())  # she left last week
    page.locator("#discharge-form button").click()
    page.wait_for_load_state("load")
    assert f"{admitted + dt.timedelta(days=6):%Y-%m-%d} 出院" in page.content()
    visit.refresh_from_db()
    assert visit.discharged_on == admitted + dt.timedelta(days=6)
    assert page.foreign == []


def test_the_health_check_page_offers_only_days_to_come_and_attendance_on_the_appointment_day(cast, login_as):
    from unionhome.care.services import health

    today = dt.date.today()
    campaign = health.health_campaign_create(actor=None, union=cast.union, name="女职工健康检查", clinic="县妇幼保健站")
    passed = health.health_slots_add(actor=None, campaign=campaign, day=today - dt.timedelta(days=2),
                                     times=[(dt.time(8), dt.time(10))], capacity=1)[0]
    health.health_slots_add(actor=None, campaign=campaign, day=today + dt.timedelta(days=5),
                            times=[(dt.time(8), dt.time(10))], capacity=20)
    health.health_invite_eligible(actor=None, campaign=campaign, on=today)
    came = campaign.invites.first()  # booked before her day came
    health.health_invite_schedule(actor=None, invite=came, slot=passed, today=passed.day - dt.timedelta(days=3))
    assert health.health_schedule_all(actor=None, campaign=campaign) == (4, 0)
    page = login_as("t_women_committee")
    page.goto(f"/care/health/{campaign.pk}/")
    expect(page.locator("button.attend")).to_have_count(1)  # only hers: the others' day has not come
    waiting_row = page.locator("tr", has_text=campaign.invites.exclude(pk=came.pk).first().worker.name)
    assert str(passed) not in waiting_row.locator("select[name=slot]").inner_text()
    page.locator("button.attend").click()
    page.wait_for_load_state("load")
    came.refresh_from_db()
    assert came.status == "attended" and came.attended_on == passed.day
    assert page.foreign == []
