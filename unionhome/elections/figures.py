"""Elections' figures: elections held, general and by-elections."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.elections.models import Election

HELD = (Election.Status.CLOSED, Election.Status.RELEASED, Election.Status.APPROVED)


def _held(union, when):
    # A further round (parent set) belongs to its election: one election, however many rounds it took.
    return (Election.objects.filter(union=union, parent__isnull=True, status__in=HELD,
                                    held_on__range=(when.start, when.end)).order_by("held_on", "pk"))


register(Figure(
    key="elections.held", name=_("举行选举"), order=60, records=_held, period=Period.YEAR, date_field="held_on",
    definition=_("本年度举行并已闭票计票的选举（换届选举和增补选举），另行选举的轮次不另计。"),
    perm="elections.manage", unit_word=_("次"), parts=choices_parts(Election.Kind), part_field="kind",
    columns=(Column(_("选举日期"), lambda r: r.held_on), Column(_("名称"), lambda r: r.title),
             Column(_("类别"), lambda r: r.get_kind_display()), Column(_("状态"), lambda r: r.get_status_display()))))
