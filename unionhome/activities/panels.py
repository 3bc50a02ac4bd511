from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.activities.queries import upcoming_count
from unionhome.activities.queries_room import loan_overdue
from unionhome.core.panels import Alert, Card, cards_source, warnings_source


@warnings_source
def overdue_loans(ctx):
    if ctx.union is None or "room.manage" not in ctx.perms:
        return []
    n = loan_overdue(ctx.union).count()
    return [Alert("warning", "room_overdue", _("活动室有 %(n)s 件物品逾期未还") % {"n": n}, reverse("activities:room"))] if n else []


@cards_source
def upcoming_activities(ctx):
    if ctx.union is None or "activities.view" not in ctx.perms:
        return []
    n = upcoming_count(ctx.union)
    return [Card(_("近期活动"), str(n), reverse("activities:list"), note=_("点开即可报名"), order=40)]
