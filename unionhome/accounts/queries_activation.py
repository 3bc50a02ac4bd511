"""Reads for issuing and activating members' logins: who a typed login names, and how far a union is."""
from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from unionhome.core.crypto import blind_index
from unionhome.members.choices import MembershipStatus

MOBILE_RE = re.compile(r"^1\d{10}$")
# Members whose membership has not ended (retired members keep theirs, and their login).
MEMBERSHIP_HOLDING = (MembershipStatus.ACTIVE, MembershipStatus.RETAINED)


def login_users(login: str) -> list:
    """The logins a typed name stands for: the username itself, else the mobile number or the card number of a
    member whose membership has not ended (any union). Several users: the mobile (or card) is shared."""
    login = (login or "").strip()
    if not login or len(login) > 150:
        return []
    User = get_user_model()
    exact = list(User.objects.filter(username=login).select_related("profile"))
    if exact:
        return exact
    held = Q(profile__worker__membership__status__in=MEMBERSHIP_HOLDING)
    by = Q(profile__worker__membership__card_number=login)
    if MOBILE_RE.match(login):
        by |= Q(profile__worker__mobile_hash=blind_index(login))
    return list(User.objects.filter(held & by).select_related("profile").distinct().order_by("pk"))


def issue_overview(union, group_ids=None) -> list[dict]:
    """Per group (and the members in no group): active members, with a login, activated, awaiting activation.
    One query, whatever the number of members."""
    from unionhome.members.models import Worker

    workers = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
    if group_ids is not None:
        workers = workers.filter(group_id__in=group_ids)
    rows = (workers.values("group_id", "group__name")
            .annotate(members=Count("id"), with_account=Count("account"),
                      activated=Count("account", filter=Q(account__awaiting_activation=False,
                                                          account__user__is_active=True)),
                      awaiting=Count("account", filter=Q(account__awaiting_activation=True)))
            .order_by("group__sort_order", "group__name", "group_id"))
    return [{**r, "without_account": r["members"] - r["with_account"]} for r in rows]


def federation_viewers(union):
    """The viewer logins of a federation (role ``federation`` there), by username."""
    from unionhome.core.permissions import Role

    return (get_user_model().objects.filter(role_assignments__union=union, role_assignments__role=Role.FEDERATION)
            .select_related("profile").distinct().order_by("username"))
