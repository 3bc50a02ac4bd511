"""Logins issued from the roster, activated with a one-time code or by the member; officer reset; logins follow
membership (issue 9 §2)."""
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from unionhome.accounts.models import ActivationCode, ApiToken, Profile
from unionhome.accounts.services import token_issue
from unionhome.accounts.services_activation import (
    account_activate,
    account_activate_self,
    account_reset,
    accounts_issue,
    code_normalise,
    federation_viewer_create,
)
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting
from unionhome.members.services import membership_leave, membership_reinstate, membership_transfer_out

pytestmark = pytest.mark.django_db
NEW = "Neu-Passwort-77"
User = get_user_model()


def issue_group(cast, actor=None, group=0):
    return {c.name: c for c in accounts_issue(actor=actor or cast.users["chair"], union=cast.union,
                                              group=cast.groups[group])}


def test_issue_creates_an_inactive_login_with_a_code_for_each_member_without_one(cast):
    codes = issue_group(cast)
    assert set(codes) == {"冯二"}  # the other members of the group already have logins
    slip = codes["冯二"]
    user = User.objects.get(pk=slip.user_id)
    assert not user.is_active and not user.has_usable_password()
    assert user.profile.worker == cast.workers["group1_worker"] and user.profile.awaiting_activation
    assert user.role_assignments.get().role == "member"
    assert slip.card_number == "CT0010" and len(code_normalise(slip.code)) == 8
    row = ActivationCode.objects.get(user=user)
    assert slip.code not in row.code_hash and code_normalise(slip.code) not in row.code_hash
    entry = AuditEntry.objects.get(action="accounts.account.issued")
    assert slip.code not in str(entry.after) and code_normalise(slip.code) not in str(entry.after)


def test_issuing_again_replaces_the_code_of_an_unactivated_login_and_skips_activated_ones(cast):
    first = issue_group(cast)["冯二"]
    second = issue_group(cast)["冯二"]
    assert first.user_id == second.user_id and first.code != second.code
    with pytest.raises(RuleViolation):
        account_activate(login="CT0010", code=first.code, password=NEW)
    account_activate(login="CT0010", code=second.code, password=NEW)
    assert issue_group(cast) == {}


def test_a_group_leader_issues_for_their_own_group_only(cast):
    leader = cast.users["group_leader"]
    assert set(issue_group(cast, actor=leader, group=0)) == {"冯二"}
    with pytest.raises(RuleViolation) as exc:
        issue_group(cast, actor=leader, group=1)
    assert exc.value.code == "issue_not_allowed"
    with pytest.raises(RuleViolation):
        accounts_issue(actor=leader, union=cast.union)
    with pytest.raises(RuleViolation):
        accounts_issue(actor=cast.users["committee"], union=cast.union, group=cast.groups[0])


def test_a_member_activates_with_the_code_by_card_number_or_mobile_and_logs_in(cast):
    slip = issue_group(cast)["冯二"]
    user = account_activate(login="13800000010", code=slip.code.lower().replace("-", " "), password=NEW)
    assert user.is_active and user.check_password(NEW) and not user.profile.awaiting_activation
    assert AuditEntry.objects.filter(action="accounts.account.activated", target_id=str(user.pk)).exists()
    client = Client()
    response = client.post("/accounts/login/", {"username": "CT0010", "password": NEW})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_code_is_single_use(cast):
    slip = issue_group(cast)["冯二"]
    account_activate(login="CT0010", code=slip.code, password=NEW)
    with pytest.raises(RuleViolation) as exc:
        account_activate(login="CT0010", code=slip.code, password="Other-pass-99")
    assert exc.value.code == "activation_invalid"


def test_a_code_expires_after_the_rule_figure(cast):
    slip = issue_group(cast)["冯二"]
    row = ActivationCode.objects.get(user_id=slip.user_id)
    assert row.expires_at - row.issued_at == pytest.approx(dt.timedelta(days=14), abs=dt.timedelta(seconds=5))
    ActivationCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(RuleViolation):
        account_activate(login="CT0010", code=slip.code, password=NEW)


def test_the_expiry_follows_a_union_setting(cast):
    RuleSetting.objects.create(key="accounts.activation_days", value=3, union=cast.union,
                               effective_from=dt.date(2020, 1, 1), source="测试")
    slip = issue_group(cast)["冯二"]
    assert slip.expires_at - timezone.now() < dt.timedelta(days=3, seconds=5)


def test_a_code_dies_after_the_allowed_wrong_tries(cast):
    slip = issue_group(cast)["冯二"]
    for _ in range(5):
        with pytest.raises(RuleViolation):
            account_activate(login="CT0010", code="AAAA-AAAA", password=NEW)
    row = ActivationCode.objects.get(user_id=slip.user_id)
    assert row.attempts == 5 and row.voided_at is not None
    with pytest.raises(RuleViolation):
        account_activate(login="CT0010", code=slip.code, password=NEW)  # even the right code now
    assert AuditEntry.objects.filter(action="accounts.activation.failed").count() == 5


def test_unknown_login_and_wrong_code_get_the_same_answer(cast):
    issue_group(cast)
    answers = set()
    for login, code in (("nobody-here", "AAAA-AAAA"), ("CT0010", "AAAA-AAAA"), ("13900000000", "BBBB-BBBB")):
        with pytest.raises(RuleViolation) as exc:
            account_activate(login=login, code=code, password=NEW)
        answers.add((exc.value.code, exc.value.message))
    assert len(answers) == 1


