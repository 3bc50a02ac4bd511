import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from unionhome.accounts.models import ApiToken, RoleAssignment
from unionhome.accounts.queries import context_for
from unionhome.accounts.services import account_create, password_change
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Test-pass-2026"
LOGIN = "/accounts/login/"


def login_post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def error_text(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())  # CSRF tokens differ per request


# --- lockout and login responses ---------------------------------------------------------------------
def test_the_sixth_attempt_after_5_failures_is_refused_for_30_minutes_even_with_the_right_password(cast):
    client = Client()
    for attempt in range(5):
        response = login_post(client, "t_member", "wrong-Pass-1")
        assert response.status_code == (200 if attempt < 4 else 429)  # the 5th failure locks
    response = login_post(client, "t_member", PASSWORD)
    assert response.status_code == 429 and "已锁定30分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=29))
    assert login_post(client, "t_member", PASSWORD).status_code == 429
    # a refused attempt restarts the 30 minutes; once they have passed the right password works
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=31))
    assert login_post(client, "t_member", PASSWORD).status_code == 302


def test_four_failures_do_not_lock_the_account(cast):
    client = Client()
    for _ in range(4):
        login_post(client, "t_member", "wrong-Pass-1")
    assert login_post(client, "t_member", PASSWORD).status_code == 302


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(cast):
    unknown = login_post(Client(), "nobody_here", "wrong-Pass-1")
    wrong = login_post(Client(), "t_member", "wrong-Pass-1")
    assert unknown.status_code == wrong.status_code == 200
    assert "用户名或密码不正确" in wrong.content.decode()
    assert error_text(unknown).replace("nobody_here", "X") == error_text(wrong).replace("t_member", "X")


@pytest.mark.parametrize("password, ok", [("Ab1-xyz", False), ("abcdefgh12", False), ("ABCDEFGH!!", False),
                                          ("Zhigong8x", True), ("zhigong8x!", True)])
def test_passwords_need_8_characters_and_3_character_classes(cast, password, ok):
    user = cast.users["member"]
    if ok:
        password_change(actor=user, user=user, new_password=password)
        assert user.check_password(password)
    else:
        with pytest.raises(RuleViolation) as exc:
            password_change(actor=user, user=user, new_password=password)
        assert exc.value.code == "password_weak"


# --- first login --------------------------------------------------------------------------------------
def test_a_new_account_must_change_its_password_before_any_page_but_the_api_is_exempt(cast, client_for):
    user = account_create(actor=None, username="newbie", password="Init-pass-2026", union=cast.union,
                          roles=["committee"], worker=cast.workers["group2_worker"])
    client = client_for(user)
    for url in (reverse("dashboard:home"), reverse("members:list"), reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change"), url
    assert client.get(reverse("api:members_workers")).status_code == 200
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "Init-pass-2026", "new_password1": "Fresh-pass-77", "new_password2": "Fresh-pass-77"})
    assert response.status_code == 302
    assert client.get(reverse("members:list")).status_code == 200


# --- sessions -----------------------------------------------------------------------------------------
def test_idle_sessions_expire_after_30_minutes_and_each_request_renews_them(cast):
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # renewed by PageSessionMiddleware (core/tests/test_session_renewal.py)
    client = Client()
    assert sign_in(client, "t_chair").status_code == 302
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("members:list")).status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + dt.timedelta(minutes=29)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_disabling_an_account_ends_its_sessions(cast, client_for):
    member = Client()
    assert login_post(member, "t_member", PASSWORD).status_code == 302
    assert member.get(reverse("members:list")).status_code == 200
    chair = client_for(cast.users["chair"])
    assert chair.post(reverse("accounts:disable", args=[cast.users["member"].pk])).status_code == 302
    response = member.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    again = Client()
    assert login_post(again, "t_member", PASSWORD).status_code == 200  # the form again: no new session
    assert "_auth_user_id" not in again.session
    assert AuditEntry.objects.filter(action="accounts.user.disabled", target_label="t_member").exists()


def test_the_chair_cannot_disable_their_own_account(cast, client_for):
    chair = cast.users["chair"]
    client_for(chair).post(reverse("accounts:disable", args=[chair.pk]))
    chair.refresh_from_db()
    assert chair.is_active


