"""Roles follow office (issue 9 §2): holding a committee position or leading a union group gives its role for
as long as the office lasts; the role ends with it.

- 工会委员会: 主席 and 组织员 (who stands in for the whole committee) → ``chair``; 副主席 and 委员 → ``committee``
  (a vice-chair's own powers come from the committee's decisions, not from a platform role of its own).
- 女职工委员会: 主任 and 委员 → ``women_committee``. 经费审查委员会: 主任 and 委员 → ``auditor`` (经审委员).
- A group's leader (负责人, ``committees.GroupLeader``) → ``group_leader`` for that group.

An office counts while its position is open in a term the higher union approved (``active``) and the term has not
run past its end date (or a recorded approval to hold the election late covers the day). The approval of the
term by the higher union, after the election, is the second confirmation that sensitive roles otherwise need
(``services.CONFIRMED_ROLES``): such roles are granted by the platform (actor ``None`` in the grant's own sense),
while the audit names the officer whose change caused it. Roles granted by an officer are never touched here:
only rows marked ``source=office``.

Committees are below accounts, so they tell of changes through hooks (``accounts/receivers.py``); the
daily ``manage.py roles_sync`` catches terms that end by date, and is idempotent.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.accounts.models import Profile, RoleAssignment
from unionhome.accounts.services import _two_factor_role_taken
from unionhome.committees.models import Committee, GroupLeader, Position, Term
from unionhome.core.audit import audit_log
from unionhome.core.permissions import Role

T = Position.Title
OFFICE_ROLES = {
    (Committee.Kind.UNION, T.CHAIR): Role.CHAIR, (Committee.Kind.UNION, T.ORGANISER): Role.CHAIR,
    (Committee.Kind.UNION, T.VICE_CHAIR): Role.COMMITTEE, (Committee.Kind.UNION, T.MEMBER): Role.COMMITTEE,
    (Committee.Kind.WOMEN, T.WOMEN_DIRECTOR): Role.WOMEN_COMMITTEE,
    (Committee.Kind.WOMEN, T.WOMEN_MEMBER): Role.WOMEN_COMMITTEE, (Committee.Kind.WOMEN, T.MEMBER): Role.WOMEN_COMMITTEE,
    (Committee.Kind.AUDIT, T.AUDIT_CHAIR): Role.AUDITOR, (Committee.Kind.AUDIT, T.MEMBER): Role.AUDITOR,
    (Committee.Kind.AUDIT, T.VICE_CHAIR): Role.AUDITOR,
}


def offices_held(union, *, on: dt.date, worker_ids=None) -> dict[int, set[tuple[str, int | None]]]:
    """worker id → the (role, group id) pairs their offices give on ``on`` (two queries)."""
    positions = (Position.objects.filter(union=union, ended_on__isnull=True, term__status=Term.Status.ACTIVE,
                                         started_on__lte=on)
                 .filter(Q(term__ends_on__gte=on) | Q(term__reschedule_by__gte=on))
                 .values_list("worker_id", "term__committee__kind", "title"))
    groups = GroupLeader.objects.filter(union=union).values_list("worker_id", "group_id")
    if worker_ids is not None:
        positions, groups = positions.filter(worker_id__in=worker_ids), groups.filter(worker_id__in=worker_ids)
    wanted: dict[int, set] = {}
    for worker_id, kind, title in positions:
        role = OFFICE_ROLES.get((kind, title))
        if role is not None:
            wanted.setdefault(worker_id, set()).add((role.value, None))
    for worker_id, group_id in groups:
        wanted.setdefault(worker_id, set()).add((Role.GROUP_LEADER.value, group_id))
    return wanted


@transaction.atomic
def roles_sync(*, actor, union, workers=None, on: dt.date | None = None) -> tuple[int, int]:
    """Make the office roles of ``union`` (of ``workers`` only, when given) match the offices held ``on``
    (today): grant what is missing, end what no office backs any more. Returns (granted, ended)."""
    on = on or timezone.localdate()
    worker_ids = None if workers is None else [getattr(w, "pk", w) for w in workers]
    profiles = Profile.objects.filter(worker__union=union).select_related("user")
    if worker_ids is not None:
        profiles = profiles.filter(worker_id__in=worker_ids)
    users = {p.worker_id: p.user for p in profiles if p.worker_id}
    wanted = offices_held(union, on=on, worker_ids=worker_ids)
    held = RoleAssignment.objects.filter(union=union, user__in=users.values()).select_related("user")
    have_any = {(a.user_id, a.role, a.group_id) for a in held}
    granted = ended = 0
    for worker_id, user in users.items():
        for role, group_id in sorted(wanted.get(worker_id, ()), key=str):
            if (user.pk, role, group_id) in have_any:
                continue
            assignment = RoleAssignment.objects.create(user=user, union=union, role=role, group_id=group_id,
                                                       source=RoleAssignment.Source.OFFICE)
            _two_factor_role_taken(user, role)
            audit_log(actor=actor, action="accounts.role.granted", union=union, target=assignment,
                      after={"user": user.username, "role": role, "group": group_id, "source": "office"},
                      note=gettext("随职务授予"))
            granted += 1
    by_user = {u.pk: w for w, u in users.items()}
    for assignment in held:
        if assignment.source != RoleAssignment.Source.OFFICE:
            continue
        if (assignment.role, assignment.group_id) in wanted.get(by_user.get(assignment.user_id), set()):
            continue
        audit_log(actor=actor, action="accounts.role.revoked", union=union, target=assignment,
                  before={"user": assignment.user.username, "role": assignment.role, "group": assignment.group_id,
                          "source": "office"}, note=gettext("职务结束"))
        assignment.delete()
        ended += 1
    return granted, ended
