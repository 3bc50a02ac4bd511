"""Nobody grants a role to themselves; the roles that reach money, needy members' files or the platform
need a second officer's confirmation."""
import pytest
from django.urls import reverse

from unionhome.accounts.models import RoleAssignment, RoleGrantRequest
from unionhome.accounts.queries import context_for
from unionhome.accounts.services import role_grant, role_grant_confirm
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def holds(user, union, role) -> bool:
    return RoleAssignment.objects.filter(user=user, union=union, role=role).exists()


@pytest.mark.parametrize("officer, role", [("admin", "chair"), ("chair", "admin"), ("chair", "committee"),
                                           ("admin", "hardship_officer")])
def test_nobody_grants_a_role_to_themselves(cast, officer, role):
    user = cast.users[officer]
    with pytest.raises(RuleViolation) as exc:
        role_grant(actor=user, user=user, union=cast.union, role=role)
    assert exc.value.code == "role_self_grant"
    assert not holds(user, cast.union, role) and not RoleGrantRequest.objects.exists()


def test_the_admin_cannot_make_itself_chair_through_the_page(cast, client_for):
    admin = cast.users["admin"]
    client = client_for(admin)
    response = client.post(reverse("accounts:role_grant", args=[admin.pk]), {"role": "chair"}, follow=True)
    assert "不能给自己授予角色" in response.content.decode()
    assert not holds(admin, cast.union, "chair") and not RoleGrantRequest.objects.exists()


@pytest.mark.parametrize("role", ["chair", "admin", "hardship_officer", "finance", "auditor"])
def test_a_sensitive_role_waits_for_a_second_officer(cast, role):
    member, chair, admin = cast.users["member"], cast.users["chair"], cast.users["admin"]
    grant = role_grant(actor=chair, user=member, union=cast.union, role=role)
    assert isinstance(grant, RoleGrantRequest) and grant.status == "pending"
    assert not holds(member, cast.union, role) and role not in context_for(member).roles
    with pytest.raises(RuleViolation) as exc:
        role_grant_confirm(actor=chair, grant_request=grant)
    assert exc.value.code == "role_grant_same_officer"
    assignment = role_grant_confirm(actor=admin, grant_request=grant)
    assert assignment.role == role and role in context_for(member).roles
    requested = AuditEntry.objects.get(action="accounts.role.requested")
    granted = AuditEntry.objects.filter(action="accounts.role.granted").latest("id")
    assert requested.actor == chair and requested.union == cast.union
    assert granted.actor == admin and granted.after["requested_by"] == "t_chair"
    assert granted.after["confirmed_by"] == "t_admin"


def test_an_ordinary_role_is_granted_at_once(cast):
    role_grant(actor=cast.users["chair"], user=cast.users["member"], union=cast.union, role="committee")
    assert holds(cast.users["member"], cast.union, "committee")
    assert not RoleGrantRequest.objects.exists()


def test_the_grantee_cannot_confirm_their_own_grant_and_a_non_officer_cannot_confirm(cast):
    chair, admin = cast.users["chair"], cast.users["admin"]
    grant = role_grant(actor=chair, user=admin, union=cast.union, role="hardship_officer")
    with pytest.raises(RuleViolation) as exc:
        role_grant_confirm(actor=admin, grant_request=grant)
    assert exc.value.code == "role_self_grant"
    with pytest.raises(RuleViolation) as exc:
        role_grant_confirm(actor=cast.users["committee"], grant_request=grant)
    assert exc.value.code == "role_grant_not_officer"
    with pytest.raises(RuleViolation):  # another union's chair is no officer here
        role_grant_confirm(actor=cast.users["outsider"], grant_request=grant)
    assert not holds(admin, cast.union, "hardship_officer")


def test_a_rejected_grant_never_takes_effect(cast, client_for):
    member, chair = cast.users["member"], cast.users["chair"]
    grant = role_grant(actor=chair, user=member, union=cast.union, role="finance")
    client = client_for(cast.users["admin"])
    assert client.post(reverse("accounts:role_grant_reject", args=[grant.pk])).status_code == 302
    assert client.post(reverse("accounts:role_grant_confirm", args=[grant.pk])).status_code == 302
    assert not holds(member, cast.union, "finance")
    grant.refresh_from_db()
    assert grant.status == "rejected" and grant.decided_by == cast.users["admin"]
    assert AuditEntry.objects.filter(action="accounts.role.rejected", actor=cast.users["admin"]).exists()


def test_the_second_officer_confirms_from_the_account_page(cast, client_for):
    member = cast.users["member"]
    chair_client = client_for(cast.users["chair"])
    response = chair_client.post(reverse("accounts:role_grant", args=[member.pk]), {"role": "auditor"}, follow=True)
    body = response.content.decode()
    assert "须另一位工会主席或系统管理员确认" in body and 'id="pending-grants"' in body
    grant = RoleGrantRequest.objects.get()
    assert reverse("accounts:role_grant_confirm", args=[grant.pk]) not in body  # not for the one who asked
    admin_client = client_for(cast.users["admin"])
    listing = admin_client.get(reverse("accounts:manage")).content.decode()
    assert reverse("accounts:role_grant_confirm", args=[grant.pk]) in listing
    admin_client.post(reverse("accounts:role_grant_confirm", args=[grant.pk]))
    assert holds(member, cast.union, "auditor")


def test_a_role_that_comes_from_the_platform_itself_is_granted_directly(cast):
    # actor None: set-up and roles that come with holding an office, not a person's grant
    role_grant(actor=None, user=cast.users["member"], union=cast.union, role="finance")
    assert holds(cast.users["member"], cast.union, "finance")


def test_a_new_login_with_a_sensitive_role_gets_it_only_after_confirmation(cast, client_for):
    worker = cast.workers["group2_worker"]
    response = client_for(cast.users["chair"]).post(reverse("accounts:create"), {
        "worker": worker.pk, "username": "chensan", "password": "Init-pass-2026", "roles": ["member", "finance"]})
    assert response.status_code == 302
    user = worker.account.user
    assert holds(user, cast.union, "member") and not holds(user, cast.union, "finance")
    assert RoleGrantRequest.objects.get(user=user).role == "finance"
