"""Activities' figures: activities held (by kind) and participation (by union group)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.activities.models import Activity, Signup
from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.org.models import UnionGroup

NO_GROUP = "none"


def _held(union, when):
    return (Activity.objects.filter(union=union, starts_at__date__range=(when.start, when.end))
            .exclude(status=Activity.Status.CANCELLED).order_by("starts_at", "pk"))


def _participation(union, when):
    return (Signup.objects.filter(union=union, status=Signup.Status.ACCEPTED,
                                  activity__starts_at__date__range=(when.start, when.end))
            .exclude(activity__status=Activity.Status.CANCELLED)
            .select_related("activity", "worker__unit", "group").order_by("activity__starts_at", "pk"))


def _groups(union, when):
    return [*((str(g.pk), g.name) for g in UnionGroup.objects.filter(union=union)), (NO_GROUP, _("未分组"))]


def _by_group(qs, key, when):
    return qs.filter(group__isnull=True) if key == NO_GROUP else qs.filter(group_id=key)


register(Figure(
    key="activities.held", name=_("举办活动"), order=40, records=_held, period=Period.YEAR, date_field="starts_at",
    definition=_("本年度开始的文体活动、出游、参观交流、联合活动等（已取消的不计），每场一次。"),
    perm="activities.stats", unit_word=_("场"), parts=choices_parts(Activity.Kind), part_field="kind",
    columns=(Column(_("开始时间"), lambda r: r.starts_at), Column(_("名称"), lambda r: r.title),
             Column(_("类型"), lambda r: r.get_kind_display()), Column(_("地点"), lambda r: r.place))))
register(Figure(
    key="activities.participation", name=_("活动参与人次"), order=41, records=_participation, period=Period.YEAR,
    date_field="activity__starts_at", unit_field="worker__unit", group_field="group",
    definition=_("本年度举办的活动中报名成功（已报名，不含候补和取消）的人次，按报名时所在工会小组计。"),
    perm="activities.stats", person_perm="activities.stats", unit_word=_("人次"), parts=_groups, part_filter=_by_group,
    columns=(Column(_("活动"), lambda r: r.activity.title), Column(_("开始时间"), lambda r: r.activity.starts_at),
             Column(_("姓名"), lambda r: r.worker.name, personal=True),
             Column(_("工会小组"), lambda r: r.group.name if r.group_id else ""))))
