from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, Card, MineItem, MineSection, cards_source, mine_source, warnings_source
from unionhome.funds.queries import balance_now, payout_requests_pending, year_totals
from unionhome.funds.queries_dues import dormant_members


@cards_source
def funds_cards(ctx):
    if ctx.union is None or not ctx.has("funds.view"):
        return []
    totals = year_totals(ctx.union, timezone.localdate().year)
    return [Card(_("经费结余"), _("%(value)s元") % {"value": totals['closing']}, reverse("funds:ledger"),
                 note=_("本年收入%(value)s元，支出%(value2)s元") % {"value": totals['income'], "value2": totals['expense']}, order=40)]


@warnings_source
def balance_warning(ctx):
    """Item 30: the accountant and the chair (who post and approve payments) see a balance below zero."""
    if ctx.union is None or not ctx.has("funds.post"):
        return []
    amount = balance_now(ctx.union, timezone.localdate())
    if amount >= 0:
        return []
    return [Alert("danger", "balance_negative",
                  _("经费结余为负（%(amount)s元）：支出已超过账上资金，请核对凭证、补记收入或暂停支出") % {"amount": amount},
                  reverse("funds:ledger"))]


@warnings_source
def payout_requests(ctx):
    """Item 37: payouts over a cap wait for the chair, who sees them here."""
    if ctx.union is None or not ctx.has("funds.override"):
        return []
    count = payout_requests_pending(ctx.union).count()
    if not count:
        return []
    return [Alert("warning", "payout_requests_pending", _("%(count)s项超限额慰问申请待您审批") % {"count": count},
                  reverse("funds:payout_new") + "#pending-requests")]


@warnings_source
def funds_warnings(ctx):
    if ctx.union is None or not (ctx.has("funds.dues") or ctx.has("funds.review")):
        return []
    count = len(dormant_members(ctx.union, today=timezone.localdate()))
    if not count:
        return []
    return [Alert("warning", "dues_dormant", _("%(count)s名会员连续6个月未缴会费且无活动记录，待委员会审查") % {"count": count},
                  reverse("funds:dues_review"))]


@mine_source
def my_dues(ctx, worker):
    from unionhome.funds.models import DuesPayment

    rows = DuesPayment.objects.filter(worker=worker).order_by("-month")[:24]
    items = [MineItem(p.paid_on, _("%(month)s 会费 %(amount)s 元") % {"month": f"{p.month:%Y-%m}", "amount": p.amount})
             for p in rows]
    return [MineSection("dues", _("会费缴纳"), items, order=20, empty=_("没有缴费记录"))]


@warnings_source
def national_rule_warnings(ctx):
    """Regulations §2.3: without the province's policy, gifts follow the national rule and wait for the chair;
    the officers who pay them are asked to have the policy entered, the chair to confirm what was paid."""
    from unionhome.funds.queries_policy import unconfirmed_payouts
    from unionhome.funds.services import policy_in_force

    if ctx.union is None or not (ctx.has("funds.post") or ctx.has("funds.policy_edit")):
        return []
    alerts = []
    if ctx.has("funds.override"):
        count = unconfirmed_payouts(ctx.union).count()
        if count:
            alerts.append(Alert("warning", "payouts_unconfirmed",
                                _("%(count)s笔慰问按全国规定发放，待主席确认") % {"count": count},
                                reverse("funds:payouts_unconfirmed")))
    if policy_in_force(ctx.union, timezone.localdate()) is None:
        url = reverse("funds:policies") if ctx.has("funds.policy_edit") else reverse("funds:policy")
        alerts.append(Alert("warning", "welfare_policy_missing",
                            _("本省没有施行中的福利政策，慰问暂按全国规定发放并待主席确认：请录入本省福利政策"), url))
    return alerts
