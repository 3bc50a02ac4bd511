"""Meetings' figures: meetings held by kind, the special meeting on union work, the congress, decisions adopted and
decisions carried out."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.meetings.models import Decision, Meeting

HELD = (Meeting.Status.HELD, Meeting.Status.CLOSED)
MEETING_COLUMNS = (Column(_("会议日期"), lambda r: r.held_on), Column(_("会议名称"), lambda r: r.title),
                   Column(_("会议类别"), lambda r: r.get_kind_display()), Column(_("状态"), lambda r: r.get_status_display()))


def _held(union, when):
    return (Meeting.objects.filter(union=union, status__in=HELD, held_on__range=(when.start, when.end))
            .order_by("held_on", "pk"))


def _special(union, when):
    return _held(union, when).filter(kind=Meeting.Kind.SPECIAL)


def _congress(union, when):
    return _held(union, when).filter(kind=Meeting.Kind.CONGRESS)


def _adopted(union, when):
    return (Decision.objects.filter(union=union, outcome=Decision.Outcome.ADOPTED,
                                    item__meeting__held_on__range=(when.start, when.end))
            .select_related("item__meeting", "owner").order_by("item__meeting__held_on", "pk"))


def _done(union, when):
    return (Decision.objects.filter(union=union, outcome=Decision.Outcome.ADOPTED, status=Decision.Status.DONE,
                                    done_on__range=(when.start, when.end))
            .select_related("item__meeting", "owner").order_by("done_on", "pk"))


DECISION_COLUMNS = (Column(_("会议"), lambda r: r.item.meeting.title), Column(_("决定事项"), lambda r: r.text),
                    Column(_("责任人"), lambda r: r.owner.name if r.owner_id else ""),
                    Column(_("完成期限"), lambda r: r.due_on), Column(_("落实情况"), lambda r: r.get_status_display()))

register(Figure(
    key="meetings.held", name=_("召开会议"), order=80, records=_held, period=Period.YEAR, date_field="held_on",
    definition=_("本年度已召开（已点名或纪要已定稿）的各类会议，按会议日期计，每次会议计一次。"),
    perm="meetings.view", unit_word=_("次"), parts=choices_parts(Meeting.Kind), part_field="kind",
    columns=MEETING_COLUMNS))
register(Figure(
    key="meetings.special_held", name=_("召开工会工作专题会议"), order=81, records=_special, period=Period.YEAR,
    date_field="held_on", definition=_("本年度已召开的工会工作专题会议（每年至少一次），按会议日期计。"),
    perm="meetings.view", unit_word=_("次"), columns=MEETING_COLUMNS))
register(Figure(
    key="meetings.congress_held", name=_("召开会员（代表）大会"), order=82, records=_congress, period=Period.YEAR,
    date_field="held_on", definition=_("本年度已召开的会员（代表）大会（每年至少一次），按会议日期计。"),
    perm="meetings.view", unit_word=_("次"), columns=MEETING_COLUMNS))
register(Figure(
    key="meetings.decisions_adopted", name=_("会议通过的决定"), order=83, records=_adopted, period=Period.YEAR,
    date_field="item__meeting__held_on",
    definition=_("本年度召开的会议表决通过的决定事项，按会议日期计；按落实情况分为落实中和已落实。"),
    perm="meetings.view", unit_word=_("项"), parts=choices_parts(Decision.Status), part_field="status",
    columns=DECISION_COLUMNS))
register(Figure(
    key="meetings.decisions_done", name=_("已落实的会议决定"), order=84, records=_done, period=Period.YEAR,
    date_field="done_on", definition=_("本年度内落实完毕的会议决定（含以前年度通过的），按落实日期计。"),
    perm="meetings.view", unit_word=_("项"), columns=DECISION_COLUMNS))
