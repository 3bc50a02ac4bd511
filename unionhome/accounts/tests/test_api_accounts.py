"""The account and token pages through the API (issue 13): the same services, permissions and error codes."""
import pytest
from django.test import Client

from unionhome.accounts.models import ApiToken, RoleAssignment, RoleGrantRequest
from unionhome.accounts.services import role_grant, token_issue

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_the_chair_opens_a_login_for_a_worker_and_a_weak_password_is_refused_like_on_the_page(cast, client_for):
    chair = client_for(cast.users["chair"])
    body = {"worker_id": cast.workers["group1_worker"].pk, "username": "api_new", "password": "Api-pass-2026!x",
            "roles": ["member"]}
    weak = chair.post("/api/v1/accounts/", {**body, "password": "123"}, content_type=JSON)
    assert weak.status_code == 422 and weak.json()["code"] == "password_weak"
    made = chair.post("/api/v1/accounts/", body, content_type=JSON)
    assert made.status_code == 201 and made.json()["worker_id"] == cast.workers["group1_worker"].pk
    assert [r["role"] for r in made.json()["roles"]] == ["member"]
    again = chair.post("/api/v1/accounts/", {**body, "username": "api_new2"}, content_type=JSON)
    assert again.status_code == 409 and again.json()["code"] == "worker_has_account"
    unknown = chair.post("/api/v1/accounts/", {**body, "roles": ["federation"]}, content_type=JSON)
    assert unknown.status_code == 422
    assert client_for(cast.users["committee"]).post("/api/v1/accounts/", body, content_type=JSON).status_code == 403


def test_a_money_role_waits_for_a_second_officer_who_is_not_the_one_who_asked(cast, client_for):
    url = f"/api/v1/accounts/{cast.users['member'].pk}/roles"
    asked = client_for(cast.users["chair"]).post(url, {"role": "finance"}, content_type=JSON)
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    request_id = asked.json()["request_id"]
    confirm = f"/api/v1/accounts/role-grants/{request_id}/confirm"
    same = client_for(cast.users["chair"]).post(confirm)
    assert same.status_code == 422 and same.json()["code"] == "role_grant_same_officer"
    assert client_for(cast.users["finance"]).post(confirm).status_code == 403
    done = client_for(cast.users["admin"]).post(confirm)
    assert done.status_code == 200 and done.json()["role"] == "finance"
    assert RoleAssignment.objects.filter(user=cast.users["member"], role="finance").exists()
    later = client_for(cast.users["admin"]).post(f"/api/v1/accounts/role-grants/{request_id}/reject")
    assert later.status_code == 409 and later.json()["code"] == "role_grant_decided"


def test_a_role_is_granted_and_revoked_and_a_group_leader_needs_a_group(cast, client_for):
    chair = client_for(cast.users["chair"])
    url = f"/api/v1/accounts/{cast.users['member'].pk}/roles"
    granted = chair.post(url, {"role": "committee"}, content_type=JSON)
    assert granted.status_code == 201 and granted.json()["status"] == "granted"
    leader = chair.post(url, {"role": "group_leader"}, content_type=JSON)
    assert leader.status_code == 422 and leader.json()["code"] == "group_required"
    revoke = chair.post(f"/api/v1/accounts/roles/{granted.json()['assignment_id']}/revoke")
    assert revoke.status_code == 204
    assert not RoleAssignment.objects.filter(user=cast.users["member"], role="committee").exists()
    pending = role_grant(actor=cast.users["chair"], user=cast.users["member"], union=cast.union, role="auditor")
    listed = chair.get("/api/v1/accounts/role-grants").json()
    assert [g["id"] for g in listed] == [pending.pk]
    assert client_for(cast.users["admin"]).post(f"/api/v1/accounts/role-grants/{pending.pk}/reject").status_code == 204
    assert RoleGrantRequest.objects.get(pk=pending.pk).status == "rejected"


