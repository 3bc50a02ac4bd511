from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.care import queries
from unionhome.core.panels import Alert, Card, cards_source, warnings_source


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
