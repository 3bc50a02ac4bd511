"""入会申请: applying through the union's published link, the committee's decision, the card number."""
import datetime as dt

import pytest
from django.utils import timezone

from unionhome.core import idcard
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.members.models import JoinApplication, Membership, Worker
from unionhome.members.services import membership_join
from unionhome.members.services_join import (
    card_number_next,
    join_application_approve,
    join_application_decline,
    join_application_submit,
    join_link_active,
    join_link_renew,
)

pytestmark = pytest.mark.django_db
BORN = dt.date(1996, 8, 9)


def form(seq=1, **kw):
    return {"name": "林小新", "gender": "F", "birth_date": BORN, "id_number": idcard.make("350102", BORN, seq, "F"),
            "mobile": "13812345678", **kw}


def test_an_applicant_applies_through_the_link_and_the_committee_admits_with_the_next_card_number(cast):
    membership_join(actor=None, worker=cast.workers["group1_worker"], joined_on=dt.date(2020, 1, 1),
                    card_number="JG00041") if not hasattr(cast.workers["group1_worker"], "membership") else None
    Membership.objects.filter(union=cast.union).exclude(card_number="").update(card_number="")
    Membership.objects.filter(worker=cast.workers["member"]).update(card_number="JG00041")
    link = join_link_renew(actor=cast.users["chair"], union=cast.union)
    application = join_application_submit(link=link, **form(group=cast.groups[0]))
    assert application.status == "submitted" and application.id_number_masked.startswith("350")
    join_application_approve(actor=cast.users["committee"], application=application)
    application.refresh_from_db()
    worker = application.worker
    assert application.status == "approved" and worker.group == cast.groups[0]
    assert worker.membership.card_number == "JG00042" and worker.membership.status == "active"
    assert AuditEntry.objects.filter(action="members.join_application.approved").exists()
    assert AuditEntry.objects.filter(action="members.join_application.submitted", actor=None).exists()


def test_staff_already_on_the_roster_are_admitted_without_a_second_row(cast):
    from unionhome.members.services import worker_create

    staff = worker_create(actor=None, union=cast.union, **form(seq=3))
    application = join_application_submit(link=join_link_renew(actor=None, union=cast.union), **form(seq=3))
    join_application_approve(actor=cast.users["chair"], application=application, card_number="X-1")
    assert Worker.objects.filter(union=cast.union, id_number_hash=staff.id_number_hash).count() == 1
    staff.refresh_from_db()
    assert staff.membership.card_number == "X-1"


def test_a_retired_link_refuses_and_a_member_or_a_pending_applicant_cannot_apply_twice(cast):
    old = join_link_renew(actor=None, union=cast.union)
    new = join_link_renew(actor=None, union=cast.union)
    with pytest.raises(RuleViolation) as exc:
        join_link_active(old.token)
    assert exc.value.code == "join_link_invalid"
    join_application_submit(link=new, **form(seq=5))
    with pytest.raises(Conflict) as exc:
        join_application_submit(link=new, **form(seq=5))
    assert exc.value.code == "application_pending"
    member = cast.workers["member"]
    with pytest.raises(Conflict) as exc:
        join_application_submit(link=new, **form(id_number=member.id_number, birth_date=member.birth_date,
                                                 gender=member.gender))
    assert exc.value.code == "already_member"


@pytest.mark.parametrize("bad, code", [({"mobile": ""}, "mobile_required"), ({"mobile": "12"}, "mobile_invalid"),
                                       ({"gender": "M"}, "gender_mismatch"), ({"name": "林\u200b小新"},
                                                                              "text_invisible_characters")])
def test_a_bad_application_is_refused_and_nothing_is_kept(cast, bad, code):
    link = join_link_renew(actor=None, union=cast.union)
    with pytest.raises(RuleViolation) as exc:
        join_application_submit(link=link, **form(seq=7, **bad))
    assert exc.value.code == code
    assert not JoinApplication.objects.exists()


def test_declining_needs_a_reason_and_a_decided_application_cannot_be_decided_again(cast):
    application = join_application_submit(link=join_link_renew(actor=None, union=cast.union), **form(seq=9))
    with pytest.raises(RuleViolation):
        join_application_decline(actor=cast.users["chair"], application=application, reason=" ")
    join_application_decline(actor=cast.users["chair"], application=application, reason="非本机关在编人员")
    with pytest.raises(Conflict):
        join_application_approve(actor=cast.users["chair"], application=application)
    assert not Worker.objects.filter(name="林小新").exists()


def test_admission_opens_a_login_the_applicant_activates_themselves(cast, client):
    from unionhome.accounts.services_activation import account_activate_self

    application = join_application_submit(link=join_link_renew(actor=None, union=cast.union), **form(seq=11))
    application = join_application_approve(actor=cast.users["committee"], application=application,
                                           card_number="NEW-7")
    worker = application.worker
    profile = worker.account
    assert profile.awaiting_activation and not profile.user.is_active and not profile.user.has_usable_password()
    user = account_activate_self(card_number="NEW-7", id_last6=worker.id_number[-6:], mobile="13812345678",
                                 password="Neu-Passwort-77")
    assert user.pk == profile.user_id
    response = client.post("/accounts/login/", {"username": "NEW-7", "password": "Neu-Passwort-77"})
    assert response.status_code == 302 and "/accounts/login/" not in response.url  # login by card number


