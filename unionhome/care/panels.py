from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.care import queries
from unionhome.core.panels import Alert, Card, MineItem, MineSection, cards_source, mine_source, warnings_source


@warnings_source
def care_warnings(ctx):
    if ctx.union is None:
        return []
    today = timezone.localdate()
    alerts = []
    if ctx.has("care.view"):
        for gap in queries.festival_gaps(ctx.union, today=today):
            days = (gap.day - today).days
            if 0 <= days <= 30 and gap.retirees:
                alerts.append(Alert("warning", "care_retirees_not_visited",
                                    _("%(label)s（%(day)s）前还有 %(len)s 名退休职工未走访") % {"label": gap.label, "day": format(gap.day, '%m-%d'), "len": len(gap.retirees)},
                                    reverse("care:home")))
    if ctx.has("care.hardship"):
        due = queries.hardship_review_due(ctx.union, today=today)
        if due:
            alerts.append(Alert("warning", "care_hardship_review_due", _("%(len)s 份困难职工档案到期待复核") % {"len": len(due)},
                                reverse("care:hardship_list")))
    return alerts


@cards_source
def care_cards(ctx):
    if ctx.union is None or not ctx.has("care.view"):
        return []
    calendar = queries.care_calendar(ctx.union, today=timezone.localdate())
    return [Card(_("住院中的会员"), str(len(calendar.in_hospital)), reverse("care:home"), order=40),
            Card(_("本月生日"), str(len(calendar.birthdays)), reverse("care:home"), order=41)]


@mine_source
def my_care(ctx, worker):
    """Care that concerns the member: visits to them, help on their own file, health checks, donations, blood."""
    from unionhome.care.models import Assistance, BloodVolunteer, CareVisit, Donation, HealthCheckInvite

    visits = [MineItem(v.visited_on, v.get_kind_display(), note=v.gift)
              for v in CareVisit.objects.filter(worker=worker).order_by("-visited_on")[:20]]
    help_ = [MineItem(a.given_on, a.get_kind_display(), note=_("%(amount)s 元") % {"amount": a.amount})
             for a in Assistance.objects.filter(file__worker=worker).order_by("-given_on")[:20]]
    checks = [MineItem(i.attended_on or (i.slot.day if i.slot else None), i.campaign.name,
                       note=(f"{i.slot.starts_at:%H:%M} · " if i.slot else "") + i.get_status_display())
              for i in HealthCheckInvite.objects.filter(worker=worker).select_related("campaign", "slot")
              .order_by("-id")[:10]]
    giving = [MineItem(d.received_on or d.drive.opened_on, d.drive.name,
                       note=d.goods or _("%(amount)s 元") % {"amount": d.received or d.pledged})
              for d in Donation.objects.filter(worker=worker).select_related("drive").order_by("-id")[:10]]
    giving += [MineItem(b.drive.held_on, b.drive.name, note=b.get_outcome_display())
               for b in BloodVolunteer.objects.filter(worker=worker).select_related("drive").order_by("-id")[:10]]
    sections = [MineSection("care", _("慰问"), visits, order=30, empty=_("没有慰问记录"))]
    if help_:
        sections.append(MineSection("assistance", _("帮扶"), help_, order=31))
    if checks:
        sections.append(MineSection("health", _("体检"), checks, order=32))
    if giving:
        sections.append(MineSection("giving", _("捐赠与献血"), giving, order=33))
    return sections
