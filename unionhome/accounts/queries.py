from __future__ import annotations

from unionhome.accounts.models import RoleAssignment
from unionhome.core.permissions import ANONYMOUS, Role, UnionContext, perms_for_roles


def context_for(user, union_id: int | None = None) -> UnionContext:
    """Build the request's UnionContext from the user's role assignments (one query)."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    assignments = list(RoleAssignment.objects.filter(user=user).select_related("union").order_by("union_id", "id"))
    return context_from_assignments(user, assignments, union_id)


def context_from_assignments(user, assignments, union_id: int | None = None) -> UnionContext:
    """The UnionContext of ``user`` holding ``assignments`` (their unions loaded, ordered by union and id)."""
    unions = []
    for a in assignments:
        if a.union not in unions:
            unions.append(a.union)
    if not unions:
        return UnionContext(user=user)
    union = next((u for u in unions if u.pk == union_id), unions[0])
    mine = [a for a in assignments if a.union_id == union.pk]
    roles = frozenset(Role(a.role) for a in mine)
    profile = getattr(user, "profile", None)
    worker_id = profile.worker_id if profile is not None else None
    return UnionContext(user=user, union=union, roles=roles,
                        group_ids=frozenset(a.group_id for a in mine if a.group_id),
                        worker_id=worker_id, perms=perms_for_roles(roles), unions=unions)


def accounts_in_union(union):
    """Logins holding a role in ``union``, with their roles and worker (three queries, whatever the count)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Prefetch

    assignments = RoleAssignment.objects.filter(union=union).select_related("group").order_by("role")
    return (get_user_model().objects.filter(role_assignments__union=union).distinct()
            .select_related("profile__worker").prefetch_related(Prefetch("role_assignments", queryset=assignments))
            .order_by("username"))


def account_in_union_or_404(union, pk):
    """A login of ``union``: missing and another union's answer alike (404)."""
    from django.http import Http404

    qs = accounts_in_union(union)
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def tokens_of(user):
    """A login's API tokens, newest first (their secrets are never stored, only a prefix)."""
    from unionhome.accounts.models import ApiToken

    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def pending_role_grants(union, user=None):
    """Role grants of ``union`` waiting for a second officer, oldest first (optionally of one login)."""
    from unionhome.accounts.models import RoleGrantRequest

    qs = (RoleGrantRequest.objects.filter(union=union, status=RoleGrantRequest.Status.PENDING)
          .select_related("user__profile__worker", "requested_by", "group").order_by("requested_at", "id"))
    return qs.filter(user=user) if user is not None else qs


def two_factor_required(user) -> bool:
    """Whether ``user`` holds, in any union, a role that may log in only with two factors
    (``UNIONHOME_2FA_ROLES``: the chair, the accountant, the funds reviewer, the hardship officer, the admin)."""
    from django.conf import settings

    return RoleAssignment.objects.filter(user=user, role__in=settings.UNIONHOME_2FA_ROLES).exists()


def two_factor_enrolled(user) -> bool:
    """Whether ``user`` has a confirmed authenticator (officers must; members may)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def holds_role(user, union, roles, *, group=None) -> bool:
    """Whether ``user`` holds one of ``roles`` in ``union`` (for ``group`` when given: a group leader's own group).
    The one check services make of an actor's office."""
    if user is None:
        return False
    rows = RoleAssignment.objects.filter(user=user, union=union, role__in=[roles] if isinstance(roles, str) else roles)
    return rows.filter(group=group).exists() if group is not None else rows.exists()