# --- the account page -----------------------------------------------------------------------------------
def test_the_chair_opens_a_group_leader_login_scoped_to_a_group_and_revokes_a_role(cast, client_for):
    client = client_for(cast.users["chair"])
    worker = cast.workers["group2_worker"]
    response = client.post(reverse("accounts:create"), {
        "worker": worker.pk, "username": "chensan", "password": "Init-pass-2026",
        "roles": ["member", "group_leader"], "group": cast.groups[1].pk})
    assert response.status_code == 302
    user = worker.account.user
    ctx = context_for(user)
    assert ctx.group_ids == {cast.groups[1].pk} and ctx.worker_id == worker.pk
    assert user.profile.must_change_password
    leader = RoleAssignment.objects.get(user=user, role="group_leader")
    assert client.post(reverse("accounts:role_revoke", args=[leader.pk])).status_code == 302
    assert not context_for(user).group_ids
    assert list(AuditEntry.objects.filter(action__startswith="accounts.").order_by("id")
                .values_list("action", flat=True))[-4:] == ["accounts.user.created", "accounts.role.granted",
                                                            "accounts.role.granted", "accounts.role.revoked"]


def test_a_group_leader_login_without_a_group_is_refused(cast, client_for):
    response = client_for(cast.users["admin"]).post(reverse("accounts:create"), {
        "worker": cast.workers["group2_worker"].pk, "username": "chensan", "password": "Init-pass-2026",
        "roles": ["group_leader"]})
    assert response.status_code == 200 and "小组长角色须指定工会小组" in response.content.decode()
    assert not RoleAssignment.objects.filter(user__username="chensan").exists()


def test_an_api_token_is_shown_once_to_its_owner_and_works_as_a_bearer(cast, client_for):
    client = client_for(cast.users["committee"])
    body = client.post(reverse("accounts:token_create"), {"name": "数据对接"}).content.decode()
    key = re.search(r"uh_[A-Za-z0-9_-]+", body).group(0)
    assert ApiToken.objects.get().key_hash != key
    assert key not in client.get(reverse("accounts:tokens")).content.decode()
    response = Client().get(reverse("api:members_workers"), headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200 and response.json()["count"] == 11


def test_a_token_records_its_last_use_at_most_once_a_minute_and_a_revoked_token_is_refused(cast):
    from unionhome.accounts.services import token_issue, token_user

    token, key = token_issue(actor=cast.users["member"], user=cast.users["member"], name="phone")
    assert token_user(key) == cast.users["member"]
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert token_user(key) == cast.users["member"]
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first  # within the minute: no write
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=F("last_used_at") - dt.timedelta(seconds=61))
    token_user(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert token_user(key) is None


# --- who sees what ------------------------------------------------------------------------------------
def test_a_member_sees_only_themself(cast, client_for):
    client = client_for(cast.users["member"])
    body = client.get(reverse("members:list")).content.decode()
    assert 'id="member-count">1<' in body and "张三" in body
    assert client.get(reverse("members:detail", args=[cast.workers["group1_worker"].pk])).status_code == 404
    assert client.get(reverse("api:members_workers")).json()["count"] == 1


def test_a_group_leader_sees_their_group(cast, client_for):
    client = client_for(cast.users["group_leader"])
    names = {w["name"] for w in client.get(reverse("api:members_workers")).json()["results"]}
    assert names == {"张三", "李四", "吴十", "冯二"}
    assert client.get(reverse("members:detail", args=[cast.workers["group2_worker"].pk])).status_code == 404


def test_the_federation_viewer_sees_only_aggregates(cast, client_for):
    client = client_for(cast.users["federation"])
    body = client.get(reverse("dashboard:home")).content.decode()
    assert "测试机关工会" in body and 'id="fed-rate"' in body and "张三" not in body
    assert client.get(reverse("members:list")).status_code == 403
    assert client.get(reverse("api:members_workers")).status_code == 403


def test_nobody_sees_another_unions_rows(cast, client_for):
    client = client_for(cast.users["outsider"])  # the other union's chair
    ours = cast.workers["group1_worker"]
    assert client.get(reverse("members:detail", args=[ours.pk])).status_code == 404
    assert client.get(reverse("api:members_worker", args=[ours.pk])).status_code == 404
    assert client.get(reverse("members:detail", args=[999999])).status_code == 404
    assert "冯二" not in client.get(reverse("members:list")).content.decode()
