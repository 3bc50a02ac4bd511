import datetime as dt

from django.utils import timezone

from unionhome.activities.services import activity_create


def make_activity(cast, **kw):
    now = timezone.now()
    args = dict(actor=cast.users["chair"], union=cast.union, kind="sport", title="乒乓球赛",
                starts_at=now + dt.timedelta(days=7), ends_at=now + dt.timedelta(days=7, hours=3),
                signup_opens_at=now - dt.timedelta(days=1), signup_closes_at=now + dt.timedelta(days=5),
                place="职工活动中心", capacity=None)
    args.update(kw)
    return activity_create(**args)


def members(cast, *roles):
    return [cast.workers[r] for r in roles]
