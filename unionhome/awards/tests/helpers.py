"""Build an evaluation through the real services, as far as a test needs it."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from unionhome.awards import services
from unionhome.awards.models import HonourKind


def kind(cast, name="先进工作者", value=Decimal("300"), form="goods", **kw) -> HonourKind:
    return services.kind_create(actor=None, union=cast.union, name=name, reward_item="保温杯", reward_value=value,
                                reward_form=form, **kw)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def round_(cast, kinds=None, year=None):
    kinds = kinds or [kind(cast)]
    return services.round_create(actor=None, union=cast.union, year=year or timezone.localdate().year, kinds=kinds)


def nominate(cast, round, who=("member", "group2_worker"), k=None):
    k = k or round.kinds.first()
    return [services.nomination_add(actor=None, round=round, kind=k, worker=cast.workers[w]) for w in who]


def decided(cast, who=("member", "group2_worker"), meeting_days_ago=20):
    r = round_(cast)
    noms = nominate(cast, r, who)
    services.round_decide(actor=cast.users["chair"], round=r, chosen=[n.pk for n in noms], meeting_ref="第5次委员会会议",
                          meeting_on=days_ago(meeting_days_ago))
    r.refresh_from_db()
    return r


def published(cast, starts_days_ago=19, **kw):
    r = decided(cast, **kw)
    return services.round_publish(actor=cast.users["chair"], round=r, starts_on=days_ago(starts_days_ago))


def final(cast, **kw):
    r = published(cast, **kw)
    return services.round_finalise(actor=cast.users["chair"], round=r, today=days_ago(5))
