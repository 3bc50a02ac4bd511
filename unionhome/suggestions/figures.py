"""Suggestions' figures: submitted (by status), adopted, answered in time. The lists never name the author (a
suggestion may be anonymous to the committee)."""
from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.suggestions.models import Suggestion

COLUMNS = (Column(_("编号"), lambda r: r.code), Column(_("提出日期"), lambda r: timezone.localdate(r.created_at)),
           Column(_("标题"), lambda r: r.title), Column(_("类别"), lambda r: r.get_category_display()),
           Column(_("状态"), lambda r: r.get_status_display()), Column(_("评估结论"), lambda r: r.get_outcome_display()))
ADOPTED = (Suggestion.Outcome.PROPOSAL, Suggestion.Outcome.ADOPTED)


def _range(when):
    """The year's days as aware datetimes (a suggestion's date is the day it was submitted, in local time)."""
    start = timezone.make_aware(dt.datetime.combine(when.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(when.end + dt.timedelta(days=1), dt.time.min))
    return start, end


def _submitted(union, when):
    start, end = _range(when)
    return (Suggestion.objects.filter(union=union, created_at__gte=start, created_at__lt=end)
            .order_by("created_at", "pk"))


def _adopted(union, when):
    return _submitted(union, when).filter(outcome__in=ADOPTED)


def _answered_in_time(union, when):
    start, end = _range(when)
    # answered_at is an aware datetime, the due date a day: in time = answered on or before that day (local date,
    # in the database, so the federation can group the figure by union in one query).
    return (Suggestion.objects.filter(union=union, answered_at__gte=start, answered_at__lt=end,
                                      answered_at__date__lte=F("answer_due"))
            .order_by("answered_at", "pk"))


register(Figure(
    key="suggestions.submitted", name=_("收到合理化建议"), order=90, records=_submitted, period=Period.YEAR,
    date_field="created_at", definition=_("本年度会员和工会小组提出的合理化建议，按提出日期计；按办理状态分。"),
    perm="suggestions.view", unit_word=_("件"), parts=choices_parts(Suggestion.Status), part_field="status",
    columns=COLUMNS))
register(Figure(
    key="suggestions.adopted", name=_("采纳的合理化建议"), order=91, records=_adopted, period=Period.YEAR,
    date_field="created_at", definition=_("本年度提出的合理化建议中，评估结论为“采纳”或“立案为提案”的，按提出日期计。"),
    perm="suggestions.view", unit_word=_("件"), parts=lambda union, when: [(o.value, o.label) for o in
                                                                         Suggestion.Outcome if o in ADOPTED],
    part_field="outcome", columns=COLUMNS))
register(Figure(
    key="suggestions.answered_in_time", name=_("按期答复的合理化建议"), order=92, records=_answered_in_time,
    period=Period.YEAR, date_field="answered_at",
    definition=_("本年度内答复、且答复日期不晚于答复期限的合理化建议，按答复日期计。"),
    perm="suggestions.view", unit_word=_("件"),
    columns=(*COLUMNS[:3], Column(_("答复期限"), lambda r: r.answer_due),
             Column(_("答复日期"), lambda r: timezone.localdate(r.answered_at)))))
