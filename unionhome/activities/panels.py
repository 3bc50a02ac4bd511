from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.activities.queries import upcoming_count
from unionhome.activities.queries_room import loan_overdue
from unionhome.core.panels import Alert, Card, MineItem, MineSection, cards_source, mine_source, warnings_source


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


@mine_source
def my_activities(ctx, worker):
    from unionhome.activities.models import Loan, Signup

    signups = Signup.objects.filter(worker=worker).select_related("activity").order_by("-activity__starts_at")[:20]
    items = [MineItem(s.activity.starts_at.date(), s.activity.title,
                      url=reverse("activities:detail", args=[s.activity_id]),
                      note=_("已签到") if s.checked_in_at else s.get_status_display()) for s in signups]
    loans = [MineItem(loan.lent_on, str(loan.asset),
                      note=_("已归还") if loan.returned_on else _("借用中，%(due)s 前归还") % {"due": loan.due_on})
             for loan in Loan.objects.filter(worker=worker).select_related("asset").order_by("-id")[:10]]
    sections = [MineSection("activities", _("活动"), items, order=40, url=reverse("activities:mine"),
                            empty=_("还没有报名活动"))]
    if loans:
        sections.append(MineSection("loans", _("活动室借用"), loans, order=41))
    return sections
