"""Reads of the 台账 bundles: a bundle is seen only by the officer who asked for it, in its union."""
from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from unionhome.core import figures as registry
from unionhome.core.figures import Period, Scope, When
from unionhome.records.models import Bundle


def own_bundles(ctx) -> QuerySet[Bundle]:
    return Bundle.objects.filter(union=ctx.union, requested_by=ctx.user).select_related("job", "union")


def own_bundle_or_404(ctx, pk: int) -> Bundle:
    bundle = own_bundles(ctx).filter(pk=pk).first() if ctx.union else None
    if bundle is None:
        raise Http404
    return bundle


def first_year(union) -> int:
    """The union's first year: before it, a roster rebuilt "as of" the year's end is no record of the union's."""
    return (union.founded_on or union.created_at.date()).year


def has_records(union, year: int) -> bool:
    """Whether the year holds any record the bundle would list: a registered figure's record, a meeting, a study
    session or an award (checked before a job is queued, so an empty year gets its message at once)."""
    from unionhome.awards.models import Award
    from unionhome.meetings.models import Meeting
    from unionhome.study.models import StudySession

    when = When.for_year(year)
    for figure in registry.figures():
        if figure.period == Period.AS_OF and year < first_year(union):
            continue
        if not figure.is_rate and registry.record_list(figure, union, when, Scope()).exists():
            return True
    return (Meeting.objects.filter(union=union, held_on__year=year).exists()
            or StudySession.objects.filter(union=union, held_on__year=year).exists()
            or Award.objects.filter(union=union, year=year).exists())


def is_expired(bundle: Bundle, *, now=None) -> bool:
    return bundle.expires_at is not None and bundle.expires_at <= (now or timezone.now())
