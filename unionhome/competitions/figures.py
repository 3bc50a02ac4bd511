"""Competitions' figures: competitions held."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.competitions.models import Competition, Sport
from unionhome.core.figures import Column, Figure, Period, choices_parts, register


def _held(union, when):
    return (Competition.objects.filter(union=union, held_on__range=(when.start, when.end))
            .exclude(status=Competition.Status.DRAFT).order_by("held_on", "pk"))


register(Figure(
    key="competitions.held", name=_("举办比赛"), order=50, records=_held, period=Period.YEAR, date_field="held_on",
    definition=_("本年度举行（比赛中或已结束，不含仍在报名的）的比赛，每项一次。"), perm="competitions.view",
    unit_word=_("项"), parts=choices_parts(Sport), part_field="sport",
    columns=(Column(_("比赛日期"), lambda r: r.held_on), Column(_("名称"), lambda r: r.title),
             Column(_("项目"), lambda r: r.get_sport_display()), Column(_("状态"), lambda r: r.get_status_display()))))