def test_a_weak_password_is_refused_and_the_code_stays_usable(cast):
    slip = issue_group(cast)["冯二"]
    with pytest.raises(RuleViolation) as exc:
        account_activate(login="CT0010", code=slip.code, password="123")
    assert exc.value.code == "password_weak"
    assert ActivationCode.objects.get(user_id=slip.user_id).attempts == 0
    account_activate(login="CT0010", code=slip.code, password=NEW)


def test_self_activation_with_card_id_tail_and_mobile(cast):
    slip = issue_group(cast)["冯二"]
    worker = cast.workers["group1_worker"]
    tail = worker.id_number[-6:]
    with pytest.raises(RuleViolation) as wrong:
        account_activate_self(card_number="CT0010", id_last6="000000", mobile="13800000010", password=NEW)
    with pytest.raises(RuleViolation) as unknown:
        account_activate_self(card_number="CX9999", id_last6=tail, mobile="13800000010", password=NEW)
    assert wrong.value.message == unknown.value.message
    user = account_activate_self(card_number="CT0010", id_last6=tail.lower(), mobile="13800000010", password=NEW)
    assert user.pk == slip.user_id and user.is_active
    assert ActivationCode.objects.get(user=user).used_at is not None


def test_self_activation_never_takes_over_an_activated_login(cast):
    worker = cast.workers["member"]  # activated long ago (the cast's login)
    with pytest.raises(RuleViolation):
        account_activate_self(card_number="CT0001", id_last6=worker.id_number[-6:], mobile="13800000001",
                              password=NEW)
    assert cast.users["member"].check_password("Test-pass-2026")


def test_an_officer_reset_gives_a_new_code_and_ends_sessions_and_tokens(cast):
    member = cast.users["member"]
    token, _key = token_issue(actor=member, user=member, name="phone")
    client = Client()
    client.force_login(member)
    slip = account_reset(actor=cast.users["chair"], user=member, union=cast.union)
    member.refresh_from_db()
    assert not member.has_usable_password() and not member.is_active
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert client.get("/accounts/profile/").status_code == 302  # the session is gone
    account_activate(login="t_member", code=slip.code, password=NEW)
    member.refresh_from_db()
    assert member.is_active and member.check_password(NEW)
    with pytest.raises(RuleViolation):
        account_reset(actor=member, user=member, union=cast.union)


def test_leaving_the_union_disables_the_login_and_rejoining_reopens_it_for_a_new_code(cast):
    member, worker = cast.users["member"], cast.workers["member"]
    membership_leave(actor=cast.users["chair"], worker=worker, on=timezone.localdate())
    member.refresh_from_db()
    assert not member.is_active
    with pytest.raises(Conflict):
        account_reset(actor=cast.users["chair"], user=member, union=cast.union)
    membership_reinstate(actor=cast.users["chair"], worker=worker, on=timezone.localdate())
    member.refresh_from_db()
    assert not member.is_active and member.profile.awaiting_activation and not member.has_usable_password()
    slip = accounts_issue(actor=cast.users["chair"], union=cast.union, group=cast.groups[0])
    assert [s.user_id for s in slip] == [member.pk, cast.workers["group1_worker"].account.user_id] or \
        member.pk in [s.user_id for s in slip]


def test_a_transfer_out_disables_the_login_and_voids_its_code(cast):
    slip = issue_group(cast)["冯二"]
    membership_transfer_out(actor=cast.users["chair"], worker=cast.workers["group1_worker"],
                            on=timezone.localdate(), to_union="外单位工会", card_endorsement="转出")
    assert ActivationCode.objects.get(user_id=slip.user_id).voided_at is not None
    with pytest.raises(RuleViolation):
        account_activate(login="t_x", code=slip.code, password=NEW)
    assert AuditEntry.objects.filter(action="accounts.user.disabled", note="会籍终止").exists()


def test_a_mobile_shared_by_two_members_asks_for_the_card_number(cast):
    from unionhome.members.services import worker_update

    worker_update(actor=None, worker=cast.workers["committee"], mobile="13800000001")  # the member's mobile
    client = Client()
    response = client.post("/accounts/login/", {"username": "13800000001", "password": "Test-pass-2026"})
    assert response.status_code == 200 and "会员证号" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "CT0001", "password": "Test-pass-2026"})
    assert response.status_code == 302


def test_username_login_keeps_working(cast):
    client = Client()
    assert client.post("/accounts/login/", {"username": "t_member", "password": "Test-pass-2026"}).status_code == 302


def test_a_federation_officer_creates_a_viewer_activated_by_code(cast):
    slip = federation_viewer_create(actor=cast.users["federation"], federation=cast.federation,
                                    username="fed_viewer2", full_name="县总工会查看员")
    user = account_activate(login="fed_viewer2", code=slip.code, password=NEW)
    assert list(user.role_assignments.values_list("role", "union")) == [("federation", cast.federation.pk)]
    with pytest.raises(RuleViolation):
        federation_viewer_create(actor=cast.users["chair"], federation=cast.federation, username="x_viewer")
    with pytest.raises(RuleViolation):
        federation_viewer_create(actor=cast.users["chair"], federation=cast.union, username="x_viewer")
    assert Profile.objects.get(user=user).worker is None
