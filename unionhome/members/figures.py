"""The roster's figures: staff, members, 入会率 at the year's end, members by gender, age band and ethnicity."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.members.choices import AGE_BANDS, ETHNICITIES, Gender
from unionhome.members.models import Worker
from unionhome.members.queries import WorkerFilters, in_membership_on, members_on, on_roster_on, worker_search

REBUILT = _("按入会日期与最近一次会籍变动（退休、转出、退会）重建当时的会籍和在职状态；更早的变动和非会员的离职无法重建。")


def _staff(union, when):
    return (Worker.objects.filter(union=union).filter(on_roster_on(when.as_of))
            .select_related("unit", "group", "membership")
            .order_by("unit__sort_order", "name_pinyin", "pk"))


def _in_membership(union, when):
    return _staff(union, when).filter(in_membership_on(when.as_of))


def _members(union, when):
    return (Worker.objects.filter(union=union).filter(members_on(when.as_of))
            .select_related("unit", "group", "membership").order_by("unit__sort_order", "name_pinyin", "pk"))


def _age_band(qs, key, when):
    return worker_search(qs, WorkerFilters(age_band=key), today=when.as_of)


def _ethnicities(union, when):
    present = set(Worker.objects.filter(union=union).values_list("ethnicity", flat=True).distinct())
    return [(e, e) for e in ETHNICITIES if e in present]


COLUMNS = (
    Column(_("姓名"), lambda w: w.name, personal=True),
    Column(_("单位"), lambda w: w.unit.name if w.unit_id else ""),
    Column(_("工会小组"), lambda w: w.group.name if w.group_id else ""),
    Column(_("性别"), lambda w: w.get_gender_display()),
    Column(_("入会日期"), lambda w: getattr(getattr(w, "membership", None), "joined_on", "") or ""),
)
COMMON = dict(columns=COLUMNS, perm="members.view_all", person_perm="members.view_all", unit_field="unit",
              group_field="group", period=Period.AS_OF, reconstructs=REBUILT, unit_word=_("人"))

register(Figure(key="members.staff", name=_("在职职工"), order=10, records=_staff, **COMMON,
                definition=_("花名册上在职的职工（入会率的分母）。")))
register(Figure(key="members.in_membership", name=_("在会会员"), order=11, records=_in_membership, **COMMON,
                definition=_("在职职工中，年末（或今天）会籍为在会的会员，不含退休保留会籍（入会率的分子）。")))
register(Figure(key="members.rate", name=_("入会率"), order=12, records=_in_membership, **COMMON,
                numerator="members.in_membership", denominator="members.staff",
                definition=_("在会会员 ÷ 在职职工，按年末（或今天）的会籍计。")))
_MEMBERS = dict(COMMON, definition=_("年末（或今天）的全体会员：在会会员与退休保留会籍的会员。"))
register(Figure(key="members.by_gender", name=_("会员（按性别）"), order=13, records=_members, **_MEMBERS,
                parts=choices_parts(Gender), part_field="gender"))
register(Figure(key="members.by_age_band", name=_("会员（按年龄段）"), order=14, records=_members, **_MEMBERS,
                parts=lambda union, when: [(key, label) for key, label, _low, _high in AGE_BANDS], part_filter=_age_band))
register(Figure(key="members.by_ethnicity", name=_("会员（按民族）"), order=15, records=_members, **_MEMBERS,
                parts=_ethnicities, part_field="ethnicity"))
