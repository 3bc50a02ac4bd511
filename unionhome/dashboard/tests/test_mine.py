"""我的: the member's own corner shows what concerns them and nothing about anybody else; they correct their own
mobile and address, audited and visible to officers."""
import datetime as dt
from decimal import Decimal

import pytest

from unionhome.activities.services import signup_create
from unionhome.activities.tests.helpers import make_activity
from unionhome.care.services.visits import visit_record
from unionhome.core.models import AuditEntry
from unionhome.funds.services_dues import dues_pay
from unionhome.members.models import Worker

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 4, 10)


def _records(cast):
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["member"], kind="hospital",
                 visited_on=DAY, amount=Decimal("300"), gift="水果篮", event_key="住院一")
    visit_record(actor=cast.users["committee"], union=cast.union, worker=cast.workers["group1_worker"],
                 kind="hospital", visited_on=DAY, amount=Decimal("300"), gift="别人的鲜花", event_key="住院二")
    dues_pay(actor=cast.users["finance"], worker=cast.workers["member"], month=dt.date(2026, 3, 1),
             amount=Decimal("20"), paid_on=dt.date(2026, 3, 5))
    activity = make_activity(cast, title="我的测试活动")
    signup_create(actor=cast.users["member"], activity=activity, worker=cast.workers["member"])
    return activity


def test_my_corner_shows_my_care_dues_and_activities_and_nothing_of_another_member(cast, client_for):
    _records(cast)
    html = client_for(cast.users["member"]).get("/me/").content.decode()
    assert "水果篮" in html and "2026-03 会费 20.00 元" in html and "我的测试活动" in html
    assert "别人的鲜花" not in html and cast.workers["group1_worker"].name not in html
    assert 'id="mine-membership"' in html and 'id="mine-votes"' in html and 'id="mine-messages"' in html


def test_my_corner_over_the_api_has_the_same_sections(cast, client_for):
    _records(cast)
    data = client_for(cast.users["member"]).get("/api/v1/members/me").json()
    keys = [s["key"] for s in data["sections"]]
    assert {"membership", "dues", "care", "activities", "votes", "messages"} <= set(keys)
    care = next(s for s in data["sections"] if s["key"] == "care")
    assert [i["note"] for i in care["items"]] == ["水果篮"]
    assert data["worker_id"] == cast.workers["member"].pk


def test_an_account_without_a_member_record_is_told_so(cast, client_for):
    html = client_for(cast.users["federation"]).get("/me/").content.decode()
    assert "没有对应的会员记录" in html
    assert client_for(cast.users["federation"]).get("/members/me/contact/").status_code == 404


def test_a_member_corrects_their_own_mobile_and_address_audited_and_seen_by_officers(cast, client_for):
    member = cast.workers["member"]
    response = client_for(cast.users["member"]).post("/members/me/contact/",
                                                     {"mobile": "13911112222", "address": "城关镇东街8号"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.mobile, member.address) == ("13911112222", "城关镇东街8号")
    assert Worker.objects.filter(mobile_hash=member.mobile_hash).count() == 1
    entry = AuditEntry.objects.get(action="members.worker.contact_self_updated")
    assert entry.actor == cast.users["member"] and entry.target_id == str(member.pk)
    assert "13911112222" not in str(entry.after) and "城关镇东街8号" not in str(entry.after)  # masked in the trail
    detail = client_for(cast.users["chair"]).get(f"/members/{member.pk}/").content.decode()
    assert 'id="contact-self-updates"' in detail


@pytest.mark.parametrize("data, code", [({"mobile": "1234", "address": ""}, "手机号应为以1开头的11位数字"),
                                        ({"mobile": "", "address": "东街\u202e8号"}, "住址"),
                                        ])
def test_a_bad_contact_is_refused_with_a_message_and_nothing_changes(cast, client_for, data, code):
    member = cast.workers["member"]
    before = (member.mobile, member.address)
    response = client_for(cast.users["member"]).post("/members/me/contact/", data)
    assert response.status_code == 200 and code in response.content.decode()
    member.refresh_from_db()
    assert (member.mobile, member.address) == before
    assert not AuditEntry.objects.filter(action="members.worker.contact_self_updated").exists()


def test_the_api_refuses_a_bad_mobile_with_its_code(cast, client_for):
    response = client_for(cast.users["member"]).post("/api/v1/members/me/contact", {"mobile": "99", "address": ""},
                                                     content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "mobile_invalid"


def test_an_officer_reveals_the_address_audited(cast, client_for):
    member = cast.workers["member"]
    client_for(cast.users["member"]).post("/members/me/contact/", {"mobile": "", "address": "城关镇东街8号"})
    response = client_for(cast.users["chair"]).post(f"/members/{member.pk}/reveal/address/")
    assert "城关镇东街8号" in response.content.decode()
    assert AuditEntry.objects.filter(action="members.worker.revealed", note="address").exists()


def test_saving_the_same_contact_again_is_refused_and_writes_no_audit_row(cast, client_for):
    client = client_for(cast.users["member"])
    client.post("/members/me/contact/", {"mobile": "13911112222", "address": "东街8号"})
    response = client.post("/members/me/contact/", {"mobile": "13911112222", "address": "东街8号"})
    assert response.status_code == 200 and "联系方式没有变化" in response.content.decode()
    assert AuditEntry.objects.filter(action="members.worker.contact_self_updated").count() == 1
