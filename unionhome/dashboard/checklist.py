"""The set-up checklist of a new union, on its chair's dashboard until every line is done."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhome.accounts.models import Profile
from unionhome.committees.models import Position
from unionhome.core.permissions import may_open
from unionhome.funds.models import DuesRate
from unionhome.funds.services import policy_in_force
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup, Unit


@dataclass
class Step:
    code: str
    label: str
    done: bool
    url: str


def setup_checklist(union, *, today: dt.date | None = None) -> list[Step]:
    """What a union needs before its year can be run on the platform, each with the page that does it:
    units, union groups each with a leader, the roster, committees with their officers, the dues base,
    a welfare policy in force for its province, and logins for its members."""
    today = today or timezone.localdate()
    groups = UnionGroup.objects.filter(union=union)
    return [
        Step("units", _("设立单位（部门）"), Unit.objects.filter(union=union).exists(), reverse("org:unit_create")),
        Step("groups", _("设立工会小组并指定负责人"),
             groups.exists() and not groups.filter(leadership__isnull=True).exists(), reverse("org:home")),
        Step("roster", _("导入会员花名册"), Worker.objects.filter(union=union).exists(), reverse("members:import")),
        Step("committees", _("录入工会委员会及其委员"),
             Position.objects.filter(union=union, ended_on__isnull=True).exists(), reverse("committees:home")),
        Step("dues", _("核定会费缴纳基数"), DuesRate.objects.filter(union=union).exists(), reverse("funds:dues")),
        Step("welfare_policy", _("确认本省福利政策"), policy_in_force(union, today) is not None,
             reverse("funds:policy")),
        Step("accounts", _("为会员开通账号"), Profile.objects.filter(worker__union=union).exists(),
             reverse("accounts:manage")),
    ]


def pending_checklist(ctx) -> list[Step] | None:
    """The checklist for whoever sets the union up (its chair or admin), or None once every line is done."""
    if ctx.union is None or ctx.union.kind != "grassroots" or not ctx.has("org.manage"):
        return None
    steps = setup_checklist(ctx.union)
    if all(step.done for step in steps):
        return None
    # a step done on a page this user may not open (the admin and the dues base) is listed without its link
    return [step if may_open(ctx, step.url) else replace(step, url="") for step in steps]
