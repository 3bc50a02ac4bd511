"""The evaluation's figures (issue 11 §3): honours by kind, by group, by gender and ethnicity, and the members
honoured in consecutive years. An honour counts once its round is final and no upheld objection withdrew it; it
belongs to the round's year (``Award.year``)."""
from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from unionhome.awards.models import Award, HonourKind, Round
from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.members.choices import Gender
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup

PERM = "awards.view"  # the list is published (公示) to members: names are not hidden from them
COMMON = dict(period=Period.YEAR, perm=PERM, person_perm=PERM, date_field="round__finalised_on")
NAME = Column(_("获奖者"), lambda r: r.nominee_name, personal=True)
COLUMNS = (Column(_("年度"), lambda r: r.year), NAME, Column(_("荣誉"), lambda r: r.kind.name),
           Column(_("工会小组"), lambda r: r.group.name), Column(_("证书编号"), lambda r: r.certificate_no))


def final_honours(union, when):
    return (Award.objects.filter(union=union, year=when.year, round__status=Round.Status.FINAL, withdrawn=False)
            .select_related("kind", "group", "worker").order_by("group__sort_order", "kind__sort_order", "pk"))


def _people(union, when):
    return final_honours(union, when).filter(worker__isnull=False)


def _kinds(union, when):
    return [(k.pk, k.name) for k in HonourKind.objects.filter(union=union)]


def _groups(union, when):
    return [(g.pk, g.name) for g in UnionGroup.objects.filter(union=union)]


def _ethnicities(union, when):
    return [(e, e) for e in _people(union, when).order_by("worker__ethnicity")
            .values_list("worker__ethnicity", flat=True).distinct()]


def _consecutive(union, when):
    """Members honoured (any kind) both in the year and in the year before."""
    def honoured(year):  # the worker's own awards (the outer query scopes the union, so one query can group by it)
        return Exists(Award.objects.filter(worker=OuterRef("pk"), year=year, round__status=Round.Status.FINAL,
                                           withdrawn=False))
    return (Worker.objects.filter(union=union).filter(honoured(when.year)).filter(honoured(when.year - 1))
            .select_related("group").order_by("name_pinyin", "pk"))


register(Figure(
    key="awards.honours", name=_("年终评选荣誉"), order=90, records=final_honours, **COMMON, group_field="group",
    unit_word=_("项"), parts=_kinds, part_field="kind_id", columns=COLUMNS,
    definition=_("本年度评选确定（公示期满、异议已答复、未撤销）的荣誉，个人和集体（优秀工会小组）各计一项，按荣誉种类分。")))
register(Figure(
    key="awards.honours_by_group", name=_("年终评选荣誉（按小组）"), order=91, records=final_honours, **COMMON,
    group_field="group", unit_word=_("项"), parts=_groups, part_field="group_id",
    columns=COLUMNS,
    definition=_("本年度评选确定的荣誉，按推荐小组分（集体荣誉计入获评小组）。")))
register(Figure(
    key="awards.people_by_gender", name=_("获评个人荣誉（按性别）"), order=92, records=_people, **COMMON,
    group_field="group", unit_word=_("人次"), parts=choices_parts(Gender), part_field="worker__gender",
    columns=COLUMNS, definition=_("本年度评选确定的个人荣誉（不含集体荣誉），按获奖者性别分；一人获两项计两人次。")))
register(Figure(
    key="awards.people_by_ethnicity", name=_("获评个人荣誉（按民族）"), order=93, records=_people, **COMMON,
    group_field="group", unit_word=_("人次"), parts=_ethnicities, part_field="worker__ethnicity",
    columns=COLUMNS, definition=_("本年度评选确定的个人荣誉（不含集体荣誉），按获奖者民族分。")))
register(Figure(
    key="awards.consecutive", name=_("连续两年获评的会员"), order=94, records=_consecutive, period=Period.YEAR,
    perm=PERM, person_perm=PERM, group_field="group", unit_word=_("人"),
    columns=(Column(_("姓名"), lambda r: r.name, personal=True),
             Column(_("工会小组"), lambda r: r.group.name if r.group_id else "")),
    definition=_("本年度和上一年度都有评选确定的个人荣誉（任一种类）的会员，每人计一次。")))