def test_disable_unlock_and_two_factor_reset_answer_the_pages_codes(cast, client_for):
    chair = client_for(cast.users["chair"])
    member = cast.users["member"].pk
    myself = chair.post(f"/api/v1/accounts/{cast.users['chair'].pk}/disable")
    assert myself.status_code == 422 and myself.json()["code"] == "cannot_disable_self"
    unlock = chair.post(f"/api/v1/accounts/{member}/unlock")
    assert unlock.status_code == 409 and unlock.json()["code"] == "account_not_locked"
    reset = chair.post(f"/api/v1/accounts/{cast.users['finance'].pk}/two-factor/reset")
    assert reset.status_code in (204, 409)
    own = chair.post(f"/api/v1/accounts/{cast.users['chair'].pk}/two-factor/reset")
    assert own.status_code == 422 and own.json()["code"] == "two_factor_reset_self"
    assert chair.post(f"/api/v1/accounts/{member}/disable").status_code == 204
    cast.users["member"].refresh_from_db()
    assert not cast.users["member"].is_active
    assert client_for(cast.users["outsider"]).post(f"/api/v1/accounts/{member}/unlock").status_code == 404


def test_i_issue_list_and_revoke_my_own_tokens_and_nobody_else_sees_them(cast, client_for):
    me = client_for(cast.users["member"])
    issued = me.post("/api/v1/accounts/me/tokens", {"name": "脚本", "days": 30}, content_type=JSON)
    assert issued.status_code == 201 and issued.json()["key"].startswith("uh_")
    token_id = issued.json()["id"]
    assert [t["id"] for t in me.get("/api/v1/accounts/me/tokens").json()] == [token_id]
    assert "key" not in me.get("/api/v1/accounts/me/tokens").json()[0]
    too_long = me.post("/api/v1/accounts/me/tokens", {"name": "x", "days": 100000}, content_type=JSON)
    assert too_long.status_code == 422 and too_long.json()["code"] == "token_days"
    chair = client_for(cast.users["chair"])
    assert chair.post(f"/api/v1/accounts/me/tokens/{token_id}/revoke").status_code == 404
    me = client_for(cast.users["member"])
    assert me.post(f"/api/v1/accounts/me/tokens/{token_id}/revoke").status_code == 204
    again = me.post(f"/api/v1/accounts/me/tokens/{token_id}/revoke")
    assert again.status_code == 409 and again.json()["code"] == "token_revoked"


def test_an_officer_gets_a_token_only_from_a_two_factor_session_never_from_a_token(cast, client):
    chair = cast.users["chair"]
    _token, key = token_issue(actor=None, user=chair, name="setup", union=cast.union)
    bearer = Client().post("/api/v1/accounts/me/tokens", {"name": "another"}, content_type=JSON,
                           headers={"Authorization": f"Bearer {key}"})
    assert bearer.status_code == 422 and bearer.json()["code"] == "token_needs_two_factor"
    client.force_login(chair, backend="django.contrib.auth.backends.ModelBackend")  # password only
    session = client.post("/api/v1/accounts/me/tokens", {"name": "another"}, content_type=JSON)
    assert session.status_code == 422 and session.json()["code"] == "token_needs_two_factor"
    assert ApiToken.objects.filter(user=chair).count() == 1


def test_an_officer_ends_a_members_token_but_the_outsider_does_not_find_it(cast, client_for):
    token, _key = token_issue(actor=cast.users["member"], user=cast.users["member"], name="phone")
    assert client_for(cast.users["outsider"]).post(f"/api/v1/accounts/tokens/{token.pk}/revoke").status_code == 404
    assert client_for(cast.users["committee"]).post(f"/api/v1/accounts/tokens/{token.pk}/revoke").status_code == 403
    assert client_for(cast.users["chair"]).post(f"/api/v1/accounts/tokens/{token.pk}/revoke").status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
