"""Care's figures: visits by kind, the women's health check, 送温暖 recipients, donations, blood donors."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.care.models import BloodVolunteer, CareVisit, Donation, HealthCheckInvite, WarmthVisit
from unionhome.care.models.drives import BloodOutcome
from unionhome.care.models.health import InviteStatus
from unionhome.care.models.visits import VisitKind
from unionhome.core.figures import Column, Figure, Period, choices_parts, register

PERSON = dict(unit_field="worker__unit", group_field="worker__group", period=Period.YEAR)
NAME = Column(_("姓名"), lambda r: r.worker.name, personal=True)
UNIT = Column(_("单位"), lambda r: r.worker.unit.name if r.worker.unit_id else "")


def _visits(union, when):
    return (CareVisit.objects.filter(union=union, visited_on__range=(when.start, when.end))
            .select_related("worker__unit").order_by("visited_on", "pk"))


def _health(union, when):
    return (HealthCheckInvite.objects.filter(union=union, status=InviteStatus.ATTENDED,
                                             attended_on__range=(when.start, when.end))
            .select_related("worker__unit", "campaign").order_by("attended_on", "pk"))


def _warmth(union, when):
    return (WarmthVisit.objects.filter(union=union, done_on__range=(when.start, when.end))
            .select_related("worker__unit", "campaign").order_by("done_on", "pk"))


def _donations(union, when):
    return (Donation.objects.filter(union=union, received_on__range=(when.start, when.end), received__gt=0)
            .select_related("worker__unit", "drive").order_by("received_on", "pk"))


def _blood(union, when):
    return (BloodVolunteer.objects.filter(union=union, outcome=BloodOutcome.DONATED,
                                          drive__held_on__range=(when.start, when.end))
            .select_related("worker__unit", "drive").order_by("drive__held_on", "pk"))


register(Figure(
    key="care.visits", name=_("慰问人次"), order=30, records=_visits, **PERSON, date_field="visited_on",
    definition=_("本年度登记的慰问（结婚、生育、住院、去世、退休、节日、生日），按慰问日期计，一次慰问计一人次。"),
    perm="care.view", person_perm="care.view", unit_word=_("人次"),
    parts=choices_parts(VisitKind), part_field="kind",
    columns=(Column(_("日期"), lambda r: r.visited_on), NAME, UNIT, Column(_("慰问类型"), lambda r: r.get_kind_display()),
             Column(_("金额（元）"), lambda r: r.amount))))
register(Figure(
    key="care.health_check_women", name=_("参加妇检的女职工"), order=31, records=_health, **PERSON,
    date_field="attended_on", unit_word=_("人次"),
    definition=_("本年度妇检中登记为“已体检”的女职工，按体检日期计。"), perm="care.health", person_perm="care.health",
    columns=(Column(_("体检日期"), lambda r: r.attended_on), NAME, UNIT, Column(_("妇检活动"), lambda r: r.campaign.name))))
register(Figure(
    key="care.warmth_recipients", name=_("送温暖走访户数"), order=32, records=_warmth, **PERSON, date_field="done_on",
    definition=_("本年度送温暖活动中已走访的困难职工和退休职工，按走访日期计。"), unit_word=_("户"),
    perm="care.view", person_perm="care.hardship", parts=choices_parts(WarmthVisit.Target), part_field="target",
    columns=(Column(_("走访日期"), lambda r: r.done_on), NAME, UNIT, Column(_("对象"), lambda r: r.get_target_display()),
             Column(_("金额（元）"), lambda r: r.amount))))
register(Figure(
    key="care.donations", name=_("捐资捐物（已收）"), order=33, records=_donations, **PERSON, date_field="received_on",
    measure="sum", sum_field="received", unit_word=_("元"),
    definition=_("本年度收到的会员捐款与捐物估值之和，按收到日期计；列表为每一笔。"), perm="care.view", person_perm="care.view",
    columns=(Column(_("收到日期"), lambda r: r.received_on), NAME, UNIT, Column(_("捐助活动"), lambda r: r.drive.name),
             Column(_("已收（元）"), lambda r: r.received))))
register(Figure(
    key="care.blood_donors", name=_("义务献血人数"), order=34, records=_blood, **PERSON, date_field="drive__held_on",
    definition=_("本年度义务献血活动中登记为“已献血”的志愿者。"), perm="care.view", person_perm="care.view",
    unit_word=_("人"),
    columns=(Column(_("日期"), lambda r: r.drive.held_on), NAME, UNIT, Column(_("献血活动"), lambda r: r.drive.name))))
