from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, MineItem, MineSection, mine_source, warnings_source
from unionhome.members import queries


@mine_source
def my_membership(ctx, worker):
    membership = getattr(worker, "membership", None)
    items = [MineItem(e.on, e.get_kind_display(), note=e.other_union or e.note) for e in queries.membership_history(worker)]
    if membership is None:
        note = _("尚未入会")
    else:
        note = _("会员证号 %(card)s · %(status)s（自 %(since)s）") % {
            "card": membership.card_number or "—", "status": membership.get_status_display(),
            "since": membership.status_since.isoformat()}
    return [MineSection("membership", _("会籍"), items, order=10, note=note,
                        url=reverse("members:my_contact"), empty=_("没有会籍变动记录"))]


@warnings_source
def join_applications_waiting(ctx):
    if ctx.union is None or not ctx.has("members.manage"):
        return []
    n = queries.join_applications(ctx.union).count()
    if not n:
        return []
    return [Alert("info", "members_join_applications", _("%(n)s 份入会申请待审批") % {"n": n},
                  reverse("members:join_list"))]
