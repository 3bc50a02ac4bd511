from django.urls import reverse

from unionhome.activities.queries import activity_list
from unionhome.activities.queries_room import loan_overdue
from unionhome.core.panels import Alert, Card, cards_source, warnings_source


@warnings_source
def overdue_loans(ctx):
    if ctx.union is None or "room.manage" not in ctx.perms:
        return []
    n = loan_overdue(ctx.union).count()
    return [Alert("warning", "room_overdue", f"活动室有 {n} 件物品逾期未还", reverse("activities:room"))] if n else []


@cards_source
def upcoming_activities(ctx):
    if ctx.union is None or "activities.view" not in ctx.perms:
        return []
    n = activity_list(ctx.union, upcoming=True).count()
    return [Card("近期活动", str(n), reverse("activities:list"), note="点开即可报名", order=40)]