def test_an_admission_whose_login_fails_keeps_nothing(cast, monkeypatch):
    from unionhome.accounts import services_activation

    def boom(**kw):
        raise RuleViolation("account_refused", "账号开通失败")

    monkeypatch.setattr(services_activation, "account_open_on_admission", boom)
    application = join_application_submit(link=join_link_renew(actor=None, union=cast.union), **form(seq=13))
    with pytest.raises(RuleViolation):
        join_application_approve(actor=cast.users["chair"], application=application)
    application.refresh_from_db()
    assert application.status == "submitted" and not Worker.objects.filter(name="林小新").exists()  # nothing half-done


def test_card_numbers_continue_the_union_s_own_sequence(cast):
    Membership.objects.filter(union=cast.union).update(card_number="")
    assert card_number_next(cast.union) == "00001"
    Membership.objects.filter(worker=cast.workers["member"]).update(card_number="DEMO00099")
    Membership.objects.filter(worker=cast.workers["chair"]).update(card_number="DEMO00100")
    assert card_number_next(cast.union) == "DEMO00101"


def test_the_public_page_and_the_api(cast, client):
    link = join_link_renew(actor=None, union=cast.union)
    page = client.get(f"/members/apply/{link.token}/")
    assert page.status_code == 200 and cast.union.name in page.content.decode()
    assert client.get("/members/apply/nope/").status_code == 404
    data = {**form(seq=15), "birth_date": BORN.isoformat()}
    response = client.post(f"/api/v1/members/apply/{link.token}", data, content_type="application/json")
    assert response.status_code == 201
    response = client.post(f"/api/v1/members/apply/{link.token}", data, content_type="application/json")
    assert response.status_code == 409 and response.json()["code"] == "application_pending"
    bad = client.post(f"/members/apply/{link.token}/", {**data, "ethnicity": "汉族", "mobile": "12"})
    assert bad.status_code == 200 and "手机号应为以1开头的11位数字" in bad.content.decode(), bad.content.decode()[-3000:]


def test_the_next_card_number_follows_the_highest_number_whatever_its_form(cast):
    Membership.objects.filter(union=cast.union).update(card_number="")
    Membership.objects.filter(worker=cast.workers["member"]).update(card_number="A12")
    Membership.objects.filter(worker=cast.workers["chair"]).update(card_number="DEMO00260")
    Membership.objects.filter(worker=cast.workers["committee"]).update(card_number="会员证第9号")  # no digit tail
    assert card_number_next(cast.union) == "DEMO00261"
    Membership.objects.filter(worker=cast.workers["member"]).update(card_number="DEMO0999")  # a narrower form
    assert card_number_next(cast.union) == "DEMO1000"
    Membership.objects.filter(worker=cast.workers["member"]).update(card_number="X" + "9" * 19)  # not a sequence
    assert card_number_next(cast.union) == "DEMO00261"


def test_the_next_card_number_is_found_in_one_query_however_many_cards(cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the union's lock, the highest number
        card_number_next(cast.union)


def test_one_address_may_file_only_so_many_applications_an_hour(cast, client):
    from unionhome.core.rules import rule_value

    most = int(rule_value("members.join_applications_per_address_hour", union=cast.union))
    link = join_link_renew(actor=None, union=cast.union)
    page = f"/members/apply/{link.token}/"
    for seq in range(20, 20 + most):
        sent = client.post(page, {**form(seq=seq), "ethnicity": "汉族"}, REMOTE_ADDR="203.0.113.7")
        assert sent.status_code == 200 and "errorlist" not in sent.content.decode()
    refused = client.post(page, {**form(seq=40), "ethnicity": "汉族"}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    api = client.post(f"/api/v1/members/apply/{link.token}", {**form(seq=41), "birth_date": BORN.isoformat()},
                      content_type="application/json", REMOTE_ADDR="203.0.113.7")
    assert api.status_code == 429 and api.json()["code"] == "join_rate_limited"
    assert JoinApplication.objects.filter(union=cast.union).count() == most  # nothing stored past the limit
    # Another address is not held up; the address itself is not kept, only its keyed hash.
    other = client.post(page, {**form(seq=42), "ethnicity": "汉族"}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200 and JoinApplication.objects.filter(union=cast.union).count() == most + 1
    assert not JoinApplication.objects.filter(source_hash__contains="203.0.113.7").exists()
    # An hour later the address may apply again.
    JoinApplication.objects.update(created_at=timezone.now() - dt.timedelta(hours=1, minutes=1))
    again = client.post(page, {**form(seq=43), "ethnicity": "汉族"}, REMOTE_ADDR="203.0.113.7")
    assert again.status_code == 200 and JoinApplication.objects.filter(union=cast.union).count() == most + 2
