"""API tokens: issued only by their owner for themselves; officers revoke, never issue or read."""
import datetime as dt
import re

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from unionhome.accounts.models import ApiToken
from unionhome.accounts.services import token_issue, token_user
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("officer", ["chair", "admin"])
def test_an_officer_cannot_issue_a_token_for_another_account(cast, officer):
    with pytest.raises(RuleViolation) as exc:
        token_issue(actor=cast.users[officer], user=cast.users["hardship_officer"], name="冒用")
    assert exc.value.code == "token_not_own"
    assert not ApiToken.objects.exists()


def test_the_account_page_has_no_way_to_issue_or_read_someone_elses_token(cast, client_for):
    member = cast.users["member"]
    token, key = token_issue(actor=member, user=member, name="手机")
    client = client_for(cast.users["chair"])
    body = client.get(reverse("accounts:account", args=[member.pk])).content.decode()
    assert token.prefix in body and key not in body and "token-form" not in body
    # the old issuing address is gone
    assert client.post(f"/accounts/manage/{member.pk}/token/", {"name": "冒用"}).status_code == 404
    assert ApiToken.objects.count() == 1


def test_my_tokens_page_issues_lists_with_expiry_and_last_use_and_revokes(cast, client_for):
    client = client_for(cast.users["finance"])
    body = client.post(reverse("accounts:token_create"), {"name": "记账软件", "days": "30"}).content.decode()
    key = re.search(r"uh_[A-Za-z0-9_-]+", body).group(0)
    token = ApiToken.objects.get(user=cast.users["finance"])
    assert dt.timedelta(days=29) < token.expires_at - token.created_at <= dt.timedelta(days=30)
    assert "从未使用" in client.get(reverse("accounts:tokens")).content.decode()
    token_user(key)
    token.refresh_from_db()
    listing = client.get(reverse("accounts:tokens")).content.decode()
    assert f"{token.last_used_at.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%d %H:%M}" in listing
    assert f"{token.expires_at.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%d %H:%M}" in listing
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    assert token_user(key) is None
    entry = AuditEntry.objects.get(action="accounts.token.revoked")
    assert entry.actor == cast.users["finance"] and entry.union == cast.union


def test_a_token_lives_at_most_the_declared_days_and_is_refused_once_expired(cast):
    member = cast.users["member"]
    with pytest.raises(RuleViolation) as exc:
        token_issue(actor=member, user=member, name="长期", days=91)
    assert exc.value.code == "token_days"
    token, key = token_issue(actor=member, user=member, name="phone")
    assert token_user(key) == member
    ApiToken.objects.filter(pk=token.pk).update(expires_at=F("expires_at") - dt.timedelta(days=91))
    assert token_user(key) is None
    assert Client().get(reverse("api:members_workers"), headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_an_officer_revokes_a_members_token_and_the_audit_names_the_officer(cast, client_for):
    member = cast.users["member"]
    token, key = token_issue(actor=member, user=member, name="phone")
    client = client_for(cast.users["admin"])
    assert client.post(reverse("accounts:account_token_revoke", args=[token.pk])).status_code == 302
    assert token_user(key) is None
    entry = AuditEntry.objects.get(action="accounts.token.revoked")
    assert entry.actor == cast.users["admin"] and entry.union == cast.union
    # another union's chair cannot reach our member's token
    other, _key = token_issue(actor=member, user=member, name="second")
    assert client_for(cast.users["outsider"]).post(
        reverse("accounts:account_token_revoke", args=[other.pk])).status_code == 404
    # nor can a member revoke someone else's token
    assert client_for(cast.users["committee"]).post(
        reverse("accounts:token_revoke", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_a_write_through_a_token_is_audited_as_the_tokens_owner(cast):
    member = cast.users["member"]
    token, key = token_issue(actor=member, user=member, name="phone")
    issued = AuditEntry.objects.get(action="accounts.token.issued")
    assert issued.actor == member
    from unionhome.activities.tests.helpers import make_activity

    activity = make_activity(cast)
    response = Client().post(f"/api/v1/activities/{activity.pk}/signup", {}, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201
    entry = AuditEntry.objects.filter(action="activities.signup.created").latest("id")
    assert entry.actor == member and entry.actor_name == member.username


def test_the_migration_revokes_tokens_issued_for_someone_else(cast):
    import importlib

    from django.apps import apps

    from unionhome.core.audit import audit_log

    migration = importlib.import_module("unionhome.accounts.migrations.0003_apitoken_expiry")
    member, chair = cast.users["member"], cast.users["chair"]
    own = ApiToken.objects.create(user=member, name="own", key_hash="a" * 64, prefix="uh_aaaaa", expires_at=None)
    foreign = ApiToken.objects.create(user=member, name="foreign", key_hash="b" * 64, prefix="uh_bbbbb",
                                      expires_at=None)
    audit_log(actor=member, action="accounts.token.issued", target=own)
    audit_log(actor=chair, action="accounts.token.issued", target=foreign)
    migration.expire_and_revoke_foreign_tokens(apps, None)
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.revoked_at is None and own.expires_at == own.created_at + dt.timedelta(days=90)
    assert foreign.revoked_at is not None


@pytest.mark.parametrize("who", ["member", "chair", "group_leader", "outsider"])
def test_the_token_statement_builds_what_the_orm_builds(cast, who, django_assert_max_num_queries):
    """``token_context`` (one statement on PostgreSQL) gives the same user, profile, roles, groups, unions and
    permissions as the ORM's ``context_for``, and touches the database no further when they are used."""
    from unionhome.accounts.models import RoleAssignment
    from unionhome.accounts.queries import context_for
    from unionhome.accounts.services import token_context

    user = cast.users[who]
    if who == "chair":  # roles in two unions: the first union is chosen, as context_for chooses it
        RoleAssignment.objects.create(user=user, union=cast.other_union, role="committee")
    _, key = token_issue(actor=None, user=user, name="phone")
    with django_assert_max_num_queries(1 if _pg() else 3):
        ctx = token_context(key)
        got = (ctx.user.pk, ctx.user.username, ctx.user.is_active, ctx.user.profile.worker_id,
               ctx.user.profile.must_change_password, ctx.union.pk if ctx.union else None,
               ctx.union.name if ctx.union else None, ctx.union.created_at if ctx.union else None,
               ctx.roles, ctx.group_ids, ctx.worker_id, ctx.perms, [(u.pk, u.path, u.founded_on) for u in ctx.unions])
    expected = context_for(type(user).objects.get(pk=user.pk), None)
    assert got == (user.pk, user.username, True, expected.user.profile.worker_id,
                   expected.user.profile.must_change_password, expected.union.pk if expected.union else None,
                   expected.union.name if expected.union else None,
                   expected.union.created_at if expected.union else None, expected.roles, expected.group_ids,
                   expected.worker_id, expected.perms, [(u.pk, u.path, u.founded_on) for u in expected.unions])
    assert ctx.user.get_username() == user.username and ctx.user.check_password is not None


def test_a_token_of_a_disabled_login_is_refused_and_its_use_not_recorded(cast):
    from unionhome.accounts.services import token_context

    member = cast.users["member"]
    token, key = token_issue(actor=None, user=member, name="phone")
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    assert token_context(key) is None and token_user(key) is None
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None


def _pg() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
